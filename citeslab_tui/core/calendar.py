"""Working days: Monday to Friday minus French public holidays.

Every "expected to date" figure of the indicators is a share of working days
(DOMAIN.md, "Territories and ETP"): hours expected for a territory are
`ETP × annual hours × working days elapsed ÷ working days of the year`, and a
partial convention year prorates its livrables by the same ratio (2021: 86 of
254 working days). The holidays come from the `holidays` library, never from a
hand-written Easter formula; `french_holidays` imports it lazily because the
import alone costs about 0.2 s (`citeslab_tui.holiday_cache` keeps the result
on disk so most commands never pay it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

from citeslab_tui.core.period import Period


def _weekdays_between(start: date, end: date) -> int:
    """Mondays to Fridays from `start` to `end`, both included (0 if end < start)."""
    days = (end - start).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)


class WorkingCalendar:
    """Working days given a set of public holidays.

    `years`, when given, are the years the holidays cover: asking about another
    year raises ValueError instead of silently counting its holidays as working
    days."""

    __slots__ = ("_holidays", "_sorted", "_year_cache", "_years")

    def __init__(self, holidays: Iterable[date], *, years: Iterable[int] | None = None) -> None:
        self._holidays = frozenset(holidays)
        # Only holidays on a weekday change a count.
        self._sorted = sorted(d for d in self._holidays if d.weekday() < 5)
        self._years = frozenset(years) if years is not None else None
        self._year_cache: dict[int, int] = {}

    @property
    def holidays(self) -> frozenset[date]:
        return self._holidays

    @property
    def years(self) -> frozenset[int] | None:
        return self._years

    def _check(self, start: date, end: date) -> None:
        if self._years is None:
            return
        missing = [y for y in range(start.year, end.year + 1) if y not in self._years]
        if missing:
            raise ValueError(f"calendar does not cover year(s) {missing}")

    def is_working_day(self, day: date) -> bool:
        self._check(day, day)
        return day.weekday() < 5 and day not in self._holidays

    def working_days_between(self, start: date, end: date) -> int:
        """Working days from `start` to `end`, both included; 0 when end < start."""
        if end < start:
            return 0
        self._check(start, end)
        holidays = bisect_right(self._sorted, end) - bisect_left(self._sorted, start)
        return _weekdays_between(start, end) - holidays

    def working_days(self, period: Period) -> int:
        return self.working_days_between(period.start, period.end)

    def working_days_in_year(self, year: int) -> int:
        cached = self._year_cache.get(year)
        if cached is None:
            cached = self.working_days_between(date(year, 1, 1), date(year, 12, 31))
            self._year_cache[year] = cached
        return cached


def french_holidays(years: Iterable[int]) -> frozenset[date]:
    """Public holidays of metropolitan France (no Alsace-Moselle extras) for `years`."""
    from holidays.countries.france import France  # ~0.2 s: imported only when needed

    wanted = sorted(set(years))
    if not wanted:
        return frozenset()
    table = France(years=wanted)  # type: ignore[no-untyped-call]
    return frozenset(d for d in table if isinstance(d, date))
