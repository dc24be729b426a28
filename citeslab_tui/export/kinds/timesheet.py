"""The timesheet (`feuille-de-temps_2022-03.csv`, `.xlsx`): hours per day and
pillar, optionally one file per month; the XLSX carries the fingerprint that
`citeslab verify` checks."""

from __future__ import annotations

from collections.abc import Sequence

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.fingerprint import fingerprint
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.timesheet import build_timesheet
from citeslab_tui.export.csvfmt import get_dialect, to_csv
from citeslab_tui.export.files import (
    ExportRequest,
    RenderedFile,
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
    territory = request.territory
    out: list[RenderedFile] = []
    for span in spans(request):
        ts = build_timesheet(entries, config, span, calendar, territory)
        if request.format == "xlsx":
            data = timesheet_xlsx(ts, config, fingerprint(entries, span, territory))
            days = len({r.day for r in ts.rows})
            out.append(
                RenderedFile(file_name("timesheet", span.label, territory, "xlsx"), data, days)
            )
            continue
        dialect = get_dialect(request.dialect)
        header, rows = timesheet_table(ts, config, dialect)
        name = file_name("timesheet", span.label, territory, "csv")
        out.append(RenderedFile(name, to_csv(header, rows, dialect), len(rows)))
    return out
