"""Adding or editing a porteur de projet. Fixed choices wherever possible
(territory, QPV, profile, public categories): the person may ask to read what
is kept about them. RQTH (health data) is not asked here; an existing answer is
left untouched. Dismisses with the fields; the screen calls the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from citeslab_tui.core.dates import read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import CATEGORIES, PORTEUR_ID, PROFILES, Config, Porteur
from citeslab_tui.tui.modals.form import Form, FormError
from citeslab_tui.tui.widgets.inputs import SteadyInput
from citeslab_tui.tui.widgets.tickbox import TickBox

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

UNSPECIFIED_QPV = "?"


class PorteurForm(Form[dict[str, Any]]):
    """New porteur (`porteur` None): every field, plus `welcomed` (date of the
    accueilli step, or None). Editing: only the fields that changed."""

    def __init__(
        self, config: Config, today: date, porteur: Porteur | None = None, next_id: str = ""
    ) -> None:
        super().__init__()
        self.config = config
        self.today = today
        self.porteur = porteur
        self.next_id = next_id

    def compose(self) -> ComposeResult:
        p, cfg = self.porteur, self.config
        territories = [(Text(f"{t.code} — {t.name}"), t.code) for t in cfg.territories]
        qpvs: list[tuple[Text, str]] = [(Text("oui, QPV non précisé"), UNSPECIFIED_QPV)]
        qpvs += [(Text(f"{q.code} {q.name}"), q.code) for q in cfg.all_qpvs()]
        qpv_value: Any = Select.NULL
        if p is not None and p.qpv_resident:
            qpv_value = p.qpv or UNSPECIFIED_QPV
        profiles = [(Text(label), key) for key, label in PROFILES.items()]
        territory = p.territory if p else (cfg.implicit_territory() or cfg.territory_codes[0])
        title = f"Modifier le porteur {p.id}" if p else "Nouveau porteur"
        with Vertical(classes="dialog", id="porteur-dialog"):
            yield Label(title, classes="dialog-title")
            with VerticalScroll(), Grid(classes="form-grid"):
                yield Label("Identifiant")
                yield SteadyInput(
                    p.id if p else self.next_id, id="p-id", compact=True, disabled=p is not None
                )
                yield Label("Territoire")
                yield Select(
                    territories, value=territory, allow_blank=False, id="p-territory", compact=True
                )
                yield Label("Résident QPV")
                yield Select(qpvs, value=qpv_value, prompt="non", id="p-qpv", compact=True)
                yield Label("Projet en QPV")
                yield TickBox(
                    Text("projet implanté dans un QPV"),
                    value=bool(p and p.project_qpv),
                    id="p-project-qpv",
                    compact=True,
                )
                yield Label("Profil")
                yield Select(
                    profiles,
                    value=p.profile if p and p.profile else Select.NULL,
                    prompt="non précisé",
                    id="p-profile",
                    compact=True,
                )
                yield Label("Public")
                with Grid(id="p-categories"):
                    for key, label in CATEGORIES.items():
                        yield TickBox(
                            Text(label),
                            value=bool(p and key in p.categories),
                            id=f"p-cat-{key}",
                            compact=True,
                        )
                yield Label("Nom (facultatif)")
                yield SteadyInput((p.name or "") if p else "", id="p-name", compact=True)
                yield Label("Contact (facultatif)")
                yield SteadyInput((p.contact or "") if p else "", id="p-contact", compact=True)
                if p is None:
                    yield Label("Accueilli le")
                    yield SteadyInput(
                        f"{self.today:%d/%m/%Y}",
                        placeholder="vide : pas encore accueilli",
                        id="p-welcomed",
                        compact=True,
                    )
                yield Label("Notes (factuelles)")
                yield SteadyInput(p.notes if p else "", id="p-notes", compact=True)
            yield Static("", id="form-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    def read(self) -> dict[str, Any]:
        def text(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        qpv = self.query_one("#p-qpv", Select).value
        profile = self.query_one("#p-profile", Select).value
        fields: dict[str, Any] = {
            "territory": str(self.query_one("#p-territory", Select).value),
            "qpv_resident": qpv is not Select.NULL,
            "qpv": None if qpv in (Select.NULL, UNSPECIFIED_QPV) else str(qpv),
            "project_qpv": self.query_one("#p-project-qpv", Checkbox).value,
            "profile": None if profile is Select.NULL else str(profile),
            "categories": tuple(
                key for key in CATEGORIES if self.query_one(f"#p-cat-{key}", Checkbox).value
            ),
            "name": text("p-name") or None,
            "contact": text("p-contact") or None,
            "notes": text("p-notes"),
        }
        if self.porteur is not None:
            return {k: v for k, v in fields.items() if getattr(self.porteur, k) != v}
        pid = text("p-id").upper()
        if not PORTEUR_ID.fullmatch(pid):
            raise FormError("identifiant : format P-AAAA-NNN attendu (ex. P-2022-014)", "p-id")
        welcomed = text("p-welcomed")
        try:
            day = read_date(welcomed, self.today, self.today) if welcomed else None
        except CitesLabError as error:
            raise FormError(f"date d'accueil : {error}", "p-welcomed") from None
        return {"id": pid, "welcomed": day, **fields}
