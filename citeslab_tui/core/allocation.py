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
from datetime import date
from fractions import Fraction

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.livrables import year_parts
from citeslab_tui.core.model import KIND_ABSENCE, Config, Entry, Territory, entry_kind


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
