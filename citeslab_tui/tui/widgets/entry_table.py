"""The entries of one day as a table, one row per entry keyed by its id.

Cells are `Text` (never markup: a note may hold `[/]`), widths follow the
terminal so that the note keeps what room is left at 80 columns and more when
wider."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from citeslab_tui.core.model import Config, Entry, format_hhmm
from citeslab_tui.tui.format import duration, literal

# Widths of the fixed columns (time, duration, territory, persons, porteurs);
# the pillar gets 9 or 13 cells, type and note share the rest.
_FIXED = 5 + 5 + 4 + 5 + 10
_COLUMNS = 8
_PADDING = 2  # DataTable's cell padding, both sides


class EntryTable(DataTable[Text]):
    """A day's entries; `show()` replaces them, keeping the cursor on the same entry."""

    def __init__(self, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.config = config
        self._entries: list[Entry] = []
        self._width = 0

    @property
    def drawn_width(self) -> int:
        """The terminal width the columns were last laid out for."""
        return self._width

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    def selected(self) -> Entry | None:
        if not self._entries or self.cursor_row < 0 or self.cursor_row >= len(self._entries):
            return None
        return self._entries[self.cursor_row]

    def _column_widths(self, width: int) -> tuple[int, int, int]:
        """(pillar, type, note) widths for a table `width` cells wide."""
        pillar = 13 if width >= 100 else 9
        room = max(24, width - 2 - _FIXED - pillar - _PADDING * _COLUMNS)
        type_width = max(12, min(30, room // 2))
        return pillar, type_width, max(12, room - type_width)

    def show(self, entries: Sequence[Entry], width: int) -> None:
        keep = self.selected()
        self._entries = list(entries)
        pillar_width, type_width, note_width = self._column_widths(width)
        if width != self._width or not self.columns:
            self.clear(columns=True)
            self._width = width
            self.add_column("Heure", width=5, key="start")
            self.add_column("Durée", width=5, key="minutes")
            self.add_column("Type", width=type_width, key="type")
            self.add_column("Pilier", width=pillar_width, key="pillar")
            self.add_column("Terr.", width=4, key="territory")
            self.add_column("Pers.", width=5, key="persons")
            self.add_column("Porteurs", width=10, key="porteurs")
            self.add_column("Note", width=note_width, key="note")
        else:
            self.clear()
        for e in self._entries:
            self.add_row(*self._cells(e, pillar_width, type_width, note_width), key=e.id)
        if keep is not None:
            self.select_entry(keep.id)

    def select_entry(self, entry_id: str) -> None:
        for i, e in enumerate(self._entries):
            if e.id == entry_id:
                self.move_cursor(row=i, animate=False)
                return

    def _cells(self, e: Entry, pillar_width: int, type_width: int, note_width: int) -> list[Text]:
        cfg = self.config
        try:
            type_label = cfg.action_type(e.type).label
        except KeyError:
            type_label = e.type
        try:
            pillar = cfg.pillar(e.pillar)
            pillar_label = pillar.short or pillar.label
        except KeyError:
            pillar_label = e.pillar
        if len(e.porteurs) > 1:
            porteurs = f"{len(e.porteurs)} porteurs"
        else:
            porteurs = e.porteurs[0] if e.porteurs else ""
        note = e.note
        if e.partner:
            note = f">{e.partner} {note}".strip()
        return [
            Text(format_hhmm(e.start)),
            Text(duration(e.minutes), justify="right"),
            literal(type_label, type_width),
            literal(pillar_label, pillar_width),
            literal(e.territory, 4),
            Text(str(e.persons) if e.persons else "", justify="right"),
            literal(porteurs, 10),
            literal(note, note_width),
        ]
