"""The indicators a manager and the funders look at: time spent per territory
against its ETP allocation, the split per pillar against the indicative split,
the livrables of the conventions, and the breakdowns of porteurs.

Pure and fast: one pass over the entries (50 000 entries in well under 50 ms),
integer minutes throughout, hours only in `report_to_json` and the views.

Conventions, chosen so every figure can be recomputed by hand:
- **What counts** is what happened from the start of the period up to `as_of`
  included (entries, path steps): a report "as of" a date shows the situation
  on that date.
- **Expected minutes** of a territory over a span = Σ over its dated
  allocations of ETP × annual hours × 60 × Σ over calendar years (working days
  of the span inside the allocation in that year ÷ working days of that year),
  rounded to the nearest minute (`citeslab_tui.core.allocation`). "To date" is
  the same span cut at `as_of`.
- **Gap in days** = gap in minutes ÷ a full-time working day, that day being
  annual hours ÷ working days of the year (1607 h ÷ 253 ≈ 6.35 h in 2022), the
  year being that of `as_of` (brought inside the period). The gap is positive
  when more was logged than expected.
- **Livrables** are computed on the period clamped to their convention; their
  targets and statuses follow `citeslab_tui.core.livrables`.
  Entry-based livrables count occurrences, not time (`core.occurrences`).
- **QPV share**, **publics** and **path** follow `citeslab_tui.core.publics`
  (porteurs accompanied in the window; over every territory for a livrable
  without one; over the territory filter, if any, for the report's own figures).
- **Porteurs breakdowns** count the porteurs with a path step in the window (or,
  without any step, created in it), at their stage on the last day counted.
  Orientations count every `oriente` step in the window, per partner.
- **Money** per convention and year follows `citeslab_tui.core.money`.

`report` runs in phases, each a function below: plan the livrables and money
counters, one pass over the entries, then territories, livrables, porteurs.

The result records are NamedTuples, not dataclasses: every `citeslab report`
process defines them, and a dataclass costs ~0.6 ms to create; for the same
reason annotations are not postponed here (see core/model.py).
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, NamedTuple

from citeslab_tui.core.allocation import (
    NonPillar,
    allocated_shares,
    expected_minutes,
    logged_shares,
    month_window,
    non_pillar,
    round_minutes,
)
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.livrables import (
    AHEAD,
    ENTRY_KINDS,
    LATE,
    ON_TRACK,
    REACHED,
    STATUSES,
    cadence_on,
    elapsed_share,
    livrable_status,
    livrable_target,
    next_due,
    share_status,
)
from citeslab_tui.core.model import (
    KIND_ABSENCE,
    NON_PILLAR_KINDS,
    Config,
    Convention,
    Entry,
    Livrable,
    Porteur,
)
from citeslab_tui.core.money import MoneyCounter, MoneyYear, money_counters, money_json, money_year
from citeslab_tui.core.occurrences import DEFAULT_DAY_HOURS, EntryCounter
from citeslab_tui.core.period import Period
from citeslab_tui.core.plausibility import DayCheck, days_to_check
from citeslab_tui.core.publics import (
    OUTSIDE_QPV,
    PARTNER_UNSPECIFIED,
    QPV_SHARE_LABEL,
    QPV_UNSPECIFIED,
    Contacts,
    Path,
    PorteurBreakdown,
    Publics,
    QpvShare,
    accompanied_rule,
    breakdown,
    path,
    path_json,
    publics,
    publics_json,
    qpv_share,
)

__all__ = [
    "AHEAD",
    "LATE",
    "ON_TRACK",
    "OUTSIDE_QPV",
    "PARTNER_UNSPECIFIED",
    "QPV_UNSPECIFIED",
    "REACHED",
    "STATUSES",
    "LivrableFigures",
    "MoneyYear",
    "Path",
    "PillarFigures",
    "PorteurBreakdown",
    "Publics",
    "QpvShare",
    "Report",
    "TerritoryFigures",
    "WeekMinutes",
    "report",
    "report_to_json",
]


class PillarFigures(NamedTuple):
    key: str
    label: str
    minutes: int
    share: float | None  # of the minutes of its scope; None when nothing was logged
    target_share: float  # the indicative share (0 for a pillar no longer configured)
    drift_points: float | None  # (share - target_share) × 100


class TerritoryFigures(NamedTuple):
    code: str
    name: str
    etp: float
    minutes_logged: int
    minutes_expected: int  # over the whole period
    minutes_expected_to_date: int  # from the start of the period to as_of
    gap_minutes: int  # logged - expected to date
    gap_days: float  # gap in full-time working days (see module docstring)
    pillars: tuple[PillarFigures, ...]
    # The expected hours before rounding to the minute (what the JSON prints,
    # so that 0.2 × 1607 × 89/251 reads 113.96 h and not 6838 min = 113.97 h).
    hours_expected: float = 0.0
    hours_expected_to_date: float = 0.0
    # Time outside the pillars (core.allocation): training on this territory
    # (counted in minutes_logged) and the absences' share taken off its
    # expected minutes (exact minutes).
    formation_minutes: int = 0
    absence_minutes: float = 0.0
    # Share of the working time logged on every territory, from the start of the
    # period to as_of, against the share of the ETP allocated over the same days;
    # the same over the last month (Report.month). None: nothing logged/allocated.
    share: float | None = None
    target_share: float | None = None
    month_share: float | None = None
    month_target_share: float | None = None

    def pillar_minutes(self) -> dict[str, int]:
        return {p.key: p.minutes for p in self.pillars}


class LivrableFigures(NamedTuple):
    key: str
    label: str
    territory: str | None
    convention: str
    kind: str  # the metric kind
    period: Period  # the report's period clamped to the convention
    target: float | None  # a whole number for counts; None when no year has a target
    actual: float | None  # an int for counts; a share for qpv_share (None: nobody received)
    expected_to_date: float | None
    projection: float | None  # at the current pace, to the end of `period`
    status: str | None  # one of STATUSES, None without target or data
    elapsed_share: float  # working days elapsed ÷ working days of `period`
    numerator: int | None = None  # qpv_share: porteurs from a QPV
    denominator: int | None = None  # qpv_share: porteurs accompanied
    target_rule: str = ""  # how the target was obtained (core/livrables.py)
    held_on: tuple[date, ...] = ()  # count_entries / sum_persons: the days held
    governance: bool = False  # a comité (COPIL, COTECH)
    # the longest gap between two comités, in force on the day of the last one
    # held (or the window's start): core.livrables.cadence_on
    cadence_months: int | None = None
    cadence: str = ""  # the cadence as the documents say it


class WeekMinutes(NamedTuple):
    year: int  # ISO year
    week: int  # ISO week
    monday: date
    minutes: int


class Report(NamedTuple):
    period: Period
    as_of: date
    territory: str | None  # the territory filter, if any
    working_days: int  # in the period
    elapsed_working_days: int  # from the start of the period to as_of
    day_minutes: float  # the full-time working day used for gap_days
    minutes_logged: int
    minutes_expected: int
    minutes_expected_to_date: int
    territories: tuple[TerritoryFigures, ...]
    pillars: tuple[PillarFigures, ...]  # over the territories in scope
    livrables: tuple[LivrableFigures, ...]
    qpv_share: QpvShare
    porteurs: PorteurBreakdown
    weekly: tuple[WeekMinutes, ...]  # oldest first, the last one holds as_of
    publics: Publics
    path: Path
    money: tuple[MoneyYear, ...]  # per convention and year of the period
    qpv_share_label: str = QPV_SHARE_LABEL
    # Absences of the period to as_of (minutes per action type) and the window of
    # the territories' month shares; `pillars` covers pillar time only.
    absences_by_type: dict[str, int] = {}  # noqa: RUF012 (NamedTuple default, never mutated)
    month: tuple[date, date] | None = None
    # The days `citeslab check` flags (core.plausibility), among those the report covers.
    days_to_check: tuple[DayCheck, ...] = ()

    @property
    def elapsed_share(self) -> float:
        if self.working_days == 0:
            return 1.0 if self.as_of >= self.period.end else 0.0
        return self.elapsed_working_days / self.working_days

    def territory_figures(self, code: str) -> TerritoryFigures | None:
        return next((t for t in self.territories if t.code == code), None)

    def livrable(self, key: str) -> LivrableFigures | None:
        return next((lv for lv in self.livrables if lv.key == key), None)


# --------------------------------------------------------------------------- helpers


def _pillar_figures(minutes: dict[str, int], config: Config) -> tuple[PillarFigures, ...]:
    total = sum(minutes.values())
    known = {p.key for p in config.pillars}
    rows = [(p.key, p.label, p.share) for p in config.pillars]
    rows += [(k, k, 0.0) for k in sorted(minutes) if k not in known]
    out = []
    for key, label, target in rows:
        m = minutes.get(key, 0)
        share = m / total if total else None
        drift = (share - target) * 100 if share is not None else None
        out.append(PillarFigures(key, label, m, share, target, drift))
    return tuple(out)


# --------------------------------------------------------------------------- report


class Inputs(NamedTuple):
    """The only data `report` can count, so that callers read no more: entries
    of `entry_ranges` (the period, and the weeks up to as-of for the weekly
    figures) and porteurs with a step (or creation) in `porteur_range`."""

    entry_ranges: tuple[tuple[date, date], ...]
    porteur_range: tuple[date, date]


def _weeks_start(as_of: date, weeks: int) -> date:
    """Monday of the first of the last `weeks` ISO weeks, the last one holding as_of."""
    return as_of - timedelta(days=as_of.weekday() + 7 * (max(weeks, 1) - 1))


def inputs(period: Period, as_of: date, *, weeks: int = 12) -> Inputs:
    """What `report(…, period, as_of, weeks=weeks)` needs from the store."""
    week_start = _weeks_start(as_of, weeks)
    ranges = [(period.start, period.end)]
    if week_start < period.start or as_of > period.end:
        ranges.append((week_start, as_of))
    stop = max(period.start, min(period.end, as_of))
    return Inputs(tuple(ranges), (period.start, stop))


class _Plan(NamedTuple):
    """A livrable to compute: its convention, its window, its counter if it
    counts entries."""

    livrable: Livrable
    convention: Convention
    window: Period
    counter: EntryCounter | None


class _Scan(NamedTuple):
    """What the single pass over the entries gathered."""

    minutes: dict[tuple[str, str], int]  # (territory, pillar) → minutes, in scope
    weekly: list[int]
    outside: list[Entry]  # training and absences (core.allocation)
    worked: dict[str, int]  # working minutes of every territory, for the shares
    month_worked: dict[str, int]  # the same over the last month
    met: dict[str, list[date]]  # porteur id → days of the entries naming them


def report(
    entries: Iterable[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    period: Period,
    as_of: date,
    calendar: WorkingCalendar,
    territory: str | None = None,
    *,
    weeks: int = 12,
    today: date | None = None,
) -> Report:
    """Every indicator of `period` as of `as_of` (see the module docstring).

    `calendar` must cover the years of `period`. `territory` restricts the
    territory figures, the pillar split, the porteurs and the weekly minutes to
    one territory, and lists only its livrables and those of all territories
    (the latter still computed over every territory, as the convention says).

    `today`, when given, adds to the days to check those of the period dated
    after it (future days, left out of every figure).

    Phases: plan the livrables and the money, one pass over the entries, then
    the territories, the livrables, the porteurs, the money."""
    entries = entries if isinstance(entries, list | tuple) else list(entries)
    start = period.start
    stop = min(period.end, as_of)  # stop < start: nothing has happened yet
    week_start = _weeks_start(as_of, weeks)  # weekly minutes are counted up to as_of
    plans = _plan_livrables(config, period, as_of, territory)
    money = [c for c in money_counters(config, period, as_of) if territory in (None, c.territory)]
    month_start, month_end = month_window((period.start, period.end), as_of)
    scan = _scan_entries(
        entries,
        plans,
        money,
        start,
        stop,
        territory,
        week_start,
        as_of,
        max(weeks, 0),
        month_start,
    )
    off = non_pillar(scan.outside, config, calendar, start, stop)
    shares = _Shares(
        logged_shares(scan.worked),
        allocated_shares(config, calendar, start, stop if stop >= start else period.end),
        logged_shares(scan.month_worked),
        allocated_shares(config, calendar, month_start, month_end),
    )
    territories = _territory_figures(
        scan.minutes, config, calendar, period, stop, territory, off, shares
    )
    overall: dict[str, int] = {}
    for (_, pillar), m in scan.minutes.items():
        overall[pillar] = overall.get(pillar, 0) + m
    ref_year = min(max(as_of, start), period.end).year
    livrables = tuple(_livrable_figures(p, porteurs, calendar, as_of, scan.met) for p in plans)

    scope = [p for p in porteurs if territory in (None, p.territory)]
    share_lv = next((lv for lv in livrables if lv.kind == "qpv_share"), None)
    stage = next(
        (p.livrable.metric.step for p in plans if p.livrable.metric.kind == "qpv_share"), None
    )
    target = next((lv.target for lv in livrables if lv.kind == "qpv_share" and lv.target), None)
    return Report(
        period=period,
        as_of=as_of,
        territory=territory,
        working_days=calendar.working_days(period),
        elapsed_working_days=calendar.working_days_between(start, stop),
        day_minutes=config.annual_hours * 60 / calendar.working_days_in_year(ref_year),
        minutes_logged=sum(t.minutes_logged for t in territories),
        minutes_expected=sum(t.minutes_expected for t in territories),
        minutes_expected_to_date=sum(t.minutes_expected_to_date for t in territories),
        territories=territories,
        pillars=_pillar_figures(overall, config),
        livrables=livrables,
        qpv_share=qpv_share(scope, start, stop, stage, target, scan.met),
        porteurs=breakdown(scope, config, start, stop, scan.met),
        weekly=tuple(_week(week_start + timedelta(7 * i), m) for i, m in enumerate(scan.weekly)),
        publics=publics(scope, start, stop, stage, scan.met),
        path=path(scope, config, start, stop, scan.met),
        money=tuple(money_year(c, config, calendar) for c in money),
        qpv_share_label=share_lv.label if share_lv else QPV_SHARE_LABEL,
        absences_by_type=off.absence_by_type,
        month=(month_start, month_end) if month_start <= month_end else None,
        days_to_check=_days_to_check(entries, config, calendar, period, stop, territory, today),
    )


def _days_to_check(
    entries: Sequence[Entry],
    config: Config,
    calendar: WorkingCalendar,
    period: Period,
    stop: date,
    territory: str | None,
    today: date | None,
) -> tuple[DayCheck, ...]:
    """The days `citeslab check` would list ("jours à vérifier", the one rule of
    core.plausibility), among the days of the period up to `as_of` and, when
    `today` is known, the period's days after it. A day is judged on all its
    entries; with a territory, only the days holding one of its entries."""
    after = period.end if today is None else max(today, stop)
    ref = stop if today is None else today
    picked = [
        e
        for e in entries
        if period.start <= e.date <= period.end and (e.date <= stop or e.date > after)
    ]
    found = days_to_check(picked, config, calendar.holidays, ref)
    if territory is None:
        return tuple(found)
    mine = {e.date for e in picked if e.territory == territory}
    return tuple(d for d in found if d.day in mine)


def _plan_livrables(
    config: Config, period: Period, as_of: date, territory: str | None
) -> list[_Plan]:
    """The livrables of the conventions overlapping the period, in scope."""
    plans = []
    for conv in config.conventions:
        window = period.clamp(Period(conv.start, conv.end))
        if window is None:
            continue
        for lv in conv.livrables:
            if territory is not None and lv.territory not in (None, territory):
                continue
            counter = None
            if lv.metric.kind in ENTRY_KINDS:
                stop = min(window.end, as_of)
                counter = EntryCounter.for_livrable(
                    lv, config, window.start, stop, config.day_hours or DEFAULT_DAY_HOURS
                )
            plans.append(_Plan(lv, conv, window, counter))
    return plans


def _scan_entries(
    entries: Iterable[Entry],
    plans: Sequence[_Plan],
    money: Sequence[MoneyCounter],
    start: date,
    stop: date,
    territory: str | None,
    week_start: date,
    as_of: date,
    weeks: int,
    month_start: date,
) -> _Scan:
    """The single pass over the entries: minutes per territory and pillar, the
    livrable and money counters, the weekly minutes."""
    by_type: dict[str, list[EntryCounter]] = {}
    for plan in plans:
        if plan.counter is not None:
            for t in dict.fromkeys(plan.livrable.metric.types):
                by_type.setdefault(t, []).append(plan.counter)
    by_territory: dict[str, list[MoneyCounter]] = {}
    for mc in money:
        by_territory.setdefault(mc.territory, []).append(mc)
    minutes: dict[tuple[str, str], int] = {}
    outside: list[Entry] = []
    worked: dict[str, int] = {}
    month_worked: dict[str, int] = {}
    weekly = [0] * weeks
    met: dict[str, list[date]] = {}
    counters_of, money_of = by_type.get, by_territory.get
    for e in entries:
        d = e.date
        absent = e.pillar == KIND_ABSENCE  # not working time: no hours, no money
        if start <= d <= stop:
            if e.pillar in NON_PILLAR_KINDS:
                outside.append(e)
            elif territory is None or e.territory == territory:
                key = (e.territory, e.pillar)
                minutes[key] = minutes.get(key, 0) + e.minutes
            if not absent:
                worked[e.territory] = worked.get(e.territory, 0) + e.minutes
                if d >= month_start:
                    month_worked[e.territory] = month_worked.get(e.territory, 0) + e.minutes
            counters = counters_of(e.type)
            if counters:
                for c in counters:
                    c.add(e)
            money_counters_ = money_of(e.territory)
            if money_counters_ and not absent:
                for mc in money_counters_:
                    mc.add(e)
            for pid in e.porteurs:
                met.setdefault(pid, []).append(d)
        if week_start <= d <= as_of and weekly and territory in (None, e.territory) and not absent:
            weekly[(d - week_start).days // 7] += e.minutes
    return _Scan(minutes, weekly, outside, worked, month_worked, met)


class _Shares(NamedTuple):
    """Share of logged working time and allocated share per territory, to date
    and over the last month (core.allocation)."""

    logged: dict[str, float]
    target: dict[str, float | None]
    month_logged: dict[str, float]
    month_target: dict[str, float | None]


def _territory_figures(
    minutes: dict[tuple[str, str], int],
    config: Config,
    calendar: WorkingCalendar,
    period: Period,
    stop: date,
    territory: str | None,
    off: NonPillar,
    shares: _Shares,
) -> tuple[TerritoryFigures, ...]:
    """Logged working minutes (pillars and training) against expected minutes
    (allocated working days, net of absences), per territory in scope."""
    start = period.start
    ref_year = min(max(stop, period.start), period.end).year
    day_minutes = config.annual_hours * 60 / calendar.working_days_in_year(ref_year)
    codes = [t.code for t in config.territories if territory in (None, t.code)]
    codes += sorted(({c for c, _ in minutes} | set(off.formation)) - set(codes))
    out = []
    for code in codes:
        conf = next((t for t in config.territories if t.code == code), None)
        etp = conf.etp if conf else 0.0
        per_pillar = {p: m for (c, p), m in minutes.items() if c == code}
        formation = off.formation.get(code, 0)
        logged = sum(per_pillar.values()) + formation
        exact_year = exact_to_date = Fraction(0)
        reduction = off.reduction.get(code, Fraction(0))
        if conf is not None:  # only allocated working days count, net of absences
            hours = config.annual_hours
            exact_year = expected_minutes(conf, hours, calendar, start, period.end)
            exact_to_date = expected_minutes(conf, hours, calendar, start, stop)
            exact_year = max(Fraction(0), exact_year - reduction)
            exact_to_date = max(Fraction(0), exact_to_date - reduction)
        expected, to_date = round_minutes(exact_year), round_minutes(exact_to_date)
        out.append(
            TerritoryFigures(
                code=code,
                name=conf.name if conf else code,
                etp=etp,
                minutes_logged=logged,
                minutes_expected=expected,
                minutes_expected_to_date=to_date,
                gap_minutes=logged - to_date,
                gap_days=(logged - to_date) / day_minutes,
                pillars=_pillar_figures(per_pillar, config),
                hours_expected=float(exact_year / 60),
                hours_expected_to_date=float(exact_to_date / 60),
                formation_minutes=formation,
                absence_minutes=float(reduction),
                share=shares.logged.get(code) if shares.logged else None,
                target_share=shares.target.get(code),
                month_share=shares.month_logged.get(code) if shares.month_logged else None,
                month_target_share=shares.month_target.get(code),
            )
        )
    return tuple(out)


def _livrable_figures(
    plan: _Plan,
    porteurs: Sequence[Porteur],
    calendar: WorkingCalendar,
    as_of: date,
    met: Contacts,
) -> LivrableFigures:
    """One livrable: its target (with the rule), what was held, its status."""
    lv, window, counter = plan.livrable, plan.window, plan.counter
    w_stop = min(window.end, as_of)
    elapsed = elapsed_share(calendar, window, as_of)
    target = livrable_target(lv, window, calendar, plan.convention.end)
    pool = [p for p in porteurs if lv.territory in (None, p.territory)]
    num = den = None
    held: tuple[date, ...] = ()
    actual: float | None
    if counter is not None:
        actual = counter.result()
        held = tuple(counter.held_on())
    elif lv.metric.kind == "porteurs_step":
        step = lv.metric.step or ""
        actual = sum(
            1
            for p in pool
            if (first := p.step_date(step)) is not None and window.start <= first <= w_stop
        )
    else:  # qpv_share
        share = qpv_share(pool, window.start, w_stop, lv.metric.step, target.value, met)
        num, den, actual = share.numerator, share.denominator, share.share
    if lv.metric.kind == "qpv_share":
        expected_to_date, projection = target.value, actual
        status = share_status(actual, target.value)
    else:
        goal = target.value
        expected_to_date = goal * elapsed if goal is not None else None
        projection = actual / elapsed if actual is not None and elapsed > 0 else None
        status = livrable_status(actual, goal, expected_to_date or 0.0, elapsed)
    # The gap in force on the day of the last comité (or the window's start).
    cadence = cadence_on(lv, plan.convention.start, max(held) if held else window.start)
    return LivrableFigures(
        lv.key,
        lv.label,
        lv.territory,
        plan.convention.key,
        lv.metric.kind,
        window,
        target.value,
        actual,
        expected_to_date,
        projection,
        status,
        elapsed,
        num,
        den,
        target.rule,
        held,
        lv.governance,
        cadence,
        lv.cadence,
    )


def _week(monday: date, minutes: int) -> WeekMinutes:
    iso = monday.isocalendar()
    return WeekMinutes(iso[0], iso[1], monday, minutes)


# --------------------------------------------------------------------------- JSON


def _hours(minutes: float) -> float:
    return round(minutes / 60, 2)


def _opt(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _int(value: float | None) -> int | None:
    return None if value is None else round(value)


def governance_json(lv: LivrableFigures, as_of: date) -> dict[str, Any]:
    """A comité livrable: held, target, and when the next one is due."""
    due = next_due(lv.held_on, lv.period, lv.cadence_months)
    return {
        "key": lv.key,
        "label": lv.label,
        "convention": lv.convention,
        "held": _int(lv.actual),
        "dates": [d.isoformat() for d in lv.held_on],
        "target": _int(lv.target),
        "target_rule": lv.target_rule,
        "status": lv.status,
        "cadence": lv.cadence,
        "cadence_months": lv.cadence_months,
        "next_due": due.isoformat() if due else None,
        "overdue": due is not None and due < min(as_of, lv.period.end),
    }


def _drift(share: float | None, target: float | None) -> float | None:
    """Share − target, in percentage points."""
    return None if share is None or target is None else round((share - target) * 100, 2)


def report_to_json(r: Report) -> dict[str, Any]:
    """The `citeslab report --json` document (issue 3's layout, plus details)."""

    def pillar_json(p: PillarFigures) -> dict[str, Any]:
        return {
            "label": p.label,
            "hours": _hours(p.minutes),
            "share": _opt(p.share, 4),
            "target_share": p.target_share,
            "drift_points": _opt(p.drift_points, 2),
        }

    def livrable_json(lv: LivrableFigures) -> dict[str, Any]:
        share = lv.kind == "qpv_share"
        digits = 4 if share else 2
        actual = lv.actual if share or lv.actual is None else int(lv.actual)
        return {
            "key": lv.key,
            "label": lv.label,
            "territory": lv.territory,
            "convention": lv.convention,
            "kind": lv.kind,
            "from": lv.period.start.isoformat(),
            "to": lv.period.end.isoformat(),
            "target": _opt(lv.target, 4) if share else _int(lv.target),
            "target_rule": lv.target_rule,
            "actual": _opt(actual, 4) if share else actual,
            "expected_to_date": _opt(lv.expected_to_date, digits),
            "projection": _opt(lv.projection, digits),
            "status": lv.status,
        } | ({"numerator": lv.numerator, "denominator": lv.denominator} if share else {})

    return {
        "period": {
            "from": r.period.start.isoformat(),
            "to": r.period.end.isoformat(),
            "as_of": r.as_of.isoformat(),
        },
        "territory": r.territory,
        "working_days": {"period": r.working_days, "elapsed": r.elapsed_working_days},
        "hours_logged": _hours(r.minutes_logged),
        "hours_expected_year": round(sum(t.hours_expected for t in r.territories), 2),
        "hours_expected_to_date": round(sum(t.hours_expected_to_date for t in r.territories), 2),
        "territories": {
            t.code: {
                "name": t.name,
                "etp": t.etp,
                "hours_logged": _hours(t.minutes_logged),
                "hours_expected_year": round(t.hours_expected, 2),
                "hours_expected_to_date": round(t.hours_expected_to_date, 2),
                "gap_hours": round(t.minutes_logged / 60 - t.hours_expected_to_date, 2),
                "gap_days": round(t.gap_days, 2),
                "pillars": {p.key: _hours(p.minutes) for p in t.pillars},
                "formation_hours": _hours(t.formation_minutes),
                "absence_hours": round(t.absence_minutes / 60, 2),
                "share": _opt(t.share, 4),
                "target_share": _opt(t.target_share, 4),
                "drift_points": _drift(t.share, t.target_share),
                "last_month": {
                    "share": _opt(t.month_share, 4),
                    "target_share": _opt(t.month_target_share, 4),
                    "drift_points": _drift(t.month_share, t.month_target_share),
                },
            }
            for t in r.territories
        },
        "last_month": (
            {"from": r.month[0].isoformat(), "to": r.month[1].isoformat()} if r.month else None
        ),
        "absences": {
            "hours": _hours(sum(r.absences_by_type.values())),
            "by_type": {k: _hours(m) for k, m in sorted(r.absences_by_type.items())},
        },
        "pillars_basis": "pillar_time",  # the split leaves training and absences out
        "pillars": {p.key: pillar_json(p) for p in r.pillars},
        "livrables": [livrable_json(lv) for lv in r.livrables],
        "qpv_share": {
            "label": r.qpv_share_label,
            "numerator": r.qpv_share.numerator,
            "denominator": r.qpv_share.denominator,
            "share": _opt(r.qpv_share.share, 4),
            "target": _opt(r.qpv_share.target, 4),
            "stage": r.qpv_share.stage,
            "rule": accompanied_rule(r.qpv_share.stage),
        },
        "publics": publics_json(r.publics),
        "path": path_json(r.path),
        "orientations": r.path.orientations,
        "sorties": r.path.sorties,
        "governance": [governance_json(lv, r.as_of) for lv in r.livrables if lv.governance],
        "money": [money_json(m) for m in r.money],
        "porteurs": {
            "active": r.porteurs.active,
            "by_stage": r.porteurs.by_stage,
            "by_category": r.porteurs.by_category,
            "by_qpv": r.porteurs.by_qpv,
            "orientations": r.porteurs.orientations,
        },
        "days_to_check": days_to_check_json(r.days_to_check),
        "weekly": [
            {
                "week": f"{w.year}-W{w.week:02d}",
                "monday": w.monday.isoformat(),
                "hours": _hours(w.minutes),
            }
            for w in r.weekly
        ],
    }


def days_to_check_json(days: Sequence[DayCheck]) -> dict[str, Any]:
    """`{"count", "days": [{"date", "hours", "reasons", "messages"}]}`: dates,
    hours and reasons only (codes of core.plausibility and their French
    messages), never a note or a name."""
    return {
        "count": len(days),
        "days": [
            {
                "date": d.day.isoformat(),
                "hours": _hours(d.minutes),
                "reasons": d.reasons(),
                "messages": d.messages(),
            }
            for d in days
        ],
    }
