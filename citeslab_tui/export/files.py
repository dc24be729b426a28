"""Making export files: which files a request gives, their names, and writing
them safely.

File names say what and when: `feuille-de-temps_2022-03_CCG.csv`,
`journal_2022.csv`, `indicateurs_2022.csv`, `porteurs_2026-11-23.csv` (the
register is a snapshot: it is named after the day of the export, and a file
holding names says so: `porteurs-nominatif_…`). Files go to `exports/` under the
current directory by default (created, readable by its owner only), are written
atomically with mode 0600, and an existing file is never replaced without
`force` — when several files are asked, nothing is written if any one exists.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.publics import with_named
from citeslab_tui.export.csvfmt import ExportError, get_dialect, to_csv
from citeslab_tui.fsutil import atomic_write, describe_os_error
from citeslab_tui.paths import ensure_private_dir

if TYPE_CHECKING:
    from citeslab_tui.export.csvfmt import Dialect
    from citeslab_tui.export.tables import Table

KINDS: tuple[str, ...] = ("timesheet", "entries", "indicators", "porteurs")
FORMATS: tuple[str, ...] = ("csv", "xlsx")
SPLITS: tuple[str, ...] = ("monthly",)
DEFAULT_FOLDER = "exports"
_BASENAMES = {
    "timesheet": "feuille-de-temps",
    "entries": "journal",
    "indicators": "indicateurs",
    "porteurs": "porteurs",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export. `today` names the porteurs snapshot and is the default
    `as_of` of the indicators. `porteurs_period`: the register holds only the
    porteurs active in `period` (a path step in it, or no step and created in
    it — the rule of `core.publics.is_active`); otherwise every porteur."""

    kind: str
    period: Period
    today: date
    territory: str | None = None
    dialect: str = "excel-fr"
    format: str = "csv"
    split: str | None = None
    with_names: bool = False
    as_of: date | None = None
    porteurs_period: bool = False


@dataclass(frozen=True, slots=True)
class Sources:
    """What an export reads from the store, so callers read no more: entries of
    `entry_range` (None: none), porteurs of `porteur_range` (None: none, unless
    `all_porteurs`), and a working calendar of `years`."""

    entry_range: tuple[date, date] | None
    porteur_range: tuple[date, date] | None
    all_porteurs: bool
    years: tuple[int, ...]

    def read(self, store: Any) -> tuple[list[Entry], list[Porteur]]:
        """Entries and porteurs from anything with the Store's `entries(start,
        end)` and `porteurs(start, end)` (the export package imports no store)."""
        entries = store.entries(*self.entry_range) if self.entry_range else []
        if self.all_porteurs:
            porteurs = store.porteurs()
        elif self.porteur_range:
            window = self.porteur_range
            porteurs = with_named(store.porteurs(*window), entries, window, store.porteurs)
        else:
            porteurs = []
        return entries, porteurs


def sources(request: ExportRequest) -> Sources:
    """The data `render(request, …)` needs: each kind says (export/kinds/)."""
    return _kind(request.kind).sources(request)


def period_sources(request: ExportRequest) -> Sources:
    """The period's entries and the calendar of its years; no porteur (the
    timesheet and the entries log cite porteurs by id only)."""
    period = request.period
    return Sources((period.start, period.end), None, False, tuple(period.years()))


def spans(request: ExportRequest) -> list[Period]:
    """The period, or its months when one file per month is asked."""
    return request.period.months() if request.split == "monthly" else [request.period]


class ExportKind(Protocol):
    """What a module of export/kinds/ provides."""

    def sources(self, request: ExportRequest) -> Sources: ...

    def render(
        self,
        request: ExportRequest,
        entries: Sequence[Entry],
        porteurs: Sequence[Porteur],
        config: Config,
        calendar: WorkingCalendar,
    ) -> list[RenderedFile]: ...


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ExportError(f"export « {kind} » inconnu (connus : {', '.join(KINDS)})")


def _kind(kind: str) -> ExportKind:
    """The module of one export kind, loaded when that kind is asked (see
    export/kinds/__init__.py)."""
    _check_kind(kind)
    return cast(ExportKind, importlib.import_module(f"{__package__}.kinds.{kind}"))


@dataclass(frozen=True, slots=True)
class RenderedFile:
    name: str
    data: bytes
    rows: int  # data rows (CSV) or day lines (XLSX)


def csv_file(name: str, table: Table, dialect: Dialect) -> RenderedFile:
    """A CSV file holding `table` (header and rows) in `dialect`."""
    header, rows = table
    return RenderedFile(name, to_csv(header, rows, dialect), len(rows))


def check_request(request: ExportRequest, config: Config) -> None:
    """Refuse combinations that make no sense, in French."""
    _check_kind(request.kind)
    get_dialect(request.dialect)
    if request.format not in FORMATS:
        raise ExportError(f"format « {request.format} » inconnu (connus : {', '.join(FORMATS)})")
    if request.split is not None:
        if request.split not in SPLITS:
            raise ExportError(f"découpage « {request.split} » inconnu (seul : monthly)")
        if request.kind not in ("timesheet", "entries"):
            raise ExportError("le découpage mensuel ne vaut que pour timesheet et entries")
    if request.with_names and request.kind != "porteurs":
        raise ExportError("--with-names ne concerne que l'export porteurs")
    if request.territory is not None and request.territory not in config.territory_codes:
        raise ExportError(
            f"territoire « {request.territory} » inconnu "
            f"(connus : {', '.join(config.territory_codes)})"
        )


def file_name(
    kind: str, label: str, territory: str | None, ext: str, *, names: bool = False
) -> str:
    base = _BASENAMES[kind] + ("-nominatif" if names else "")
    suffix = f"_{territory}" if territory else ""
    return f"{base}_{label}{suffix}.{ext}"


def render(
    request: ExportRequest,
    *,
    entries: Sequence[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    calendar: WorkingCalendar,
) -> list[RenderedFile]:
    """The files of `request`, in memory. `calendar` must cover the period's
    years; `entries` may hold more than the period (they are filtered)."""
    check_request(request, config)
    return _kind(request.kind).render(request, entries, porteurs, config, calendar)


def destinations(
    files: Sequence[RenderedFile], output: Path | str | None = None, cwd: Path | None = None
) -> list[Path]:
    """Where each file goes: `exports/` under `cwd` by default; else into the
    folder `output` when it is one (existing, written with a final `/`, or — for
    several files — a new name without extension); else `output` itself, which
    then must name a single file."""
    if output is None:
        folder = (cwd or Path.cwd()) / DEFAULT_FOLDER
        return [folder / f.name for f in files]
    text = str(output)
    path = Path(output)
    if (
        path.is_dir()
        or text.endswith(("/", os.sep))
        or (len(files) > 1 and not path.exists() and not path.suffix)
    ):
        return [path / f.name for f in files]
    if len(files) != 1:
        raise ExportError(
            f"{len(files)} fichiers à écrire : -o doit désigner un dossier, "
            f"pas le fichier « {output} »"
        )
    return [path]


class FilesExist(ExportError):
    """Targets that exist already: nothing was written. `str()` says so; how
    to replace them is each front end's to say (`worded`): `--force` on the
    command line, a tick box in the application."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        super().__init__(self.worded(None))

    def worded(self, how_to_replace: str | None) -> str:
        listed = ", ".join(str(p) for p in self.paths)
        hint = f" ({how_to_replace})" if how_to_replace else ""
        if len(self.paths) == 1:
            return f"{listed} existe déjà : rien n'a été écrit{hint}."
        return f"ces fichiers existent déjà : {listed}. Rien n'a été écrit{hint}."


def write_files(
    files: Sequence[RenderedFile], paths: Sequence[Path], *, force: bool = False
) -> list[Path]:
    """Write each file atomically (mode 0600). Without `force`, refuse — before
    writing anything — if one of the targets exists (FilesExist)."""
    if not force:
        taken = [p for p in paths if p.exists()]
        if taken:
            raise FilesExist(taken)
    for path in {p.parent for p in paths}:
        if not path.is_dir():
            try:
                ensure_private_dir(path)
            except OSError as exc:
                raise ExportError(
                    f"impossible de créer le dossier {path} : {describe_os_error(exc)}"
                ) from exc
    written: list[Path] = []
    for f, path in zip(files, paths, strict=True):
        try:
            atomic_write(path, f.data, mode=0o600, overwrite=force)
        except (CitesLabError, OSError) as exc:
            done = f" (déjà écrits : {', '.join(str(p) for p in written)})" if written else ""
            raise ExportError(f"{exc}{done}") from exc
        written.append(path)
    return written


def export(
    request: ExportRequest,
    *,
    entries: Sequence[Entry],
    porteurs: Sequence[Porteur],
    config: Config,
    calendar: WorkingCalendar,
    output: Path | str | None = None,
    force: bool = False,
    cwd: Path | None = None,
) -> list[tuple[Path, RenderedFile]]:
    """Render and write: the CLI's and the TUI's one call. Returns what went where."""
    files = render(request, entries=entries, porteurs=porteurs, config=config, calendar=calendar)
    paths = destinations(files, output, cwd)
    write_files(files, paths, force=force)
    return list(zip(paths, files, strict=True))
