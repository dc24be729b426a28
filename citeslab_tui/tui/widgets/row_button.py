"""A button that acts on one item of a list in the F6 forms (a territory, a
convention, an action type, a convention's livrable).

Its CSS class names what it does and it carries the item's position, so a
screen handles it with `@on(Button.Pressed, ".add-qpv")` and reads
`RowButton.of(event).at`, rather than parsing the position back out of an
id. The id (`add-qpv-2`, `drop-livrable-0-3`) stays, unique, for tests and
styling."""

from __future__ import annotations

from textual.widgets import Button


class RowButton(Button):
    """A compact button for the item at position `at` (a territory's index;
    a convention's index then its livrable's)."""

    def __init__(self, label: str, does: str, *at: int) -> None:
        """`does` is the CSS class the handler selects (`add-allocation`)."""
        super().__init__(label, id=does + "".join(f"-{n}" for n in at), classes=does, compact=True)
        self.at: tuple[int, ...] = at

    @staticmethod
    def of(event: Button.Pressed) -> RowButton:
        """The RowButton a handler selected by class was called for."""
        button = event.button
        if not isinstance(button, RowButton):
            raise TypeError(f"{button!r} is not a RowButton")
        return button
