"""What every screen that shows stored data shares: the store and the clock
handed in, redrawing when the data changed (our own write, another process's
write seen by the app's poll, or changes made while the screen was hidden), and
one way to call the store that turns a refused change into a French
notification."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.screen import Screen

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.store import Store
from citeslab_tui.tui.format import refusal

T = TypeVar("T")


class StoreScreen(Screen[None]):
    """A screen drawn from the store. Subclasses implement `reload()`."""

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self._drawn_generation = -1
        self._drawn_config: object = store.config
        # True from on_mount on (Textual's is_mounted turns true only after
        # on_mount, whose redraw needs it already)
        self._drawable = False

    def on_mount(self) -> None:
        self._drawable = True
        self.redraw()

    def on_screen_resume(self) -> None:
        if self._drawable and (
            self._drawn_generation != self.store.generation
            or self._drawn_config is not self.store.config
        ):
            self.redraw()

    def redraw(self) -> None:
        """Draw again from the store (cheap: screens read a day, a week or a page)."""
        if not self._drawable:
            return
        self._drawn_generation = self.store.generation
        if self._drawn_config is not self.store.config:
            self._drawn_config = self.store.config
            self.config_changed()
        self.reload()

    def reload(self) -> None:
        """The hook each screen fills: draw what it shows from the store. The
        base screen shows nothing of its own, so it has nothing to draw."""

    def config_changed(self) -> None:
        """The configuration was changed (F6, `citeslab config set`, an edit of
        the file): widgets that keep the configuration take the new one here."""

    def edit_through(
        self, form: Screen[dict[str, Any] | None], save: Callable[[dict[str, Any]], None]
    ) -> None:
        """Show an edit form: its changes go to `save`; a form closed unchanged
        says so, a cancelled one says nothing."""

        def done(changes: dict[str, Any] | None) -> None:
            if changes:
                save(changes)
            elif changes is not None:
                self.notify("Aucune modification.")

        self.app.push_screen(form, done)

    def attempt(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call the store; a refusal becomes an error notification and None.
        After a change, every screen of the stack is drawn again."""
        try:
            result = call(*args, **kwargs)
        except CitesLabError as error:
            title, message = refusal(error)
            self.notify(message, title=title, severity="error", markup=False, timeout=10)
            return None
        data_changed = getattr(self.app, "data_changed", None)
        if data_changed is not None:
            data_changed()
        else:  # pragma: no cover - only inside CitesLabApp in practice
            self.redraw()
        return result
