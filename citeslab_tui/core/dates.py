"""One reader for every date a user types: the CLI's `--date`/`--from`/`--to`
options, the import, and the TUI's forms and go-to-date prompt.

Accepted: `2022-03-01`, `01/03/2022`, `01/03/22` (two-digit years are 20yy,
everywhere), `01/03` (the year of `around`, by default today's), `hier`,
`aujourd'hui`, `demain`, and a weekday `lundi`…`dimanche` meaning the most
recent such day up to today (today itself when it is that day). Years outside
2000–2099 are refused: nothing is stored that a report cannot show.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from citeslab_tui.core.errors import CitesLabError

FIRST_YEAR = 2000
LAST_YEAR = 2099

HINT = "AAAA-MM-JJ, JJ/MM/AAAA, JJ/MM, hier, aujourd'hui, demain, lundi…dimanche"
"""What the reader accepts, as the prompts and the error messages say it."""

RELATIVE = {"aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "hier": -1, "demain": 1}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
"""French day names, Monday first (`WEEKDAYS[day.weekday()]`), read and written."""
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
"""French month names, January first (`MONTHS[day.month - 1]`)."""

TIME_HINT = "17h30, 17:30 ou 17h"
"""What `read_time` accepts, as the prompts say it."""

_CLOCK = re.compile(r"([0-9]{1,2})(?:[h:]([0-9]{2})?)?")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class DateError(CitesLabError):
    """A typed date that cannot be read: `str()` is the whole French message,
    `reason` its second half (for callers that quote the text their own way)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _year_reason(year: int) -> str:
    return f"année {year} hors limites ({FIRST_YEAR}–{LAST_YEAR})"


def check_year(year: int, what: str) -> None:
    """Refuse a year a report cannot show (`what` names the typed text)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        reason = _year_reason(year)
        raise DateError(f"{what} : {reason}", reason)


def out_of_range(day: date) -> str | None:
    """Why `day` cannot be stored (its year is one no report shows), in
    French, or None: the store's last gate, whatever path the date came by."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return f"date du {day.day:02d}/{day.month:02d}/{day.year:04d} : {_year_reason(day.year)}"


def read_date(text: str, today: date, around: date | None = None) -> date:
    """The date `text` names. `today` anchors the words (`hier`, `lundi`);
    `around` gives the year when only day and month are typed (the day shown in
    the TUI), today's year otherwise. Raises DateError in French."""
    typed = text.strip()
    word = typed.casefold().replace("’", "'")
    shown = f"« {typed} »"
    day: date | None = None
    if word in RELATIVE:
        day = today + timedelta(days=RELATIVE[word])
    elif word in WEEKDAYS:
        day = today - timedelta(days=(today.weekday() - WEEKDAYS.index(word)) % 7)
    elif m := _SLASHED.match(word):
        d, mo, y = m.groups()
        year = (around or today).year if y is None else int(y)
        year += 2000 if y is not None and len(y) == 2 else 0
        check_year(year, shown)
        try:
            day = date(year, int(mo), int(d))
        except ValueError:
            day = None
    elif m := _ISO.match(word):
        check_year(int(m.group(1)), shown)
        try:
            day = date.fromisoformat(word)
        except ValueError:
            day = None
    if day is None:
        reason = f"attendu : {HINT}"
        raise DateError(f"{shown} n'est pas une date ({reason})", reason)
    check_year(day.year, shown)
    return day


def read_time(text: str) -> time:
    """A time of day typed by a user (`17h30`, `17:30`, `17h`, `17`): the end
    of a timer, for the CLI's `stop --end` and the app's prompt alike. Raises
    DateError in French."""
    typed = text.strip()
    found = _CLOCK.fullmatch(typed.casefold())
    if found is None or int(found.group(1)) > 23 or int(found.group(2) or 0) > 59:
        reason = f"heure attendue (ex. {TIME_HINT})"
        raise DateError(f"« {typed} » : {reason}", reason)
    return time(int(found.group(1)), int(found.group(2) or 0))
