"""`citeslab export` and `citeslab import entries` through click's CliRunner,
on a history logged with `citeslab log`."""

from __future__ import annotations

import csv
import io
import json
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_types import Run

LINES = [
    ("2021-12-15", "2h atelier @CCG 9p"),  # before the year
    ("2022-01-10", "2h atelier @CCG 12p -- salle ; « B »"),
    ("2022-01-10", "9h-9h20 entretien @CCG"),  # 20 min
    ("2022-01-11", "1h entretien @AA"),
    ("2022-03-07", '9h-12h permanence @CCG -- =HYPERLINK("http://x")'),
    ("2022-03-12", "1h30 salon @CCG"),  # a Saturday
    ("2022-05-12", "2h comite_technique @CCG"),
    ("2022-06-20", "1h entretien @CCG /referent"),
    ("2022-07-14", "45min evenement @CCG"),  # Fête nationale
]


@pytest.fixture(autouse=True)
def _export_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports go to ./exports/ of a temporary folder, on a fixed day."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITESLAB_TODAY", "2023-01-16")


@pytest.fixture
def logged(run: Run) -> None:
    for day, line in LINES:
        run("log", line, "--date", day)


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_timesheet_ccg_2022_checks_by_hand(run: Run, logged: None, tmp_path: Path) -> None:
    result = run("export", "timesheet", "--year", "2022", "--territory", "CCG")
    path = tmp_path / "exports" / "feuille-de-temps_2022_CCG.csv"
    assert f"Écrit : {path} (255 ligne(s))" in result.output  # 253 working days + 2 days off
    rows = read_csv(path)
    assert rows[0] == [
        "Date",
        "Territoire",
        "Prospection (h)",
        "Préparation/Orientation (h)",
        "Animation (h)",
        "Référent de parcours (h)",
        "Formation / réseau CitésLab (h)",
        "Total (h)",
        "Congé (h)",
        "RTT (h)",
        "Arrêt maladie (h)",
        "Autre absence (h)",
    ]
    by_date = {r[0]: r[:8] for r in rows[1:]}
    assert by_date["2022-01-10"] == [
        "2022-01-10",
        "CCG",
        "0,00",
        "0,33",
        "2,00",
        "0,00",
        "0,00",
        "2,33",
    ]
    assert by_date["2022-03-07"][2] == "3,00"
    assert by_date["2022-03-12"][2] == "1,50"  # the Saturday is there
    assert by_date["2022-07-14"][4] == "0,75"  # and the holiday
    assert by_date["2022-06-20"][5] == "1,00"
    assert "2022-01-11" in by_date and by_date["2022-01-11"][-1] == "0,00"  # AA's day: zero here
    total = sum(Decimal(r[7].replace(",", ".")) for r in rows[1:])  # Total (h)
    assert total == Decimal("10.58")  # 2 + 1/3 + 3 + 1,5 + 2 + 1 + 0,75 = 10 h 35
    figures = json.loads(run("report", "--year", "2022", "--as-of", "2022-12-31", "--json").output)
    assert Decimal(str(figures["territories"]["CCG"]["hours_logged"])) == total
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_export_refuses_to_overwrite_then_forces(run: Run, logged: None, tmp_path: Path) -> None:
    run("export", "entries", "--year", "2022")
    again = run("export", "entries", "--year", "2022", code=1)
    assert "existe déjà : rien n'a été écrit (--force pour remplacer)." in again.stderr
    assert "Traceback" not in again.output + again.stderr
    run("export", "entries", "--year", "2022", "--force")


def test_month_and_split(run: Run, logged: None, tmp_path: Path) -> None:
    out = run("export", "timesheet", "--month", "2022-03", "--format", "xlsx").output
    assert "feuille-de-temps_2022-03.xlsx" in out
    out = run("export", "timesheet", "--year", "2022", "--split", "monthly", "-o", "mois/").output
    assert out.count("Écrit : ") == 12
    assert (tmp_path / "mois" / "feuille-de-temps_2022-12.csv").exists()


def test_porteurs_with_names_warns(run: Run, logged: None, tmp_path: Path) -> None:
    run("porteur", "add", "--id", "P-2022-001", "--territory", "CCG", "--accueilli", "2022-02-01")
    result = run("export", "porteurs", "--with-names")
    assert "données personnelles" in result.stderr
    assert (tmp_path / "exports" / "porteurs-nominatif_2023-01-16.csv").exists()
    plain = run("export", "porteurs")
    assert "données personnelles" not in plain.stderr
    rows = read_csv(tmp_path / "exports" / "porteurs_2023-01-16.csv")
    assert rows[1][:2] == ["P-2022-001", "CCG"]


def test_porteurs_of_one_year(run: Run, tmp_path: Path) -> None:
    run("porteur", "add", "--id", "P-2021-001", "--territory", "CCG", "--accueilli", "2021-10-04")
    run("porteur", "add", "--id", "P-2021-002", "--territory", "CCG", "--accueilli", "2021-11-02")
    run("porteur", "step", "P-2021-002", "amorcage", "--date", "2022-02-01")
    run("porteur", "add", "--id", "P-2022-001", "--territory", "AA", "--accueilli", "2022-05-05")
    run("porteur", "add", "--id", "P-2023-001", "--territory", "AA", "--accueilli", "2023-01-09")
    run("porteur", "add", "--id", "P-2021-003", "--territory", "CCG", "--accueilli", "2021-10-05")
    run("log", "1h entretien @CCG +P-2021-003", "--date", "2022-06-01")
    run("log", "1h entretien @CCG +P-2021-001", "--date", "2021-12-01")
    run("export", "porteurs", "--year", "2022")
    rows = read_csv(tmp_path / "exports" / "porteurs_2022.csv")
    # Active in 2022: a path step in 2022 (P-2021-002's amorçage, P-2022-001's
    # accueil) or an entry naming them in 2022 (P-2021-003's interview).
    assert [r[0] for r in rows[1:]] == ["P-2021-002", "P-2021-003", "P-2022-001"]
    # The report reads them too, from their 2021 table: accompanied in 2022.
    doc = json.loads(run("report", "--year", "2022", "--as-of", "2022-12-31", "--json").output)
    assert doc["qpv_share"]["denominator"] == 3
    run("export", "porteurs")  # no period: the whole register
    rows = read_csv(tmp_path / "exports" / "porteurs_2023-01-16.csv")
    assert len(rows) == 6


def test_indicators_export(run: Run, logged: None, tmp_path: Path) -> None:
    run("export", "indicators", "--year", "2022", "--as-of", "2022-12-31", "--territory", "CCG")
    rows = read_csv(tmp_path / "exports" / "indicateurs_2022_CCG.csv")
    ateliers = next(r for r in rows if r[1] == "ateliers")
    assert ateliers[:7] == [
        "Livrable",
        "ateliers",
        "Ateliers de sensibilisation",
        "CCG",
        "nombre",
        "6",
        "1",
    ]
    hours = next(r for r in rows if r[1] == "heures" and r[3] == "CCG")
    assert hours[6] == "10,58"


def test_usage_and_refusals(run: Run, logged: None) -> None:
    assert run("export", "nothing", code=2).exit_code == 2
    bad = run("export", "entries", "--territory", "ZZ", code=1)
    assert "territoire « ZZ » inconnu" in bad.stderr
    out = run("export", "porteurs", "--format", "xlsx").output
    assert "porteurs_" in out and ".xlsx (0 ligne(s))" in out
    out = run("export", "entries", "--month", "2022-03", "--format", "xlsx").output
    assert "journal_2022-03.xlsx" in out and "ligne(s)" in out
    bad = run("export", "entries", "--year", "2022", "--month", "2022-03", code=1)
    assert "incompatibles" in bad.stderr


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_export_import_round_trip_into_an_empty_file(
    run: Run, logged: None, tmp_path: Path, dialect: str
) -> None:
    run(
        "export",
        "entries",
        "--from",
        "2021-01-01",
        "--to",
        "2022-12-31",
        "--dialect",
        dialect,
        "-o",
        "journal.csv",
    )
    empty = tmp_path / "vide.json"
    out = run("import", "entries", "journal.csv", db=empty).output
    assert f"Importé : {len(LINES)} entrée(s) ; 0 déjà présente(s)" in out
    out = run("import", "entries", "journal.csv", db=empty).output
    assert f"Importé : 0 entrée(s) ; {len(LINES)} déjà présente(s)" in out

    def report(db: Path | None = None) -> dict[str, Any]:
        args = ("report", "--year", "2022", "--as-of", "2022-12-31", "--json")
        doc: dict[str, Any] = json.loads(run(*args, db=db).output if db else run(*args).output)
        return doc

    assert report(empty) == report()
    listed = json.loads(
        run("list", "--from", "2021-01-01", "--to", "2022-12-31", "--json", db=empty).output
    )
    original = json.loads(
        run("list", "--from", "2021-01-01", "--to", "2022-12-31", "--json").output
    )

    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(
            ({k: v for k, v in r.items() if k not in ("created_at", "updated_at")} for r in rows),
            key=lambda r: str(r["id"]),
        )

    assert strip(listed) == strip(original)


def test_import_with_bad_rows_writes_nothing(run: Run, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "j.csv").write_text(
        "date;heures;type;territoire\r\n"
        "01/03/2022;1,00;entretien;AA\r\n"
        "02/03/2022;1,00;entretient;AA\r\n"
        "03/03/2022;0,01;entretien;AA\r\n",
        encoding="utf-8",
    )
    result = run("import", "entries", "j.csv", code=1)
    assert "Import refusé" in result.stderr
    assert "ligne 3 : type d'action « entretient » inconnu" in result.stderr
    assert "ligne 4 : heures « 0,01 »" in result.stderr
    assert (
        not db_path.exists()
        or json.loads(run("list", "--from", "2022-01-01", "--to", "2022-12-31", "--json").output)
        == []
    )


def test_import_create_porteurs(run: Run, logged: None, tmp_path: Path) -> None:
    run("porteur", "add", "--id", "P-2022-007", "--territory", "CCG", "--accueilli", "2022-02-01")
    run("log", "1h entretien @CCG +P-2022-007", "--date", "2022-02-01")
    run("export", "entries", "--year", "2022", "-o", "j.csv")
    empty = tmp_path / "vide.json"
    refused = run("import", "entries", "j.csv", db=empty, code=1)
    assert "porteur « P-2022-007 » inconnu" in refused.stderr
    assert "--create-porteurs" in refused.stderr
    out = run("import", "entries", "j.csv", "--create-porteurs", db=empty).output
    assert "Porteurs créés (identifiant seul) : 1 (P-2022-007)" in out
    assert "P-2022-007" in run("porteur", "list", db=empty).output
