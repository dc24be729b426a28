"""`citeslab export indicators --format xlsx`: the figures of `report --json`
for the same period in typed cells, native charts for the hours per territory,
the pillars and the livrables, and a first sheet naming the funders."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2022-10-15"


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_every_figure_equals_report_json(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-12-31")
    run("demo", "--entries", "400", "--seed", "3")
    monkeypatch.delenv("CITESLAB_TODAY")
    out = tmp_path / "ind.xlsx"
    res = run(
        "export",
        "indicators",
        "--year",
        "2022",
        "--as-of",
        AS_OF,
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    assert "livrable(s)" in res.stdout
    rep = json.loads(run("report", "--year", "2022", "--as-of", AS_OF, "--json").stdout)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:5] == ["Synthèse", "Territoires", "Piliers", "Livrables", "Porteurs"]

    summary = {r[0]: r[1] for r in rows(wb["Synthèse"]) if r[0]}
    assert summary["Avec le soutien de"].startswith("Bpifrance, Annemasse Agglo")
    assert "Convention CCG ⇄ MED" in summary["Convention(s)"]
    assert summary["Période"] == "du 01/01/2022 au 31/12/2022"
    assert summary["Heures réalisées"] == rep["hours_logged"]

    terr = rows(wb["Territoires"])[1:]
    assert [r[0] for r in terr] == list(rep["territories"])
    for r in terr:
        t = rep["territories"][r[0]]
        assert r[2:8] == (
            t["etp"],
            t["hours_logged"],
            t["hours_expected_to_date"],
            t["hours_expected_year"],
            t["gap_hours"],
            t["gap_days"],
        )
        # The share of the working time against the allocation (issue 11), to
        # date and over the last month.
        month = t["last_month"]
        assert r[8:13] == (
            t["share"],
            t["target_share"],
            t["drift_points"],
            month["share"],
            month["target_share"],
        )

    pil = rows(wb["Piliers"])[1:]
    for r, p in zip(pil, rep["pillars"].values(), strict=True):
        assert r == (p["label"], p["hours"], p["share"], p["target_share"], p["drift_points"])

    liv = rows(wb["Livrables"])[1:]
    for r, lv in zip(liv, rep["livrables"], strict=True):
        assert r[0] == lv["label"] and r[4] == lv["target"] and r[5] == lv["actual"]
        assert r[8] == lv["status"]
        assert r[2].date().isoformat() == lv["from"] and r[3].date().isoformat() == lv["to"]
        if lv["kind"] != "qpv_share":
            assert (r[6], r[7]) == (lv["expected_to_date"], lv["projection"])
        assert r[9] == f"=F{liv.index(r) + 2}/E{liv.index(r) + 2}"
        if lv["kind"] == "qpv_share":  # the share with what it divides
            assert (r[11], r[12]) == (lv["numerator"], lv["denominator"])
            assert lv["denominator"] and lv["actual"] == round(r[11] / r[12], 4)

    por = {r[0]: r[1] for r in rows(wb["Porteurs"]) if r[0]}
    q = rep["qpv_share"]
    assert por["Issus d'un QPV"] == q.get("numerator", q.get("qpv_residents"))
    assert por["Porteurs accompagnés"] == q.get("denominator", q.get("accompanied"))
    assert por["Porteurs suivis sur la période"] == rep["porteurs"]["active"]
    assert por["Femme"] == rep["porteurs"]["by_category"]["femme"]

    money = [r for r in rows(wb["Financement"]) if any(c is not None for c in r)]
    head = list(money[1])
    for field, name in (
        ("hourly_cost", "Coût horaire"),
        ("bpi_share", "Part Bpifrance"),
        ("value_logged", "Valeur des heures réalisées"),
    ):
        assert money[2][head.index(name)] == rep["money"][0][field]
    gov = [r for r in rows(wb["Gouvernance"]) if any(c is not None for c in r)]
    assert [r[3] for r in gov[2:]] == [g["held"] for g in rep["governance"]]

    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        refs = " ".join(z.read(n).decode() for n in charts)
    assert len(charts) == 3
    for sheet in ("Territoires", "Piliers", "Livrables"):
        assert f"{sheet}!$A$2" in refs


def test_csv_stays_for_scripts(run: Any, tmp_path: Path) -> None:
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01")
    res = run("export", "indicators", "--year", "2022", "-o", str(tmp_path / "i.csv"))
    assert "ligne(s)" in res.stdout and (tmp_path / "i.csv").read_bytes().startswith(
        b"\xef\xbb\xbf"
    )


def test_the_timesheet_xlsx_names_the_funders(run: Any, tmp_path: Path) -> None:
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01")
    out = tmp_path / "fdt.xlsx"
    run("export", "timesheet", "--month", "2022-03", "--format", "xlsx", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        cells = {r[0]: r[2] for r in ws.iter_rows(max_row=10, values_only=True) if r[0]}
        assert cells["Financeurs :"] == (
            "Bpifrance, Annemasse Agglo, Communauté de Communes du Genevois"
        ), ws.title


def test_configured_funders_are_named_on_every_document(run: Any, tmp_path: Path) -> None:
    """`funders` in the configuration: the timesheet's "Financeurs" line, the
    indicators' Synthèse and the bilan's header name exactly them."""
    run("config", "init")
    run("config", "set", "funders", '["Bpifrance", "Région Test", "Ville de Test"]')
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01")
    named = "Bpifrance, Région Test, Ville de Test"
    run(
        "export",
        "timesheet",
        "--month",
        "2022-03",
        "--format",
        "xlsx",
        "-o",
        str(tmp_path / "t.xlsx"),
    )
    for ws in openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets:
        cells = {r[0]: r[2] for r in ws.iter_rows(max_row=10, values_only=True) if r[0]}
        assert cells["Financeurs :"] == named, ws.title
    run(
        "export", "indicators", "--year", "2022", "--format", "xlsx", "-o", str(tmp_path / "i.xlsx")
    )
    summary = {r[0]: r[1] for r in rows(openpyxl.load_workbook(tmp_path / "i.xlsx")["Synthèse"])}
    assert summary["Avec le soutien de"] == named
    run("bilan", "--year", "2022", "-o", str(tmp_path / "b.html"))
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "<li>Région Test</li><li>Ville de Test</li>" in html
    assert "Annemasse Agglo</li>" not in html
