"""Periods of time the reports and exports talk about: a year, a month, or an
explicit range (both ends included)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from citeslab_tui.core.dates import check_year, read_date
from citeslab_tui.core.errors import CitesLabError


class PeriodError(CitesLabError):
    """A period that cannot be understood (French message)."""


@dataclass(frozen=True, slots=True)
class Period:
    """From `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"période vide : le {self.end:%d/%m/%Y} précède le {self.start:%d/%m/%Y}"
            )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def months(self) -> list[Period]:
        """The calendar months this period touches, each clamped to the period."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            whole = Period.month(year, month)
            out.append(Period(max(whole.start, self.start), min(whole.end, self.end)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def clamp(self, other: Period) -> Period | None:
        """The overlap of two periods, or None."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start <= end else None

    @property
    def label(self) -> str:
        """`2022`, `2022-03`, or `2022-03-01_2022-05-09`: used in file names."""
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31):
            return str(self.start.year)
        if self.start.day == 1 and self == Period.month(self.start.year, self.start.month):
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


def parse_month(text: str) -> Period:
    """`2022-03` → March 2022."""
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        check_year(year, f"« {text.strip()} »")
        return Period.month(year, month)
    except (ValueError, TypeError, calendar.IllegalMonthError):
        raise PeriodError(f"« {text} » n'est pas un mois (attendu AAAA-MM)") from None


def resolve_period(
    *,
    today: date,
    year: int | None = None,
    month: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Period:
    """The period named by CLI options; the current calendar year by default.

    `--year`, `--month` and `--from/--to` exclude each other; `--from` alone runs
    to the end of its year, `--to` alone starts on the first of its year."""
    given = [name for name, v in (("--year", year), ("--month", month)) if v is not None]
    if start is not None or end is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise PeriodError(f"options incompatibles : {', '.join(given)}")
    if year is not None:
        check_year(year, "--year")
        return Period.year(year)
    if month is not None:
        return parse_month(month)
    if start is not None or end is not None:
        first = read_date(start, today) if start else None
        last = read_date(end, today) if end else None
        if first is None:
            assert last is not None
            first = date(last.year, 1, 1)
        if last is None:
            last = date(first.year, 12, 31)
        return Period(first, last)
    return Period.year(today.year)
