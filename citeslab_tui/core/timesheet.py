"""The feuille de temps: time per day, territory and pillar, with the monthly and
period totals, the share of each territory and pillar, and the resulting ETP.

A timesheet for the funders covers *all* of the person's working time (DOMAIN.md,
"Timesheets for the funders"): every working day of the period appears, even
with nothing logged (an absence shows as a day at zero), and so does every day
with logged time that is not a working day (a Saturday salon, a holiday event),
marked as such rather than dropped — its minutes are part of the totals.

Figures are integer minutes; hours exist only when a figure is printed.

Definitions, chosen so that every figure can be recomputed by hand:
- **rows**: one per shown day and per shown territory (all configured territories
  by default, or the one asked), in calendar order then configuration order.
  A shown day is a working day of the period or a day with logged time in a
  shown territory. Territories or pillars found in entries but no longer in
  the configuration are kept (appended), so no minute is ever lost.
- **share of a territory** = its minutes ÷ the minutes of all territories over
  the same span (so a CCG-only timesheet still says which part of the whole
  working time went to the CCG). **Share of a pillar**: same, over the shown
  territories.
- **ETP** of a territory over a span = its minutes ÷ the minutes one full-time
  person works in that span, i.e. `annual_hours × 60 × Σ over calendar years of
  (working days of the span in that year ÷ working days of that year)`. Over a
  whole year that is minutes ÷ (1607 × 60): 321.4 h on the CCG in 2022 is 0.2
  ETP. This is the same proration as the indicators' "hours expected".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period

WORKING = ""
SATURDAY = "samedi"
SUNDAY = "dimanche"
HOLIDAY = "jour férié"


def day_kind(day: date, calendar: WorkingCalendar) -> str:
    """`""` for a working day, else why it is not one (French, shown in exports)."""
    if calendar.is_working_day(day):
        return WORKING
    if day.weekday() == 5:
        return SATURDAY
    if day.weekday() == 6:
        return SUNDAY
    return HOLIDAY


def full_time_minutes(config: Config, calendar: WorkingCalendar, period: Period) -> float:
    """Minutes one full-time person (1 ETP) works in `period`, prorated by
    working days year by year (see the module docstring)."""
    total = 0.0
    for year in period.years():
        start = max(period.start, date(year, 1, 1))
        end = min(period.end, date(year, 12, 31))
        in_year = calendar.working_days_in_year(year)
        if in_year:
            total += calendar.working_days_between(start, end) / in_year
    return config.annual_hours * 60 * total


@dataclass(frozen=True, slots=True)
class TimesheetRow:
    """One day on one territory: minutes per pillar, in `Timesheet.pillars` order."""

    day: date
    territory: str
    minutes: tuple[int, ...]
    kind: str = WORKING  # WORKING, SATURDAY, SUNDAY or HOLIDAY

    @property
    def total(self) -> int:
        return sum(self.minutes)

    @property
    def working_day(self) -> bool:
        return self.kind == WORKING


@dataclass(frozen=True, slots=True)
class Totals:
    """The totals of a span (a month or the whole period)."""

    period: Period
    working_days: int
    full_time_minutes: float  # what 1 ETP works in the span
    by_territory: dict[str, int]  # every territory (shown or not)
    by_pillar: dict[str, int]  # over the shown territories
    by_cell: dict[tuple[str, str], int] = field(default_factory=dict)  # (territory, pillar)
    shown: tuple[str, ...] = ()  # the shown territories

    @property
    def minutes(self) -> int:
        """Minutes of the shown territories: the sum of the rows' totals."""
        return sum(self.by_territory.get(t, 0) for t in self.shown)

    @property
    def all_minutes(self) -> int:
        """Minutes of every territory: the whole working time logged."""
        return sum(self.by_territory.values())

    def territory_share(self, code: str) -> float | None:
        """Share of all logged time spent on `code`; None when nothing was logged."""
        whole = self.all_minutes
        return self.by_territory.get(code, 0) / whole if whole else None

    def pillar_share(self, key: str) -> float | None:
        whole = self.minutes
        return self.by_pillar.get(key, 0) / whole if whole else None

    def etp(self, code: str | None = None) -> float | None:
        """ETP spent on `code` (or on the shown territories); None for an empty span."""
        if not self.full_time_minutes:
            return None
        spent = self.minutes if code is None else self.by_territory.get(code, 0)
        return spent / self.full_time_minutes


@dataclass(frozen=True, slots=True)
class MonthSheet:
    period: Period  # the calendar month clamped to the timesheet's period
    rows: tuple[TimesheetRow, ...]
    totals: Totals


@dataclass(frozen=True, slots=True)
class Timesheet:
    period: Period
    territories: tuple[str, ...]  # the shown territories, in order
    pillars: tuple[str, ...]  # pillar keys, in column order
    months: tuple[MonthSheet, ...]
    totals: Totals
    territory: str | None = None  # the territory filter, if any

    @property
    def rows(self) -> list[TimesheetRow]:
        return [row for month in self.months for row in month.rows]


def build_timesheet(
    entries: Iterable[Entry],
    config: Config,
    period: Period,
    calendar: WorkingCalendar,
    territory: str | None = None,
) -> Timesheet:
    """The timesheet of `period` (see the module docstring). `calendar` must cover
    the years of `period`; entries outside `period` are ignored."""
    start, end = period.start, period.end
    pillars = list(config.pillar_keys)
    territories = list(config.territory_codes)
    pillar_index = {p: i for i, p in enumerate(pillars)}
    # (day, territory) -> minutes per pillar; every territory, for the shares.
    cells: dict[tuple[date, str], list[int]] = {}
    width = len(pillars)
    for e in entries:
        d = e.date
        if d < start or d > end:
            continue
        i = pillar_index.get(e.pillar)
        if i is None:  # a pillar no longer configured: keep its minutes
            i = pillar_index[e.pillar] = len(pillars)
            pillars.append(e.pillar)
            width += 1
            for values in cells.values():
                values.append(0)
        key = (d, e.territory)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = [0] * width
        cell[i] += e.minutes
    known = set(territories)
    territories += sorted({t for _, t in cells} - known)
    shown = tuple(territories) if territory is None else (territory,)
    shown_set = set(shown)
    empty = (0,) * width

    months: list[MonthSheet] = []
    logged_days = {d for d, t in cells if t in shown_set}
    for span in period.months():
        rows: list[TimesheetRow] = []
        for day in span.days():
            kind = day_kind(day, calendar)
            if kind != WORKING and day not in logged_days:
                continue
            for code in shown:
                found = cells.get((day, code))
                rows.append(TimesheetRow(day, code, tuple(found) if found else empty, kind))
        months.append(
            MonthSheet(
                span,
                tuple(rows),
                _totals(span, cells, pillars, territories, shown, config, calendar),
            )
        )
    return Timesheet(
        period=period,
        territories=shown,
        pillars=tuple(pillars),
        months=tuple(months),
        totals=_totals(period, cells, pillars, territories, shown, config, calendar),
        territory=territory,
    )  # fmt: skip


def _totals(
    span: Period,
    cells: dict[tuple[date, str], list[int]],
    pillars: list[str],
    territories: list[str],
    shown: tuple[str, ...],
    config: Config,
    calendar: WorkingCalendar,
) -> Totals:
    by_territory = dict.fromkeys(territories, 0)
    by_cell: dict[tuple[str, str], int] = {}
    shown_set = set(shown)
    for (day, code), values in cells.items():
        if span.start <= day <= span.end:
            by_territory[code] += sum(values)
            if code in shown_set:
                for key, m in zip(pillars, values, strict=False):
                    if m:
                        by_cell[(code, key)] = by_cell.get((code, key), 0) + m
    by_pillar = {key: sum(by_cell.get((code, key), 0) for code in shown) for key in pillars}
    return Totals(
        period=span,
        working_days=calendar.working_days(span),
        full_time_minutes=full_time_minutes(config, calendar, span),
        by_territory=by_territory,
        by_pillar=by_pillar,
        by_cell=by_cell,
        shown=shown,
    )


def timesheet_warnings(config: Config, period: Period, territory: str | None) -> list[str]:
    """What would make a timesheet unfit to sign, said before it is written: no
    person or manager name (blank `Nom :` under the signatures), or days of the
    period that no convention covers (for that territory, when one is asked)."""
    out: list[str] = []
    if not config.person.strip():
        out.append("le nom de la personne (salarié·e) n'est pas renseigné")
    if not config.manager.strip():
        out.append("le nom du ou de la responsable n'est pas renseigné")
    covering = [
        c
        for c in config.conventions
        if c.start <= period.end
        and c.end >= period.start
        and (territory is None or c.territory in (None, territory))
    ]
    if not covering:
        out.append(
            f"aucune convention ne couvre la période du {period.start:%d/%m/%Y} "
            f"au {period.end:%d/%m/%Y}"
        )
    else:
        first = min(c.start for c in covering)
        last = max(c.end for c in covering)
        if first > period.start or last < period.end:
            out.append(
                f"les conventions ne couvrent que du {max(first, period.start):%d/%m/%Y} "
                f"au {min(last, period.end):%d/%m/%Y} de cette période"
            )
    return out
