"""A timer left running over midnight (issue 16): never 30 hours recorded
silently. The prompt says when and for what it was started and asks when the
activity really ended that day (a time read by core.dates, checked by
core.timer), or to abandon it. Dismisses with the end time, `DISCARD`, or None
(Échap: decide later, the timer keeps running)."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from citeslab_tui.core.dates import TIME_HINT, read_time
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.text import printable
from citeslab_tui.core.timer import RunningTimer, end_moment
from citeslab_tui.tui.widgets.inputs import SteadyInput

HERE = Path(__file__).parent

DISCARD: Literal["discard"] = "discard"
HINT = "Entrée : enregistrer · ctrl+d : abandonner (rien n'est enregistré) · Échap : plus tard"


class TimerEndPrompt(ModalScreen[time | Literal["discard"] | None]):
    CSS_PATH = HERE / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Décider plus tard (le chronomètre continue)", id="timer-later"),
        Binding(
            "ctrl+d", "discard", "Abandonner le chronomètre", id="timer-discard", priority=True
        ),  # over the field's own ctrl+d
    ]

    def __init__(self, timer: RunningTimer, now: datetime) -> None:
        super().__init__()
        self.timer = timer
        self.now = now

    def compose(self) -> ComposeResult:
        started = self.timer.started
        with Vertical(classes="dialog", id="timer-dialog"):
            yield Label("Chronomètre resté lancé", classes="dialog-title")
            yield Static(
                Text(
                    f"« {printable(self.timer.line, one_line=True)} » : lancé le "
                    f"{started:%d/%m/%Y} à {started:%H:%M}, jamais arrêté. "
                    "À quelle heure l'activité s'est-elle terminée ce jour-là ?"
                ),
                id="timer-question",
            )
            yield SteadyInput(placeholder=TIME_HINT, id="timer-end", compact=True)
            yield Static(HINT, id="timer-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer", id="timer-save", variant="primary", compact=True)
                yield Button("Abandonner", id="timer-discard", compact=True)
                yield Button("Plus tard", id="timer-later", compact=True)

    @on(Input.Submitted, "#timer-end")
    @on(Button.Pressed, "#timer-save")
    def save(self) -> None:
        """The end time, read and checked (after the start, not in the future)
        before the journal records anything."""
        try:
            end = read_time(self.query_one("#timer-end", Input).value)
            end_moment(self.timer, self.now, end)
        except CitesLabError as error:
            message = self.query_one("#timer-error", Static)
            message.update(Text(str(error)))
            message.add_class("-error")
            self.query_one("#timer-end", Input).focus()
            return
        self.dismiss(end)

    @on(Button.Pressed, "#timer-discard")
    def action_discard(self) -> None:
        self.dismiss(DISCARD)

    @on(Button.Pressed, "#timer-later")
    def action_later(self) -> None:
        self.dismiss(None)
