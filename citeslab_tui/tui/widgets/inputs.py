"""Inputs used across the app.

`SteadyInput` does not blink: a steady cursor is as easy to find, and it keeps
SVG snapshots identical from one run to the next. `ListSuggester` completes the
last word of a free-text field from a list (partners, porteur ids), whatever
comes before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input


class SteadyInput(Input):
    cursor_blink = reactive(False, init=False)


class TickBox(Checkbox):
    """A checkbox whose state shows without colour: `X` checked, blank not."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.BUTTON_INNER = "X" if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()  # the -on class and the Changed message


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
