"""ctrl+r in the quick-entry bar: a reverse search of the lines typed before,
as in a shell. Each key typed narrows it and shows the newest matching line at
once; ctrl+r again goes to an older match; Entrée puts the line in the bar (to
edit or record); Échap leaves the bar as it was. Dismisses with the line, or
None. The matching rule is core.history's (every word, accents and case
ignored)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from citeslab_tui.core.text import printable
from citeslab_tui.tui.widgets.inputs import SteadyInput

if TYPE_CHECKING:
    from citeslab_tui.core.history import History

HERE = Path(__file__).parent
HINT = "ctrl+r : plus ancienne · Entrée : prendre · Échap : annuler"


class HistorySearch(ModalScreen[str | None]):
    CSS_PATH = HERE / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler la recherche", id="search-cancel"),
        Binding(
            "ctrl+r",
            "older",
            "Ligne plus ancienne qui correspond",
            id="search-older",
            priority=True,
        ),
    ]

    def __init__(self, history: History, query: str = "") -> None:
        super().__init__()
        self.history = history
        self.query_text = query
        self.found: list[str] = []
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="search-dialog"):
            yield Label("Chercher dans les lignes tapées avant", classes="dialog-title")
            yield SteadyInput(
                self.query_text,
                placeholder="mots de la ligne (ex. perm CCG)",
                id="search-query",
                compact=True,
            )
            yield Static(id="search-match")
            yield Static(HINT, classes="hint")

    def on_mount(self) -> None:
        self.look(self.query_text)

    @on(Input.Changed, "#search-query")
    def changed(self, event: Input.Changed) -> None:
        self.look(event.value)

    def look(self, query: str) -> None:
        """The newest line matching `query`, shown at once."""
        self.found = self.history.search(query)
        self.at = 0
        self.show()

    def show(self) -> None:
        match = self.query_one("#search-match", Static)
        if not self.found:
            match.update(Text("aucune ligne ne correspond"))
            match.set_class(True, "-none")
            return
        match.set_class(False, "-none")
        line = Text(printable(self.found[self.at], one_line=True), style="bold")
        line.append(f"   {self.at + 1}/{len(self.found)}", style="dim")
        match.update(line)

    def action_older(self) -> None:
        if self.at + 1 >= len(self.found):
            self.app.bell()
            return
        self.at += 1
        self.show()

    @on(Input.Submitted, "#search-query")
    def accept(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.found[self.at] if self.found else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
