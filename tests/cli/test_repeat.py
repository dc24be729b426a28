"""`citeslab log --same-as DATE` and `citeslab history`."""

from __future__ import annotations

import stat
from pathlib import Path

from citeslab_tui.services.history import history_path
from tests.fixture_types import Run


def test_log_same_as_copies_a_day_and_undo_removes_the_copy(run: Run) -> None:
    run("log", "9h-12h permanence @CCG #saint-georges", "--date", "2026-11-20")
    run("log", "1h entretien @AA -- RDV", "--date", "2026-11-20")
    out = run("log", "--same-as", "veille", "--date", "2026-11-23").output
    assert "2 entrée(s) du 20/11/2026 copiée(s) au 23/11/2026" in out
    listed = run("list", "--date", "2026-11-23", "--json").output
    assert listed.count('"date": "2026-11-23"') == 2 and '"note": "RDV"' in listed
    run("undo")
    assert run("list", "--date", "2026-11-23", "--json").output.strip() == "[]"
    out = run("log", "--same-as", "2026-11-20", "--date", "2026-11-23").output
    assert "2 entrée(s)" in out
    run("log", code=2)  # neither a line nor --same-as
    run("log", "1h suivi", "--same-as", "veille", code=2)


def test_logged_lines_go_to_a_private_history(run: Run, db_path: Path) -> None:
    run("log", "1h entretien @AA -- Mme Dupont")
    run("log", "2h atelier @CCG 12p")
    path = history_path(db_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run("history").output.splitlines() == [
        "1h entretien @AA -- Mme Dupont",
        "2h atelier @CCG 12p",
    ]
    run("history", "--no-notes")
    assert "Mme Dupont" not in path.read_text()
    run("log", "1h suivi @AA -- M. Martin")
    assert run("history").output.splitlines()[-1] == "1h suivi @AA"
    run("history", "--clear")
    assert run("history").output.strip() == "Historique vide."
