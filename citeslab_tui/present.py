"""Figures as the user reads them, the same in `citeslab report` (rich) and in
the TUI: one place decides how an hour, a share, a status or a label looks.

- durations: `20 h 30` (`core.text.hours`) wherever a person reads a time;
  `20,50` decimal hours only in numeric tables whose column says « heures » (the
  CLI report, like the exports), and `7,00 h` when such a figure stands alone;
- numbers: decimal comma, true minus sign `−`;
- shares: `PCT_DIGITS` decimals for a measured share, whole percents for a
  target (targets are whole numbers in the conventions);
- livrable statuses: keyed by the codes of `core.livrables` (a mark that reads
  without colour, then the label);
- "the label, or the key when the configuration does not know it":
  `core.model.label_of`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from citeslab_tui.core.livrables import AHEAD, LATE, ON_TRACK, REACHED
from citeslab_tui.core.model import label_of
from citeslab_tui.core.text import hours

if TYPE_CHECKING:
    from rich.text import Text

__all__ = [
    "PCT_DIGITS",
    "bar",
    "count",
    "day_label",
    "decimal_hours",
    "duration",
    "hours",
    "label_of",
    "num",
    "pct",
    "short_date",
    "signed",
    "status_text",
]

PCT_DIGITS = 1
"""Decimals of a measured share (`42,3 %`), in the CLI and the TUI alike."""

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
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

STATUS_MARKS = {REACHED: "✓", AHEAD: "↑", ON_TRACK: "=", LATE: "!"}
STATUS_STYLES = {REACHED: "bold green", AHEAD: "green", ON_TRACK: "", LATE: "bold red"}

FULL, EMPTY, MARK = "█", "░", "┃"


def num(value: float, digits: int = 2) -> str:
    """`12,50` with a decimal comma and a true minus sign."""
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def signed(text: str) -> str:
    """`+1,50` for a gap above zero (`−` and zero stay as they are)."""
    return text if text.startswith("−") or text.strip("0,") == "" else f"+{text}"


def decimal_hours(minutes: float, *, unit: bool = False) -> str:
    """`1230` → `20,50` (a table column in hours), or `20,50 h` with `unit`."""
    text = num(minutes / 60, 2)
    return f"{text} h" if unit else text


def pct(share: float | None, digits: int = PCT_DIGITS) -> str:
    """`42,3 %`; `—` when there is nothing to divide."""
    return "—" if share is None else f"{num(share * 100, digits)} %"


def count(value: float | None) -> str:
    """A livrable's count: `12`, `7,5` (a prorated target), `—`."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else num(value, 1)


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
    """`12/04/2022`."""
    return f"{day:%d/%m/%Y}"


def status_text(status: str | None) -> Text:
    """A livrable status: `✓ atteint`, `! en retard`… (`—` without a target)."""
    from rich.text import Text  # here: `citeslab log` imports this module, not rich

    if status is None:
        return Text("—", style="dim")
    mark = STATUS_MARKS.get(status)
    return Text(f"{mark} {status}" if mark else status, style=STATUS_STYLES.get(status, ""))


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
