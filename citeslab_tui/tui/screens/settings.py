"""F6 Paramètres: the whole configuration in forms — who you are and your
structure, territories with their ETP and quartiers, conventions with their
money and livrable targets per year, the action-type catalogue.

Every keystroke re-checks the whole configuration against its schema
(config.config_problems): a refused value shows the schema's French message at
its field, and ctrl+s saves nothing while anything is refused. Saving writes
the file atomically with a backup (services.settings.apply) and the whole app
takes the new configuration at once (CitesLabApp.use_config)."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static, TabbedContent, TabPane

from citeslab_tui.config import config_problems
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.services.settings import apply, new_convention
from citeslab_tui.store import Store
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.screens.settings_livrables import SHAPING, livrable_fields, new_livrable
from citeslab_tui.tui.widgets.config_field import ConfigField
from citeslab_tui.tui.widgets.footer import AppFooter
from citeslab_tui.tui.widgets.row_button import RowButton

HERE = Path(__file__).parent
TABS = ("you", "territories", "conventions", "types")
KINDS = [
    ("action d'un pilier (comptée dans la répartition)", "pillar"),
    ("absence (congé, maladie : hors piliers)", "absence"),
    ("formation, réseau CitésLab (hors piliers)", "formation"),
]


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set `value` at `path` in `data` (a missing object on the way is made);
    None removes an optional field."""
    node: Any = data
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    last = path[-1]
    if value is None and isinstance(node, dict):
        node.pop(last, None)
    else:
        node[last] = value


def get(data: Any, path: tuple[str | int, ...]) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


class SettingsScreen(StoreScreen):
    """The configuration, edited in place and saved with ctrl+s."""

    CSS_PATH = HERE / "settings.tcss"
    AUTO_FOCUS = "#settings-tabs Tabs"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Enregistrer les paramètres", id="save-settings"),
    ]

    def __init__(
        self, store: Store, today: Callable[[], date], load: Callable[[], dict[str, Any]]
    ) -> None:
        """`load` gives the configuration as data (the user's file, or the
        shipped default until the first save)."""
        super().__init__(store, today)
        self.load = load
        self.data = load()
        self.saved = copy.deepcopy(self.data)
        self.problems: list[tuple[str, str]] = []
        self._rebuilding = asyncio.Lock()
        self._filled = {"you"}

    @property
    def dirty(self) -> bool:
        return self.data != self.saved

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(Text("Paramètres · votre CitésLab", style="bold"), id="settings-title")
        with TabbedContent(id="settings-tabs"):
            with TabPane("Vous et votre structure", id="tab-you"):
                yield VerticalScroll(*self.you_fields(), id="body-you")
            # the other tabs are filled when first shown (hundreds of fields)
            with TabPane("Territoires et quartiers", id="tab-territories"):
                yield VerticalScroll(id="body-territories")
            with TabPane("Conventions", id="tab-conventions"):
                yield VerticalScroll(id="body-conventions")
            with TabPane("Types d'action", id="tab-types"):
                yield VerticalScroll(id="body-types")
        yield Static(id="settings-status")
        yield AppFooter()

    def you_fields(self) -> Iterator[Widget]:
        d = self.data
        yield ConfigField("Nom du CitésLab", ("name",), d.get("name"))
        yield ConfigField(
            "Vous (nom)", ("person",), d.get("person", ""), placeholder="sur les feuilles de temps"
        )
        yield ConfigField(
            "Votre fonction",
            ("person_title",),
            d.get("person_title", ""),
            placeholder="cheffe de projet CitésLab",
        )
        yield ConfigField(
            "Financeurs (documents)",
            ("funders",),
            ", ".join(d.get("funders", [])),
            kind="list",
            placeholder="vide : Bpifrance et les collectivités des territoires",
        )
        yield ConfigField("Structure", ("structure",), d.get("structure", ""))
        yield ConfigField("Responsable (nom)", ("manager",), d.get("manager", ""))
        yield ConfigField("Sa fonction", ("manager_title",), d.get("manager_title", ""))
        yield ConfigField(
            "Heures par an (1 ETP)", ("annual_hours",), d.get("annual_hours"), kind="number"
        )
        yield ConfigField(
            "Durée d'une journée (h)",
            ("day_hours",),
            d.get("day_hours"),
            kind="number",
            placeholder="7 : ce que vaut « 1j »",
        )
        yield ConfigField(
            "Journée chargée (h)",
            ("max_day_hours",),
            d.get("max_day_hours"),
            kind="number",
            placeholder="10 : au-delà, un avertissement",
        )
        codes = [(f"{t['code']} — {t['name']}", t["code"]) for t in d.get("territories", [])]
        yield ConfigField(
            "Territoire par défaut",
            ("default_territory",),
            d.get("default_territory"),
            kind="select",
            options=codes,
            blank="aucun",
        )

    def territory_fields(self) -> Iterator[Widget]:
        for i, t in enumerate(self.data.get("territories", [])):
            yield Static(Text(f"Territoire {t.get('code', '')}", style="bold"), classes="section")
            yield ConfigField("Code", ("territories", i, "code"), t.get("code"))
            yield ConfigField("Nom", ("territories", i, "name"), t.get("name"))
            conventions = [(c["key"], c["key"]) for c in self.data.get("conventions", [])]
            for a, alloc in enumerate(t.get("allocations", [])):
                where = ("territories", i, "allocations", a)
                yield ConfigField(
                    f"ETP alloué ({a + 1})", (*where, "etp"), alloc.get("etp"), kind="number"
                )
                yield ConfigField(
                    "   du",
                    (*where, "from"),
                    alloc.get("from"),
                    kind="optional",
                    placeholder="AAAA-MM-JJ (vide : depuis toujours)",
                )
                yield ConfigField(
                    "   au",
                    (*where, "to"),
                    alloc.get("to"),
                    kind="optional",
                    placeholder="AAAA-MM-JJ (vide : sans fin)",
                )
                yield ConfigField(
                    "   convention",
                    (*where, "convention"),
                    alloc.get("convention"),
                    kind="select",
                    options=conventions,
                    blank="aucune",
                )
            for j, q in enumerate(t.get("qpvs", [])):
                yield ConfigField(
                    f"Quartier {j + 1} : code",
                    ("territories", i, "qpvs", j, "code"),
                    q.get("code"),
                    placeholder="QN07405M ou QP074001",
                )
                yield ConfigField(
                    "           nom", ("territories", i, "qpvs", j, "name"), q.get("name")
                )
            yield Horizontal(
                RowButton("+ ETP daté", "add-allocation", i),
                RowButton("− ETP daté", "drop-allocation", i),
                RowButton("+ quartier", "add-qpv", i),
                RowButton("− quartier", "drop-qpv", i),
                RowButton("− territoire", "drop-territory", i),
                classes="row-buttons",
            )
        yield Button("+ territoire", id="add-territory", compact=True)

    def convention_fields(self) -> Iterator[Widget]:
        codes = [(t["code"], t["code"]) for t in self.data.get("territories", [])]
        for i, c in enumerate(self.data.get("conventions", [])):
            yield Static(Text(f"Convention {c.get('key', '')}", style="bold"), classes="section")
            yield ConfigField("Intitulé", ("conventions", i, "label"), c.get("label"))
            yield ConfigField(
                "Financeur(s)",
                ("conventions", i, "parties"),
                ", ".join(c.get("parties", [])),
                kind="list",
            )
            yield ConfigField(
                "Territoire",
                ("conventions", i, "territory"),
                c.get("territory"),
                kind="select",
                options=codes,
                blank="tous",
            )
            yield ConfigField(
                "Début", ("conventions", i, "start"), c.get("start"), placeholder="AAAA-MM-JJ"
            )
            yield ConfigField(
                "Fin", ("conventions", i, "end"), c.get("end"), placeholder="AAAA-MM-JJ"
            )
            for year in _years(c):
                money = ("conventions", i, "money", year)
                yield ConfigField(
                    f"{year} : coût (€)",
                    (*money, "cost"),
                    get(c, ("money", year, "cost")),
                    kind="number",
                )
                yield ConfigField(
                    f"{year} : subvention (€)",
                    (*money, "subsidy"),
                    get(c, ("money", year, "subsidy")),
                    kind="number",
                )
            saved = {
                lv.get("key")
                for sc in self.saved.get("conventions", [])
                if sc.get("key") == c.get("key")
                for lv in sc.get("livrables", [])
            }
            for li, lv in enumerate(c.get("livrables", [])):
                yield from livrable_fields(i, lv, li, _years(c), lv.get("key") not in saved)
            yield Horizontal(
                RowButton("+ livrable", "add-livrable", i),
                RowButton("Nouvelle convention à partir de celle-ci…", "copy-convention", i),
                classes="row-buttons",
            )

    def type_fields(self) -> Iterator[Widget]:
        from citeslab_tui.services.settings import counted_by, counting_livrables

        pillars = [(p["label"], p["key"]) for p in self.data.get("pillars", [])]
        labels = dict(counting_livrables(self.data))
        saved = {t.get("key") for t in self.saved.get("action_types", [])}
        for i, t in enumerate(self.data.get("action_types", [])):
            key = t.get("key", "")
            yield ConfigField(f"{key}", ("action_types", i, "label"), t.get("label"))
            if key not in saved:  # a new type: its key is still free to choose
                yield ConfigField(
                    "   clé",
                    ("action_types", i, "key"),
                    key,
                    placeholder="minuscules, chiffres, _ (ex. visite)",
                )
            kind = t.get("kind", "pillar")
            yield ConfigField(
                "   nature", ("action_types", i, "kind"), kind, kind="select", options=KINDS
            )
            if kind == "pillar":
                yield ConfigField(
                    "   pilier",
                    ("action_types", i, "pillar"),
                    t.get("pillar"),
                    kind="select",
                    options=pillars,
                )
            counted = [labels[k] for k in counted_by(self.data, key)]
            yield Horizontal(
                Static(Text("   compte pour", style="dim"), classes="counts-label"),
                RowButton("Modifier…", "edit-counts", i),
                RowButton("Retirer ce type", "drop-type", i),
                Static(
                    Text(
                        ", ".join(counted) if counted else "aucun livrable (ses heures seulement)"
                    ),
                    id=f"counts-{i}",
                    classes="counts-value",
                ),
                classes="type-row",
            )
        yield Button("+ type d'action", id="add-type", compact=True)

    # ------------------------------------------------------------------ drawing

    def reload(self) -> None:
        self.check()

    def config_changed(self) -> None:
        """Another save (CLI, or a file edited): take it unless edits are pending."""
        if not self.dirty:
            self.data = self.load()
            self.saved = copy.deepcopy(self.data)
            self.call_after_refresh(self.rebuild, *TABS)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tab = (event.pane.id or "").removeprefix("tab-")
        if tab in TABS and tab not in self._filled:
            await self.rebuild(tab)

    async def rebuild(self, *tabs: str) -> None:
        builders = {
            "you": self.you_fields,
            "territories": self.territory_fields,
            "conventions": self.convention_fields,
            "types": self.type_fields,
        }
        async with self._rebuilding:
            for tab in [t for t in tabs if t in self._filled or t == tabs[0]]:
                self._filled.add(tab)
                body = self.query_one(f"#body-{tab}", VerticalScroll)
                await body.remove_children()
                await body.mount_all(list(builders[tab]()))
        self.check()

    def check(self) -> None:
        """Validate the whole configuration; show each problem at its field."""
        self.problems = config_problems(self.data)
        by_path: dict[str, str] = {}
        for path, message in self.problems:
            by_path.setdefault(path, message)
        shown = set()
        for field in self.query(ConfigField):
            problem = by_path.get(field.json_path)
            field.show_error(problem)
            if problem:
                shown.add(field.json_path)
        others = [f"{p}: {m}" if p else m for p, m in self.problems if p not in shown]
        status = self.query_one("#settings-status", Static)
        if others:
            status.update(Text("À corriger : " + " · ".join(others[:3])))
        elif self.problems:
            status.update(Text("À corriger : voir le champ signalé. Rien n'est enregistré."))
        elif self.dirty:
            status.update(Text("Modifications non enregistrées : ctrl+s pour enregistrer."))
        else:
            status.update(Text("ctrl+s enregistre ; l'application suit aussitôt."))
        status.set_class(bool(self.problems), "-error")

    # ------------------------------------------------------------------ events

    async def on_config_field_edited(self, event: ConfigField.Edited) -> None:
        value = event.value
        if event.field.kind == "list":
            value = [part.strip() for part in str(value).split(",") if part.strip()]
            if not value and event.field.path == ("funders",):
                value = None  # no list: the default funders (Config.funder_names)
        elif value == "" and event.field.kind in ("number", "optional"):
            value = None
        put(self.data, event.field.path, value)
        if event.field.path[0] == "action_types" and event.field.path[-1] == "kind":
            await self.kind_changed(event.field.path[1], value)
        elif event.field.path[0] == "conventions" and event.field.path[-1] in SHAPING:
            await self.rebuild("conventions")  # other fields for this kind
        self.check()

    async def kind_changed(self, index: Any, kind: Any) -> None:
        """A type's nature changed: only a pillar type has a pillar."""
        item = self.data["action_types"][index]
        if kind == "pillar":
            item.setdefault("pillar", self.data["pillars"][0]["key"])
        else:
            item.pop("pillar", None)
        await self.rebuild("types")

    # Buttons: one handler each, selected by the button's class; a RowButton
    # carries the position of the territory, convention or type it acts on.

    @on(Button.Pressed, "#add-territory")
    async def add_territory(self) -> None:
        territories = self.data.setdefault("territories", [])
        territories.append(
            {
                "code": f"T{len(territories) + 1}",
                "name": "Nouveau territoire",
                "allocations": [{"etp": 0}],
            }
        )
        await self.rebuild("territories", "you", "conventions")

    @on(Button.Pressed, ".drop-territory")
    async def drop_territory(self, event: Button.Pressed) -> None:
        (index,) = RowButton.of(event).at
        self.data["territories"].pop(index)
        await self.rebuild("territories", "you", "conventions")

    @on(Button.Pressed, ".add-allocation")
    async def add_allocation(self, event: Button.Pressed) -> None:
        (index,) = RowButton.of(event).at
        self.data["territories"][index].setdefault("allocations", []).append(
            {"etp": 0, "from": self.today().isoformat()}
        )
        await self.rebuild("territories")

    @on(Button.Pressed, ".drop-allocation")
    async def drop_allocation(self, event: Button.Pressed) -> None:
        """Remove a territory's last dated ETP; its first one stays."""
        (index,) = RowButton.of(event).at
        allocations = self.data["territories"][index]["allocations"]
        if len(allocations) > 1:
            allocations.pop()
        else:
            self.notify("Un territoire garde au moins un ETP.", severity="warning")
        await self.rebuild("territories")

    @on(Button.Pressed, ".add-qpv")
    async def add_qpv(self, event: Button.Pressed) -> None:
        (index,) = RowButton.of(event).at
        self.data["territories"][index].setdefault("qpvs", []).append({"code": "", "name": ""})
        await self.rebuild("territories")

    @on(Button.Pressed, ".drop-qpv")
    async def drop_qpv(self, event: Button.Pressed) -> None:
        (index,) = RowButton.of(event).at
        qpvs = self.data["territories"][index].get("qpvs", [])
        if qpvs:
            qpvs.pop()
        await self.rebuild("territories")

    @on(Button.Pressed, ".add-livrable")
    async def add_livrable(self, event: Button.Pressed) -> None:
        (index,) = RowButton.of(event).at
        conv = self.data["conventions"][index]
        first = next(iter(t.get("key") for t in self.data.get("action_types", [])), None)
        conv.setdefault("livrables", []).append(new_livrable(conv, first))
        await self.rebuild("conventions")

    @on(Button.Pressed, ".drop-livrable")
    async def drop_livrable(self, event: Button.Pressed) -> None:
        index, livrable = RowButton.of(event).at
        self.data["conventions"][index]["livrables"].pop(livrable)
        await self.rebuild("conventions")

    @on(Button.Pressed, ".copy-convention")
    async def copy_convention(self, event: Button.Pressed) -> None:
        """A new convention from this one, right after it and as long."""
        (index,) = RowButton.of(event).at
        old = self.data["conventions"][index]
        try:
            start, end = date.fromisoformat(old["start"]), date.fromisoformat(old["end"])
            first = end + timedelta(days=1)
            self.data, key = new_convention(self.data, old["key"], first, first + (end - start))
        except (CitesLabError, ValueError) as error:
            self.notify(str(error), severity="error", markup=False)
        else:
            self.notify(
                f"Convention « {key} » ajoutée : ajustez ses dates, montants et objectifs.",
                markup=False,
            )
        await self.rebuild("conventions")

    @on(Button.Pressed, "#add-type")
    async def add_type(self) -> None:
        from citeslab_tui.services.settings import add_action_type

        self.data, _ = add_action_type(self.data)
        await self.rebuild("types")

    @on(Button.Pressed, ".drop-type")
    async def drop_type(self, event: Button.Pressed) -> None:
        """Remove an action type, unless entries or livrables use it."""
        from citeslab_tui.services import settings as service

        (index,) = RowButton.of(event).at
        key = self.data["action_types"][index].get("key", "")
        try:
            self.data = service.remove_action_type(
                self.data, key, service.entries_of_type(self.store, key)
            )
        except CitesLabError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        await self.rebuild("types", "conventions")

    @on(Button.Pressed, ".edit-counts")
    def edit_counts(self, event: Button.Pressed) -> None:
        """Choose which livrables an action type counts toward."""
        from citeslab_tui.services import settings as service
        from citeslab_tui.tui.modals.counts_for import CountsFor

        (index,) = RowButton.of(event).at
        item = self.data["action_types"][index]
        key = item.get("key", "")

        async def chosen(livrables: list[str] | None) -> None:
            if livrables is None:
                return
            try:
                self.data = service.set_counted(self.data, key, livrables)
            except CitesLabError as error:
                self.notify(str(error), severity="error", markup=False, timeout=10)
                return
            await self.rebuild("types", "conventions")

        choices = service.counting_livrables(self.data)
        self.app.push_screen(
            CountsFor(item.get("label", key), choices, service.counted_by(self.data, key)), chosen
        )

    def action_save(self) -> None:
        self.check()
        if self.problems:
            path, message = self.problems[0]
            self.notify(
                f"Rien n'a été enregistré : {path}: {message}".replace(": : ", ": "),
                severity="error",
                markup=False,
            )
            return
        try:
            config = apply(self.data)
        except CitesLabError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.saved = copy.deepcopy(self.data)
        self._drawn_config = config  # drawn already: no rebuild of the forms
        use_config = getattr(self.app, "use_config", None)
        if use_config is not None:
            use_config(config)
        self.check()
        self.notify("Paramètres enregistrés.")


def _years(convention: dict[str, Any]) -> list[str]:
    """The calendar years a convention covers (as the JSON's year keys)."""
    try:
        first = int(str(convention.get("start", ""))[:4])
        last = int(str(convention.get("end", ""))[:4])
    except ValueError:
        return sorted(convention.get("money", {}))
    if not 1900 < first <= last < first + 20:
        return sorted(convention.get("money", {}))
    return [str(y) for y in range(first, last + 1)]
