"""What a user must never see: tracebacks, interpreted escape sequences, RQTH;
and what must stay private: file modes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import NoReturn

import pytest
from click.testing import CliRunner

from citeslab_tui.cli import cli, main


def test_unexpected_error_is_one_french_line_and_a_sanitised_log(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from citeslab_tui.store import store as store_module

    def explode(self: object, entry: object) -> NoReturn:
        raise RuntimeError("secret note content Awa Diallo")

    monkeypatch.setattr(store_module.Store, "add_entry", explode)
    code = main(["--db", str(db_path), "log", "1h atelier -- Awa Diallo"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("Erreur inattendue (RuntimeError)")
    assert "Traceback" not in err and "Awa" not in err
    log = tmp_path / "home" / "state" / "citeslab" / "erreurs.log"
    assert log.exists()
    content = log.read_text()
    assert "RuntimeError" in content and "Awa" not in content and "secret" not in content
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600


def test_escape_sequences_in_names_are_shown_escaped(db_path: Path) -> None:
    runner = CliRunner()
    args = ["--db", str(db_path)]
    r = runner.invoke(
        cli,
        [
            *args,
            "porteur",
            "add",
            "--territory",
            "CCG",
            "--name",
            "X\x1b]0;title\x07 [bold red]Y[/]",
            "--accueilli",
            "2022-03-01",
        ],
    )
    assert r.exit_code == 0, r.output
    out = runner.invoke(cli, [*args, "porteur", "show", "P-2022-001"]).output
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;title\\x07 [bold red]Y[/]" in out


def test_rqth_appears_in_no_output(db_path: Path) -> None:
    runner = CliRunner()
    args = ["--db", str(db_path)]
    runner.invoke(cli, [*args, "porteur", "add", "--territory", "CCG", "--accueilli", "2022-03-01"])
    r = runner.invoke(
        cli, [*args, "porteur", "edit", "P-2022-001", "--rqth", "oui", "--consent", "2022-03-01"]
    )
    assert r.exit_code == 0, r.output
    outputs = [
        runner.invoke(cli, [*args, "porteur", "list", "--json"]).output,
        runner.invoke(cli, [*args, "porteur", "list"]).output,
        runner.invoke(cli, [*args, "porteur", "show", "P-2022-001"]).output,
        runner.invoke(cli, [*args, "report", "--year", "2022"]).output,
    ]
    for out in outputs:
        assert "rqth" not in out.lower()
    # The report's publics hold RQTH only as a total of at least 5 people: here none.
    doc = json.loads(runner.invoke(cli, [*args, "report", "--year", "2022", "--json"]).output)
    assert doc["publics"]["rqth"] is None
    assert "P-2022-001" not in json.dumps(doc)


def test_data_directory_and_file_are_private(tmp_path: Path) -> None:
    db = tmp_path / "new" / "dir" / "citeslab.json"
    r = CliRunner().invoke(cli, ["--db", str(db), "log", "1h atelier", "--date", "2022-03-01"])
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(os.stat(db.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
