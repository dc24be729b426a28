"""The manager's and the funders' documents over one or several data files:
the report of each file (read-only, each with its own configuration), the totals
over them, and the bilan HTML built from those reports.

A file that cannot be read is named with the reason and the others still count.
Each file's configuration is `<name>.config.json` beside it when that file
exists (a manager gathering several cheffes' files keeps each one's territories
and conventions), else the active configuration.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from citeslab_tui.config import load_config
from citeslab_tui.core.consolidate import consolidate
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.indicators import report_to_json
from citeslab_tui.export.bilan import Failure, Source, header, labels, render_bilan
from citeslab_tui.export.files import RenderedFile, destinations, write_files
from citeslab_tui.fsutil import describe_os_error
from citeslab_tui.services.report import ReportData, compute, report
from citeslab_tui.store import Store

if TYPE_CHECKING:
    from citeslab_tui.core.model import Config
    from citeslab_tui.core.period import Period
    from citeslab_tui.export.bilan import Failure, Source


class PersonReport(NamedTuple):
    """One data file's report, ready to show."""

    path: Path
    label: str  # the person named by the configuration, else the file's name
    config: Config
    report: dict[str, Any]  # the `citeslab report --json` document
    months: list[tuple[date, dict[str, Any]]]  # the same for each month of the period


class Consolidated(NamedTuple):
    people: list[PersonReport]
    failures: list[tuple[Path, str]]  # unreadable files and why, in French
    totals: dict[str, Any] | None  # `core.consolidate.consolidate` (None for one file)


def config_beside(path: Path) -> Path:
    """Where a data file's own configuration would be: `a.json` → `a.config.json`."""
    return path.with_name(f"{path.stem}.config.json")


def load_config_for(path: Path) -> Config:
    own = config_beside(path)
    return load_config(own if own.is_file() else None)


def report_document(
    store: Any,
    period: Period,
    as_of: date,
    territory: str | None = None,
    *,
    today: date | None = None,
) -> dict[str, Any]:
    """The `citeslab report --json` document of an open store (`services.report`)."""
    return report_to_json(report(store, period, as_of, territory, today=today))


def month_documents(store: Any, period: Period, as_of: date) -> list[tuple[date, dict[str, Any]]]:
    """The report of each month of `period` (cut to the period), for the monthly
    hours: their hours are those of `citeslab report --from … --to …` (they
    depend on the entries and the territories' dated allocations only, so the
    porteurs are not read and the conventions — livrables, money — are left
    out: a month's livrables are not drawn, and skipping them halves the time
    of a consolidated bilan's months)."""
    entries = store.entries(period.start, period.end)
    hours_only = store.config._replace(conventions=())  # allocations keep their dates
    out = []
    for span in period.months():
        inside = [e for e in entries if span.start <= e.date <= span.end]
        result = compute(ReportData(span, as_of, inside, [], weeks=0), hours_only)
        out.append((span.start, report_to_json(result)))
    return out


def _describe(exc: BaseException) -> str:
    """One French line (the store's messages span several)."""
    if isinstance(exc, CitesLabError):
        return " ".join(str(exc).split())
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return f"illisible ({type(exc).__name__})"


def gather(
    paths: Sequence[Path],
    period: Period,
    as_of: date,
    *,
    months: bool = False,
    territory: str | None = None,
    now: Any = None,
    today: date | None = None,
) -> Consolidated:
    """Open each file read-only with its own configuration and report on it.
    Files that fail are listed with the reason; at least one must be read.
    `today`: see `services.report.report` (the days to check)."""
    people: list[PersonReport] = []
    failures: list[tuple[Path, str]] = []
    for path in paths:
        try:
            if not path.is_file():
                raise CitesLabError("fichier introuvable")
            config = load_config_for(path)
            kwargs = {"now": now} if now is not None else {}
            store = Store.open(path, config, readonly=True, **kwargs)
            doc = report_document(store, period, as_of, territory, today=today)
            per_month = month_documents(store, period, as_of) if months else []
        except Exception as exc:  # one bad file must not hide the others
            failures.append((path, _describe(exc)))
            continue
        people.append(PersonReport(path, config.person or path.stem, config, doc, per_month))
    _distinct_labels(people)
    if not people:
        listed = " ; ".join(f"{p.name} : {why}" for p, why in failures)
        raise CitesLabError(f"aucun fichier n'a pu être lu ({listed})")
    totals = consolidate([p.report for p in people]) if len(paths) > 1 else None
    return Consolidated(people, failures, totals)


def _distinct_labels(people: list[PersonReport]) -> None:
    seen: dict[str, int] = {}
    for p in people:
        seen[p.label] = seen.get(p.label, 0) + 1
    for i, p in enumerate(people):
        if seen[p.label] > 1:
            people[i] = p._replace(label=f"{p.label} ({p.path.name})")


def consolidated_json(result: Consolidated) -> dict[str, Any]:
    """`citeslab report --db a --db b --json`: each file's report, the totals,
    and the files that could not be read."""
    return {
        "files": [
            {"file": str(p.path), "person": p.label, "report": p.report} for p in result.people
        ],
        "failures": [{"file": str(path), "error": why} for path, why in result.failures],
        "totals": result.totals,
    }


# --------------------------------------------------------------------------- bilan


def sources(result: Consolidated, period: Period) -> tuple[list[Source], list[Failure]]:
    people = [
        Source(p.label, p.path.name, header(p.config, period), p.report, p.months, labels(p.config))
        for p in result.people
    ]
    return people, [Failure(path.name, why) for path, why in result.failures]


def bilan_html(result: Consolidated, period: Period, generated: date) -> str:
    people, failures = sources(result, period)
    return render_bilan(people, failures, result.totals, generated=generated)


def write_bilan(
    paths: Sequence[Path],
    period: Period,
    as_of: date,
    *,
    generated: date,
    output: Path | str | None = None,
    force: bool = False,
) -> tuple[Path, Consolidated]:
    """Gather, render and write the bilan (0600, atomically). Returns where."""
    result = gather(paths, period, as_of, months=True, today=generated)
    html = bilan_html(result, period, generated)
    name = f"bilan_{period.label}.html"
    files = [RenderedFile(name, html.encode("utf-8"), len(result.people))]
    targets = destinations(files, output)
    write_files(files, targets, force=force)
    return targets[0], result
