"""Hours expected of a territory from its dated ETP allocations.

DOMAIN.md, "An allocation has dates": a territory's ETP holds only inside its
allocation periods (the CCG's 0.2 ETP lasts as long as its convention,
2021-09-01 → 2023-05-09). The expected hours of a territory over a span are

    Σ over its allocations, Σ over calendar years:
        ETP × annual hours × (working days of the span inside the allocation
        that year ÷ working days of that year)

so the CCG expects 0.2 × 1607 × 86/254 = 108.81 h in 2021, 321.40 h in 2022,
0.2 × 1607 × 89/251 = 113.96 h in 2023 and 0 h in 2024.

Absences (leave, sickness) reduce what each territory expects on the day they
happen by the territory's ETP that day: a 7 h congé in 2022 takes 0.8 × 7 =
5.6 h off AA and 0.2 × 7 = 1.4 h off the CCG. Only working days count (a
weekend is expected of no one, so leave logged on it reduces nothing).

Exact arithmetic (Fractions; `0.2` read as 1/5) so the figures can be redone
by hand; rounding to the minute happens once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.livrables import year_parts
from citeslab_tui.core.model import (
    KIND_ABSENCE,
    KIND_FORMATION,
    Config,
    Entry,
    Territory,
    entry_kind,
)


def exact(x: float) -> Fraction:
    """`0.2` → 1/5, not the binary approximation."""
    return Fraction(repr(x))


def round_minutes(value: Fraction) -> int:
    """To the nearest minute, halves away from zero."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def year_fraction(cal: WorkingCalendar, start: date, end: date) -> Fraction:
    """Σ over calendar years of working days in [start, end] ÷ working days of the year."""
    if end < start:
        return Fraction(0)
    return sum(
        (
            Fraction(cal.working_days_between(a, b), cal.working_days_in_year(y))
            for y, a, b in year_parts(start, end)
        ),
        Fraction(0),
    )


def etp_years(territory: Territory, cal: WorkingCalendar, start: date, end: date) -> Fraction:
    """ETP × year fractions of the allocations of `territory` over [start, end]:
    multiplied by the annual hours, the hours it expects there."""
    total = Fraction(0)
    for a in territory.dated_allocations():
        lo = start if a.start is None else max(start, a.start)
        hi = end if a.end is None else min(end, a.end)
        if lo <= hi:
            total += exact(a.etp) * year_fraction(cal, lo, hi)
    return total


def expected_minutes(
    territory: Territory, annual_hours: float, cal: WorkingCalendar, start: date, end: date
) -> Fraction:
    """Minutes `territory` expects over [start, end] before absences (exact)."""
    return etp_years(territory, cal, start, end) * exact(annual_hours) * 60


def absence_minutes(
    entries: Iterable[Entry],
    config: Config,
    cal: WorkingCalendar,
    start: date,
    end: date,
) -> dict[str, Fraction]:
    """Minutes of absence falling on each territory over [start, end]: every
    absence on a working day, times the territory's ETP that day (see the
    module docstring). Every configured territory is a key."""
    out = {t.code: Fraction(0) for t in config.territories}
    for e in entries:
        if not start <= e.date <= end or entry_kind(e.pillar) != KIND_ABSENCE:
            continue
        if not cal.is_working_day(e.date):
            continue
        for t in config.territories:
            etp = t.etp_on(e.date)
            if etp:
                out[t.code] += exact(etp) * e.minutes
    return out


def allocated_shares(
    config: Config, cal: WorkingCalendar, start: date, end: date
) -> dict[str, float | None]:
    """Each territory's share of the ETP allocated over [start, end] (its
    expected hours ÷ every territory's): the share of logged time it should
    get. None for all when nothing is allocated over the span."""
    years = {t.code: etp_years(t, cal, start, end) for t in config.territories}
    total = sum(years.values(), Fraction(0))
    if not total:
        return dict.fromkeys(years)
    return {code: float(v / total) for code, v in years.items()}


class NonPillar(NamedTuple):
    """The time outside the four pillars over a span (DOMAIN.md, "Not all
    working time is a pillar"): training / CitésLab network time is work, on
    the entry's territory; absences are not work and lower what each territory
    expects (`reduction`, exact minutes, see `absence_minutes`)."""

    formation: dict[str, int]  # territory → minutes of training / network
    absence_by_type: dict[str, int]  # action type → minutes of absence
    reduction: dict[str, Fraction]  # territory → expected minutes taken off

    @property
    def absence_minutes(self) -> int:
        return sum(self.absence_by_type.values())


def non_pillar(
    entries: Iterable[Entry], config: Config, cal: WorkingCalendar, start: date, end: date
) -> NonPillar:
    """Sum the non-pillar entries of [start, end] (others are ignored)."""
    formation: dict[str, int] = {}
    by_type: dict[str, int] = {}
    absences = []
    for e in entries:
        if not start <= e.date <= end:
            continue
        kind = entry_kind(e.pillar)
        if kind == KIND_ABSENCE:
            by_type[e.type] = by_type.get(e.type, 0) + e.minutes
            absences.append(e)
        elif kind == KIND_FORMATION:
            formation[e.territory] = formation.get(e.territory, 0) + e.minutes
    reduction = absence_minutes(absences, config, cal, start, end)
    return NonPillar(formation, by_type, reduction)


def logged_shares(minutes: dict[str, int]) -> dict[str, float]:
    """Each territory's share of the working minutes logged ({} if none): the
    shares sum to 1."""
    total = sum(minutes.values())
    if not total:
        return {}
    return {code: m / total for code, m in minutes.items()}


def month_window(period_start_end: tuple[date, date], as_of: date) -> tuple[date, date]:
    """The last month counted: the month up to `as_of` (16/05 → 15/06; a whole
    calendar month when as_of is its last day), cut to the period and to as_of;
    start > end when nothing of the period has passed."""
    start, end = period_start_end
    stop = min(end, as_of)
    if stop.day == _days_in_month(stop.year, stop.month):
        return max(start, stop.replace(day=1)), stop
    year, month = (stop.year, stop.month - 1) if stop.month > 1 else (stop.year - 1, 12)
    day = min(stop.day, _days_in_month(year, month))
    first = date(year, month, day) + timedelta(days=1)
    return max(start, first), stop


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day
