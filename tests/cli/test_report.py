"""`citeslab report` on a history logged through `citeslab log`: the JSON gives
the figures a reader computes by hand, the tables fit 80 columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_types import Run

# (date, quick-entry line). Working days 01/01 → 30/06/2022: 126 of 253.
LINES = [
    ("2021-12-15", "2h atelier @CCG 9p"),  # before the year
    ("2022-01-10", "2h atelier @CCG 12p"),
    ("2022-01-11", "1h entretien @AA"),
    ("2022-02-14", "1h30 atelier @CCG 8p"),
    ("2022-03-07", "9h-12h permanence @CCG"),  # ISO week 10
    ("2022-03-08", "2h permanence @CCG"),  # week 10 again
    ("2022-03-15", "1h permanence @CCG"),  # week 11
    ("2022-04-04", "2h atelier @AA 15p"),
    ("2022-05-12", "2h comite_technique @CCG"),
    ("2022-06-01", "2h30 permanence @AA"),
    ("2022-06-20", "1h entretien @CCG /referent"),  # pillar overridden
    ("2022-06-30", "45min suivi @AA"),  # on the as-of date: counted
    ("2022-07-05", "2h atelier @CCG 10p"),  # after the as-of date
]


@pytest.fixture
def logged(run: Run) -> None:
    for day, line in LINES:
        run("log", line, "--date", day)
    run(
        "porteur",
        "add",
        "--id",
        "P-2022-001",
        "--territory",
        "CCG",
        "--qpv",
        "QN07405M",
        "--category",
        "femme",
        "--accueilli",
        "2022-02-01",
    )
    run("porteur", "step", "P-2022-001", "amorcage", "--date", "2022-03-01")
    run("porteur", "step", "P-2022-001", "oriente", "--date", "2022-04-01", "--partner", "adie")
    run("porteur", "add", "--id", "P-2022-002", "--territory", "CCG", "--accueilli", "2022-03-10")
    run(
        "porteur",
        "add",
        "--id",
        "P-2022-003",
        "--territory",
        "AA",
        "--qpv",
        "QN07401M",
        "--accueilli",
        "2022-05-05",
    )
    run("porteur", "add", "--id", "P-2022-004", "--territory", "CCG", "--accueilli", "2022-08-01")


def as_json(run: Run, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run("report", *args, "--json").output)
    return doc


def test_json_matches_hand_figures(run: Run, logged: None) -> None:
    doc = as_json(run, "--year", "2022", "--as-of", "2022-06-30")
    assert doc["period"] == {"from": "2022-01-01", "to": "2022-12-31", "as_of": "2022-06-30"}
    ccg, aa = doc["territories"]["CCG"], doc["territories"]["AA"]
    # CCG: 120 + 90 + 180 + 120 + 60 + 120 + 60 = 750 min = 12.5 h
    assert ccg["etp"] == 0.2 and ccg["hours_logged"] == 12.5
    assert ccg["hours_expected_year"] == 321.4
    assert ccg["hours_expected_to_date"] == 160.06  # 321.4 h × 126 / 253 = 160.0648 h
    assert ccg["pillars"] == {
        "prospection": 6.0,  # 180 + 120 + 60
        "preparation_orientation": 0.0,
        "animation": 5.5,  # 120 + 90 + 120
        "referent": 1.0,  # the overridden entretien
    }
    # AA: 60 + 120 + 150 + 45 = 375 min
    assert aa["hours_logged"] == 6.25 and aa["hours_expected_year"] == 1285.6
    assert aa["hours_expected_to_date"] == 640.26  # 1285.6 h × 126 / 253 = 640.259 h
    assert doc["pillars"]["prospection"] == {
        "label": "Prospection",
        "hours": 8.5,  # 510 min of 1125
        "share": 0.4533,
        "target_share": 0.3,
        "drift_points": 15.33,
    }
    rows = {lv["key"]: lv for lv in doc["livrables"]}
    got = {k: (v["target"], v["actual"], v["status"]) for k, v in rows.items()}
    assert got == {
        "ateliers": (6, 2, "dans les temps"),
        # week 10 has 5 h of permanence, week 11 1 h: neither is a 7-hour day
        "presence_qpv": (52, 0, "en retard"),
        "comites_techniques": (3, 1, "dans les temps"),
        "comites_pilotage": (1, 0, "dans les temps"),
        "evenements": (1, 0, "dans les temps"),
        "personnes_sensibilisees": (100, 20, "en retard"),
        "personnes_accueillies": (40, 2, "en retard"),
        "projets_amorcage": (24, 1, "en retard"),
        "creations": (6, 0, "en retard"),
        "part_qpv": (0.3, 0.6667, "atteint"),  # 001 and 003 of 001, 002, 003
    }
    assert rows["ateliers"]["expected_to_date"] == 2.99  # 6 × 126 / 253
    assert rows["ateliers"]["projection"] == 4.02  # 2 × 253 / 126
    assert doc["qpv_share"]["share"] == 0.6667 and doc["qpv_share"]["target"] == 0.3
    assert (doc["qpv_share"]["numerator"], doc["qpv_share"]["denominator"]) == (2, 3)
    assert doc["porteurs"]["orientations"]["adie"] == 1


def test_default_period_is_the_year_of_as_of(run: Run, logged: None) -> None:
    doc = as_json(run, "--as-of", "2022-06-30")
    assert doc["period"]["from"] == "2022-01-01" and doc["period"]["to"] == "2022-12-31"


def test_default_as_of_is_today(run: Run, logged: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2021-12-31")
    doc = as_json(run)
    assert doc["period"]["as_of"] == "2021-12-31" and doc["period"]["from"] == "2021-01-01"
    ateliers = next(lv for lv in doc["livrables"] if lv["key"] == "ateliers")
    assert ateliers["target"] == 2  # 6 × 4/12
    assert ateliers["target_rule"] == "prorata calendaire 4/12"
    assert ateliers["actual"] == 1


def test_territory_filter(run: Run, logged: None) -> None:
    doc = as_json(run, "--year", "2022", "--as-of", "2022-06-30", "--territory", "ccg")
    assert list(doc["territories"]) == ["CCG"]
    assert doc["hours_logged"] == 12.5
    assert doc["qpv_share"]["denominator"] == 2


def test_tables_fit_80_columns(run: Run, logged: None) -> None:
    out = run("report", "--year", "2022", "--as-of", "2022-06-30").output
    assert max(len(line) for line in out.splitlines()) <= 80
    for text in (
        "Temps par territoire",
        "Répartition par pilier",
        "Livrables",
        "QPV",
        "dans les temps",
        "en retard",
        "321,40",
        "█",
    ):
        assert text in out, text


def test_custom_range_clamps_livrables_to_convention(run: Run, logged: None) -> None:
    doc = as_json(run, "--from", "2021-06-01", "--to", "2021-12-31", "--as-of", "2022-01-01")
    ateliers = next(lv for lv in doc["livrables"] if lv["key"] == "ateliers")
    assert (ateliers["from"], ateliers["to"]) == ("2021-09-01", "2021-12-31")
    assert ateliers["actual"] == 1


def test_unknown_territory_is_refused(run: Run, logged: None) -> None:
    result = run("report", "--territory", "XYZ", code=1)
    assert "territoire « XYZ » inconnu" in result.stderr


def test_bad_dates_are_refused(run: Run) -> None:
    assert "date" in run("report", "--as-of", "bientôt", code=1).stderr
    run("report", "--year", "2022", "--from", "2022-01-01", code=1)


def test_empty_file_gives_zeros(run: Run) -> None:
    doc = as_json(run, "--year", "2022", "--as-of", "2022-06-30")
    assert doc["hours_logged"] == 0
    assert doc["qpv_share"]["share"] is None


def test_works_while_another_process_holds_the_lock(run: Run, logged: None, db_path: Path) -> None:
    from citeslab_tui.store.lock import FileLock

    with FileLock(db_path.with_name(db_path.name + ".lock"), timeout=0.1):
        doc = as_json(run, "--year", "2022", "--as-of", "2022-06-30")
    assert doc["hours_logged"] == 18.75


def test_labels_are_not_markup(
    run: Run, logged: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citeslab_tui.config import default_config_path

    data = json.loads(default_config_path().read_text(encoding="utf-8"))
    data["conventions"][0]["livrables"][0]["label"] = "[bold]Ateliers[/] [/]"
    data["territories"][1]["name"] = "[red]CCG"
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("CITESLAB_CONFIG", str(path))
    out = run("report", "--year", "2022", "--as-of", "2022-06-30").output
    assert "[bold]Ateliers[/]" in out and "[red]CCG" in out


def test_contract_of_issue_12(run: Run, logged: None) -> None:
    """Whole targets with their rule, the QPV share's parts, the money of the CCG."""
    doc = as_json(run, "--year", "2021", "--as-of", "2021-12-31")
    cotech = next(lv for lv in doc["livrables"] if lv["key"] == "comites_techniques")
    assert (cotech["target"], cotech["target_rule"]) == (1, "prorata calendaire 4/12")
    doc = as_json(run, "--year", "2022", "--as-of", "2022-12-31")
    cotech = next(lv for lv in doc["livrables"] if lv["key"] == "comites_techniques")
    assert (cotech["target"], cotech["target_rule"]) == (3, "convention")
    assert set(doc["qpv_share"]) >= {"numerator", "denominator", "share", "target"}
    assert set(doc) >= {"publics", "path", "orientations", "sorties", "governance", "money"}
    (money,) = doc["money"]
    assert money["hourly_cost"] == pytest.approx(47.54, abs=0.01)
    assert money["bpi_share"] == pytest.approx(0.255, abs=0.001)


def test_text_shows_governance_publics_and_money(run: Run, logged: None) -> None:
    out = run("report", "--year", "2022", "--as-of", "2022-12-31").output
    for text in (
        "Gouvernance",
        "Comités techniques : 1 / 3",
        "Triple cible",
        "Budget des conventions",
        "47,54 €/h",
        "Bpifrance 3\u202f900 € (25,5 %)",
        "Part des porteurs accompagnés issus d'un QPV",
    ):
        assert text in out, text
    assert max(len(line) for line in out.splitlines()) <= 80


def test_preparation_is_logged_listed_and_edited(run: Run) -> None:
    out = run("log", "2h prépa atelier @CCG -- support", "--date", "2022-03-07").output
    assert "temps de préparation" in out
    run("log", "10h-12h atelier @CCG 12p", "--date", "2022-03-10")
    rows = json.loads(run("list", "--from", "2022-03-01", "--to", "2022-03-31", "--json").output)
    assert [r["occurrence"] for r in rows] == [False, True]
    ateliers = next(
        lv for lv in as_json(run, "--year", "2022")["livrables"] if lv["key"] == "ateliers"
    )
    assert ateliers["actual"] == 1
    run("edit", rows[0]["id"][:8], "--occurrence")
    ateliers = next(
        lv for lv in as_json(run, "--year", "2022")["livrables"] if lv["key"] == "ateliers"
    )
    assert ateliers["actual"] == 2


def test_project_in_a_qpv_counts_in_the_share(run: Run) -> None:
    run("porteur", "add", "--territory", "CCG", "--accueilli", "2022-03-01", "--projet-qpv", "oui")
    run("porteur", "add", "--territory", "AA", "--accueilli", "2022-03-02")
    share = as_json(run, "--year", "2022", "--as-of", "2022-12-31")["qpv_share"]
    assert (share["numerator"], share["denominator"]) == (1, 2)
    run("porteur", "edit", "P-2022-001", "--projet-qpv", "non")
    assert as_json(run, "--year", "2022", "--as-of", "2022-12-31")["qpv_share"]["numerator"] == 0


def test_console_prints_colon_words_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """No emoji codes: `:ok:` in a text stays `:ok:` (and rich's emoji table is
    not loaded for nothing)."""
    from citeslab_tui.cli.common import console

    console().print("réunion :ok: :smile:")
    assert capsys.readouterr().out == "réunion :ok: :smile:\n"


def test_console_prints_brackets_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """No markup: a text that looks like rich markup prints as typed."""
    from citeslab_tui.cli.common import console

    console().print("[bold]atelier[/bold] [P-2022-014] 12,50")
    assert capsys.readouterr().out == "[bold]atelier[/bold] [P-2022-014] 12,50\n"
