"""French display helpers shared by the screens: dates spelled out, decimal
commas, percentages, and user text made safe to draw.

User text (notes, names, partners, error messages) always reaches a widget as a
`rich.text.Text` built here: never parsed as markup, control characters shown
as `\\x1b`-style escapes (`core.text.printable`).
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from citeslab_tui.core.text import hours, printable, shorten

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

__all__ = [
    "count",
    "day_label",
    "hours",
    "literal",
    "num",
    "pct",
    "short_date",
]


def day_label(day: date) -> str:
    """`mardi 12 avril 2022`."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def num(value: float, digits: int = 1) -> str:
    """`12,5` with a true minus sign; trailing `,0` dropped."""
    text = f"{value:.{digits}f}"
    if digits and text.endswith("." + "0" * digits):
        text = text[: -(digits + 1)]
    return text.replace(".", ",").replace("-", "−")


def count(value: float | None) -> str:
    return "—" if value is None else num(value, 1)


def pct(share: float | None, digits: int = 0) -> str:
    return "—" if share is None else f"{num(share * 100, digits)} %"


def literal(text: str, width: int | None = None, style: str = "") -> Text:
    """User text as a Text: one line, control characters visible, cut to `width`."""
    flat = printable(text, one_line=True)
    if width is not None:
        flat = shorten(flat, width)
    return Text(flat, style=style, no_wrap=True, overflow="ellipsis")


def duration(minutes: int) -> str:
    """Compact form for tables: `2h30`, `2h`, `45min`."""
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m}min"
    return f"{h}h{m:02d}" if m else f"{h}h"


def round_hours(minutes: float) -> str:
    """`1 148 h`: whole hours with a thin space between thousands (dashboard)."""
    return f"{round(minutes / 60):,} h".replace(",", "\u202f").replace("-", "−")


def hours_short(minutes: int) -> str:
    """Totals: `—` for nothing, else `core.text.hours`."""
    return "—" if not minutes else hours(minutes)
