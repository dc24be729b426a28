"""Inputs used across the app.

`SteadyInput` does not blink: a steady cursor is as easy to find, and it keeps
SVG snapshots identical from one run to the next. `ListSuggester` completes the
last word of a free-text field from a list (partners, porteur ids), whatever
comes before it. (The forms' checkbox is in `tickbox`: the journal's bar imports
this module before the first paint, and has no checkbox.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widgets import Input


class SteadyInput(Input):
    cursor_blink = reactive(False, init=False)


class ListSuggester(Suggester):
    """Suggest the first item that extends the last word typed (case ignored)."""

    def __init__(self, items: Callable[[], Sequence[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._items = items

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value[-1] in " ,":
            return None
        cut = max(value.rfind(" "), value.rfind(",")) + 1
        last = value[cut:].casefold()
        for item in self._items():
            if item.casefold().startswith(last) and len(item) > len(last):
                return value[:cut] + item
        return None
