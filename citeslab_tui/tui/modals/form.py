"""What every form shares: ctrl+s saves, Échap cancels, a refused field shows its
French message and gets the focus. A form validates and dismisses with its
result; it never writes (the calling screen hands the result to the store)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from citeslab_tui.core.errors import CitesLabError

HERE = Path(__file__).parent
ResultT = TypeVar("ResultT")


class FormError(CitesLabError):
    """A field the form refuses; `field` is the id of the widget to focus."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class Form(ModalScreen[ResultT | None]):
    """Base of the forms: subclasses compose `#form-error`, `#save`, `#cancel`
    and implement `read()`, which returns the result or raises FormError."""

    CSS_PATH = HERE / "modals.tcss"
    # The first field, not the scrolling container around the fields: typing
    # starts at once, without a Tab first.
    AUTO_FOCUS = "Input, Select, TextArea"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuler", id="form-cancel"),
        Binding("ctrl+s", "save", "Enregistrer", id="form-save"),
    ]

    def read(self) -> ResultT:
        raise FormError("ce formulaire ne sait pas lire ses champs", "cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            result = self.read()
        except FormError as error:
            message = self.query_one("#form-error", Static)
            message.update(Text(str(error)))
            message.add_class("-error")
            self.query_one(f"#{error.field}").focus()
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
