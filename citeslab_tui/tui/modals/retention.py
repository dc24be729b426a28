"""F4 → r: the porteurs past the RGPD retention period (services.privacy.due),
with what anonymising means, before anything happens. It only shows the list
and dismisses True (anonymise them) or False; the caller runs the purge."""

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

from citeslab_tui.services.privacy import Due

HERE = Path(__file__).parent

MEANING = (
    "Anonymiser efface définitivement les noms, contacts, notes et RQTH de ces "
    "porteurs, ici, dans l'historique d'annulation et dans les sauvegardes ; "
    "identifiants, territoires, étapes et comptes restent (les chiffres déjà "
    "transmis ne changent pas). Cela ne s'annule pas."
)


class RetentionPurge(ModalScreen[bool]):
    CSS_PATH = HERE / "modals.tcss"
    AUTO_FOCUS = "#retention-cancel"  # erasing cannot be undone: never the default
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel")
    ]

    def __init__(self, due: list[Due]) -> None:
        super().__init__()
        self.due = due

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="retention-dialog"):
            yield Label("Durée de conservation (RGPD)", classes="dialog-title")
            if not self.due:
                yield Static("Aucun porteur n'a dépassé la durée de conservation.")
            else:
                lines = [f"{d.id}  {d.territory}  {d.reason}" for d in self.due]
                yield Static(Text("\n".join(lines)), id="retention-list")
                yield Static(Text(MEANING), id="retention-meaning", classes="hint")
            with Horizontal(classes="buttons"):
                if self.due:
                    yield Button(
                        f"Anonymiser ({len(self.due)})",
                        id="retention-purge",
                        variant="error",
                        compact=True,
                    )
                yield Button(
                    "Fermer" if not self.due else "Annuler", id="retention-cancel", compact=True
                )

    @on(Button.Pressed, "#retention-purge")
    def purge(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#retention-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
