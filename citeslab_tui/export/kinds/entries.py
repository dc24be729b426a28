"""The entries log (`journal_2022.csv`, `.xlsx`): the period's entries, by date
and time, optionally one file per month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.export.csvfmt import get_dialect, to_csv
from citeslab_tui.export.files import (
    ExportRequest,
    RenderedFile,
    file_name,
    period_sources,
    spans,
)
from citeslab_tui.export.tables import entries_table
from citeslab_tui.export.xlsx import entries_xlsx

sources = period_sources


def render(
    request: ExportRequest,
    entries: Sequence[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    calendar: WorkingCalendar,
) -> list[RenderedFile]:
    territory = request.territory
    out: list[RenderedFile] = []
    for span in spans(request):
        chosen = sorted(
            (
                e
                for e in entries
                if span.start <= e.date <= span.end and territory in (None, e.territory)
            ),
            key=_entry_order,
        )
        if request.format == "xlsx":
            data = entries_xlsx(chosen, config, span)
            name = file_name("entries", span.label, territory, "xlsx")
            out.append(RenderedFile(name, data, len(chosen)))
            continue
        dialect = get_dialect(request.dialect)
        header, rows = entries_table(chosen, config, dialect)
        name = file_name("entries", span.label, territory, "csv")
        out.append(RenderedFile(name, to_csv(header, rows, dialect), len(rows)))
    return out


def _entry_order(e: Entry) -> tuple[date, time, str]:
    return (e.date, e.start or time.min, e.created_at)
