"""The console script: bare `citeslab` and `citeslab --db FILE` open the app
(the click group without a subcommand); anything else is a command; errors on
the way to the app are one French line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from citeslab_tui import launch


def test_bare_citeslab_opens_the_app_on_the_chosen_file(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from citeslab_tui import launch\n"
        "launch.start_tui = lambda db: print(db.name) or 7\n"
        f"sys.exit(launch.main(['--db', {str(tmp_path / 'd.json')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.split()) == (7, ["d.json"])
    code = code.replace("db.name", "db == default_db_path()").replace(
        "import launch", "import launch\nfrom citeslab_tui.paths import default_db_path"
    )
    code = code.replace(f"['--db', {str(tmp_path / 'd.json')!r}]", "[]")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.split()) == (7, ["True"]), done.stderr


def test_other_arguments_go_to_click(capsys: pytest.CaptureFixture[str]) -> None:
    assert launch.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("citeslab ")
    assert launch.main(["no-such-command"]) == 2
    assert "no-such-command" in capsys.readouterr().err


def test_a_bad_data_file_is_one_french_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    db.write_bytes(b'{"entries/2022-03": ')
    assert launch.main(["--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and str(db) in err and "Traceback" not in err
    assert db.read_bytes() == b'{"entries/2022-03": '


def test_a_bad_forced_date_is_one_french_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "demain")
    assert launch.main(["--db", str(tmp_path / "d.json")]) == 1
    assert "CITESLAB_TODAY='demain' n'est pas une date" in capsys.readouterr().err


def test_an_unexpected_error_is_logged_not_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(db: Path) -> int:
        secret = "Mme Porteur"  # noqa: F841 - a local that must not be printed
        raise RuntimeError("boom with Mme Porteur")

    monkeypatch.setattr(launch, "start_tui", broken)
    assert launch.main(["--db", str(tmp_path / "d.json")]) == 1
    err = capsys.readouterr().err
    assert "Porteur" not in err and "Traceback" not in err and err.count("\n") == 1
