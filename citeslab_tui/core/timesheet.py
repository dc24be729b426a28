"""The feuille de temps: time per day, territory and pillar, with the monthly and
period totals, the share of each territory and pillar, and the resulting ETP.

A timesheet for the funders covers *all* of the person's working time (DOMAIN.md,
"Timesheets for the funders"): every working day of the period appears, even
with nothing logged (an absence shows as a day at zero), and so does every day
with logged time that is not a working day (a Saturday salon, a holiday event),
marked as such rather than dropped — its minutes are part of the totals.

Figures are integer minutes; hours exist only when a figure is printed.

Time outside the four pillars (DOMAIN.md, "Not all working time is a pillar")
has its own columns, one per configured action type of that kind, the way an
auditor reads a timesheet:
- **formation** (training, CitésLab network days) is working time: it counts in
  its territory's hours, the day's total, the shares and the ETP, but not in the
  pillar split;
- **absences** (congé, RTT, maladie…) are not working time: they are shown per
  day (on the day's first shown row, whatever territory they were logged on —
  an absence is the person's, not a territory's) and in the totals apart, and
  count in no territory's hours, share or ETP.
So the working time of a sheet (its `Total`) is pillar time + formation, which
is `citeslab report`'s hours logged; the absences are read beside it.

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
from citeslab_tui.core.model import KIND_ABSENCE, KIND_FORMATION, Config, Entry
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
    """One day on one territory: minutes per pillar (`Timesheet.pillars` order),
    per training type (`Timesheet.formation`) and, on the day's first row, per
    absence type (`Timesheet.absences`)."""

    day: date
    territory: str
    minutes: tuple[int, ...]
    kind: str = WORKING  # WORKING, SATURDAY, SUNDAY or HOLIDAY
    formation: tuple[int, ...] = ()
    absences: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        """The working time of the row: pillars and training, not absences."""
        return sum(self.minutes) + sum(self.formation)

    @property
    def work(self) -> tuple[int, ...]:
        """The working-time cells in column order: pillars, then training."""
        return self.minutes + self.formation

    @property
    def absence_total(self) -> int:
        return sum(self.absences)


@dataclass(frozen=True, slots=True)
class Totals:
    """The totals of a span (a month or the whole period)."""

    period: Period
    working_days: int
    full_time_minutes: float  # what 1 ETP works in the span
    by_territory: dict[str, int]  # working time, every territory (shown or not)
    by_pillar: dict[str, int]  # over the shown territories
    # (territory, pillar or training type), over the shown territories
    by_cell: dict[tuple[str, str], int] = field(default_factory=dict)
    shown: tuple[str, ...] = ()  # the shown territories
    by_formation: dict[str, int] = field(default_factory=dict)  # over the shown territories
    by_absence: dict[str, int] = field(default_factory=dict)  # the person's, every day

    @property
    def absence_minutes(self) -> int:
        return sum(self.by_absence.values())

    @property
    def pillar_minutes(self) -> int:
        """The pillar time of the shown territories (the base of the split)."""
        return sum(self.by_pillar.values())

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
        """Share of the pillar time (training and absences left out)."""
        whole = self.pillar_minutes
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
    formation: tuple[str, ...] = ()  # training type keys, in column order
    absences: tuple[str, ...] = ()  # absence type keys, in column order

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
    # Columns: pillars, training types, absence types (configured first; keys
    # found in entries but no longer configured are appended, no minute lost).
    columns = {
        "pillar": list(config.pillar_keys),
        KIND_FORMATION: [t.key for t in config.action_types if t.kind == KIND_FORMATION],
        KIND_ABSENCE: [t.key for t in config.action_types if t.kind == KIND_ABSENCE],
    }
    index = {kind: {k: i for i, k in enumerate(keys)} for kind, keys in columns.items()}
    territories = list(config.territory_codes)
    # (day, territory) -> [pillar minutes, training minutes]; every territory,
    # for the shares. day -> absence minutes.
    cells: dict[tuple[date, str], tuple[list[int], list[int]]] = {}
    absent: dict[date, list[int]] = {}
    for e in entries:
        d = e.date
        if d < start or d > end:
            continue
        kind = e.pillar if e.pillar in (KIND_FORMATION, KIND_ABSENCE) else "pillar"
        key = e.type if kind != "pillar" else e.pillar
        i = index[kind].get(key)
        if i is None:  # no longer configured: keep its minutes in a column of its own
            i = index[kind][key] = len(columns[kind])
            columns[kind].append(key)
        if kind == KIND_ABSENCE:
            values = absent.get(d)
            if values is None:
                values = absent[d] = []
        else:
            cell = cells.get((d, e.territory))
            if cell is None:
                cell = cells[(d, e.territory)] = ([], [])
            values = cell[kind == KIND_FORMATION]
        if len(values) <= i:
            values.extend([0] * (i + 1 - len(values)))
        values[i] += e.minutes
    pillars, formation, absences = (
        columns["pillar"],
        columns[KIND_FORMATION],
        columns[KIND_ABSENCE],
    )

    def padded(values: list[int] | None, width: int) -> tuple[int, ...]:
        values = values or []
        return tuple(values) + (0,) * (width - len(values))

    known = set(territories)
    territories += sorted({t for _, t in cells} - known)
    shown = tuple(territories) if territory is None else (territory,)
    shown_set = set(shown)

    months: list[MonthSheet] = []
    logged_days = {d for d, t in cells if t in shown_set} | set(absent)
    for span in period.months():
        rows: list[TimesheetRow] = []
        for day in span.days():
            kind = day_kind(day, calendar)
            if kind != WORKING and day not in logged_days:
                continue
            for n, code in enumerate(shown):
                found = cells.get((day, code))
                rows.append(
                    TimesheetRow(
                        day,
                        code,
                        padded(found[0] if found else None, len(pillars)),
                        kind,
                        padded(found[1] if found else None, len(formation)),
                        padded(absent.get(day) if n == 0 else None, len(absences)),
                    )
                )
        months.append(
            MonthSheet(
                span,
                tuple(rows),
                _totals(span, cells, absent, columns, territories, shown, config, calendar),
            )
        )
    return Timesheet(
        period=period,
        territories=shown,
        pillars=tuple(pillars),
        months=tuple(months),
        totals=_totals(period, cells, absent, columns, territories, shown, config, calendar),
        territory=territory,
        formation=tuple(formation),
        absences=tuple(absences),
    )


def _totals(
    span: Period,
    cells: dict[tuple[date, str], tuple[list[int], list[int]]],
    absent: dict[date, list[int]],
    columns: dict[str, list[str]],
    territories: list[str],
    shown: tuple[str, ...],
    config: Config,
    calendar: WorkingCalendar,
) -> Totals:
    by_territory = dict.fromkeys(territories, 0)
    by_cell: dict[tuple[str, str], int] = {}
    shown_set = set(shown)
    pillars, formation = columns["pillar"], columns[KIND_FORMATION]
    for (day, code), (pillar_values, formation_values) in cells.items():
        if span.start <= day <= span.end:
            by_territory[code] += sum(pillar_values) + sum(formation_values)
            if code in shown_set:
                for keys, values in ((pillars, pillar_values), (formation, formation_values)):
                    for key, m in zip(keys, values, strict=False):
                        if m:
                            by_cell[(code, key)] = by_cell.get((code, key), 0) + m
    by_absence = dict.fromkeys(columns[KIND_ABSENCE], 0)
    for day, values in absent.items():
        if span.start <= day <= span.end:
            for key, m in zip(columns[KIND_ABSENCE], values, strict=False):
                by_absence[key] += m
    return Totals(
        period=span,
        working_days=calendar.working_days(span),
        full_time_minutes=full_time_minutes(config, calendar, span),
        by_territory=by_territory,
        by_pillar={key: sum(by_cell.get((c, key), 0) for c in shown) for key in pillars},
        by_cell=by_cell,
        shown=shown,
        by_formation={key: sum(by_cell.get((c, key), 0) for c in shown) for key in formation},
        by_absence=by_absence,
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
