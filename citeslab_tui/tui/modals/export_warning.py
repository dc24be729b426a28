"""Before a timesheet is written: what would make it unfit to sign (no person
or manager name, a period no convention covers), with the way out — F6
Paramètres — or exporting anyway. Dismisses with "export", "settings" or None."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

HERE = Path(__file__).parent


class ExportWarning(ModalScreen[str | None]):
    CSS_PATH = HERE / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel"),
        Binding("f6", "settings", "Paramètres", id="warning-settings"),
    ]

    def __init__(self, warnings: list[str]) -> None:
        super().__init__()
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-warning"):
            yield Label("Cette feuille de temps n'est pas prête à signer", classes="dialog-title")
            yield Static(Text("\n".join(f"• {w}" for w in self.warnings)), id="warning-list")
            with Horizontal(classes="buttons"):
                yield Button(
                    "Paramètres (F6)", id="warning-settings", variant="primary", compact=True
                )
                yield Button("Exporter quand même", id="warning-export", compact=True)
                yield Button("Annuler", id="warning-cancel", compact=True)

    @on(Button.Pressed, "#warning-settings")
    def action_settings(self) -> None:
        self.dismiss("settings")

    @on(Button.Pressed, "#warning-export")
    def export_anyway(self) -> None:
        self.dismiss("export")

    @on(Button.Pressed, "#warning-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
