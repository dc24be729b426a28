"""Exports: the chain sources → read → calendar → render → write, once for the
CLI (`citeslab export`) and the TUI (F5)."""

from __future__ import annotations

from pathlib import Path

from citeslab_tui.core.model import Config
from citeslab_tui.core.timesheet import timesheet_warnings
from citeslab_tui.export import ExportRequest, RenderedFile, destinations, render, sources
from citeslab_tui.export import write_files as write
from citeslab_tui.holiday_cache import calendar_for
from citeslab_tui.store import Store

NAMES_WARNING = (
    "Attention : ce fichier contient des noms et des coordonnées (données personnelles, "
    "RGPD). Ne le transmettez qu'à qui en a besoin et supprimez-le après usage."
)


def export_warnings(config: Config, request: ExportRequest) -> list[str]:
    """What makes a timesheet unfit to sign, said before writing it (no person
    or manager name, days no convention covers); nothing for other exports."""
    if request.kind != "timesheet":
        return []

    return timesheet_warnings(config, request.period, request.territory)


def rendered(store: Store, request: ExportRequest) -> list[RenderedFile]:
    """The files of `request`, in memory, from only the data they need."""
    needs = sources(request)
    entries, porteurs = needs.read(store)
    return render(
        request,
        entries=entries,
        porteurs=porteurs,
        config=store.config,
        calendar=calendar_for(needs.years),
    )


def export(
    store: Store,
    request: ExportRequest,
    *,
    output: Path | str | None = None,
    folder: Path | None = None,
    force: bool = False,
    cwd: Path | None = None,
) -> list[tuple[Path, RenderedFile]]:
    """Render and write atomically. Files go into `folder` when given, else
    where `output` says (a file or a folder; `exports/` under `cwd` by
    default). Nothing is written if one target exists, unless `force`.
    Returns each file with where it went."""
    files = rendered(store, request)
    if folder is not None:
        paths = [folder / f.name for f in files]
    else:
        paths = destinations(files, output, cwd)
    write(files, paths, force=force)
    return list(zip(paths, files, strict=True))
