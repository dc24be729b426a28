"""Close (or reopen) a month from F5, once its timesheet is signed: the dialog
says what closing means before anything happens. It only gathers the choice —
month, close or reopen, the reason — and dismisses with a `MonthChoice`; the
caller hands it to services.closing. None on Échap / Annuler."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from citeslab_tui.core.closing import month_label
from citeslab_tui.tui.widgets.inputs import SteadyInput

HERE = Path(__file__).parent

MEANING = (
    "Clôturer un mois, c'est le figer une fois sa feuille de temps signée : "
    "ses entrées ne pourront plus être ajoutées, modifiées, supprimées ni "
    "annulées (ici comme en ligne de commande), et toute feuille de temps déjà "
    "exportée reste vérifiable (citeslab verify). Il se rouvre ici, avec une "
    "raison qui est gardée et datée."
)


@dataclass(frozen=True, slots=True)
class MonthChoice:
    month: str  # 2022-03
    close: bool  # False: reopen
    reason: str = ""


class CloseMonth(ModalScreen[MonthChoice | None]):
    CSS_PATH = HERE / "modals.tcss"
    AUTO_FOCUS = "#close-month"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel")
    ]

    def __init__(self, months: list[str], closed: Collection[str], chosen: str | None) -> None:
        super().__init__()
        self.months = months
        self.closed = set(closed)
        self.chosen = chosen if chosen in months else (months[-1] if months else None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-dialog"):
            yield Label("Clôturer le mois", classes="dialog-title", id="close-title")
            yield Static(Text(MEANING), id="close-meaning")
            with Horizontal(classes="close-row"):
                yield Label("Mois ", classes="close-label")
                yield Select(
                    [(Text(self.describe(m)), m) for m in reversed(self.months)],
                    value=self.chosen if self.chosen else Select.BLANK,
                    allow_blank=self.chosen is None,
                    id="close-month",
                    compact=True,
                )
            with Horizontal(classes="close-row", id="close-reason-row"):
                yield Label("Raison ", classes="close-label")
                yield SteadyInput(
                    placeholder="pourquoi le rouvrir (gardé et daté)",
                    id="close-reason",
                    compact=True,
                )
            yield Static("", id="close-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Clôturer", id="close-confirm", variant="primary", compact=True)
                yield Button("Annuler", id="close-cancel", compact=True)

    def describe(self, month: str) -> str:
        state = "clos" if month in self.closed else "ouvert"
        return f"{month_label(month)} ({state})"

    def on_mount(self) -> None:
        self.show_state()

    @on(Select.Changed, "#close-month")
    def show_state(self) -> None:
        """A closed month offers to reopen it, with its reason field."""
        reopening = self.month() in self.closed
        self.query_one("#close-reason-row").display = reopening
        title = "Rouvrir le mois" if reopening else "Clôturer le mois"
        self.query_one("#close-title", Label).update(title)
        button = self.query_one("#close-confirm", Button)
        button.label = "Rouvrir" if reopening else "Clôturer"
        button.variant = "warning" if reopening else "primary"
        self.query_one("#close-error", Static).update("")

    def month(self) -> str | None:
        value = self.query_one("#close-month", Select).value
        return value if isinstance(value, str) else None

    @on(Button.Pressed, "#close-confirm")
    @on(Input.Submitted, "#close-reason")
    def confirm(self) -> None:
        month = self.month()
        error = self.query_one("#close-error", Static)
        if month is None:
            error.update(Text("choisissez un mois"))
            error.add_class("-error")
            return
        if month not in self.closed:
            self.dismiss(MonthChoice(month, close=True))
            return
        reason = self.query_one("#close-reason", Input).value.strip()
        if not reason:
            error.update(Text("rouvrir un mois clos demande une raison"))
            error.add_class("-error")
            self.query_one("#close-reason", Input).focus()
            return
        self.dismiss(MonthChoice(month, close=False, reason=reason))

    @on(Button.Pressed, "#close-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
