"""The fingerprint of a timesheet: what the figures of a signed feuille de
temps were made from, so that `citeslab verify` can tell years later whether
the data still gives the same figures, and name the days that changed.

A day's figures are the minutes per territory and pillar of its entries — all
territories, since a one-territory timesheet also shows that territory's share
of the whole working time. Notes, partners or porteurs do not change a figure
and are left out. Each day of the period gets a short digest (4 hex digits,
enough to name the changed days); the fingerprint of the whole timesheet is a
SHA-256 of every day's figures, the period and the territory filter, shown as
16 hex digits: any change of a figure changes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from citeslab_tui.core.model import Entry
from citeslab_tui.core.period import Period

DAY_DIGITS = 4


def day_figures(entries: Iterable[Entry], period: Period) -> dict[date, str]:
    """Each day of `period` → its figures as canonical text
    (`AA/animation=120;CCG/prospection=180`, empty for a day without time)."""
    cells: dict[date, dict[tuple[str, str], int]] = {day: {} for day in period.days()}
    for e in entries:
        day = cells.get(e.date)
        if day is not None:
            key = (e.territory, e.pillar)
            day[key] = day.get(key, 0) + e.minutes
    return {
        day: ";".join(f"{t}/{p}={m}" for (t, p), m in sorted(values.items()) if m)
        for day, values in cells.items()
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    period: Period
    territory: str | None
    value: str  # 16 hex digits
    days: dict[date, str]  # day → DAY_DIGITS hex digits

    @property
    def shown(self) -> str:
        """`a1b2-c3d4-e5f6-0789`, as printed on the timesheet."""
        return "-".join(self.value[i : i + 4] for i in range(0, 16, 4))

    def month_digests(self) -> dict[str, str]:
        """`2022-03` → the digests of the month's days, in order, concatenated
        (stored in the XLSX's properties, one short text per month)."""
        out: dict[str, str] = {}
        for day in sorted(self.days):
            key = f"{day.year:04d}-{day.month:02d}"
            out[key] = out.get(key, "") + self.days[day]
        return out


def fingerprint(entries: Iterable[Entry], period: Period, territory: str | None) -> Fingerprint:
    figures = day_figures(entries, period)
    whole = "\n".join(
        [f"{period.start}/{period.end}/{territory or ''}"]
        + [f"{day}:{text}" for day, text in sorted(figures.items())]
    )
    days = {day: _digest(f"{day}:{text}")[:DAY_DIGITS] for day, text in figures.items()}
    return Fingerprint(period, territory, _digest(whole)[:16], days)


def days_from_months(period: Period, months: Mapping[str, str]) -> dict[date, str] | None:
    """Read back `Fingerprint.month_digests`; None when they do not fit the period."""
    out: dict[date, str] = {}
    for span in period.months():
        text = months.get(f"{span.start.year:04d}-{span.start.month:02d}", "")
        days = list(span.days())
        if len(text) != len(days) * DAY_DIGITS:
            return None
        for i, day in enumerate(days):
            out[day] = text[i * DAY_DIGITS : (i + 1) * DAY_DIGITS]
    return out


def changed_days(recorded: Mapping[date, str], current: Mapping[date, str]) -> list[date]:
    """The days whose figures differ."""
    return sorted(d for d in set(recorded) | set(current) if recorded.get(d) != current.get(d))
