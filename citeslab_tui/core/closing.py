"""Month closing (clôture): once a month's timesheet is signed, its entries are
frozen. A closed month refuses any new, changed, deleted or undone entry, and
an import into it; reopening it needs a reason, which is kept with its date.

The closing state is data (a `closures` table of the data file): one record per
month that was ever closed, with every close and reopen event:
`{"month": "2022-03", "closed": true, "events": [{"action": "close", "at": …},
{"action": "reopen", "at": …, "reason": "…"}]}`.

This module holds the rule; the store calls `check_open` on every entry write.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Any

from citeslab_tui.core.dates import MONTHS
from citeslab_tui.core.errors import CitesLabError, MonthClosed

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_of(day: date) -> str:
    """`2022-03` for any day of March 2022."""
    return f"{day.year:04d}-{day.month:02d}"


def read_month(text: str) -> str:
    """A month typed by the user, `2022-03` or `03/2022`, as `2022-03`."""
    cleaned = text.strip()
    found = re.fullmatch(r"(\d{1,2})/(\d{4})", cleaned)
    if found:
        cleaned = f"{found.group(2)}-{int(found.group(1)):02d}"
    if not _MONTH_RE.match(cleaned):
        raise CitesLabError(f"« {text} » n'est pas un mois (AAAA-MM, par exemple 2022-03)")
    return cleaned


def month_label(month: str) -> str:
    """`mars 2022`."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def of_month(month: str) -> str:
    """`de mars 2022`, `d'avril 2022` (French elision before a vowel)."""
    label = month_label(month)
    return f"d'{label}" if label[0] in "aeiouéo" else f"de {label}"


def closed_months(closures: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The months currently closed, from the `closures` table."""
    return {month for month, rec in closures.items() if rec.get("closed")}


def check_open(days: Iterable[date], closed: Collection[str]) -> None:
    """Refuse a change touching an entry dated in a closed month (French
    message saying how to reopen it)."""
    if not closed:
        return
    for day in days:
        month = month_of(day)
        if month in closed:
            raise MonthClosed(closed_message(month), month=month)


def closed_message(month: str, reopen: str | None = None) -> str:
    """Why a change to `month` is refused, and how to reopen it: `reopen` is
    the interface's own way (the app names its key), the command otherwise."""
    how = reopen or f'citeslab month reopen {month} --reason "…"'
    return (
        f"le mois {of_month(month)} est clos (feuille de temps signée) : "
        "ses entrées ne peuvent plus être ajoutées, modifiées, supprimées ni "
        f"annulées, rien n'a été enregistré. Pour le rouvrir : {how}"
    )


def closing_record(
    previous: Mapping[str, Any] | None, month: str, at: str, *, close: bool, reason: str = ""
) -> dict[str, Any]:
    """The month's record after closing (`close`) or reopening it. Refuses to
    close a closed month, to reopen an open one, or to reopen without a reason."""
    events = list(previous.get("events", [])) if previous else []
    is_closed = bool(previous and previous.get("closed"))
    label = of_month(month)
    if close:
        if is_closed:
            raise CitesLabError(f"le mois {label} est déjà clos")
        events.append({"action": "close", "at": at})
    else:
        if not is_closed:
            raise CitesLabError(f"le mois {label} n'est pas clos")
        if not reason.strip():
            raise CitesLabError('rouvrir un mois clos demande une raison (--reason "…")')
        events.append({"action": "reopen", "at": at, "reason": reason.strip()})
    return {"month": month, "closed": close, "events": events}


def months_to_close(start: date, end: date, today: date) -> list[str]:
    """The months from `start` to `end` that have begun by `today` (a month
    not yet begun has nothing to sign), oldest first."""
    last = min(end, today)
    months: list[str] = []
    year, number = start.year, start.month
    while (year, number) <= (last.year, last.month):
        months.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def default_month(months: list[str], closed: Collection[str], today: date) -> str | None:
    """The month the user most likely means to close: the latest finished
    month still open, else the latest month offered."""
    current = month_of(today)
    for month in reversed(months):
        if month < current and month not in closed:
            return month
    return months[-1] if months else None
