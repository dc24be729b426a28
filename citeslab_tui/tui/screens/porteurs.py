"""F4 Porteurs: the register, filtered by stage, territory and QPV, one page
at a time; add or edit a porteur, mark a step of their path, see the entries
that name them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Select, Static

from citeslab_tui.core.model import CATEGORIES, SORTIE_REASONS, STAGE_LABELS, PathStep, Porteur
from citeslab_tui.present import label_of, short_date
from citeslab_tui.services import porteurs as service
from citeslab_tui.services import privacy
from citeslab_tui.store import Store
from citeslab_tui.tui.format import literal
from citeslab_tui.tui.modals.linked_entries import LinkedEntries
from citeslab_tui.tui.modals.porteur_form import PorteurForm
from citeslab_tui.tui.modals.retention import RetentionPurge
from citeslab_tui.tui.modals.step_form import StepForm
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.widgets.footer import AppFooter

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

PAGE_SIZE = 50
PROFILE_SHORT = {
    "intentionniste": "Intentionniste",
    "en_devenir": "En devenir",
    "en_activite": "En activité",
}
ALL = "*"


def path_text(p: Porteur) -> Text:
    """`Accueilli 12/01/2022 → Orienté (ADIE) 01/03/2022 → …`, literally."""
    parts = []
    for s in p.steps:
        label = label_of(STAGE_LABELS, s.step)
        if s.partner:
            label += f" ({s.partner})"
        if s.reason:
            label += f" ({label_of(SORTIE_REASONS, s.reason)})"
        parts.append(f"{label} {short_date(s.date)}")
    return literal(" → ".join(parts) if parts else "Pas encore d'étape.")


class PorteursScreen(StoreScreen):
    CSS_PATH = HERE / "porteurs.tcss"
    AUTO_FOCUS = "#porteurs-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_porteur", "Nouveau porteur", id="new-porteur", show=False),
        Binding("e", "edit_porteur", "Modifier le porteur", id="edit-porteur", show=False),
        Binding("s", "add_step", "Marquer une étape du parcours", id="add-step", show=False),
        Binding("l", "linked_entries", "Entrées liées au porteur", id="linked-entries", show=False),
        Binding(
            "r",
            "retention",
            "Conservation RGPD : porteurs à anonymiser",
            id="retention-purge",
            show=False,
        ),
        Binding(
            "pageup", "page(-1)", "Page précédente", id="previous-page", priority=True, show=False
        ),
        Binding("pagedown", "page(1)", "Page suivante", id="next-page", priority=True, show=False),
    ]

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        super().__init__(store, today)
        self.page = 0
        self.stage = ALL
        self.territory = ALL
        self.qpv = ALL
        self._shown: list[Porteur] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        cfg = self.store.config
        yield Static(id="porteurs-title")
        with Horizontal(id="porteurs-filters"):
            yield Static("Étape", classes="filter-label")
            yield Select(
                [(Text(label), key) for key, label in STAGE_LABELS.items()],
                prompt="toutes",
                id="filter-stage",
                compact=True,
            )
            yield Static("Territoire", classes="filter-label")
            yield Select(
                [(Text(t.code), t.code) for t in cfg.territories],
                prompt="tous",
                id="filter-territory",
                compact=True,
            )
            yield Static("QPV", classes="filter-label")
            yield Select(
                [(Text("résidents QPV"), "oui"), (Text("hors QPV"), "non")],
                prompt="tous",
                id="filter-qpv",
                compact=True,
            )
        yield DataTable(id="porteurs-table", cursor_type="row")
        yield Static(id="porteur-detail")
        yield AppFooter()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#porteurs-table", DataTable)

    def columns(self, width: int) -> tuple[int, int]:
        """(profile, name) widths: the name keeps what the fixed columns leave."""
        profile = 14 if width >= 100 else 11
        return profile, max(8, min(40, width - 4 - 41 - profile - 2 * 7))

    def on_resize(self) -> None:
        if self._drawable:
            self.redraw()

    # ------------------------------------------------------------------ drawing

    def selected(self) -> Porteur | None:
        row = self.table.cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def reload(self) -> None:
        everyone = self.store.porteurs()
        chosen = service.newest_first(
            service.matching(
                everyone,
                stage=None if self.stage == ALL else self.stage,
                territory=None if self.territory == ALL else self.territory,
                qpv_resident=None if self.qpv == ALL else self.qpv == "oui",
            )
        )
        pages = max(1, -(-len(chosen) // PAGE_SIZE))
        self.page = max(0, min(self.page, pages - 1))
        keep = self.selected()
        self._shown = chosen[self.page * PAGE_SIZE : (self.page + 1) * PAGE_SIZE]
        table = self.table
        width = self.size.width or self.app.size.width
        profile_width, name_width = self.columns(width)
        if width != self._width:
            self._width = width
            table.clear(columns=True)
            for heading, size in (
                ("Porteur", 10),
                ("Terr.", 4),
                ("QPV", 8),
                ("Étape", 9),
                ("Depuis", 10),
                ("Profil", profile_width),
                ("Nom", name_width),
            ):
                table.add_column(heading, width=size)
        else:
            table.clear()
        for p in self._shown:
            stage = p.stage
            since = p.step_date(stage) if stage in STAGE_LABELS and p.steps else None
            qpv = (p.qpv or "oui") if p.qpv_resident else "—"
            table.add_row(
                Text(p.id),
                literal(p.territory, 4),
                Text(qpv),
                Text(label_of(STAGE_LABELS, stage)),
                Text(short_date(since) if since else ""),
                literal(PROFILE_SHORT.get(p.profile or "", p.profile or ""), profile_width),
                literal(p.name or "", name_width),
                key=p.uuid,
            )
        if keep is not None:
            for i, p in enumerate(self._shown):
                if p.uuid == keep.uuid:
                    table.move_cursor(row=i, animate=False)
        title = Text("Porteurs", style="bold")
        filtered = " (filtrés)" if len(chosen) != len(everyone) else ""
        title.append(f" · {len(chosen)}{filtered} sur {len(everyone)}")
        title.append(f" · page {self.page + 1}/{pages}")
        title.append("   n nouveau · e modifier · s étape · l entrées", style="dim")
        self.query_one("#porteurs-title", Static).update(title)
        self.show_detail()

    def show_detail(self) -> None:
        p = self.selected()
        detail = self.query_one("#porteur-detail", Static)
        if p is None:
            detail.update(Text("Aucun porteur. n : en ajouter un."))
            return
        text = Text(f"{p.id} · ", style="bold")
        text.append_text(path_text(p))
        cats = ", ".join(label_of(CATEGORIES, c) for c in p.categories)
        if cats:
            text.append("\nPublic : ")
            text.append(cats)
        if p.notes:
            text.append("\nNotes : ")
            text.append_text(literal(p.notes, 200))
        detail.update(text)

    # ------------------------------------------------------------------ events

    @on(Select.Changed, "#porteurs-filters Select")
    def filter_changed(self, event: Select.Changed) -> None:
        value = ALL if event.value is Select.NULL else str(event.value)
        target = {"filter-stage": "stage", "filter-territory": "territory", "filter-qpv": "qpv"}
        setattr(self, target[event.select.id or ""], value)
        self.page = 0
        self.redraw()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_linked_entries()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_porteur", "add_step", "linked_entries"):
            return self._drawable and self.selected() is not None
        return True

    def action_page(self, step: int) -> None:
        self.page += step
        self.table.move_cursor(row=0, animate=False)
        self.redraw()

    def action_new_porteur(self) -> None:
        today = self.today()

        def done(fields: dict[str, Any] | None) -> None:
            if fields is None:
                return
            porteur = self.attempt(service.add, self.store, today=today, **fields)
            if porteur is not None:
                self.notify(f"Porteur ajouté : {porteur.id}", markup=False)
                self.select(porteur.uuid)

        form = PorteurForm(self.store.config, today, next_id=self.store.next_porteur_id(today.year))
        self.app.push_screen(form, done)

    def select(self, uuid: str) -> None:
        for i, p in enumerate(self._shown):
            if p.uuid == uuid:
                self.table.move_cursor(row=i, animate=False)
                return

    def action_edit_porteur(self) -> None:
        porteur = self.selected()
        if porteur is None:
            return

        def save(changes: dict[str, Any]) -> None:
            if self.attempt(service.edit, self.store, porteur.id, changes) is not None:
                self.notify(f"Porteur modifié : {porteur.id}", markup=False)

        self.edit_through(PorteurForm(self.store.config, self.today(), porteur), save)

    def action_add_step(self) -> None:
        porteur = self.selected()
        if porteur is None:
            return

        def done(step: PathStep | None) -> None:
            if step is None:
                return
            done = self.attempt(
                service.step,
                self.store,
                porteur.id,
                step.step,
                step.date,
                partner=step.partner,
                reason=step.reason,
            )
            if done is not None:
                label = label_of(STAGE_LABELS, step.step)
                self.notify(f"{porteur.id} : {label} le {short_date(step.date)}", markup=False)

        self.app.push_screen(StepForm(porteur, self.store.config, self.today()), done)

    def action_retention(self) -> None:
        """The porteurs past the retention period, anonymised once confirmed
        (the list shown is the list erased: services.privacy.purge)."""
        today = self.today()
        shown = privacy.due(self.store, today)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            erased = self.attempt(privacy.purge, self.store, today, [d.id for d in shown])
            if erased is not None:
                self.notify(privacy.describe(erased), markup=False)

        self.app.push_screen(RetentionPurge(shown), done)

    def action_linked_entries(self) -> None:
        porteur = self.selected()
        if porteur is None:
            return
        self.app.push_screen(LinkedEntries(porteur.id, self.store))
