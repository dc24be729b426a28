"""A small prompt for a date, read by core.dates (`12/04/2022`, `12/04` in the
year of the day shown, `hier`, `lundi`…). Dismisses with the date, or None on
Échap."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from citeslab_tui.core.dates import HINT, read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.tui.widgets.inputs import SteadyInput

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it


class DatePrompt(ModalScreen[date | None]):
    CSS_PATH = HERE / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel")
    ]

    def __init__(self, today: date, around: date) -> None:
        super().__init__()
        self.today = today
        self.around = around

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="date-dialog"):
            yield Label("Aller au jour…", classes="dialog-title")
            yield SteadyInput(placeholder=HINT, id="date-input", compact=True)
            yield Static("Entrée : valider · Échap : annuler", id="date-error", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            day = read_date(event.value, self.today, self.around)
        except CitesLabError as error:
            message = self.query_one("#date-error", Static)
            message.update(Text(str(error)))
            message.add_class("-error")
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
