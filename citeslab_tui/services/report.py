"""The indicators of a period: what to read (core.indicators.inputs), read it,
the working calendar of its years, then core.indicators.report.

The TUI reads on its thread and computes in a worker, so the chain is offered
in two halves (`read`, `compute`) as well as whole (`report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from citeslab_tui.core.indicators import Report, inputs
from citeslab_tui.core.indicators import report as indicators_report
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.publics import with_named
from citeslab_tui.holiday_cache import calendar_for
from citeslab_tui.services.common import territory_code
from citeslab_tui.store import Store

WEEKS = 12  # the weekly series of the report: the last twelve weeks


@dataclass(frozen=True, slots=True)
class ReportData:
    """What a report of `period` as of `as_of` reads from the store."""

    period: Period
    as_of: date
    entries: list[Entry]
    porteurs: list[Porteur]
    weeks: int = WEEKS
    today: date | None = None  # known: the period's days after it are days to check


def read(
    store: Store, period: Period, as_of: date, *, weeks: int = WEEKS, today: date | None = None
) -> ReportData:
    """Read only what the report needs (the period, and the weeks before `as_of`)."""
    needs = inputs(period, as_of, weeks=weeks)
    entries = store.entries_in(needs.entry_ranges)
    window = needs.porteur_range
    porteurs = with_named(store.porteurs(*window), entries, window, store.porteurs)
    return ReportData(period, as_of, entries, porteurs, weeks, today)


def compute(data: ReportData, config: Config, territory: str | None = None) -> Report:
    """The report from data already read (may load the holidays library: run it
    off the UI thread)."""
    calendar = calendar_for(data.period.years())
    return indicators_report(
        data.entries,
        data.porteurs,
        config,
        data.period,
        data.as_of,
        calendar,
        territory,
        weeks=data.weeks,
        today=data.today,
    )


def report(
    store: Store,
    period: Period,
    as_of: date,
    territory: str | None = None,
    *,
    today: date | None = None,
) -> Report:
    """Every indicator of `period` as of `as_of`, for one territory as typed
    (`ccg`, `@CCG`) or all; with `today`, the days to check include the
    period's days after it."""
    code = territory_code(store.config, territory)
    return compute(read(store, period, as_of, today=today), store.config, code)
