"""Demo data (`citeslab demo`, the welcome's "explorer avec des données de
démonstration"): a plausible person's history (core/demo.py) written in one go
into an empty data file.

By default the history covers the whole years of the configured conventions
(2021–2023 for the CitésLab Genevois), so that `report --year 2022` of a fresh
demo speaks of a year its convention covers; the welcome's demo runs on to
today, so that the journal and the dashboard of the current year are not empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import NamedTuple

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.demo import default_span, make
from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.store import Store


class DemoWritten(NamedTuple):
    entries: int
    porteurs: int
    first: date
    last: date
    density: float = 1.0
    """1.0: a realistic history; more: days made denser to start no earlier
    than 2000 (core.demo.make)."""
    days: int = 0
    """Days holding an entry."""


def write_demo(
    store: Store,
    today: date,
    *,
    entries: int | None = None,
    seed: int = 2022,
    to_today: bool = False,
) -> DemoWritten:
    """Fill the empty `store` with a demo history: the conventions' years (to
    `today` when `to_today`), or exactly `entries` entries ending there."""
    if not store.is_empty():
        raise ValidationFailed(
            f"{store.path} n'est pas vide : choisissez un autre fichier avec --db"
        )
    start, end = default_span(store.config, today)
    if to_today:
        end = today
    made = make(
        store.config,
        entries,
        start=start if entries is None else None,
        end=end,
        is_working_day=working_day_any_year(),
        seed=seed,
    )
    store.seed(made.entries, made.porteurs)
    first = made.entries[0].date if made.entries else end
    days = len({e.date for e in made.entries})
    return DemoWritten(len(made.entries), len(made.porteurs), first, end, made.density, days)


def working_day_any_year() -> Callable[[date], bool]:
    """Whether a day is worked, in whatever year the generator reaches: with
    `--entries N` it goes back as far as N entries need, which no estimate made
    beforehand bounds (`--entries 100000` went past one and failed). Each year's
    holidays come from the rule itself, not the per-user cache file, which the
    demo would otherwise rewrite once per year it reaches."""

    @cache
    def calendar(year: int) -> WorkingCalendar:
        return WorkingCalendar(french_holidays([year]), years=[year])

    return lambda day: calendar(day.year).is_working_day(day)
