"""The lines typed in the quick-entry bar, newest last, for ↑/↓ and ctrl+r.

The same week comes back: the weekly permanence, the same entretien slots. The
history keeps each distinct line once (typing it again moves it to the end), at
most `MAX_LINES`, and — when the user prefers — without the notes, which may
name people. Pure: reading and writing the file is services/history.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeslab_tui.core.quickentry import split_note
from citeslab_tui.core.textmatch import norm_words

MAX_LINES = 500
MAX_LINE = 2000  # a longer line (a pasted text) is not worth keeping


@dataclass(frozen=True, slots=True)
class History:
    lines: tuple[str, ...] = ()  # oldest first
    keep_notes: bool = True

    def remember(self, line: str) -> History:
        """The history with `line` added last (without its note if notes are not kept)."""
        text = _kept(line, self.keep_notes)
        if not text or len(text) > MAX_LINE:
            return self
        lines = [other for other in self.lines if other != text]
        lines.append(text)
        return History(tuple(lines[-MAX_LINES:]), self.keep_notes)

    def with_notes(self, keep: bool) -> History:
        """Switching notes off also removes them from the lines already kept."""
        if keep:
            return History(self.lines, True)
        lines = dict.fromkeys(t for t in (_kept(line, False) for line in self.lines) if t)
        return History(tuple(lines), False)

    def search(self, query: str) -> list[str]:
        """Lines containing every word of `query` (accents and case ignored), newest first."""
        words = norm_words(query)
        found = []
        for line in reversed(self.lines):
            text = " ".join(norm_words(line))
            if all(word in text for word in words):
                found.append(line)
        return found


def _kept(line: str, keep_notes: bool) -> str:
    text = " ".join(line.split())
    if not keep_notes:
        text = split_note(text)[0].strip()
    return text


class Cursor:
    """Walking the history with ↑/↓ from the bar, as a shell does: ↑ goes back,
    ↓ forward, and past the newest line the line being typed comes back."""

    def __init__(self, lines: Sequence[str], draft: str) -> None:
        self.lines = list(lines)
        self.draft = draft
        self.position = len(self.lines)  # == len: the draft

    def older(self) -> str | None:
        if self.position == 0:
            return None
        self.position -= 1
        return self.lines[self.position]

    def newer(self) -> str | None:
        if self.position >= len(self.lines):
            return None
        self.position += 1
        return self.draft if self.position == len(self.lines) else self.lines[self.position]
