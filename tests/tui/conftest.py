"""A small fixed history for the TUI tests and snapshots: today is Tuesday
12 April 2022, a few weeks of entries before it, four porteurs. Everything is
deterministic (ids, timestamps) so the SVG snapshots are stable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notification, Notify

from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp, make_app

TODAY = date(2022, 4, 12)
STAMP = "2022-04-12T18:30:00"
# (type, pillar, territory, minutes, persons) cycled over the working days
PATTERN = [
    ("permanence", "prospection", "CCG", 180, 4),
    ("entretien", "preparation_orientation", "AA", 90, 1),
    ("atelier", "animation", "AA", 120, 10),
    ("suivi", "referent", "AA", 60, 1),
    ("prescripteur", "prospection", "AA", 120, 0),
    ("reseau", "animation", "AA", 90, 0),
    ("terrain", "prospection", "AA", 180, 0),
    ("orientation", "preparation_orientation", "CCG", 60, 1),
    ("reporting", "referent", "AA", 60, 0),
]


def entry(
    n: int, day: date, kind: str, pillar: str, territory: str, minutes: int, **kw: Any
) -> Entry:
    return Entry(
        id=f"{n:032x}",
        date=day,
        minutes=minutes,
        type=kind,
        pillar=pillar,
        territory=territory,
        created_at=STAMP,
        updated_at=STAMP,
        **kw,
    )


def history() -> list[Entry]:
    out: list[Entry] = []
    n = 1
    day = date(2022, 1, 17)
    while day < date(2022, 4, 11):
        if day.weekday() < 5:
            for start in (9, 11, 14):
                kind, pillar, terr, minutes, persons = PATTERN[n % len(PATTERN)]
                out.append(
                    entry(
                        n, day, kind, pillar, terr, minutes, persons=persons, start=time(start, 0)
                    )
                )
                n += 1
        day += timedelta(days=1)
    monday, tuesday = date(2022, 4, 11), TODAY
    out += [
        entry(
            899, date(2022, 3, 15), "comite_technique", "animation", "CCG", 120, start=time(17, 0)
        ),
        entry(
            900,
            monday,
            "permanence",
            "prospection",
            "CCG",
            150,
            start=time(9, 30),
            end=time(12, 0),
            qpv="QN07405M",
            persons=4,
            note="2 RDV pris",
        ),
        entry(
            901,
            monday,
            "entretien",
            "preparation_orientation",
            "AA",
            60,
            start=time(14, 0),
            porteurs=("P-2022-001",),
            persons=1,
        ),
        entry(
            902,
            tuesday,
            "atelier",
            "animation",
            "CCG",
            120,
            start=time(9, 0),
            persons=12,
            note="Lycée Mont-Blanc",
        ),
        entry(
            903,
            tuesday,
            "prescripteur",
            "prospection",
            "AA",
            90,
            start=time(14, 0),
            partner="France Travail",
        ),
        entry(904, tuesday, "reporting", "referent", "AA", 45, start=time(16, 0)),
    ]
    return out


def porteurs() -> list[Porteur]:
    def p(n: int, territory: str, steps: tuple[PathStep, ...], **kw: Any) -> Porteur:
        return Porteur(
            uuid=f"{1000 + n:032x}",
            id=f"P-2022-{n:03d}",
            territory=territory,
            steps=steps,
            created_at=STAMP,
            updated_at=STAMP,
            **kw,
        )

    return [
        p(
            1,
            "AA",
            (PathStep("accueilli", date(2022, 1, 20)), PathStep("amorcage", date(2022, 2, 15))),
            qpv_resident=True,
            qpv="QN07401M",
            profile="intentionniste",
        ),
        p(
            2,
            "CCG",
            (PathStep("accueilli", date(2022, 2, 1)),),
            qpv_resident=True,
            qpv="QN07405M",
            categories=("femme",),
        ),
        p(
            3,
            "CCG",
            (
                PathStep("accueilli", date(2022, 3, 3)),
                PathStep("oriente", date(2022, 3, 20), partner="ADIE"),
            ),
            profile="en_devenir",
        ),
        p(4, "AA", (), name="Mme [bold]Test[/]"),
    ]


@pytest.fixture
def seeded(store: Store) -> Store:
    store.seed(history(), porteurs())
    return store


@pytest.fixture
def build_app(seeded: Store, tmp_path: Path) -> Callable[[], CitesLabApp]:
    def build() -> CitesLabApp:
        return make_app(seeded, today=lambda: TODAY, export_dir=tmp_path / "exports")

    return build


@pytest.fixture
def app(build_app: Callable[[], CitesLabApp]) -> CitesLabApp:
    return build_app()


class Said:
    """What the app told the user: every notification posted while the app
    ran, seen through Textual's public `Notify` message. Pass it as the hook:
    `app.run_test(size=SIZE, message_hook=said)`; then `said.messages`."""

    def __init__(self) -> None:
        self.notifications: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notifications.append(message.notification)

    @property
    def messages(self) -> list[str]:
        return [n.message for n in self.notifications]

    def any(self, text: str) -> bool:
        """Was `text` part of a notification?"""
        return any(text in m for m in self.messages)


@pytest.fixture
def said() -> Said:
    return Said()


def reopen(store: Store, config: Config) -> Store:
    """What another process would read from the file."""
    return Store.open(store.path, config, readonly=True)
