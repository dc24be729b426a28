"""Showing user text safely: notes, names and configuration labels may hold
control characters, terminal escape sequences (ESC, BEL: a label could retitle
the terminal) or invisible format characters (U+202E and the other bidi
controls reorder what is shown). One rule for every text shown on a terminal,
by the CLI and the TUI alike: every character of the Unicode categories Cc
(controls), Cf (format), Zl and Zp (line and paragraph separators) and Cs
(lone surrogates) is shown as a visible escape (`\x1b`, `\u202e`), never
interpreted. Newlines and tabs are kept (or, `one_line`, shown as marks).
"""

from __future__ import annotations

import unicodedata

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_KEPT = "\n\t"


def is_hidden(ch: str) -> bool:
    """True for a character the terminal would interpret or not show."""
    return ch not in _KEPT and unicodedata.category(ch) in HIDDEN_CATEGORIES


def _visible(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x100:
        return f"\\x{cp:02x}"
    return f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


def hidden_characters(text: str) -> list[str]:
    """The hidden characters of `text`, as `U+202E` (for error messages)."""
    if text.isprintable():
        return []
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(text) if is_hidden(ch)]


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with hidden characters shown as `\\x1b` / `\\u202e` escapes; with
    `one_line`, newlines and tabs become visible marks too."""
    if not text.isprintable():  # the fast path: str.isprintable is C
        text = "".join(_visible(ch) if is_hidden(ch) else ch for ch in text)
    if one_line:
        return text.replace("\n", " ⏎ ").replace("\t", " ")
    return text.replace("\t", "    ")


def shorten(text: str, width: int) -> str:
    """Cut `text` to `width` characters with an ellipsis."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"


def hours(minutes: float) -> str:
    """`150` → `2 h 30`, `60` → `1 h`, `45` → `45 min`, `0` → `0 h` (an amount
    of hours, not a stopwatch), `68880` → `1 148 h` (thousands parted by a
    narrow no-break space)."""
    sign = "−" if minutes < 0 else ""
    h, m = divmod(abs(round(minutes)), 60)
    if not h and m:
        return f"{sign}{m} min"
    whole = f"{h:,}".replace(",", "\u202f")
    return f"{sign}{whole} h {m:02d}" if m else f"{sign}{whole} h"
