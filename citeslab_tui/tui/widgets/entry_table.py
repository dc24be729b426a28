"""The entries of one day as a table: a header line over a list of rows, one
row per entry, the highlighted row being the selected entry.

Built on `OptionList`, not `DataTable`: the journal is the first screen, and a
DataTable of a dozen rows cost about 30 ms of the first paint (its import, its
stylesheet and its cell-by-cell rendering), a third of the app's whole start-up
budget (BENCHMARKS.md). Rows are aligned here instead, each one a single `Text`
cut to the width of the table.

Cells are `Text` (never markup: a note may hold `[/]`), widths follow the
terminal so that the note keeps what room is left at 80 columns and more when
wider."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from citeslab_tui.core.model import Config, Entry, format_hhmm
from citeslab_tui.present import duration
from citeslab_tui.tui.format import literal

# Widths of the fixed columns; the pillar gets 9 or 13 cells, type and note
# share the rest.
_TIME = _DURATION = _TERRITORY = _PERSONS = 5
_PORTEURS = 10
_FIXED = _TIME + _DURATION + _TERRITORY + _PERSONS + _PORTEURS
_COLUMNS = 8
_PADDING = 2  # one space each side of a cell
_HEADINGS = ("Heure", "Durée", "Type", "Pilier", "Terr.", "Pers.", "Porteurs", "Note")
_RIGHT = {1, 5}  # duration and persons are right-aligned


class EntryRows(OptionList):
    """The rows; Enter or a click posts `OptionList.OptionSelected`."""


class EntryTable(Vertical):
    """A day's entries; `show()` replaces them, keeping the selection on the same entry."""

    def __init__(self, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.config = config
        self._entries: list[Entry] = []
        self._cells: dict[str, list[Text]] = {}
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="entries-head")
        yield EntryRows(id="entry-rows", markup=False, compact=True)

    @property
    def rows(self) -> EntryRows:
        return self.query_one("#entry-rows", EntryRows)

    @property
    def drawn_width(self) -> int:
        """The terminal width the columns were last laid out for."""
        return self._width

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    @property
    def row_count(self) -> int:
        return len(self._entries)

    def get_row(self, entry_id: str) -> list[Text]:
        """The cells shown for an entry (KeyError if it is not on screen)."""
        return self._cells[entry_id]

    def selected(self) -> Entry | None:
        index = self.rows.highlighted
        if index is None or not 0 <= index < len(self._entries):
            return None
        return self._entries[index]

    def select_entry(self, entry_id: str) -> None:
        for i, e in enumerate(self._entries):
            if e.id == entry_id:
                self.rows.highlighted = i
                return

    def _column_widths(self, width: int) -> tuple[int, ...]:
        """Widths of the eight columns for a table `width` cells wide (one cell
        is kept for the scroll bar)."""
        pillar = 13 if width >= 100 else 9
        room = max(24, width - 2 - _FIXED - pillar - _PADDING * _COLUMNS)
        type_width = max(12, min(30, room // 2))
        note_width = max(12, room - type_width)
        return (_TIME, _DURATION, type_width, pillar, _TERRITORY, _PERSONS, _PORTEURS, note_width)

    def show(self, entries: Sequence[Entry], width: int) -> None:
        keep = self.selected()
        self._entries = list(entries)
        self._width = width
        widths = self._column_widths(width)
        room = max(1, width - 1)  # below 80 columns the last columns are cut, not wrapped
        head = self._line([Text(h) for h in _HEADINGS], widths, room)
        head.stylize("bold")
        self.query_one("#entries-head", Static).update(head)
        self._cells = {e.id: self._cell_texts(e, widths) for e in self._entries}
        rows = self.rows
        rows.set_options(self._line(self._cells[e.id], widths, room) for e in self._entries)
        if keep is not None and keep.id in self._cells:
            self.select_entry(keep.id)
        elif self._entries:
            rows.highlighted = 0

    @staticmethod
    def _line(cells: Sequence[Text], widths: Sequence[int], room: int) -> Text:
        """One row: each cell cut or padded to its column (in terminal cells), the
        whole cut to `room` cells so that the list never wraps it."""
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if i:
                line.append("  ")
            fitted = cell.copy()
            fitted.truncate(width, overflow="ellipsis")
            fitted.align("right" if i in _RIGHT else "left", width)
            line.append_text(fitted)
        line.truncate(room)
        return line

    def _cell_texts(self, e: Entry, widths: Sequence[int]) -> list[Text]:
        cfg = self.config
        type_label = cfg.type_label(e.type)
        pillar_label = cfg.pillar_label(e.pillar, short=True)
        if len(e.porteurs) > 1:
            porteurs = f"{len(e.porteurs)} porteurs"
        else:
            porteurs = e.porteurs[0] if e.porteurs else ""
        note = e.note
        if e.partner:
            note = f">{e.partner} {note}".strip()
        _, _, type_width, pillar_width, _, _, _, note_width = widths
        return [
            Text(format_hhmm(e.start)),
            Text(duration(e.minutes)),
            literal(type_label, type_width),
            literal(pillar_label, pillar_width),
            literal(e.territory, _TERRITORY),
            Text(str(e.persons) if e.persons else ""),
            literal(porteurs, _PORTEURS),
            literal(note, note_width),
        ]
