"""Editing one entry: selects for type, pillar, territory and QPV, inputs with
completion for porteurs and partner. The form checks what it can (a date, a
duration in the quick-entry syntax, whole numbers, porteur ids) and dismisses
with the changed fields only; it never writes — the journal hands the changes to
the store, which has the last word (unknown porteur, schema)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from citeslab_tui.core.dates import read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import (
    MAX_PERSONS,
    PORTEUR_ID,
    Config,
    Entry,
    format_hhmm,
)
from citeslab_tui.core.quickentry import parse
from citeslab_tui.tui.modals.form import Form, FormError
from citeslab_tui.tui.widgets.inputs import ListSuggester, SteadyInput
from citeslab_tui.tui.widgets.tickbox import TickBox

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it


def timing_text(entry: Entry) -> str:
    """`09:30-12:00` for a range, else the duration as typed in quick entry."""
    if entry.start is not None and entry.end is not None:
        return f"{format_hhmm(entry.start)}-{format_hhmm(entry.end)}"
    h, m = divmod(entry.minutes, 60)
    if not h:
        return f"{m}min"
    return f"{h}h{m:02d}" if m else f"{h}h"


def read_timing(text: str, type_key: str, config: Config) -> tuple[int, time | None, time | None]:
    """A duration or a range in the quick-entry syntax: (minutes, start, end)."""
    if not text.strip():
        raise FormError("durée manquante (ex. 1h30, 45min, 9h-10h30)", "f-timing")
    try:
        draft = parse(f"{text} {type_key}", config)
    except CitesLabError as error:
        raise FormError(f"durée : {error}", "f-timing") from None
    if {t.kind for t in draft.tokens} - {"duree", "plage", "type"}:
        raise FormError("durée : une durée ou une plage seulement (ex. 1h30, 9h-10h30)", "f-timing")
    return draft.minutes, draft.start, draft.end


def read_porteurs(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        pid = word.lstrip("+").upper()
        if not PORTEUR_ID.fullmatch(pid):
            raise FormError(f"porteur « {word} » : format P-AAAA-NNN attendu", "f-porteurs")
        if pid not in out:
            out.append(pid)
    return tuple(out)


class EntryForm(Form[dict[str, Any]]):
    """Dismisses with {field: new value} for the fields that changed, or None."""

    def __init__(
        self,
        entry: Entry,
        config: Config,
        today: date,
        porteur_ids: Sequence[str] = (),
        partners: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.entry = entry
        self.config = config
        self.today = today
        self.porteur_ids = list(porteur_ids)
        labels = [p.label for p in config.partners]
        self.partners = list(dict.fromkeys([*labels, *partners]))
        self._type = entry.type

    def compose(self) -> ComposeResult:
        e, cfg = self.entry, self.config
        types = [(Text(t.label), t.key) for t in cfg.action_types]
        if e.type not in cfg.type_keys:
            types.append((Text(e.type), e.type))
        pillars = [(Text(p.label), p.key) for p in cfg.pillars]
        if e.pillar not in cfg.pillar_keys:
            pillars.append((Text(e.pillar), e.pillar))
        territories = [(Text(f"{t.code} — {t.name}"), t.code) for t in cfg.territories]
        qpvs = [(Text(f"{q.code} {q.name}"), q.code) for q in cfg.all_qpvs()]

        def row(label: str, widget: Widget) -> ComposeResult:
            yield Label(label)
            yield widget

        with Vertical(classes="dialog", id="entry-dialog"):
            yield Label(f"Modifier l'entrée du {e.date:%d/%m/%Y}", classes="dialog-title")
            with VerticalScroll(), Grid(classes="form-grid"):
                yield from row("Date", SteadyInput(f"{e.date:%d/%m/%Y}", id="f-date", compact=True))
                yield from row(
                    "Durée / plage", SteadyInput(timing_text(e), id="f-timing", compact=True)
                )
                yield from row(
                    "Type",
                    Select(types, value=e.type, allow_blank=False, id="f-type", compact=True),
                )
                yield from row(
                    "Pilier",
                    Select(pillars, value=e.pillar, allow_blank=False, id="f-pillar", compact=True),
                )
                yield from row(
                    "Territoire",
                    Select(
                        territories,
                        value=e.territory,
                        allow_blank=False,
                        id="f-territory",
                        compact=True,
                    ),
                )
                yield from row(
                    "QPV",
                    Select(
                        qpvs,
                        value=e.qpv if e.qpv else Select.NULL,
                        prompt="aucun",
                        id="f-qpv",
                        compact=True,
                    ),
                )
                yield from row(
                    "Personnes",
                    SteadyInput(str(e.persons), type="integer", id="f-persons", compact=True),
                )
                yield from row(
                    "Porteurs",
                    SteadyInput(
                        " ".join(e.porteurs),
                        placeholder="P-2022-014 P-2022-015",
                        suggester=ListSuggester(lambda: self.porteur_ids),
                        id="f-porteurs",
                        compact=True,
                    ),
                )
                yield from row(
                    "Partenaire",
                    SteadyInput(
                        e.partner or "",
                        suggester=ListSuggester(lambda: self.partners),
                        id="f-partner",
                        compact=True,
                    ),
                )
                yield from row(
                    "Compte",
                    TickBox(
                        Text("temps de préparation (ne compte pas comme tenu)"),
                        value=not e.occurrence,
                        id="f-around",
                        compact=True,
                    ),
                )
                yield from row("Note", TextArea(e.note, id="f-note", soft_wrap=True, compact=True))
            yield Static("", id="form-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    @on(Select.Changed, "#f-type")
    def type_changed(self, event: Select.Changed) -> None:
        """A new type brings its own pillar (the user may still change it after)."""
        if event.value == self._type or event.value is Select.NULL:
            return
        self._type = str(event.value)
        try:
            pillar = self.config.action_type(self._type).pillar
        except KeyError:
            return
        self.query_one("#f-pillar", Select).value = pillar

    def read(self) -> dict[str, Any]:
        """The fields that differ from the entry. Raises FormError."""
        e = self.entry

        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        try:
            day = read_date(value("f-date"), self.today, e.date)
        except CitesLabError as error:
            raise FormError(f"date : {error}", "f-date") from None
        type_key = str(self.query_one("#f-type", Select).value)
        timing = value("f-timing")
        if timing.strip() == timing_text(e):  # untouched: keep start, end and minutes as they are
            minutes, start, end = e.minutes, e.start, e.end
        else:
            minutes, start, end = read_timing(timing, type_key, self.config)
        persons_text = value("f-persons").strip() or "0"
        if not persons_text.isdigit() or int(persons_text) > MAX_PERSONS:
            raise FormError(
                f"personnes : un nombre entier de 0 à {MAX_PERSONS:,}".replace(",", " "),
                "f-persons",
            )
        qpv = self.query_one("#f-qpv", Select).value
        partner = value("f-partner").strip()
        note = self.query_one("#f-note", TextArea).text.strip()
        new = {
            "date": day,
            "start": start,
            "end": end,
            "minutes": minutes,
            "type": type_key,
            "pillar": str(self.query_one("#f-pillar", Select).value),
            "territory": str(self.query_one("#f-territory", Select).value),
            "qpv": None if qpv is Select.NULL else str(qpv),
            "persons": int(persons_text),
            "porteurs": read_porteurs(value("f-porteurs")),
            "partner": self.config.partner_label(partner) if partner else None,
            "note": note if note != e.note.strip() else e.note,
            "occurrence": not self.query_one("#f-around", TickBox).value,
        }
        return {k: v for k, v in new.items() if getattr(e, k) != v}
