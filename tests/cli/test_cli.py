"""The `citeslab` command through click's CliRunner: outputs, exit codes, and
files left untouched by refused input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_types import Run


def test_list_json_gives_the_kind(run: Run) -> None:
    run("log", "7h congé", "--date", "2022-03-01")
    run("log", "1j formation", "--date", "2022-03-02")
    kinds = [
        (rec["type"], rec["kind"], rec["minutes"])
        for rec in json.loads(
            run("list", "--from", "2022-03-01", "--to", "2022-03-02", "--json").output
        )
    ]
    assert kinds == [("conge", "absence", 420), ("formation", "formation", 420)]


def test_log_example_from_the_issue(run: Run) -> None:
    out = run("log", "9h30-12h permanence @CCG 4p -- 2 RDV pris", "--date", "2022-03-01").output
    assert "09:30-12:00" in out and "Permanence en QPV" in out and "2 RDV pris" in out
    (rec,) = json.loads(run("list", "--date", "2022-03-01", "--json").output)
    assert set(rec) == {
        "id",
        "date",
        "start",
        "end",
        "minutes",
        "type",
        "pillar",
        "territory",
        "qpv",
        "persons",
        "porteurs",
        "partner",
        "note",
        "created_at",
        "updated_at",
        "occurrence",
        "kind",
    }
    assert rec | {"id": "", "created_at": "", "updated_at": ""} == {
        "kind": "pillar",
        "id": "",
        "date": "2022-03-01",
        "start": "09:30",
        "end": "12:00",
        "minutes": 150,
        "type": "permanence",
        "pillar": "prospection",
        "territory": "CCG",
        "qpv": None,
        "persons": 4,
        "porteurs": [],
        "partner": None,
        "note": "2 RDV pris",
        "created_at": "",
        "updated_at": "",
        "occurrence": True,
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("25h atelier", "« 25h » : une entrée ne peut pas dépasser 24 h"),
        ("1h com", "« com » est ambigu : comite_technique, comite_pilotage, communication"),
        ("atelier @CCG", "durée"),
        ("1h atelier @ZZ", "ZZ"),
        ("1h entretien +P-2022-999", "P-2022-999"),
    ],
)
def test_bad_lines_are_refused_and_change_nothing(
    run: Run, db_path: Path, line: str, message: str
) -> None:
    run("log", "1h atelier @CCG", "--date", "2022-03-01")
    before = db_path.read_bytes()
    result = run("log", line, code=1)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_usage_error_is_exit_2(run: Run) -> None:
    run("list", "--nope", code=2)


def test_bad_date_option_is_french_exit_1(run: Run) -> None:
    result = run("log", "1h atelier", "--date", "31/02/2022", code=1)
    assert "n'est pas une date" in result.stderr


def test_edit_delete_undo(run: Run) -> None:
    run("log", "1h atelier @CCG 10p", "--date", "2022-03-01")
    (rec,) = json.loads(run("list", "--date", "2022-03-01", "--json").output)
    short = rec["id"][:6]
    assert "Modifié" in run("edit", short, "--minutes", "90", "--note", "[bold]x[/]").output
    (rec2,) = json.loads(run("list", "--date", "2022-03-01", "--json").output)
    assert rec2["minutes"] == 90 and rec2["note"] == "[bold]x[/]"
    run("edit", short, "2h entretien @AA")
    (rec3,) = json.loads(run("list", "--date", "2022-03-01", "--json").output)
    assert (rec3["type"], rec3["pillar"], rec3["territory"]) == (
        "entretien",
        "preparation_orientation",
        "AA",
    )
    run("delete", short)
    assert json.loads(run("list", "--date", "2022-03-01", "--json").output) == []
    assert "Annulé" in run("undo").output
    assert json.loads(run("list", "--date", "2022-03-01", "--json").output)[0]["minutes"] == 120
    run("undo")
    run("undo")
    assert json.loads(run("list", "--date", "2022-03-01", "--json").output)[0]["minutes"] == 60


def test_short_or_unknown_ids_are_refused(run: Run) -> None:
    run("log", "1h atelier", "--date", "2022-03-01")
    assert "4 caractères" in run("delete", "abc", code=1).stderr
    assert "Aucune entrée" in run("delete", "ffffffff", code=1).stderr


def test_porteur_workflow(run: Run) -> None:
    run(
        "porteur",
        "add",
        "--territory",
        "CCG",
        "--qpv",
        "saint-georges",
        "--accueilli",
        "2022-03-02",
        "--name",
        "Awa D.",
        "--category",
        "femme",
    )
    run("porteur", "step", "P-2022-001", "amorcage", "--date", "2022-03-15")
    run("porteur", "step", "P-2022-001", "oriente", "--date", "2022-04-01", "--partner", "adie")
    run("log", "1h entretien @CCG +P-2022-001 -- point avec Awa D.", "--date", "2022-03-15")
    (p,) = json.loads(run("porteur", "list", "--json").output)
    assert p["stage"] == "oriente" and p["qpv"] == "QN07405M"
    assert "name" not in p and "Awa" not in json.dumps(p)
    assert "ADIE" in run("porteur", "show", "P-2022-001").output
    out = run("porteur", "forget", "P-2022-001", "--yes")
    assert "citeslab edit" in out.stderr  # the note still names the person
    shown = run("porteur", "show", "P-2022-001").output
    assert "Nom :" not in shown and "effacées" in shown


def test_check_reports_and_exits(run: Run, db_path: Path) -> None:
    run("log", "1h atelier", "--date", "2022-03-01")
    assert "Aucun problème" in run("check").output
    db_path.write_bytes(db_path.read_bytes().replace(b'"minutes":60', b'"minutes":"x"'))
    run("check", code=1)


def test_broken_file_names_backup_and_restore(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-03-01")
    run("log", "1h atelier", "--date", "2022-03-01")
    monkeypatch.setenv("CITESLAB_TODAY", "2022-03-02")
    run("log", "1h atelier", "--date", "2022-03-02")
    db_path.write_bytes(b"")
    result = run("list", code=1)
    assert "vide" in result.stderr and "citeslab restore" in result.stderr
    assert db_path.read_bytes() == b""
    assert "Restauré" in run("restore", "--yes").output
    assert len(json.loads(run("list", "--date", "2022-03-01", "--json").output)) == 1


def test_demo_refuses_non_empty_file(run: Run) -> None:
    out = run("demo", "--entries", "300").output
    assert "300 entrées" in out
    assert "n'est pas vide" in run("demo", "--entries", "10", code=1).stderr
    assert "Aucun problème" in run("check").output


def test_invalid_configuration_is_refused_with_path(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citeslab_tui.config import default_config_path

    data = json.loads(default_config_path().read_text())
    data["territories"][1]["allocations"][0]["etp"] = 1.4
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    monkeypatch.setenv("CITESLAB_CONFIG", str(bad))
    result = run("config", "validate", code=1)
    assert "territories[1].allocations[0].etp: 1.4 n'est pas entre 0 et 1" in result.stderr
    data["territories"][1]["allocations"][0]["etp"] = 0.3
    bad.write_text(json.dumps(data))
    assert "dépasse 1 ETP" in run("log", "1h atelier", code=1).stderr


def test_config_init_then_show(run: Run) -> None:
    assert "Configuration créée" in run("config", "init").output
    assert "existe déjà" in run("config", "init", code=1).stderr
    assert "CCG" in run("config", "show").output
    assert "config.json" in run("config", "path").output


def test_cli_import_does_not_load_textual_or_rich() -> None:
    code = (
        "import sys; import citeslab_tui.cli; "
        "from citeslab_tui.cli import entries; "
        "bad = [m for m in ('textual', 'rich', 'jsonschema') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "unused"),
    [
        (
            ["list", "--date", "2022-03-01"],
            ["citeslab_tui.core.quickentry", "citeslab_tui.core.livrables", "rich"],
        ),
        (
            ["porteur", "list"],
            [
                "citeslab_tui.core.textmatch",
                "citeslab_tui.store.privacy",
                "citeslab_tui.core.livrables",
            ],
        ),
        (["status"], ["citeslab_tui.services.plausibility", "citeslab_tui.holiday_cache"]),
        (["--help"], ["citeslab_tui.store", "tinydb"]),
    ],
)
def test_a_command_imports_only_what_it_uses(
    db_path: Path, args: list[str], unused: list[str]
) -> None:
    """Every command pays its imports (BENCHMARKS.md, « Commandes du quotidien »):
    listing entries parses no line and draws no livrable; listing porteurs
    matches no typed QPV and erases nobody; a timer's status checks no day;
    the help opens no data file."""
    code = (
        "import sys; from citeslab_tui.cli import main; "
        f"main({['--db', str(db_path), *args]!r}); "
        f"print([m for m in {unused!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_installed_console_script_and_module(db_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "citeslab_tui", "--db", str(db_path), "log", "45m comité tech @CCG"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "Comité technique" in out.stdout
