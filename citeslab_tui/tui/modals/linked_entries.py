"""The entries that name a porteur, newest first. Finding them means reading
every month of the file, so it runs in a worker thread on a read-only copy of
the store and posts what it found as a message (`Found`); a refusal reaches the
user through the worker's ERROR state. At most `LIMIT` rows are shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static
from textual.worker import Worker, WorkerState

from citeslab_tui.core.model import Entry
from citeslab_tui.present import duration, hours
from citeslab_tui.services.common import reader
from citeslab_tui.services.porteurs import linked_entries
from citeslab_tui.store import Store
from citeslab_tui.tui.format import failure, literal

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

LIMIT = 200


class LinkedEntries(ModalScreen[None]):
    CSS_PATH = HERE / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Fermer les entrées liées", id="close-linked")
    ]

    class Found(Message, bubble=False):  # for this modal only
        """The worker's result: every entry naming the porteur, newest first."""

        def __init__(self, entries: list[Entry]) -> None:
            super().__init__()
            self.entries = entries

    def __init__(self, porteur_id: str, store: Store) -> None:
        super().__init__()
        self.porteur_id = porteur_id
        self.store = store
        self.config = store.config

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="linked-dialog"):
            yield Label(f"Entrées liées à {self.porteur_id}", classes="dialog-title")
            yield Static("Recherche…", id="linked-summary")
            yield DataTable(id="linked-table", cursor_type="row")
            yield Static("Échap : fermer", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Date", width=10)
        table.add_column("Durée", width=5)
        table.add_column("Type", width=22)
        table.add_column("Terr.", width=4)
        table.add_column("Note", width=30)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="linked")
    def load(self) -> None:
        # its own read-only store: the UI's stays on the UI thread
        entries = linked_entries(reader(self.store), self.porteur_id)
        entries.reverse()  # newest first
        self.post_message(self.Found(entries))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker: Worker[Any] = event.worker
        if worker.group != "linked" or event.state != WorkerState.ERROR:
            return
        self.query_one("#linked-summary", Static).update(Text("Recherche impossible."))
        self.notify(failure(worker.error), severity="error", markup=False)

    def on_linked_entries_found(self, message: Found) -> None:
        entries = message.entries
        table = self.query_one(DataTable)
        for e in entries[:LIMIT]:
            label = self.config.type_label(e.type)
            table.add_row(
                Text(f"{e.date:%d/%m/%Y}"),
                Text(duration(e.minutes), justify="right"),
                literal(label, 22),
                literal(e.territory, 4),
                literal(e.note, 30),
                key=e.id,
            )
        total = sum(e.minutes for e in entries)
        summary = f"{len(entries)} entrée(s) · {hours(total) if total else '0 h'}"
        if len(entries) > LIMIT:
            summary += f" · les {LIMIT} plus récentes affichées"
        self.query_one("#linked-summary", Static).update(Text(summary))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
