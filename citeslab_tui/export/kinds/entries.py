"""The entries log (`journal_2022.csv`, `.xlsx`): the period's entries, by date
and time, optionally one file per month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export.csvfmt import get_dialect
from citeslab_tui.export.files import (
    ExportRequest,
    RenderedFile,
    csv_file,
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
    territory, dialect = request.territory, get_dialect(request.dialect)

    def one(span: Period) -> RenderedFile:
        chosen = sorted(
            (
                e
                for e in entries
                if span.start <= e.date <= span.end and territory in (None, e.territory)
            ),
            key=_entry_order,
        )
        if request.format == "xlsx":
            name = file_name("entries", span.label, territory, "xlsx")
            return RenderedFile(name, entries_xlsx(chosen, config, span), len(chosen))
        name = file_name("entries", span.label, territory, "csv")
        return csv_file(name, entries_table(chosen, config, dialect), dialect)

    return [one(span) for span in spans(request)]


def _entry_order(e: Entry) -> tuple[date, time, str]:
    return (e.date, e.start or time.min, e.created_at)
