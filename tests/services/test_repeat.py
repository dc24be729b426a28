"""« Copier la veille »: a day's entries copied to another day as one change."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Entry
from citeslab_tui.services.repeat import copy_day, previous_day_with_entries
from citeslab_tui.store import Store

STAMP = "2026-11-20T18:00:00"


def entry(n: int, day: date, kind: str = "entretien", **kw: Any) -> Entry:
    base: dict[str, Any] = dict(minutes=60, pillar="preparation_orientation", territory="AA")
    base.update(kw)
    return Entry(id=f"{n:032x}", date=day, type=kind, created_at=STAMP, updated_at=STAMP, **base)


FRIDAY, MONDAY = date(2026, 11, 20), date(2026, 11, 23)


@pytest.fixture
def week(store: Store) -> Store:
    store.seed(
        [
            entry(1, date(2026, 11, 19)),
            entry(
                2,
                FRIDAY,
                "permanence",
                pillar="prospection",
                territory="CCG",
                minutes=180,
                start=time(9),
                end=time(12),
                qpv="QN07405M",
            ),
            entry(3, FRIDAY, start=time(14), end=time(15), note="RDV"),
        ],
        [],
    )
    return store


def test_the_previous_worked_day_is_copied_as_one_undoable_change(week: Store) -> None:
    assert previous_day_with_entries(week, MONDAY) == FRIDAY  # over the weekend
    copied = copy_day(week, None, MONDAY)
    assert (copied.source, copied.skipped, len(copied.added)) == (FRIDAY, 0, 2)
    monday = week.entries(MONDAY, MONDAY)
    assert sorted((e.type, e.start, e.minutes, e.qpv, e.note) for e in monday) == [
        ("entretien", time(14), 60, None, "RDV"),
        ("permanence", time(9), 180, "QN07405M", ""),
    ]
    assert {e.id for e in monday}.isdisjoint({f"{n:032x}" for n in (2, 3)})
    assert len(week.entries(FRIDAY, FRIDAY)) == 2  # the source is untouched
    assert "copie des entrées du 20/11/2026 au 23/11/2026" in str(week.undo())
    assert week.entries(MONDAY, MONDAY) == []


def test_copying_twice_copies_nothing_twice(week: Store) -> None:
    copy_day(week, FRIDAY, MONDAY)
    again = copy_day(week, FRIDAY, MONDAY)
    assert (again.added, again.skipped) == ([], 2)
    assert len(week.entries(MONDAY, MONDAY)) == 2


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (date(2026, 11, 21), MONDAY, "aucune entrée le 21/11/2026"),
        (FRIDAY, FRIDAY, "le jour à copier est le jour choisi"),
        (None, date(2026, 11, 19), "aucune entrée dans le mois précédent"),
    ],
)
def test_nothing_to_copy(week: Store, source: date | None, target: date, message: str) -> None:
    with pytest.raises(CitesLabError, match=message):
        copy_day(week, source, target)
