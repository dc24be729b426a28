"""`citeslab --db a.json --db b.json …`: the manager's dashboard over several
people's files, read-only. Each person's hours per territory and livrables side
by side with the totals (`present_consolidated`, the tables of
`citeslab report --db … --db …`); a file that can't be read is named and the
others still show. `[` and `]` change the year (reactive: setting it reloads);
the files are read in a worker that posts the tables as a `Loaded` message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Static

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.period import Period


class ConsolidatedApp(App[int]):
    """Read-only: it opens every file read-only and writes nothing."""

    TITLE = "CitésLab"
    CSS = """
    #c-title { padding: 0 1; background: $panel; text-style: bold; }
    #c-body { padding: 1 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", "Année préc."),
        Binding("right_square_bracket", "year(1)", "Année suiv."),
        Binding("f3", "reload", "Tableau de bord"),
        Binding("q", "quit", "Quitter"),
    ]

    year: var[int] = var(0, init=False)
    """The year shown."""

    class Loaded(Message):
        """What the worker read: the tables side by side, or why not."""

        def __init__(self, body: RenderableType) -> None:
            super().__init__()
            self.body = body

    def __init__(self, paths: Sequence[Path], today: Callable[[], date]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.today = today
        self.set_reactive(ConsolidatedApp.year, today().year)

    def compose(self) -> ComposeResult:
        yield Static(id="c-title")
        with VerticalScroll():
            yield Static(Text("Lecture des fichiers…"), id="c-body")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def watch_year(self) -> None:
        self.action_reload()

    def action_year(self, step: int) -> None:
        self.year += step

    def action_reload(self) -> None:
        names = ", ".join(p.name for p in self.paths)
        self.query_one("#c-title", Static).update(
            Text(f"Tableau de bord consolidé {self.year} · lecture seule · {names}")
        )
        self.load(self.year)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self, year: int) -> None:
        from citeslab_tui.present_consolidated import consolidated_tables
        from citeslab_tui.services.bilan import gather

        period = Period.year(year)
        as_of = self.today()
        body: RenderableType
        try:
            result = gather(self.paths, period, as_of)
            body = Group(*consolidated_tables(result, period, as_of))
        except CitesLabError as error:
            body = Text(str(error), style="bold red")
        self.post_message(self.Loaded(body))

    def on_consolidated_app_loaded(self, message: Loaded) -> None:
        self.query_one("#c-body", Static).update(message.body)
