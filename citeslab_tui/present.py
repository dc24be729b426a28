"""Figures as the user reads them, the same in the CLI (click, rich) and in the
TUI: one place decides how an hour, a share, a date or a label looks.

- durations: `20 h 30` (`core.text.hours`) wherever a person reads a time;
  `20,50` decimal hours only in numeric tables whose column says « heures » (the
  CLI report, like the exports), and `7,00 h` when such a figure stands alone;
- numbers (`num`, `signed`, `count`, `euros`): `core.numbers`, which the bilan
  and the XLSX captions use too — `1 222,75`, true minus sign `−`;
- shares: `PCT_DIGITS` decimals for a measured share, whole percents for a
  target (targets are whole numbers in the conventions);
- "the label, or the key when the configuration does not know it":
  `core.model.label_of`.

The figures of a report (livrable statuses and gauges, publics, governance,
money) are in `present_report`: `citeslab log`, `list` and `porteur list` use
this module without loading the livrable rules.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from citeslab_tui.core import numbers
from citeslab_tui.core.dates import MONTHS, WEEKDAYS
from citeslab_tui.core.model import label_of
from citeslab_tui.core.numbers import count, euros, signed
from citeslab_tui.core.numbers import number as num
from citeslab_tui.core.text import hours

if TYPE_CHECKING:
    # lazy (here and in bar): rich only for rich output; `citeslab log` uses
    # this module without it
    from rich.text import Text

    from citeslab_tui.core.timer import RunningTimer

__all__ = [
    "EMPTY",
    "FULL",
    "MARK",
    "PCT_DIGITS",
    "bar",
    "count",
    "day_label",
    "decimal_hours",
    "duration",
    "euros",
    "hours",
    "label_of",
    "num",
    "pct",
    "short_date",
    "signed",
    "timer_badge",
]

PCT_DIGITS = 1
"""Decimals of a measured share (`42,3 %`), in the CLI and the TUI alike."""

FULL, EMPTY, MARK = "█", "░", "┃"


def decimal_hours(minutes: float, *, unit: bool = False) -> str:
    """`1230` → `20,50` (a table column in hours), or `20,50 h` with `unit`."""
    return numbers.decimal_hours(minutes / 60) if unit else num(minutes / 60, 2)


def pct(share: float | None, digits: int = PCT_DIGITS) -> str:
    """`42,3 %`; `—` when there is nothing to divide."""
    return numbers.percent(share, digits)


def duration(minutes: int) -> str:
    """Compact form for narrow table columns: `2h30`, `2h`, `45min`."""
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m}min"
    return f"{h}h{m:02d}" if m else f"{h}h"


def day_label(day: date) -> str:
    """`mardi 12 avril 2022`."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """`12/04/2022` (from the date's fields: a third of `%d/%m/%Y`'s cost, which
    counts in a list of thousands of dates)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def bar(width: int, ratio: float, mark: float | None = None) -> Text:
    """A gauge `width` cells wide, filled to `ratio` (0–1, clipped), with `┃`
    where one should be by now (`mark`, 0–1) when given. Readable without
    colour: `█` done, `░` still to do."""
    from rich.text import Text  # here: `citeslab log` imports this module, not rich

    width = max(1, width)
    filled = max(0, min(width, round(ratio * width)))
    cells = [FULL] * filled + [EMPTY] * (width - filled)
    if mark is not None:
        at = max(0, min(width - 1, round(mark * width) - (1 if mark > 0 else 0)))
        cells[at] = MARK
    text = Text()
    for cell in cells:
        text.append(cell, style="bold" if cell == MARK else ("" if cell == FULL else "dim"))
    return text


def timer_badge(timer: RunningTimer, now: datetime) -> str:
    """What the journal's header says while a timer runs: `Chronomètre 1 h 20 ·
    atelier @CCG 12p · depuis 14:05` (whole minutes); one started on an earlier
    day says when, without an elapsed time (it will ask for the end)."""
    if timer.crossed_midnight(now):
        return (
            f"Chronomètre lancé le {timer.started:%d/%m/%Y} à {timer.started:%H:%M} · {timer.line}"
        )
    minutes = int(timer.elapsed(now).total_seconds() // 60)
    elapsed = hours(minutes) if minutes else "0 min"  # a stopwatch counts minutes
    return f"Chronomètre {elapsed} · {timer.line} · depuis {timer.started:%H:%M}"
