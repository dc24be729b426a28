"""The indicators (`indicateurs_2022.csv`, `.xlsx`): the report of the period as
of a day, with the hours a full-time post owed up to that day."""

from __future__ import annotations

from collections.abc import Sequence

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.indicators import inputs, report, report_to_json
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.timesheet import full_time_minutes
from citeslab_tui.export.bilan import header as bilan_header
from citeslab_tui.export.bilan import labels
from citeslab_tui.export.csvfmt import get_dialect
from citeslab_tui.export.files import ExportRequest, RenderedFile, Sources, csv_file, file_name
from citeslab_tui.export.indicators_xlsx import indicators_xlsx
from citeslab_tui.export.tables import indicators_table


def sources(request: ExportRequest) -> Sources:
    """The period's entries and the porteurs of the report's window."""
    period = request.period
    window = inputs(period, request.as_of or request.today).porteur_range
    return Sources((period.start, period.end), window, False, tuple(period.years()))


def render(
    request: ExportRequest,
    entries: Sequence[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    calendar: WorkingCalendar,
) -> list[RenderedFile]:
    period, territory = request.period, request.territory
    as_of = request.as_of or request.today
    in_period = [e for e in entries if period.start <= e.date <= period.end]
    rep = report(
        in_period,
        list(porteurs),
        config,
        period,
        as_of,
        calendar,
        territory,
        today=request.today,
    )
    if request.format == "xlsx":
        data = indicators_xlsx(report_to_json(rep), bilan_header(config, period), labels(config))
        name = file_name("indicators", period.label, territory, "xlsx")
        return [RenderedFile(name, data, len(rep.livrables))]
    to_date = Period(period.start, min(as_of, period.end)) if as_of >= period.start else None
    base = full_time_minutes(config, calendar, to_date) if to_date else 0.0
    dialect = get_dialect(request.dialect)
    name = file_name("indicators", period.label, territory, "csv")
    return [csv_file(name, indicators_table(rep, config, dialect, base), dialect)]
