"""Export files: names that say what and when, atomic private writes, no
silent overwrite, one file per month on request."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportError, ExportRequest, destinations, export, render
from citeslab_tui.export.files import file_name
from tests.export.conftest import make_entry

TODAY = date(2026, 11, 23)
MARCH = Period.month(2022, 3)


def run(
    config: Config,
    calendar: WorkingCalendar,
    tmp_path: Path,
    kind: str = "timesheet",
    period: Period = MARCH,
    output: Path | str | None = None,
    force: bool = False,
    **options: object,
) -> list[Path]:
    request = ExportRequest(kind, period, TODAY, **options)  # type: ignore[arg-type]
    porteur = Porteur(
        uuid="1" * 32,
        id="P-2022-001",
        territory="CCG",
        created_at="2022-01-01T00:00:00",
        updated_at="2022-01-01T00:00:00",
    )
    done = export(
        request,
        entries=[make_entry("2022-03-01", 60, territory="CCG")],
        porteurs=[porteur],
        config=config,
        calendar=calendar,
        output=output,
        force=force,
        cwd=tmp_path,
    )
    return [path for path, _ in done]


@pytest.mark.parametrize(
    ("kind", "options", "name"),
    [
        ("timesheet", {"territory": "CCG"}, "feuille-de-temps_2022-03_CCG.csv"),
        ("timesheet", {}, "feuille-de-temps_2022-03.csv"),
        ("timesheet", {"format": "xlsx"}, "feuille-de-temps_2022-03.xlsx"),
        ("entries", {}, "journal_2022-03.csv"),
        ("indicators", {}, "indicateurs_2022-03.csv"),
        ("porteurs", {}, "porteurs_2026-11-23.csv"),
        ("porteurs", {"with_names": True}, "porteurs-nominatif_2026-11-23.csv"),
    ],
)
def test_default_folder_names_and_mode(
    config: Config,
    calendar: WorkingCalendar,
    tmp_path: Path,
    kind: str,
    options: dict[str, Any],
    name: str,
) -> None:
    (path,) = run(config, calendar, tmp_path, kind, **options)
    assert path == tmp_path / "exports" / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_year_names() -> None:
    assert file_name("entries", Period.year(2022).label, None, "csv") == "journal_2022.csv"
    assert file_name("indicators", "2022", None, "csv") == "indicateurs_2022.csv"


def test_an_existing_file_is_not_overwritten_without_force(
    config: Config, calendar: WorkingCalendar, tmp_path: Path
) -> None:
    (path,) = run(config, calendar, tmp_path)
    path.write_bytes(b"precious")
    with pytest.raises(ExportError, match="existe déjà : rien n'a été écrit"):
        run(config, calendar, tmp_path)
    assert path.read_bytes() == b"precious"
    run(config, calendar, tmp_path, force=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfDate;")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_split_monthly_writes_one_file_per_month_or_none(
    config: Config, calendar: WorkingCalendar, tmp_path: Path
) -> None:
    paths = run(
        config, calendar, tmp_path, period=Period.year(2022), split="monthly", territory="CCG"
    )
    assert [p.name for p in paths] == [
        f"feuille-de-temps_2022-{m:02d}_CCG.csv" for m in range(1, 13)
    ]
    march = paths[2].read_text(encoding="utf-8-sig").splitlines()
    assert len(march) == 1 + 23 and march[1] == (
        '2022-03-01;CCG;"0,00";"1,00";"0,00";"0,00";"0,00";"1,00";"0,00";"0,00";"0,00";"0,00"'
    )
    # One of twelve exists: nothing is written at all.
    for p in paths:
        p.unlink()
    (tmp_path / "exports" / "feuille-de-temps_2022-07_CCG.csv").write_text("x")
    with pytest.raises(ExportError, match="existe déjà"):
        run(config, calendar, tmp_path, period=Period.year(2022), split="monthly", territory="CCG")
    left = [p.name for p in (tmp_path / "exports").iterdir()]
    assert left == ["feuille-de-temps_2022-07_CCG.csv"]


def test_split_entries_and_clamped_months(
    config: Config, calendar: WorkingCalendar, tmp_path: Path
) -> None:
    period = Period(date(2022, 2, 15), date(2022, 3, 31))
    paths = run(config, calendar, tmp_path, "entries", period=period, split="monthly")
    assert [p.name for p in paths] == ["journal_2022-02-15_2022-02-28.csv", "journal_2022-03.csv"]


def test_output_file_or_folder(config: Config, calendar: WorkingCalendar, tmp_path: Path) -> None:
    (path,) = run(config, calendar, tmp_path, output=tmp_path / "sub" / "mine.csv")
    assert path == tmp_path / "sub" / "mine.csv" and path.exists()
    folder = tmp_path / "out"
    folder.mkdir()
    (path,) = run(config, calendar, tmp_path, output=folder)
    assert path == folder / "feuille-de-temps_2022-03.csv"
    paths = run(
        config,
        calendar,
        tmp_path,
        output=str(tmp_path / "new") + "/",
        period=Period(date(2022, 3, 1), date(2022, 4, 30)),
        split="monthly",
    )
    assert [p.parent for p in paths] == [tmp_path / "new"] * 2
    paths = run(
        config,
        calendar,
        tmp_path,
        output=tmp_path / "months",
        period=Period(date(2022, 3, 1), date(2022, 4, 30)),
        split="monthly",
    )
    assert [p.parent for p in paths] == [tmp_path / "months"] * 2
    with pytest.raises(ExportError, match="-o doit désigner un dossier"):
        run(
            config,
            calendar,
            tmp_path,
            output=tmp_path / "x.csv",
            split="monthly",
            period=Period(date(2022, 3, 1), date(2022, 4, 30)),
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "indicators", "split": "monthly"}, "découpage mensuel"),
        ({"kind": "entries", "with_names": True}, "--with-names"),
        ({"kind": "nothing"}, "export « nothing » inconnu"),
        ({"kind": "entries", "dialect": "excel"}, "dialecte « excel » inconnu"),
        ({"kind": "entries", "territory": "ZZ"}, "territoire « ZZ » inconnu"),
    ],
)
def test_refused_requests(
    config: Config, calendar: WorkingCalendar, options: dict[str, Any], message: str
) -> None:
    request = ExportRequest(period=Period.year(2022), today=TODAY, **options)
    with pytest.raises(ExportError, match=message):
        render(request, entries=[], porteurs=[], config=config, calendar=calendar)


def test_destinations_default_to_exports_under_cwd(tmp_path: Path) -> None:
    from citeslab_tui.export import RenderedFile

    files = [RenderedFile("a.csv", b"", 0)]
    assert destinations(files, None, tmp_path) == [tmp_path / "exports" / "a.csv"]


class FakeStore:
    """Records what is read, so a test sees the ranges an export asks for."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[date, ...]]] = []

    def entries(self, *span: date) -> list[object]:
        self.calls.append(("entries", span))
        return []

    def porteurs(self, *span: date) -> list[object]:
        self.calls.append(("porteurs", span))
        return []


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("timesheet", [("entries", (date(2022, 3, 1), date(2022, 3, 31)))]),
        ("entries", [("entries", (date(2022, 3, 1), date(2022, 3, 31)))]),
        ("porteurs", [("porteurs", ())]),
        # Indicators as of 2022-03-15: porteurs active from the start of the
        # period up to that day, not those of the rest of the month.
        (
            "indicators",
            [
                ("entries", (date(2022, 3, 1), date(2022, 3, 31))),
                ("porteurs", (date(2022, 3, 1), date(2022, 3, 15))),
            ],
        ),
    ],
)
def test_sources_read_only_what_the_export_needs(kind: str, expected: list[object]) -> None:
    from citeslab_tui.export import sources

    request = ExportRequest(kind, MARCH, TODAY, as_of=date(2022, 3, 15))
    needs = sources(request)
    store = FakeStore()
    needs.read(store)
    assert store.calls == expected
    assert needs.years == (() if kind == "porteurs" else (2022,))


@pytest.mark.parametrize(
    ("kind", "loaded", "not_loaded"),
    [
        ("entries", "citeslab_tui.export.tables", "citeslab_tui.core.indicators"),
        ("entries", "citeslab_tui.export.tables", "citeslab_tui.export.bilan"),
        ("entries", "citeslab_tui.export.tables", "citeslab_tui.core.fingerprint"),
        ("timesheet", "citeslab_tui.core.timesheet", "citeslab_tui.core.indicators"),
        ("porteurs", "citeslab_tui.core.publics", "citeslab_tui.core.timesheet"),
        ("indicators", "citeslab_tui.core.indicators", "citeslab_tui.core.fingerprint"),
    ],
)
def test_an_export_loads_only_its_own_kind(
    kind: str, loaded: str, not_loaded: str, tmp_path: Path
) -> None:
    """Each kind lives in export/kinds/ and is loaded when asked: an export of
    the log does not pay the indicators' and the bilan's imports (a fresh
    interpreter, as `citeslab export` runs)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from datetime import date\n"
        "from citeslab_tui.core.calendar import WorkingCalendar, french_holidays\n"
        "from citeslab_tui.core.period import Period\n"
        "from citeslab_tui.config import default_config_path, load_config\n"
        "from citeslab_tui.export import ExportRequest, render, sources\n"
        f"request = ExportRequest({kind!r}, Period.year(2022), date(2026, 11, 23))\n"
        "sources(request)\n"
        "calendar = WorkingCalendar(french_holidays([2022]), years=[2022])\n"
        "config = load_config(default_config_path())\n"
        "files = render(request, entries=[], porteurs=[], config=config, calendar=calendar)\n"
        "assert files, files\n"
        f"print({loaded!r} in sys.modules, {not_loaded!r} in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]
