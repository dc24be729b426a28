"""Which livrables an action type counts toward (F6 → Types d'action): a tick
list of the livrables that count action types. Dismisses with the ticked
livrable keys, or None on Échap / Annuler; F6 applies them
(services.settings.set_counted) — the livrables' own `metric.types`, the list
the indicators read."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static

HERE = Path(__file__).parent


class CountsFor(ModalScreen[list[str] | None]):
    CSS_PATH = HERE / "modals.tcss"
    AUTO_FOCUS = "#counts-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel")
    ]

    def __init__(self, label: str, livrables: list[tuple[str, str]], ticked: list[str]) -> None:
        super().__init__()
        self.label = label
        self.livrables = livrables
        self.ticked = set(ticked)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="counts-dialog"):
            yield Label(Text(f"« {self.label} » compte pour…"), classes="dialog-title")
            yield Static(
                Text(
                    "Cochez les livrables qu'une entrée de ce type fait avancer (espace "
                    "pour cocher). Sans livrable, ses heures comptent seules (piliers, "
                    "territoires). Le choix vaut pour ce livrable dans toutes les conventions."
                ),
                classes="hint",
            )
            yield SelectionList[str](
                *[(Text(label), key, key in self.ticked) for key, label in self.livrables],
                id="counts-list",
            )
            with Horizontal(classes="buttons"):
                yield Button("Valider", id="counts-ok", variant="primary", compact=True)
                yield Button("Annuler", id="counts-cancel", compact=True)

    @on(Button.Pressed, "#counts-ok")
    def confirm(self) -> None:
        self.dismiss(list(self.query_one("#counts-list", SelectionList).selected))

    @on(Button.Pressed, "#counts-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
