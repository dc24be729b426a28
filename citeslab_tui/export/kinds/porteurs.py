"""The porteurs register (`porteurs_2026-11-23.csv`, `.xlsx`): a snapshot of
every porteur, or those active in the period; pseudonymous unless names are
asked (`porteurs-nominatif_…`)."""

from __future__ import annotations

from collections.abc import Sequence

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.publics import contacts, is_active
from citeslab_tui.export.csvfmt import get_dialect
from citeslab_tui.export.files import ExportRequest, RenderedFile, Sources, csv_file, file_name
from citeslab_tui.export.tables import porteurs_table
from citeslab_tui.export.xlsx import period_label, porteurs_xlsx


def sources(request: ExportRequest) -> Sources:
    """Every porteur; or, for the period's register, the porteurs of the period
    and its entries (they say who was followed then)."""
    if request.porteurs_period:
        span = (request.period.start, request.period.end)
        return Sources(span, span, False, ())
    return Sources(None, None, True, ())


def render(
    request: ExportRequest,
    entries: Sequence[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    calendar: WorkingCalendar,
) -> list[RenderedFile]:
    period, territory = request.period, request.territory
    met = contacts(entries)
    chosen = sorted(
        (
            p
            for p in porteurs
            if territory in (None, p.territory)
            and (not request.porteurs_period or is_active(p, period.start, period.end, met))
        ),
        key=lambda p: p.id,
    )
    label = period.label if request.porteurs_period else request.today.isoformat()
    names = request.with_names
    if request.format == "xlsx":
        shown = period_label(period) if request.porteurs_period else f"au {request.today:%d/%m/%Y}"
        data = porteurs_xlsx(chosen, config, shown, with_names=names)
        name = file_name("porteurs", label, territory, "xlsx", names=names)
        return [RenderedFile(name, data, len(chosen))]
    dialect = get_dialect(request.dialect)
    name = file_name("porteurs", label, territory, "csv", names=names)
    return [csv_file(name, porteurs_table(chosen, config, dialect, with_names=names), dialect)]
