"""The timesheet (`feuille-de-temps_2022-03.csv`, `.xlsx`): hours per day and
pillar, optionally one file per month; the XLSX carries the fingerprint that
`citeslab verify` checks."""

from __future__ import annotations

from collections.abc import Sequence

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.fingerprint import fingerprint
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.timesheet import build_timesheet
from citeslab_tui.export.csvfmt import get_dialect
from citeslab_tui.export.files import (
    ExportRequest,
    RenderedFile,
    csv_file,
    file_name,
    period_sources,
    spans,
)
from citeslab_tui.export.tables import timesheet_table
from citeslab_tui.export.xlsx import timesheet_xlsx

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
        ts = build_timesheet(entries, config, span, calendar, territory)
        if request.format == "xlsx":
            data = timesheet_xlsx(ts, config, fingerprint(entries, span, territory))
            days = len({r.day for r in ts.rows})
            return RenderedFile(file_name("timesheet", span.label, territory, "xlsx"), data, days)
        name = file_name("timesheet", span.label, territory, "csv")
        return csv_file(name, timesheet_table(ts, config, dialect), dialect)

    return [one(span) for span in spans(request)]
