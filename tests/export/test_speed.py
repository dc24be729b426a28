"""Speed of the exports (issue 5: 50k entries in under 1 s; issue 6: timesheet
and entries of a year in at most 1 s at 100k). Timing is noisy on shared
machines, so this runs only with `-m slow`; it measures the export itself, the
part this package owns (reading the data file is the store's)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.demo import generate
from citeslab_tui.core.model import Config
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render
from citeslab_tui.export.importer import parse_entries


def best_of(runs: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow
def test_export_50k_entries_under_a_second(config: Config) -> None:
    years = range(1990, 2023)
    calendar = WorkingCalendar(french_holidays(years), years=years)
    entries, porteurs = generate(
        config, 50_000, end=date(2022, 12, 31), is_working_day=calendar.is_working_day
    )
    whole = Period(entries[0].date, date(2022, 12, 31))
    files = []
    for dialect in ("excel-fr", "rfc4180"):
        request = ExportRequest("entries", whole, date(2023, 1, 2), dialect=dialect)

        def export(r: ExportRequest = request) -> None:
            files.extend(
                render(r, entries=entries, porteurs=porteurs, config=config, calendar=calendar)
            )

        seconds = best_of(3, export)
        assert files[-1].rows == 50_000
        assert seconds < 1.0, f"{dialect}: {seconds:.2f} s"
    year = Period.year(2022)

    def year_exports() -> None:
        for kind in ("timesheet", "entries"):
            render(
                ExportRequest(kind, year, date(2023, 1, 2)),
                entries=entries,
                porteurs=porteurs,
                config=config,
                calendar=calendar,
            )

    assert best_of(3, year_exports) < 1.0
    data = files[0].data
    start = time.perf_counter()
    assert len(parse_entries(data, config, set()).entries) == 50_000
    assert time.perf_counter() - start < 5.0  # import: no target, a sanity bound
