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
- **QPV share** = porteurs whose first `accueilli` step falls in the window and
  who live in a QPV ÷ all porteurs first received in the window (over every
  territory when the livrable has none; over the territory filter, if any, for
  the report's own `qpv_share`).
- **Porteurs breakdowns** count the porteurs with a path step in the window (or,
  without any step, created in it), at their stage on the last day counted.
  Orientations count every `oriente` step in the window, per partner.

The result records are NamedTuples, not dataclasses: every `citeslab report`
process defines them, and a dataclass costs ~0.6 ms to create; for the same
reason annotations are not postponed here (see core/model.py).
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, NamedTuple

from citeslab_tui.core.allocation import expected_minutes, round_minutes
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.livrables import (
    AHEAD,
    ENTRY_KINDS,
    LATE,
    ON_TRACK,
    REACHED,
    STATUSES,
    EntryCounter,
    elapsed_share,
    livrable_status,
    livrable_target,
    share_status,
)
from citeslab_tui.core.model import (
    CATEGORIES,
    STAGE_LABELS,
    STAGE_NEW,
    STEPS,
    Config,
    Entry,
    Livrable,
    Porteur,
)
from citeslab_tui.core.period import Period

__all__ = [
    "AHEAD",
    "LATE",
    "ON_TRACK",
    "REACHED",
    "STATUSES",
    "LivrableFigures",
    "PillarFigures",
    "PorteurBreakdown",
    "QpvShare",
    "Report",
    "TerritoryFigures",
    "WeekMinutes",
    "report",
    "report_to_json",
]

OUTSIDE_QPV = "hors_qpv"
QPV_UNSPECIFIED = "qpv_non_precise"
PARTNER_UNSPECIFIED = "non_precise"


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

    def pillar_minutes(self) -> dict[str, int]:
        return {p.key: p.minutes for p in self.pillars}


class LivrableFigures(NamedTuple):
    key: str
    label: str
    territory: str | None
    convention: str
    kind: str  # the metric kind
    period: Period  # the report's period clamped to the convention
    target: float | None  # None when no year of the period has a target
    actual: float | None  # an int for counts; a share for qpv_share (None: nobody received)
    expected_to_date: float | None
    projection: float | None  # at the current pace, to the end of `period`
    status: str | None  # one of STATUSES, None without target or data
    elapsed_share: float  # working days elapsed ÷ working days of `period`
    numerator: int | None = None  # qpv_share: porteurs from a QPV
    denominator: int | None = None  # qpv_share: porteurs received


class QpvShare(NamedTuple):
    accompanied: int  # porteurs first received (accueilli) in the window, in scope
    qpv_residents: int  # … of whom living in a QPV
    actual: float | None
    target: float | None  # from the first qpv_share livrable of the report


class PorteurBreakdown(NamedTuple):
    active: int  # porteurs with a path step (or created, if no step) in the window
    by_stage: dict[str, int]  # stage at as_of → count, every STAGE_LABELS key
    by_category: dict[str, int]  # every CATEGORIES key (never RQTH)
    by_qpv: dict[str, int]  # QPV code, OUTSIDE_QPV, QPV_UNSPECIFIED → count
    orientations: dict[str, int]  # partner key (label if unknown, or PARTNER_UNSPECIFIED)


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


def _first_steps(p: Porteur) -> dict[str, date]:
    first: dict[str, date] = {}
    for s in p.steps:
        if s.step not in first or s.date < first[s.step]:
            first[s.step] = s.date
    return first


def _stage_at(p: Porteur, day: date) -> str:
    steps = [s for s in p.steps if s.date <= day and s.step in STEPS]
    if not steps:
        return STAGE_NEW
    return max(steps, key=lambda s: (s.date, STEPS.index(s.step))).step


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
) -> Report:
    """Every indicator of `period` as of `as_of` (see the module docstring).

    `calendar` must cover the years of `period`. `territory` restricts the
    territory figures, the pillar split, the porteurs and the weekly minutes to
    one territory, and lists only its livrables and those of all territories
    (the latter still computed over every territory, as the convention says)."""
    start = period.start
    stop = min(period.end, as_of)  # stop < start: nothing has happened yet
    week_start = _weeks_start(as_of, weeks)  # weekly minutes are counted up to as_of

    # Livrables of the conventions overlapping the period.
    plans: list[tuple[Livrable, str, Period, EntryCounter | None]] = []
    by_type: dict[str, list[EntryCounter]] = {}
    for conv in config.conventions:
        window = period.clamp(Period(conv.start, conv.end))
        if window is None:
            continue
        for lv in conv.livrables:
            if territory is not None and lv.territory not in (None, territory):
                continue
            counter = None
            if lv.metric.kind in ENTRY_KINDS:
                counter = EntryCounter(
                    lv.metric.kind, lv.territory, window.start, min(window.end, as_of)
                )
                for t in dict.fromkeys(lv.metric.types):
                    by_type.setdefault(t, []).append(counter)
            plans.append((lv, conv.key, window, counter))

    # The single pass over the entries.
    minutes: dict[tuple[str, str], int] = {}
    weekly = [0] * max(weeks, 0)
    counters_of = by_type.get
    for e in entries:
        d = e.date
        if start <= d <= stop:
            if territory is None or e.territory == territory:
                key = (e.territory, e.pillar)
                minutes[key] = minutes.get(key, 0) + e.minutes
            counters = counters_of(e.type)
            if counters:
                for c in counters:
                    c.add(e)
        if week_start <= d <= as_of and weekly and territory in (None, e.territory):
            weekly[(d - week_start).days // 7] += e.minutes

    # Territories and pillars.
    ref_year = min(max(as_of, start), period.end).year
    day_minutes = config.annual_hours * 60 / calendar.working_days_in_year(ref_year)
    codes = [t.code for t in config.territories if territory in (None, t.code)]
    codes += sorted({c for c, _ in minutes} - set(codes))
    territories = []
    overall: dict[str, int] = {}
    for code in codes:
        conf = next((t for t in config.territories if t.code == code), None)
        etp = conf.etp if conf else 0.0
        per_pillar = {p: m for (c, p), m in minutes.items() if c == code}
        for p, m in per_pillar.items():
            overall[p] = overall.get(p, 0) + m
        logged = sum(per_pillar.values())
        exact_year = exact_to_date = Fraction(0)
        if conf is not None:  # only allocated working days count (core.allocation)
            hours = config.annual_hours
            exact_year = expected_minutes(conf, hours, calendar, start, period.end)
            exact_to_date = expected_minutes(conf, hours, calendar, start, stop)
        expected, to_date = round_minutes(exact_year), round_minutes(exact_to_date)
        territories.append(
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
            )
        )

    # Porteurs.
    scope_porteurs = [p for p in porteurs if territory in (None, p.territory)]
    firsts = {p.uuid: _first_steps(p) for p in porteurs}

    def received(p: Porteur, a: date, b: date) -> bool:
        first = firsts[p.uuid].get("accueilli")
        return first is not None and a <= first <= b

    livrables = []
    for lv, conv_key, window, counter in plans:
        w_stop = min(window.end, as_of)
        elapsed = elapsed_share(calendar, window, as_of)
        target = livrable_target(lv, window, calendar)
        pool = [p for p in porteurs if lv.territory in (None, p.territory)]
        num = den = None
        actual: float | None
        if counter is not None:
            actual = counter.result()
        elif lv.metric.kind == "porteurs_step":
            step = lv.metric.step or ""
            actual = sum(
                1
                for p in pool
                if (first := firsts[p.uuid].get(step)) is not None
                and window.start <= first <= w_stop
            )
        else:  # qpv_share
            base_pool = [p for p in pool if received(p, window.start, w_stop)]
            den, num = len(base_pool), sum(1 for p in base_pool if p.qpv_resident)
            actual = num / den if den else None
        if lv.metric.kind == "qpv_share":
            expected_to_date, projection = target, actual
            status = share_status(actual, target)
        else:
            expected_to_date = target * elapsed if target is not None else None
            projection = actual / elapsed if actual is not None and elapsed > 0 else None
            status = livrable_status(actual, target, expected_to_date or 0.0, elapsed)
        livrables.append(
            LivrableFigures(
                lv.key, lv.label, lv.territory, conv_key, lv.metric.kind, window, target,
                actual, expected_to_date, projection, status, elapsed, num, den,
            )
        )  # fmt: skip

    accompanied = [p for p in scope_porteurs if received(p, start, stop)]
    n_qpv = sum(1 for p in accompanied if p.qpv_resident)
    qpv_target = next(
        (lv.target for lv in livrables if lv.kind == "qpv_share" and lv.target is not None), None
    )
    qpv_share = QpvShare(
        len(accompanied), n_qpv, n_qpv / len(accompanied) if accompanied else None, qpv_target
    )

    return Report(
        period=period,
        as_of=as_of,
        territory=territory,
        working_days=calendar.working_days(period),
        elapsed_working_days=calendar.working_days_between(start, stop),
        day_minutes=day_minutes,
        minutes_logged=sum(t.minutes_logged for t in territories),
        minutes_expected=sum(t.minutes_expected for t in territories),
        minutes_expected_to_date=sum(t.minutes_expected_to_date for t in territories),
        territories=tuple(territories),
        pillars=_pillar_figures(overall, config),
        livrables=tuple(livrables),
        qpv_share=qpv_share,
        porteurs=_breakdown(scope_porteurs, config, start, stop),
        weekly=tuple(_week(week_start + timedelta(7 * i), m) for i, m in enumerate(weekly)),
    )


def _week(monday: date, minutes: int) -> WeekMinutes:
    iso = monday.isocalendar()
    return WeekMinutes(iso[0], iso[1], monday, minutes)


def _breakdown(
    porteurs: Sequence[Porteur], config: Config, start: date, stop: date
) -> PorteurBreakdown:
    by_stage = dict.fromkeys(STAGE_LABELS, 0)
    by_category = dict.fromkeys(CATEGORIES, 0)
    by_qpv: dict[str, int] = {q.code: 0 for q in config.all_qpvs()}
    by_qpv[OUTSIDE_QPV] = by_qpv[QPV_UNSPECIFIED] = 0
    orientations: dict[str, int] = {p.key: 0 for p in config.partners}
    # Steps may carry the partner's key or its label (or free text): count by key.
    partner_key = {p.label: p.key for p in config.partners} | {
        p.key: p.key for p in config.partners
    }
    active = 0
    for p in porteurs:
        for s in p.steps:
            if s.step == "oriente" and start <= s.date <= stop:
                key = partner_key.get(s.partner or "", s.partner or PARTNER_UNSPECIFIED)
                orientations[key] = orientations.get(key, 0) + 1
        if p.steps:
            if not any(start <= s.date <= stop for s in p.steps):
                continue
        else:
            created = _date_prefix(p.created_at)
            if created is None or not start <= created <= stop:
                continue
        active += 1
        stage = _stage_at(p, stop)
        by_stage[stage] = by_stage.get(stage, 0) + 1
        for c in p.categories:
            if c in by_category:
                by_category[c] += 1
        key = (p.qpv or QPV_UNSPECIFIED) if p.qpv_resident else OUTSIDE_QPV
        by_qpv[key] = by_qpv.get(key, 0) + 1
    return PorteurBreakdown(active, by_stage, by_category, by_qpv, orientations)


def _date_prefix(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- JSON


def _hours(minutes: float) -> float:
    return round(minutes / 60, 2)


def _opt(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


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
            "target": _opt(lv.target, digits),
            "actual": _opt(actual, 4) if share else actual,
            "expected_to_date": _opt(lv.expected_to_date, digits),
            "projection": _opt(lv.projection, digits),
            "status": lv.status,
        }

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
            }
            for t in r.territories
        },
        "pillars": {p.key: pillar_json(p) for p in r.pillars},
        "livrables": [livrable_json(lv) for lv in r.livrables],
        "qpv_share": {
            "actual": _opt(r.qpv_share.actual, 4),
            "target": _opt(r.qpv_share.target, 4),
            "accompanied": r.qpv_share.accompanied,
            "qpv_residents": r.qpv_share.qpv_residents,
        },
        "porteurs": {
            "active": r.porteurs.active,
            "by_stage": r.porteurs.by_stage,
            "by_category": r.porteurs.by_category,
            "by_qpv": r.porteurs.by_qpv,
            "orientations": r.porteurs.orientations,
        },
        "weekly": [
            {
                "week": f"{w.year}-W{w.week:02d}",
                "monday": w.monday.isoformat(),
                "hours": _hours(w.minutes),
            }
            for w in r.weekly
        ],
    }
