"""How a livrable of a convention is measured against its target.

The rules (DOMAIN.md, "The convention"), applied on the report's period clamped
to the convention's period:
- **Target**: each calendar year's target prorated by the share of that year's
  working days inside the clamped period (6 ateliers × 86/254 for the 2021 part
  of the CCG convention), unless the configuration states that year's target
  (`targets_stated`, used as is) or says `prorate: false` (used as is). A
  per-week target (`target_per_week`) counts the ISO weeks of the clamped period
  holding at least one working day. A share target (`qpv_share`) is never
  summed: the years' shares are averaged, weighted by their working days in the
  period.
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

from datetime import date, timedelta

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Entry, Livrable
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


def livrable_target(lv: Livrable, window: Period, cal: WorkingCalendar) -> float | None:
    """The target of `lv` over `window`; None when no year of it has a target."""
    parts = year_parts(window.start, window.end)
    if lv.metric.kind == "qpv_share":
        weighted = [
            (lv.targets_stated.get(y, lv.targets.get(y)), cal.working_days_between(a, b))
            for y, a, b in parts
        ]
        known = [(v, w) for v, w in weighted if v is not None]
        if not known:
            return None
        weight = sum(w for _, w in known)
        return sum(v * w for v, w in known) / weight if weight else known[-1][0]
    total, have = 0.0, False
    weeks: set[tuple[int, int]] = set()
    for y, a, b in parts:
        if y in lv.targets_stated:
            total, have = total + lv.targets_stated[y], True
        elif lv.target_per_week is not None:
            have = True
            weeks |= _iso_weeks_with_work(cal, a, b)
        elif y in lv.targets:
            have = True
            yearly = lv.targets[y]
            if lv.prorate:
                yearly = yearly * cal.working_days_between(a, b) / cal.working_days_in_year(y)
            total += yearly
    if lv.target_per_week is not None:
        total += len(weeks) * lv.target_per_week
    return total if have else None


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


class EntryCounter:
    """Accumulates one entry-based livrable during the report's single pass."""

    __slots__ = ("kind", "start", "stop", "territory", "value", "weeks")

    def __init__(self, kind: str, territory: str | None, start: date, stop: date) -> None:
        self.kind, self.territory, self.start, self.stop = kind, territory, start, stop
        self.value = 0
        self.weeks: set[tuple[int, int]] = set()

    def add(self, e: Entry) -> None:
        if not (self.start <= e.date <= self.stop):
            return
        if self.territory is not None and e.territory != self.territory:
            return
        if self.kind == "count_entries":
            self.value += 1
        elif self.kind == "sum_persons":
            self.value += e.persons
        else:  # distinct_weeks
            iso = e.date.isocalendar()
            self.weeks.add((iso[0], iso[1]))

    def result(self) -> int:
        return len(self.weeks) if self.kind == "distinct_weeks" else self.value
