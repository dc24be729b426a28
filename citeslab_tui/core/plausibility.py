"""Is this day plausible? Checks on the entries of one day, never silent.

DOMAIN.md: the cheffe de projet works full time; "a day far above a normal day
is a sign of a logging mistake, worth a warning". The rules:

- a day above 24 h cannot be: it is **refused** (nothing is written);
- a day above the configured maximum (`max_day_hours`, 10 h by default),
  time ranges that overlap, a Saturday or Sunday, a public holiday, a date after
  today: **accepted with a warning** the user sees before and after saving
  (the quick entry's preview, the CLI's stderr, `citeslab check`).

Pure: the caller passes the day's other entries, the holidays and today.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, time
from typing import NamedTuple, Protocol

from citeslab_tui.core.dates import WEEKDAYS
from citeslab_tui.core.model import MAX_MINUTES, Config, Entry, format_hhmm
from citeslab_tui.core.text import hours as format_minutes

# Warning codes (stable, for scripts and tests); messages are French.
OVER_MAX = "plus_de_max"
OVERLAP = "chevauchement"
WEEKEND = "week_end"
HOLIDAY = "ferie"
FUTURE = "futur"
OVER_24H = "plus_de_24h"  # a stored day above 24 h (written before the rule, or imported)

# Short French names of the codes, for a list of days (the bilan, the XLSX).
REASON_LABELS = {
    OVER_24H: "plus de 24 h",
    OVER_MAX: "journée chargée",
    OVERLAP: "plages qui se chevauchent",
    WEEKEND: "week-end",
    HOLIDAY: "jour férié",
    FUTURE: "date future",
}


class Timed(Protocol):
    """What the checks read of an entry or of a quick-entry draft."""

    @property
    def minutes(self) -> int: ...
    @property
    def start(self) -> time | None: ...
    @property
    def end(self) -> time | None: ...


class DayWarning(NamedTuple):
    code: str
    message: str


class DayCheck(NamedTuple):
    """`refused`: why the day cannot be recorded (None: it can); `warnings`:
    what to look at, in the order of the rules above."""

    day: date
    minutes: int
    refused: str | None
    warnings: tuple[DayWarning, ...]

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.warnings

    def messages(self) -> list[str]:
        return ([self.refused] if self.refused else []) + [w.message for w in self.warnings]

    def reasons(self) -> list[str]:
        """The codes of `messages()`, in the same order."""
        return ([OVER_24H] if self.refused else []) + [w.code for w in self.warnings]


def day_label(day: date) -> str:
    """`samedi 16/04/2022`."""
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}"


def day_refusal(day: date, total: int) -> str:
    """Why a day of `total` minutes (above 24 h) cannot be recorded."""
    return (
        f"{day_label(day)} : la journée ferait {format_minutes(total)} ;"
        " une journée ne peut pas dépasser 24 h (rien n'est enregistré)"
    )


def date_warnings(day: date, holidays: Collection[date], today: date) -> list[DayWarning]:
    """What the date alone says: weekend, public holiday, future. The journal
    shows the same marks in its title."""
    out = []
    if day.weekday() >= 5:
        out.append(DayWarning(WEEKEND, f"{day_label(day)} : jour de week-end"))
    if day in holidays:
        out.append(DayWarning(HOLIDAY, f"{day_label(day)} : jour férié"))
    if day > today:
        out.append(
            DayWarning(FUTURE, f"{day_label(day)} : date future (aujourd'hui {today:%d/%m/%Y})")
        )
    return out


def _overlaps(items: Sequence[Timed]) -> list[tuple[Timed, Timed]]:
    ranged = sorted(
        (i for i in items if i.start is not None and i.end is not None),
        key=lambda i: (i.start, i.end),
    )
    found: list[tuple[Timed, Timed]] = []
    reach: Timed | None = None  # the range seen so far that ends last
    for item in ranged:
        assert item.start is not None and item.end is not None
        if reach is not None and reach.end is not None and item.start < reach.end:
            found.append((reach, item))
        if reach is None or (reach.end is not None and item.end > reach.end):
            reach = item
    return found


def check_day(
    day: date,
    items: Sequence[Timed],
    config: Config,
    holidays: Collection[date],
    today: date,
) -> DayCheck:
    """Check one day holding `items` (the entries already there plus the one
    being typed or edited; leave out the old version of an edited entry)."""
    total = sum(i.minutes for i in items)
    refused = day_refusal(day, total) if total > MAX_MINUTES else None
    warnings: list[DayWarning] = []
    limit = round(config.max_day_hours * 60)
    if refused is None and total > limit:
        warnings.append(
            DayWarning(
                OVER_MAX,
                f"{day_label(day)} : journée de {format_minutes(total)},"
                f" plus de {format_minutes(limit)} (vérifiez la saisie)",
            )
        )
    for a, b in _overlaps(items):
        warnings.append(
            DayWarning(
                OVERLAP,
                f"{day_label(day)} : plages qui se chevauchent"
                f" ({format_hhmm(a.start)}–{format_hhmm(a.end)}"
                f" et {format_hhmm(b.start)}–{format_hhmm(b.end)})",
            )
        )
    warnings += date_warnings(day, holidays, today)
    return DayCheck(day, total, refused, tuple(warnings))


def days_to_check(
    entries: Iterable[Entry], config: Config, holidays: Collection[date], today: date
) -> list[DayCheck]:
    """Every day of `entries` some rule flags, oldest first (`citeslab check`,
    "jours à vérifier"). A stored day above 24 h (written before this rule, or
    imported) is listed with its refusal as the message."""
    by_day: dict[date, list[Entry]] = {}
    for e in entries:
        by_day.setdefault(e.date, []).append(e)
    out = []
    for day in sorted(by_day):
        found = check_day(day, by_day[day], config, holidays, today)
        if not found.ok:
            out.append(found)
    return out
