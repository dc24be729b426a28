"""`citeslab bilan`: every figure it shows is a figure of `citeslab report --json`
for the same period (read back cell by cell), the file is self-contained, names
no porteur, and several data files are shown side by side with their totals."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from citeslab_tui.export.bilan import FORMATS, attention_points

AS_OF = "2022-10-15"


class Figures(HTMLParser):
    """Every element carrying `data-figure`, with its text; and every numeric
    cell (`td.num`) whether it carries one."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[tuple[str, str, str | None, str]] = []
        self.untagged: list[str] = []
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if "data-figure" in a or (tag == "td" and "num" in (a.get("class") or "").split()):
            self._open.append((tag, a, []))

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, a, text = self._open.pop()
            content = "".join(text)
            if "data-figure" in a:
                self.figures.append(
                    (a["data-figure"] or "", a["data-format"] or "", a.get("data-field"), content)
                )
            elif content.strip() not in ("", "—"):
                self.untagged.append(content)


def parse(html: str) -> Figures:
    p = Figures()
    p.feed(html)
    return p


def lookup(doc: Any, path: str) -> Any:
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def check_figures(html: str, doc: dict[str, Any]) -> set[str]:
    """Every tagged figure equals the document's value written the same way;
    no numeric cell is untagged. Returns the paths shown."""
    found = parse(html)
    assert not found.untagged, found.untagged[:5]
    for path, fmt, field, text in found.figures:
        value = lookup(doc, path)
        expected = FORMATS[fmt](field, value) if fmt == "value" else FORMATS[fmt](value)
        assert text == expected, (path, text, expected)
    return {path for path, *_ in found.figures}


def report_json(run: Any, db: Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run("report", "--as-of", AS_OF, "--json", *args, db=db).stdout)
    return doc


def months_json(run: Any, db: Path) -> list[dict[str, Any]]:
    return [report_json(run, db, "--month", f"2022-{m:02d}") for m in range(1, 13)]


@pytest.fixture
def demo(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    def make(name: str, seed: int, entries: int = 400) -> Path:
        monkeypatch.setenv("CITESLAB_TODAY", "2022-12-31")
        db = tmp_path / name
        run("demo", "--entries", str(entries), "--seed", str(seed), db=db)
        monkeypatch.delenv("CITESLAB_TODAY")
        return db

    return make


def test_every_figure_of_the_bilan_is_the_report_s(run: Any, demo: Any, tmp_path: Path) -> None:
    db = demo("a.json", 7)
    out = tmp_path / "bilan.html"
    result = run("bilan", "--year", "2022", "--as-of", AS_OF, "-o", str(out), db=db)
    assert f"Écrit : {out}" in result.stdout
    html = out.read_text(encoding="utf-8")
    rep = report_json(run, db, "--year", "2022")
    doc = {"files": [{"report": rep, "months": months_json(run, db)}]}
    shown = check_figures(html, doc)
    pre = "files.0.report."
    for code in rep["territories"]:
        for key in ("hours_logged", "hours_expected_to_date", "hours_expected_year", "gap_hours"):
            assert f"{pre}territories.{code}.{key}" in shown
    for key in rep["pillars"]:
        for field in ("hours", "share", "target_share", "drift_points"):
            assert f"{pre}pillars.{key}.{field}" in shown
    for i, _ in enumerate(rep["livrables"]):
        assert {f"{pre}livrables.{i}.target", f"{pre}livrables.{i}.actual"} <= shown
    assert {f"files.0.months.{m}.hours_logged" for m in range(12)} <= shown
    assert f"{pre}qpv_share.target" in shown
    # The funders' figures beyond hours and livrables (issue 12's keys).
    assert {f"{pre}qpv_share.numerator", f"{pre}qpv_share.denominator"} <= shown
    assert {f"{pre}publics.by_category.{k}" for k in rep["publics"]["by_category"]} <= shown
    assert {f"{pre}path.reached.{k}" for k in rep["path"]["reached"]} <= shown
    assert {f"{pre}sorties.{k}" for k in rep["sorties"]} <= shown
    assert {f"{pre}orientations.{k}" for k in rep["orientations"]} <= shown
    assert {f"{pre}governance.{i}.held" for i in range(len(rep["governance"]))} <= shown
    assert (
        rep["money"]
        and {
            f"{pre}money.0.{k}"
            for k in ("cost", "bpi_subsidy", "hourly_cost", "value_logged", "bpi_share")
        }
        <= shown
    )
    # The header names the structure, the period, the convention and the funders.
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    for words in (
        "Maison de l'Economie Développement",
        "du 01/01/2022 au 31/12/2022",
        "Convention CCG ⇄ MED",
        "Bpifrance",
        "Annemasse Agglo",
        "Communauté de Communes du Genevois",
        "Points d'attention",
    ):
        assert words in text, words


def test_the_bilan_is_self_contained_and_anonymous(run: Any, tmp_path: Path) -> None:
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01")
    run(
        "porteur",
        "add",
        "--territory",
        "CCG",
        "--name",
        "Zoé Testnom",
        "--contact",
        "06 12 34 56 78",
        "--accueilli",
        "2022-03-02",
    )
    out = tmp_path / "b.html"
    run("bilan", "--year", "2022", "--as-of", "2022-06-30", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "Testnom" not in html and "56 78" not in html
    found = parse(html)
    assert not [t for t, _ in found.tags if t in ("script", "link", "img", "iframe", "object")]
    for _, attrs in found.tags:
        for name, value in attrs.items():
            if name in ("src", "href", "xlink:href", "action", "poster", "srcset"):
                pytest.fail(f"external reference {name}={value}")
    assert not re.search(r"url\(|@import|@font-face", html)
    assert html.count("<svg") >= 4  # territories, months, pillars, livrables
    assert "@page" in html and "A4 portrait" in html and "break-before: page" in html
    again = run("bilan", "--year", "2022", "--as-of", "2022-06-30", "-o", str(out), code=1)
    assert f"{out} existe déjà : rien n'a été écrit (--force pour remplacer)." in again.stderr


def test_several_files_side_by_side_with_totals(run: Any, demo: Any, tmp_path: Path) -> None:
    a, b = demo("marie.json", 1, 150), demo("paul.json", 2, 150)
    for db in (a, b):  # the demo histories start after AS_OF: none of their porteurs counts
        before = run("list", "--from", "2022-01-01", "--to", AS_OF, "--json", db=db).output
        assert json.loads(before) == []
    # Porteurs accompanied in 2022: marie 1 of 1 from a QPV, paul 1 of 2: the
    # QPV share of both is 2/3 (67 %), not the mean of 100 % and 50 %.
    for db, qpvs in ((a, ["QN07405M"]), (b, ["QN07405M", ""])):
        for qpv in qpvs:
            run(
                "porteur",
                "add",
                "--territory",
                "CCG",
                *(["--qpv", qpv] if qpv else []),
                "--accueilli",
                "2022-03-02",
                db=db,
            )
    run("log", "2h atelier @CCG", "--date", "2022-04-17", db=a)  # a Sunday: a day to check
    broken = tmp_path / "abime.json"
    broken.write_text("{pas du json", encoding="utf-8")
    dbs = ["--db", str(a), "--db", str(b), "--db", str(broken)]
    from click.testing import CliRunner

    from citeslab_tui.cli import cli

    runner = CliRunner()
    res = runner.invoke(cli, [*dbs, "report", "--year", "2022", "--as-of", AS_OF, "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [Path(f["file"]).name for f in doc["files"]] == ["marie.json", "paul.json"]
    assert [Path(f["file"]).name for f in doc["failures"]] == ["abime.json"]
    assert "abime.json" in res.stderr
    for i, db in enumerate((a, b)):
        assert doc["files"][i]["report"] == report_json(run, db, "--year", "2022")
        doc["files"][i]["months"] = months_json(run, db)
    totals = doc["totals"]
    for code, row in totals["territories"].items():
        mine = [f["report"]["territories"][code]["hours_logged"] for f in doc["files"]]
        assert row["hours_logged"] == pytest.approx(sum(mine))
    shares = 0
    for key, row in totals["livrables"].items():
        mine = [lv for f in doc["files"] for lv in f["report"]["livrables"] if lv["key"] == key]
        if row["kind"] != "qpv_share":
            assert row["actual"] == sum(lv["actual"] for lv in mine)
            continue
        # A share: Σ numerators ÷ Σ denominators, never a mean of the shares.
        shares += 1
        num, den = sum(lv["numerator"] for lv in mine), sum(lv["denominator"] for lv in mine)
        assert (row["numerator"], row["denominator"]) == (num, den) == (2, 3)
        assert row["actual"] == round(2 / 3, 4)
        for lv in mine:
            assert lv["actual"] == round(lv["numerator"] / lv["denominator"], 4)
    assert shares == 1
    assert totals["days_to_check"] == sum(
        f["report"]["days_to_check"]["count"] for f in doc["files"]
    )

    out = tmp_path / "conso.html"
    res = runner.invoke(cli, [*dbs, "bilan", "--year", "2022", "--as-of", AS_OF, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Non lu" in res.stderr and "abime.json" in res.stderr
    html = out.read_text(encoding="utf-8")
    shown = check_figures(html, doc)
    assert {f"totals.territories.{c}.hours_logged" for c in totals["territories"]} <= shown
    assert {f"totals.livrables.{k}.actual" for k in totals["livrables"]} <= shown
    share = next(k for k, row in totals["livrables"].items() if row["kind"] == "qpv_share")
    assert {
        f"totals.livrables.{share}.numerator",
        f"totals.livrables.{share}.denominator",
        "totals.days_to_check",
    } <= shown
    assert any(
        p.endswith(".numerator") and p.startswith("files.0.report.livrables.") for p in shown
    )
    assert "Fichiers non lus" in html and "abime.json" in html

    res = runner.invoke(cli, [*dbs, "report", "--year", "2022", "--as-of", AS_OF])
    assert res.exit_code == 0 and "Non lu : abime.json" in res.stdout
    assert "marie" in res.stdout and "paul" in res.stdout
    assert "100 % (1/1)" in res.stdout and "50 % (1/2)" in res.stdout
    assert "67 % (2/3)" in res.stdout  # the total share, with what it divides


def test_a_single_file_command_refuses_several_db(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citeslab_tui.cli import cli

    res = CliRunner().invoke(cli, ["--db", "a.json", "--db", "b.json", "list"])
    assert res.exit_code == 1
    assert "seuls « report » et « bilan »" in res.output


def test_no_file_readable_is_an_error(run: Any, tmp_path: Path) -> None:
    res = run("bilan", "--year", "2022", code=1, db=tmp_path / "absent.json")
    assert "aucun fichier n'a pu être lu" in res.stderr and "absent.json" in res.stderr


def test_attention_points_cite_the_report_figures() -> None:
    report = {
        "territories": {
            "AA": {"hours_logged": 500.0, "hours_expected_to_date": 700.0, "gap_hours": -200.0},
            "CCG": {"share": 0.05, "target_share": 0.2},
            "XX": {"share": 0.15, "target_share": 0.2},  # 5 points: within the threshold
        },
        "pillars": {
            "animation": {
                "label": "Animation",
                "share": 0.41,
                "target_share": 0.3,
                "drift_points": 11.0,
            },
            "referent": {
                "label": "Référent",
                "share": 0.05,
                "target_share": 0.1,
                "drift_points": -5.0,
            },
        },
        "livrables": [
            {
                "label": "Ateliers",
                "status": "en retard",
                "actual": 1,
                "expected_to_date": 3.5,
                "target": 6,
            },
            {"label": "Comités", "status": "atteint", "actual": 3, "target": 3},
        ],
        "qpv_share": {"numerator": 2, "denominator": 10, "share": 0.2, "target": 0.3},
        "money": [
            {
                "convention": "ccg-med",
                "year": 2022,
                "bpi_share": 0.35,
                "warnings": ["part Bpifrance 35 % > 30 %"],
            },
        ],
        "governance": [
            {"label": "Comités de pilotage", "held": 0, "next_due": "2022-06-30", "overdue": True},
        ],
    }
    points = attention_points(report)
    assert points == [
        "AA : 500,00 h réalisées pour 700,00 h attendues à date (−200,00 h).",
        "CCG : 5 % du temps réalisé pour une part allouée de 20 % (−15,0 points).",
        "Livrable en retard : Ateliers — 1 réalisé(s) pour 3,5 attendu(s) à date (objectif 6).",
        "Pilier Animation : 41 % du temps pour 30 % indicatifs (+11,0 points).",
        "Part des porteurs issus d'un QPV : 20 % pour un objectif de 30 %.",
        "Part Bpifrance de 35,0 % au-delà des 30 % du budget (ccg-med 2022).",
        "Financement : part Bpifrance 35 % > 30 %",
        "Comités de pilotage : 0 tenu(s), le prochain était attendu le 30/06/2022.",
    ]


def test_shipped_compiled_templates_match_their_sources(tmp_path: Path) -> None:
    """The package ships the bilan's template compiled (speed); it must be the
    compilation of the current sources, else `python -m citeslab_tui.export.bilan`."""
    import json as json_

    from citeslab_tui.export import bilan

    hint = "templates changed: run `python -m citeslab_tui.export.bilan`"
    assert json_.loads(bilan.STAMP.read_text(encoding="utf-8")) == bilan._stamp(), hint
    env = bilan._environment(compiled=False)
    env.compile_templates(str(tmp_path), zip=None, filter_func=bilan.TEMPLATE_NAMES.__contains__)
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("tmpl_*.py")}
    shipped = {p.name: p.read_text(encoding="utf-8") for p in bilan.COMPILED.glob("tmpl_*.py")}
    assert fresh == shipped, hint
    from jinja2 import ModuleLoader

    assert isinstance(bilan._environment().loader, ModuleLoader)


def test_days_to_check_in_report_bilan_and_xlsx(
    run: Any, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The days `citeslab check` flags reach report --json (count, dates,
    reasons), the bilan's points d'attention and the indicators XLSX; no note."""
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setenv("CITESLAB_TODAY", "2022-10-15")
    run("log", "11h atelier @CCG -- note privée Zoé", "--date", "2022-03-01")
    run("log", "2h atelier @CCG", "--date", "2022-04-17")  # a Sunday
    run("log", "3h atelier @AA", "--date", "2022-03-02")  # a plain day
    check = run("check").stdout
    assert "Jours à vérifier (2)" in check
    doc = json.loads(run("report", "--year", "2022", "--json").stdout)["days_to_check"]
    assert doc["count"] == 2
    assert [(d["date"], d["hours"], d["reasons"]) for d in doc["days"]] == [
        ("2022-03-01", 11.0, ["plus_de_max"]),
        ("2022-04-17", 2.0, ["week_end"]),
    ]
    for d in doc["days"]:
        assert all(m in check for m in d["messages"])

    out = tmp_path / "b.html"
    run("bilan", "--year", "2022", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "2 jour(s) à vérifier (journée chargée : 1 ; week-end : 1)" in html
    assert "mardi 01/03/2022" in html and "dimanche 17/04/2022" in html
    assert "Zoé" not in html and "privée" not in html
    rep = json.loads(run("report", "--year", "2022", "--json").stdout)
    days = [f for f in parse(html).figures if ".days_to_check." in f[0]]
    assert [(path, text) for path, _, _, text in days] == [
        ("files.0.report.days_to_check.count", "2"),
        ("files.0.report.days_to_check.days.0.hours", "11,00 h"),
        ("files.0.report.days_to_check.days.1.hours", "2,00 h"),
    ]
    for path, fmt, _, text in days:
        assert text == FORMATS[fmt](lookup({"files": [{"report": rep}]}, path))

    xlsx = tmp_path / "i.xlsx"
    run("export", "indicators", "--year", "2022", "--format", "xlsx", "-o", str(xlsx))
    wb = openpyxl.load_workbook(xlsx)
    summary = {r[0]: r[1] for r in wb["Synthèse"].iter_rows(values_only=True) if r[0]}
    assert summary["Jours à vérifier (feuille « Jours à vérifier »)"] == 2
    rows = list(wb["Jours à vérifier"].iter_rows(values_only=True))[1:]
    assert [(r[0].date().isoformat(), r[2], r[3]) for r in rows] == [
        ("2022-03-01", 11.0, "journée chargée"),
        ("2022-04-17", 2.0, "week-end"),
    ]
    assert not any("Zoé" in str(c) for r in rows for c in r)
