"""Month closing: a closed month refuses every change to its entries (exit 1,
nothing written), reopening keeps its reason; `verify` checks a signed XLSX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeslab_tui.core.closing import check_open, closing_record, read_month
from citeslab_tui.core.errors import CitesLabError, MonthClosed
from tests.fixture_types import Run


@pytest.fixture
def march(run: Run, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Three entries in March 2022, one in April; March closed."""
    monkeypatch.setenv("CITESLAB_TODAY", "2022-04-12")
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01")
    run("log", "3h permanence @CCG", "--date", "2022-03-15")
    run("log", "1h30 entretien @AA", "--date", "2022-03-15")
    run("log", "1h suivi @AA", "--date", "2022-04-11")
    ids = {
        rec["type"]: rec["id"]
        for rec in json.loads(
            run("list", "--from", "2022-03-01", "--to", "2022-04-30", "--json").output
        )
    }
    run("month", "close", "2022-03")
    return ids


def test_a_closed_month_refuses_every_change(
    run: Run, march: dict[str, str], db_path: Path, tmp_path: Path
) -> None:
    before = db_path.read_bytes()
    attempts = [
        ("log", "1h atelier @CCG", "--date", "2022-03-16"),
        ("edit", march["atelier"], "--minutes", "90"),
        ("edit", march["suivi"], "--date", "2022-03-31"),  # moving an entry into it
        ("delete", march["permanence"]),
    ]
    for args in attempts:
        err = run(*args, code=1).stderr
        assert "le mois de mars 2022 est clos" in err, args
        assert "citeslab month reopen 2022-03 --reason" in err
        assert db_path.read_bytes() == before, args
    # the last change (the 04/11 entry) would undo fine; one inside March would not
    csv = tmp_path / "import.csv"
    run("export", "entries", "--month", "2022-03", "--dialect", "rfc4180", "-o", str(csv))
    fresh = tmp_path / "other.json"
    run("import", "entries", str(csv), db=fresh)
    run("month", "close", "2022-03", db=fresh)
    run("undo", db=fresh, code=1)  # the import is inside the closed month
    data = csv.read_text().replace("2022-03-15", "2022-03-16")
    lines = data.splitlines()
    header, row = lines[0], lines[1]
    other = tmp_path / "new.csv"
    other.write_text(header + "\n" + row.replace(row.split(",")[0], "f" * 32, 1) + "\n")
    err = run("import", "entries", str(other), code=1).stderr
    assert "est clos" in err
    assert db_path.read_bytes() == before


def test_undo_of_a_change_in_a_closed_month_is_refused(
    run: Run, march: dict[str, str], db_path: Path
) -> None:
    run("month", "reopen", "2022-03", "--reason", "correction")
    run("edit", march["atelier"], "--minutes", "90")
    run("month", "close", "2022-03")
    before = db_path.read_bytes()
    assert "est clos" in run("undo", code=1).stderr
    assert db_path.read_bytes() == before


def test_reopen_keeps_the_reason_and_allows_changes(run: Run, march: dict[str, str]) -> None:
    run("month", "reopen", "2022-03", "--reason", "erreur de saisie du 15")
    run("edit", march["atelier"], "--minutes", "90")
    listed = run("month", "list").output
    assert "mars 2022 : rouvert" in listed
    assert "rouvert le 12/04/2022" in listed and "erreur de saisie du 15" in listed
    assert "pas clos" in run("month", "reopen", "2022-03", "--reason", "x", code=1).stderr
    assert run("month", "reopen", "2022-03", code=2)


def test_verify_conforme_then_names_the_changed_day(
    run: Run, march: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "fdt.xlsx"
    run("export", "timesheet", "--month", "2022-03", "--format", "xlsx", "-o", str(out))
    assert run("verify", str(out)).output.startswith("conforme : fdt.xlsx")
    run("month", "reopen", "2022-03", "--reason", "note à corriger")
    run("edit", march["atelier"], "--note", "une note ne change aucun chiffre")
    assert "conforme" in run("verify", str(out)).output
    run("edit", march["entretien"], "--minutes", "60")
    err = run("verify", str(out), code=1).stderr
    assert "non conforme" in err and "jours modifiés depuis l'export : 15/03/2022" in err


def test_verify_a_file_without_fingerprint(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    assert "pas un fichier XLSX" in run("verify", str(bad), code=1).stderr


def test_the_rule() -> None:
    from datetime import date

    check_open([date(2022, 4, 1)], {"2022-03"})
    with pytest.raises(MonthClosed):
        check_open([date(2022, 3, 31)], {"2022-03"})
    assert read_month("03/2022") == "2022-03"
    with pytest.raises(CitesLabError):
        read_month("2022-13")
    rec = closing_record(None, "2022-03", "2022-04-05T10:00:00", close=True)
    with pytest.raises(CitesLabError, match="raison"):
        closing_record(rec, "2022-03", "2022-04-06T10:00:00", close=False, reason=" ")
    with pytest.raises(CitesLabError, match="déjà clos"):
        closing_record(rec, "2022-03", "2022-04-06T10:00:00", close=True)


def test_the_timesheet_carries_its_fingerprint(
    run: Run, march: dict[str, str], tmp_path: Path
) -> None:
    import openpyxl

    out = tmp_path / "fdt.xlsx"
    run(
        "export",
        "timesheet",
        "--month",
        "2022-03",
        "--territory",
        "CCG",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    wb = openpyxl.load_workbook(out)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["citeslab-periode"] == "2022-03-01/2022-03-31"
    assert props["citeslab-territoire"] == "CCG"
    assert len(props["citeslab-jours-2022-03"]) == 31 * 4
    shown = props["citeslab-empreinte"]
    for ws in wb.worksheets:
        assert f"Empreinte des données : {shown}" in ws.oddFooter.left.text
    assert shown in run("verify", str(out)).output
