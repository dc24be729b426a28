"""The first run: instead of an empty journal, a short welcome — who you are,
your structure, your territories and their ETP, your current convention —
four screens, each skippable, every value editable later in F6. Or: start from
the CitésLab Genevois example as it is, or explore with demo data kept in a
separate file.

The values go into a copy of the shipped example (so a skipped step keeps the
example's), checked like in F6, and saved once at the end (config.save_config);
the app then takes the new configuration (CitesLabApp.use_config)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from citeslab_tui.config import config_problems
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.tui.screens.settings import get, put
from citeslab_tui.tui.widgets.config_field import ConfigField

HERE = Path(__file__).parent

STEPS = (
    (
        "Bienvenue ! Qui êtes-vous ?",
        "Votre nom et votre fonction figurent sur les feuilles de temps à signer.",
    ),
    (
        "Votre structure",
        "Le CitésLab, la structure qui le porte et la personne qui signe avec vous.",
    ),
    (
        "Vos territoires et leur ETP",
        "Chaque entrée va à un territoire ; l'ETP alloué donne les heures attendues "
        "(1 ETP = 1607 h par an). Les dates et les quartiers se règlent ensuite dans F6.",
    ),
    (
        "Votre convention en cours",
        "Le financeur et la période : les livrables et les montants de l'exemple sont "
        "repris, à ajuster dans F6.",
    ),
)


def tidy(data: dict[str, Any]) -> dict[str, Any]:
    """References to territories that the user renamed or removed are dropped
    (a convention or livrable then concerns every territory), so the example's
    conventions stay valid with your own territories."""
    out = copy.deepcopy(data)
    codes = {t.get("code") for t in out.get("territories", [])}
    if out.get("default_territory") not in codes:
        first = next(iter(t.get("code") for t in out.get("territories", [])), None)
        if first:
            out["default_territory"] = first
        else:
            out.pop("default_territory", None)
    for conv in out.get("conventions", []):
        if conv.get("territory") not in codes:
            conv["territory"] = None
        for lv in conv.get("livrables", []):
            if lv.get("territory") not in codes:
                lv["territory"] = None
    return out


class WelcomeScreen(Screen[None]):
    """Four short steps over the journal; dismissed when the configuration is saved."""

    CSS_PATH = HERE / "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Terminer et enregistrer", id="welcome-finish"),
    ]

    def __init__(
        self,
        example: dict[str, Any],
        save: Callable[[dict[str, Any]], None],
        demo: Callable[[dict[str, Any]], None],
    ) -> None:
        """`example`: the shipped configuration as data; `save(data)` saves and
        applies it; `demo(data)` does that and opens the demo file instead."""
        super().__init__()
        self.example = example
        self.data = copy.deepcopy(example)
        self.save = save
        self.demo = demo
        self.step = 0

    def compose(self) -> ComposeResult:
        yield Static(id="welcome-title")
        yield Static(id="welcome-intro")
        yield VerticalScroll(id="welcome-body")
        yield Static(id="welcome-error")
        with Horizontal(id="welcome-buttons"):
            yield Button("Précédent", id="w-back", compact=True)
            yield Button("Passer cette étape", id="w-skip", compact=True)
            yield Button("Suivant", id="w-next", variant="primary", compact=True)
        with Horizontal(id="welcome-shortcuts"):
            yield Button("Partir de l'exemple Genevois", id="w-example", compact=True)
            yield Button("Explorer avec une démonstration", id="w-demo", compact=True)

    async def on_mount(self) -> None:
        await self.show_step(0)

    def fields(self, step: int) -> Iterator[Widget]:
        d = self.data
        if step == 0:
            yield ConfigField(
                "Votre nom", ("person",), d.get("person", ""), placeholder="Prénom Nom"
            )
            yield ConfigField(
                "Votre fonction",
                ("person_title",),
                d.get("person_title", ""),
                placeholder="cheffe de projet CitésLab",
            )
        elif step == 1:
            yield ConfigField("Nom du CitésLab", ("name",), d.get("name", ""))
            yield ConfigField("Structure", ("structure",), d.get("structure", ""))
            yield ConfigField(
                "Responsable (nom)",
                ("manager",),
                d.get("manager", ""),
                placeholder="qui signe les feuilles de temps avec vous",
            )
        elif step == 2:
            for i, t in enumerate(d.get("territories", [])):
                yield ConfigField(
                    f"Territoire {i + 1} : code", ("territories", i, "code"), t.get("code")
                )
                yield ConfigField("   nom", ("territories", i, "name"), t.get("name"))
                yield ConfigField(
                    "   ETP",
                    ("territories", i, "allocations", 0, "etp"),
                    get(t, ("allocations", 0, "etp")),
                    kind="number",
                )
            yield Horizontal(
                Button("+ territoire", id="w-add-territory", compact=True),
                Button("− dernier territoire", id="w-drop-territory", compact=True),
                classes="row-buttons",
            )
        else:
            conv = ("conventions", 0)
            c = get(d, conv) or {}
            yield ConfigField("Intitulé", (*conv, "label"), c.get("label"))
            yield ConfigField(
                "Financeur(s)", (*conv, "parties"), ", ".join(c.get("parties", [])), kind="list"
            )
            yield ConfigField("Début", (*conv, "start"), c.get("start"), placeholder="AAAA-MM-JJ")
            yield ConfigField("Fin", (*conv, "end"), c.get("end"), placeholder="AAAA-MM-JJ")

    async def show_step(self, step: int) -> None:
        self.step = step
        title, intro = STEPS[step]
        self.query_one("#welcome-title", Static).update(
            Text(f"{title}   (étape {step + 1} sur {len(STEPS)})", style="bold")
        )
        self.query_one("#welcome-intro", Static).update(Text(intro))
        body = self.query_one("#welcome-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(list(self.fields(step)))
        self.query_one("#w-back", Button).disabled = step == 0
        last = step == len(STEPS) - 1
        for selector, label in (
            ("#w-next", "Terminer" if last else "Suivant"),
            ("#w-skip", "Passer et terminer" if last else "Passer"),
        ):
            button = self.query_one(selector, Button)
            button.label = label
            # a new label does not resize a button of auto width by itself
            # ("Passer et terminer" was cut to "Passer et termi")
            button.refresh(layout=True)
        self.check()
        first = body.query(ConfigField).first().query("Input, Select")
        if first:
            first.first().focus()

    def step_problems(self) -> list[tuple[str, str]]:
        """Problems at the fields of this step (others are the example's own)."""
        paths = {f.json_path for f in self.query(ConfigField)}
        problems = config_problems(tidy(self.data))
        return [
            (p, m)
            for p, m in problems
            if p in paths or (self.step == 2 and p.startswith("territories"))
        ]

    def check(self) -> bool:
        problems = self.step_problems()
        by_path = dict(reversed(problems))
        for field in self.query(ConfigField):
            field.show_error(by_path.get(field.json_path))
        loose = [
            f"{p}: {m}"
            for p, m in problems
            if p not in {f.json_path for f in self.query(ConfigField)}
        ]
        self.query_one("#welcome-error", Static).update(Text(" · ".join(loose[:2])))
        return not problems

    def on_config_field_edited(self, event: ConfigField.Edited) -> None:
        value = event.value
        if event.field.kind == "list":
            value = [part.strip() for part in str(value).split(",") if part.strip()]
        elif value == "" and event.field.kind == "number":
            value = None
        put(self.data, event.field.path, value)
        self.check()

    def revert_step(self) -> None:
        """Skipping a step keeps the example's values for it."""
        if self.step == 2:
            self.data["territories"] = copy.deepcopy(self.example["territories"])
            return
        for field in self.query(ConfigField):
            put(self.data, field.path, copy.deepcopy(get(self.example, field.path)))

    @on(Button.Pressed, "#w-next")
    async def next_step(self) -> None:
        if not self.check():
            self.notify("Corrigez le champ signalé, ou passez l'étape.", severity="warning")
            return
        await self.advance()

    @on(Button.Pressed, "#w-skip")
    async def skip_step(self) -> None:
        self.revert_step()
        await self.advance()

    @on(Button.Pressed, "#w-back")
    async def previous_step(self) -> None:
        if self.step > 0:
            await self.show_step(self.step - 1)

    @on(Button.Pressed, "#w-example")
    def finish_with_example(self) -> None:
        self.action_finish()  # what was typed so far, the example for the rest

    @on(Button.Pressed, "#w-demo")
    def open_demo(self) -> None:
        self.run_guarded(self.demo, copy.deepcopy(self.example))

    @on(Button.Pressed, "#w-add-territory")
    async def add_territory(self) -> None:
        territories = self.data.setdefault("territories", [])
        territories.append(
            {
                "code": f"T{len(territories) + 1}",
                "name": "Nouveau territoire",
                "allocations": [{"etp": 0}],
            }
        )
        await self.show_step(2)

    @on(Button.Pressed, "#w-drop-territory")
    async def drop_territory(self) -> None:
        if len(self.data.get("territories", [])) > 1:
            self.data["territories"].pop()
            await self.show_step(2)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Entrée in a field: the next field, or the next step after the last."""
        event.stop()
        inputs = list(self.query_one("#welcome-body").query(Input))
        if event.input in inputs and event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
        else:
            self.query_one("#w-next", Button).press()

    async def advance(self) -> None:
        if self.step < len(STEPS) - 1:
            await self.show_step(self.step + 1)
        else:
            self.action_finish()

    def action_finish(self) -> None:
        self.run_guarded(self.save, tidy(self.data))

    def run_guarded(self, call: Callable[[dict[str, Any]], None], data: dict[str, Any]) -> None:
        try:
            call(data)
        except CitesLabError as error:
            self.query_one("#welcome-error", Static).update(Text(str(error)))
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.dismiss(None)
