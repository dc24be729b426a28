"""How a livrable of a convention is measured against its target.

The rules (DOMAIN.md, "The convention"), applied on the report's period clamped
to the convention's period:
- **Target**: a whole number for counts ("1.016 comités" means nothing to
  anyone). Each calendar year inside the clamped period takes the target the
  configuration states for it (`targets_stated`), else its yearly target: as is
  for a whole year (or with `prorate: false`), else prorated by the calendar
  share of the year, as the convention prorates its money (4/12 for 2021,
  128/365 for 2023), and rounded to the nearest whole number. The rule is
  returned with the target (`Target.rule`) and shown next to it. A per-week
  target (`target_per_week`) counts the ISO weeks of the clamped period holding
  at least one working day. A share target (`qpv_share`) is never summed: the
  years' shares are averaged, weighted by their working days in the period.
- **Status** of a count: `atteint` once actual ≥ target; once the period is
  over, anything short is `en retard`; before it starts, `dans les temps`;
  otherwise compared with the expectation to date (target × elapsed share of
  working days) with a tolerance band of 10 % of that expectation but at least
  one unit, so that an annual event not yet held in June is not "late": above
  the band `en avance`, inside it `dans les temps`, below it `en retard`.
- **Status of a share** (`qpv_share`): compared with the target share directly:
  `atteint` at or above it, `dans les temps` up to 5 points below, `en retard`
  further below; none while nobody was received.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Livrable
from citeslab_tui.core.period import Period

REACHED = "atteint"
AHEAD = "en avance"
ON_TRACK = "dans les temps"
LATE = "en retard"
STATUSES: tuple[str, ...] = (AHEAD, ON_TRACK, LATE, REACHED)
TOLERANCE = 0.10  # share of the expectation to date …
MIN_BAND = 1.0  # … but at least one unit (counts are whole numbers)
QPV_SHARE_TOLERANCE = 0.05  # 5 points below the target share is still on track
ENTRY_KINDS = frozenset({"count_entries", "sum_persons", "distinct_weeks"})
_EPS = 1e-9


def year_parts(start: date, end: date) -> list[tuple[int, date, date]]:
    """[start, end] cut at year boundaries: (year, first day, last day) each."""
    return [
        (y, max(start, date(y, 1, 1)), min(end, date(y, 12, 31)))
        for y in range(start.year, end.year + 1)
    ]


def elapsed_share(cal: WorkingCalendar, window: Period, as_of: date) -> float:
    """Working days of `window` up to `as_of` ÷ working days of `window`."""
    total = cal.working_days(window)
    if total == 0:
        return 1.0 if as_of >= window.end else 0.0
    return cal.working_days_between(window.start, min(as_of, window.end)) / total


def _iso_weeks_with_work(cal: WorkingCalendar, a: date, b: date) -> set[tuple[int, int]]:
    weeks: set[tuple[int, int]] = set()
    monday = a - timedelta(days=a.weekday())
    while monday <= b:
        if cal.working_days_between(max(a, monday), min(b, monday + timedelta(days=6))):
            iso = monday.isocalendar()
            weeks.add((iso[0], iso[1]))
        monday += timedelta(days=7)
    return weeks


class Target(NamedTuple):
    """A livrable's target over a window and how it was obtained, in French."""

    value: float | None  # a whole number for counts; a share for qpv_share
    rule: str  # `convention`, `prorata calendaire 4/12`, `configuration`, …


def calendar_share(a: date, b: date, convention_end: date) -> tuple[Fraction, str]:
    """The share of year `a.year` that [a, b] covers, as the convention prorates
    its money: whole months ÷ 12 when the part is made of whole months (2021:
    September–December, 4/12), otherwise days ÷ days of the year, counted from
    the first day to the convention's end date, which the convention does not
    count (2023: 1 January → 9 May is 128/365)."""
    stop = b if b == convention_end else b + timedelta(days=1)
    if stop == date(a.year + 1, 1, 1) and a == date(a.year, 1, 1):
        return Fraction(1), "12/12"
    if a.day == 1 and stop.day == 1:
        months = (stop.year - a.year) * 12 + stop.month - a.month
        return Fraction(months, 12), f"{months}/12"
    year_days = (date(a.year + 1, 1, 1) - date(a.year, 1, 1)).days
    days = (stop - a).days
    return Fraction(days, year_days), f"{days}/{year_days}"


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def livrable_target(
    lv: Livrable, window: Period, cal: WorkingCalendar, convention_end: date | None = None
) -> Target:
    """The target of `lv` over `window` (inside its convention), with its rule.

    Count targets are whole numbers: a year inside the window takes its stated
    target (`targets_stated`, rule `configuration`), else its yearly target —
    as is for a whole year or with `prorate: false` (rule `convention`), else
    prorated by `calendar_share` and rounded to the nearest whole number (rule
    `prorata calendaire 4/12`). A per-week target counts the ISO weeks of the
    window holding a working day. A share target is the years' shares averaged,
    weighted by their working days in the window."""
    end = convention_end if convention_end is not None else window.end
    parts = year_parts(window.start, window.end)
    if lv.metric.kind == "qpv_share":
        weighted = [
            (lv.targets_stated.get(y, lv.targets.get(y)), cal.working_days_between(a, b))
            for y, a, b in parts
        ]
        known = [(v, w) for v, w in weighted if v is not None]
        if not known:
            return Target(None, "")
        weight = sum(w for _, w in known)
        if len({v for v, _ in known}) == 1 or not weight:
            return Target(known[-1][0], "convention")
        return Target(sum(v * w for v, w in known) / weight, "convention, moyenne des années")
    if lv.target_per_week is not None and not any(y in lv.targets_stated for y, _, _ in parts):
        weeks: set[tuple[int, int]] = set()
        for _, a, b in parts:
            weeks |= _iso_weeks_with_work(cal, a, b)
        value = _round_half_up(_exact(lv.target_per_week) * len(weeks))
        return Target(value, f"{lv.target_per_week:g} par semaine travaillée ({len(weeks)} sem.)")
    total, rules = 0, []
    for y, a, b in parts:
        if y in lv.targets_stated:
            total += _round_half_up(_exact(lv.targets_stated[y]))
            rules.append((y, "configuration"))
        elif y in lv.targets:
            share, label = calendar_share(a, b, end)
            if not lv.prorate or share == 1:
                total += _round_half_up(_exact(lv.targets[y]))
                rules.append((y, "convention"))
            else:
                total += _round_half_up(_exact(lv.targets[y]) * share)
                rules.append((y, f"prorata calendaire {label}"))
    if not rules:
        return Target(None, "")
    if len(rules) == 1:
        return Target(total, rules[0][1])
    return Target(total, " + ".join(f"{y} : {rule}" for y, rule in rules))


def _exact(x: float) -> Fraction:
    return Fraction(repr(x))


def livrable_status(
    actual: float | None, target: float | None, expected: float, elapsed: float
) -> str | None:
    """Status of a count livrable (see the module docstring)."""
    if actual is None or target is None:
        return None
    if actual >= target - _EPS:
        return REACHED
    if elapsed >= 1:
        return LATE
    if elapsed <= 0:
        return ON_TRACK
    band = max(TOLERANCE * expected, MIN_BAND)
    if actual >= expected + band - _EPS:
        return AHEAD
    return ON_TRACK if actual >= expected - band - _EPS else LATE


def share_status(share: float | None, target: float | None) -> str | None:
    """Status of a share livrable (see the module docstring)."""
    if share is None or target is None:
        return None
    if share >= target - _EPS:
        return REACHED
    return ON_TRACK if share >= target - QPV_SHARE_TOLERANCE - _EPS else LATE


def cadence_on(lv: Livrable, convention_start: date, day: date) -> int | None:
    """The longest gap allowed between two comités on `day`: the phase of
    `cadence_phases` that `day` falls in, counted in whole months from the
    convention's start (the cahier des charges' "trimestriel la 1re année puis
    semestriel": `[{"months": 3, "for_months": 12}, {"months": 6}]`), else
    `cadence_months`. Before the convention starts, its first phase."""
    if not lv.cadence_phases:
        return lv.cadence_months
    elapsed = (day.year - convention_start.year) * 12 + day.month - convention_start.month
    elapsed -= day.day < convention_start.day
    for months, length in lv.cadence_phases:
        if length is None or elapsed < length:
            return months
        elapsed -= length
    return lv.cadence_phases[-1][0]


def next_due(held: Sequence[date], window: Period, cadence_months: int | None) -> date | None:
    """When the next comité is due: `cadence_months` after the last one held (or
    after the start of `window` when none was), None without a cadence or when
    that falls after the window."""
    if cadence_months is None:
        return None
    base = max(held) if held else window.start
    month = base.month - 1 + cadence_months
    year, month = base.year + month // 12, month % 12 + 1
    day = min(base.day, calendar.monthrange(year, month)[1])
    due = date(year, month, day)
    return due if due <= window.end else None
