"""F1 Aide: every key, generated from the bindings of the app and its screens
(so the help cannot drift from what the keys do), and the quick-entry syntax
with examples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from citeslab_tui.core.model import Config
from citeslab_tui.core.textmatch import norm_words
from citeslab_tui.tui.keys import key_display
from citeslab_tui.tui.widgets.footer import AppFooter

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

# Keys that are not bindings of ours (Textual's own, or the bar's input).
OTHER_KEYS: dict[str, list[tuple[str, str]]] = {
    "Partout": [
        ("^p", "Palette de commandes (toutes les actions)"),
    ],
    "Journal (F2)": [
        ("q (barre vide)", "Quitter ; dès qu'une lettre est tapée, q s'écrit"),
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


def _row(*cells: str, widths: Sequence[int], bold_first: bool = True) -> Table:
    """One line of a section: fixed columns then a last one that wraps, so that
    80 columns stay readable and every line is its own widget (search finds it)."""
    grid = Table.grid(padding=(0, 1))
    for n, width in enumerate(widths):
        if n == 0:
            grid.add_column(width=width, no_wrap=True)
        else:
            grid.add_column(width=width)  # wraps rather than cutting a label
    grid.add_column(ratio=1)
    grid.add_row(*(Text(c, style=_style(n, len(cells), bold_first)) for n, c in enumerate(cells)))
    return grid


def _style(n: int, count: int, bold_first: bool) -> str:
    if n == 0 and bold_first:
        return "bold"
    return "italic" if n == count - 1 and count > 2 else ""


def help_lines(
    app: Any, sections: Sequence[tuple[str, Sequence[Binding]]], config: Config
) -> list[tuple[str, str, Table | Text]]:
    """The whole help as (id, searchable text, renderable) lines, in reading
    order: keys by screen, the quick-entry syntax, examples, the action types."""
    lines: list[tuple[str, str, Table | Text]] = []

    def head(key: str, title: str) -> None:
        lines.append((key, title, Text(title, style="bold underline")))

    for n, (title, bindings) in enumerate(sections):
        head(f"section-{n}", title)
        for binding in bindings:
            keys = key_display(app, binding)
            lines.append(
                (
                    f"key-{binding.id}",
                    f"{keys} {binding.description}",
                    _row(keys, binding.description, widths=[16]),
                )
            )
        for i, (keys, what) in enumerate(OTHER_KEYS.get(title, [])):
            lines.append((f"other-{n}-{i}", f"{keys} {what}", _row(keys, what, widths=[16])))
    head("syntax", "Saisie rapide : une ligne = une entrée")
    intro = (
        "Dans l'ordre qu'on veut ; seuls la durée et le type sont obligatoires. "
        "Même syntaxe que « citeslab log »."
    )
    lines.append(("syntax-intro", intro, Text(intro)))
    for i, (what, example, note) in enumerate(SYNTAX):
        lines.append(
            (f"syntax-{i}", f"{what} {example} {note}", _row(what, example, note, widths=[12, 24]))
        )
    head("examples", "Exemples")
    for i, example in enumerate(EXAMPLES):
        lines.append((f"example-{i}", example, Text("  " + example)))
    head("types", "Types d'action et leur pilier (configuration)")
    pillars = {p.key: p.label for p in config.pillars}
    for t in config.action_types:
        pillar = pillars.get(t.pillar, t.pillar)
        lines.append(
            (
                f"type-{t.key}",
                f"{t.key} {t.label} {pillar}",
                _row(t.key, t.label, pillar, widths=[17, 28]),
            )
        )
    return lines


class HelpScreen(Screen[None]):
    """One page that scrolls as a whole (↑/↓, PgPréc/PgSuiv, Début/Fin); `/`
    searches in it, Entrée goes to the next match."""

    CSS_PATH = HERE / "help.tcss"
    AUTO_FOCUS = "#help-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back_or_close_search",
            "Revenir à l'écran précédent",
            id="help-back",
            show=False,
        ),
        Binding("slash", "search", "Chercher dans l'aide", id="help-search"),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[Binding]]], config: Config) -> None:
        super().__init__()
        self.sections = sections
        self.config = config
        self._texts: dict[str, str] = {}
        self._last: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Aide · touches et saisie rapide  (/ chercher)", style="bold"), id="help-title"
        )
        with VerticalScroll(id="help-body"):
            for key, text, renderable in help_lines(self.app, self.sections, self.config):
                self._texts[key] = text
                head = isinstance(renderable, Text) and renderable.style == "bold underline"
                classes = "help-line help-head" if head else "help-line"
                yield Static(renderable, id=f"help-{key}", classes=classes)
        search = Input(placeholder="chercher… (Entrée : suivant, Échap : fermer)", id="help-find")
        search.display = False
        yield search
        yield AppFooter()

    def action_search(self) -> None:
        find = self.query_one("#help-find", Input)
        find.display = True
        find.focus()

    async def action_back_or_close_search(self) -> None:
        find = self.query_one("#help-find", Input)
        if find.display:
            find.display = False
            self.query_one("#help-body").focus()
            return
        await self.app.run_action("back")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._find(event.value, after=None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._find(event.value, after=self._last[0] if self._last else None)

    def _find(self, query: str, after: str | None) -> None:
        """Scroll to the first line (after `after`, wrapping) containing every
        word of `query`, accents and case ignored; mark it."""
        for line in self.query(".help-line"):
            line.remove_class("-found")
        words = norm_words(query)
        if not words:
            self._last = None
            return
        keys = list(self._texts)
        if after in self._texts:
            at = keys.index(after) + 1
            keys = keys[at:] + keys[:at]
        for key in keys:
            text = " ".join(norm_words(self._texts[key]))
            if all(w in text for w in words):
                widget = self.query_one(f"#help-{key}", Static)
                widget.add_class("-found")
                self.query_one("#help-body", VerticalScroll).scroll_to_widget(
                    widget, animate=False, top=True
                )
                self._last = (key, query)
                return
        self._last = None
