"""F1 Aide: every key, generated from the bindings of the app and its screens
(so the help cannot drift from what the keys do), and the quick-entry syntax
with examples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from citeslab_tui.tui.keys import key_display
from citeslab_tui.tui.widgets.footer import AppFooter

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

# Keys that are not bindings of ours (Textual's own, or the bar's input).
OTHER_KEYS: dict[str, list[tuple[str, str]]] = {
    "Partout": [
        ("^p", "Palette de commandes (toutes les actions)"),
        ("Tab / maj+Tab", "Champ ou liste suivant / précédent"),
    ],
    "Journal (F2)": [
        ("Entrée (barre)", "Enregistrer la ligne pour le jour affiché"),
        ("→ (barre)", "Accepter la complétion (type, @territoire…)"),
        ("Entrée (liste)", "Modifier l'entrée sélectionnée"),
    ],
    "Porteurs (F4)": [("Entrée (liste)", "Entrées liées au porteur")],
}

SYNTAX = [
    ("durée", "2h  1h30  45min  1,5h", "ou une plage : 9h30-12h, 14:00-16:30"),
    ("type", "atelier  permanence  comité tech", "clé ou début du libellé, accents ignorés"),
    ("@territoire", "@CCG  @AA", "sinon celui du QPV, sinon le territoire par défaut"),
    ("personnes", "12p  12 pers", "personnes touchées"),
    ("+porteur", "+P-2022-014", "un ou plusieurs porteurs"),
    (">partenaire", ">ADIE  >initiative", "partenaire d'orientation"),
    ("#QPV", "#QN07405M  #saint-georges", "quartier concerné"),
    ("/pilier", "/referent", "si ce n'est pas celui du type"),
    (
        "prépa",
        "prépa  préparation  compte-rendu",
        "temps autour d'un atelier, comité… : compté en heures, pas comme tenu",
    ),
    ("-- note", "-- RDV pris", "tout ce qui suit est la note, gardée telle quelle"),
]
EXAMPLES = [
    "2h atelier @CCG 12p -- lycée Mont-Blanc",
    "9h30-12h permanence #saint-georges 4p -- 2 RDV pris",
    "1h entretien +P-2022-014 >ADIE",
    "45min comité tech @CCG",
    "2h prépa atelier @CCG -- support",
    "30min reporting",
]


def syntax_text() -> Table:
    table = Table(box=None, pad_edge=False, show_header=False, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for what, example, note in SYNTAX:
        table.add_row(Text(what), Text(example), Text(note, style="italic"))
    return table


class HelpScreen(Screen[None]):
    CSS_PATH = HERE / "help.tcss"
    AUTO_FOCUS = "#help-body"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Revenir à l'écran précédent", id="help-back", show=False)
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        yield Static(Text("Aide · touches et saisie rapide", style="bold"), id="help-title")
        with VerticalScroll(id="help-body"), Horizontal(id="help-columns"):
            yield DataTable(id="help-keys", show_cursor=False, zebra_stripes=False)
            with VerticalScroll(id="help-syntax-box", can_focus=False):
                yield Static(Text("Saisie rapide : une ligne = une entrée", style="bold"))
                yield Static(
                    Text(
                        "Dans l'ordre qu'on veut ; seuls la durée et le type sont obligatoires. "
                        "Même syntaxe que « citeslab log »."
                    ),
                    classes="help-para",
                )
                yield Static(syntax_text(), id="help-syntax")
                yield Static(Text("Exemples", style="bold"), classes="help-head")
                yield Static(Text("\n".join(EXAMPLES)), id="help-examples")
        yield AppFooter()

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.can_focus = False
        table.add_column("Touche", key="key")
        table.add_column("Action", key="action")
        for n, (title, bindings) in enumerate(self.sections):
            table.add_row(Text(title, style="bold underline"), Text(""), key=f"section-{n}")
            for binding in bindings:
                table.add_row(
                    Text(key_display(self.app, binding)),
                    Text(binding.description),
                    key=binding.id,
                )
            for i, (keys, what) in enumerate(OTHER_KEYS.get(title, [])):
                table.add_row(Text(keys), Text(what), key=f"other-{n}-{i}")
