"""Marking a step of a porteur's path with its date (and the partner for
`oriente`, the reason for `sortie`). Dismisses with the PathStep."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from citeslab_tui.core.dates import read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import SORTIE_REASONS, STEP_LABELS, STEPS, Config, PathStep, Porteur
from citeslab_tui.tui.modals.form import Form, FormError
from citeslab_tui.tui.widgets.inputs import ListSuggester, SteadyInput

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it


def next_step(porteur: Porteur) -> str:
    """The step that usually comes next on the path."""
    stage = porteur.stage
    if stage not in STEPS:
        return STEPS[0]
    return STEPS[min(STEPS.index(stage) + 1, len(STEPS) - 1)]


class StepForm(Form[PathStep]):
    def __init__(self, porteur: Porteur, config: Config, today: date) -> None:
        super().__init__()
        self.porteur = porteur
        self.config = config
        self.today = today
        self.partners = [p.label for p in config.partners]

    def compose(self) -> ComposeResult:
        steps = [(Text(STEP_LABELS[s]), s) for s in STEPS]
        reasons = [(Text(label), key) for key, label in SORTIE_REASONS.items()]
        with Vertical(classes="dialog", id="step-dialog"):
            yield Label(f"Étape du parcours de {self.porteur.id}", classes="dialog-title")
            with Grid(classes="form-grid"):
                yield Label("Étape")
                yield Select(
                    steps,
                    value=next_step(self.porteur),
                    allow_blank=False,
                    id="s-step",
                    compact=True,
                )
                yield Label("Date")
                yield SteadyInput(f"{self.today:%d/%m/%Y}", id="s-date", compact=True)
                yield Label("Partenaire (orienté)")
                yield SteadyInput(
                    "", suggester=ListSuggester(lambda: self.partners), id="s-partner", compact=True
                )
                yield Label("Motif (sortie)")
                yield Select(reasons, value="autre", allow_blank=False, id="s-reason", compact=True)
            yield Static("", id="form-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.show_fields(str(self.query_one("#s-step", Select).value))

    @on(Select.Changed, "#s-step")
    def step_changed(self, event: Select.Changed) -> None:
        self.show_fields(str(event.value))

    def show_fields(self, step: str) -> None:
        self.query_one("#s-partner").disabled = step != "oriente"
        self.query_one("#s-reason").disabled = step != "sortie"

    def read(self) -> PathStep:
        step = str(self.query_one("#s-step", Select).value)
        try:
            day = read_date(self.query_one("#s-date", Input).value, self.today, self.today)
        except CitesLabError as error:
            raise FormError(f"date : {error}", "s-date") from None
        partner = self.query_one("#s-partner", Input).value.strip()
        reason = str(self.query_one("#s-reason", Select).value)
        return PathStep(
            step,
            day,
            partner=partner if partner and step == "oriente" else None,
            reason=reason if step == "sortie" else None,
        )
