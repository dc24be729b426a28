"""Showing user text safely: notes and names may hold control characters or
terminal escape sequences (pasted from anywhere). They are displayed literally,
never interpreted by the terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with control characters shown as `\\x1b`-style escapes; with
    `one_line`, newlines and tabs become visible marks too."""
    text = _CONTROL.sub(_escape, text)
    if one_line:
        text = text.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ")
    else:
        text = text.replace("\t", "    ")
    return text


def shorten(text: str, width: int) -> str:
    """Cut `text` to `width` characters with an ellipsis."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"


def hours(minutes: float) -> str:
    """`150` → `2 h 30`, `60` → `1 h`, `45` → `45 min`, `68880` → `1 148 h`
    (thousands parted by a narrow no-break space)."""
    sign = "−" if minutes < 0 else ""
    h, m = divmod(abs(round(minutes)), 60)
    if not h:
        return f"{sign}{m} min"
    whole = f"{h:,}".replace(",", "\u202f")
    return f"{sign}{whole} h {m:02d}" if m else f"{sign}{whole} h"
