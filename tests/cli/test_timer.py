"""`citeslab start | stop | status` with a frozen clock."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest

from citeslab_tui.cli import common
from citeslab_tui.services.timer import timer_path
from tests.fixture_types import Run


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, datetime]:
    state = {"now": datetime(2026, 11, 30, 9, 30, 12)}
    monkeypatch.setattr(common, "now", lambda: state["now"])
    return state


def test_start_then_stop_records_one_entry_with_its_duration(
    run: Run, clock: dict[str, datetime], db_path: Path
) -> None:
    out = run("start", "atelier @CCG 12p").output
    assert "Chronomètre lancé à 09:30 : atelier @CCG 12p" in out
    path = timer_path(db_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    run("start", "suivi", code=1)  # one at a time
    clock["now"] = datetime(2026, 11, 30, 11, 45, 59)
    assert "atelier @CCG 12p — depuis 09:30 (2 h 15)" in run("status").output
    out = run("stop", "--", "2", "RDV", "pris").output
    assert "Enregistré :" in out and "09:30-11:45" in out and "(2 h 15)" in out
    assert "2 RDV pris" in out
    assert not path.exists()
    listed = run("list", "--date", "2026-11-30", "--json").output
    assert listed.count('"minutes": 135') == 1
    assert "Aucun chronomètre en cours." in run("status").output
    run("stop", code=1)


def test_a_timer_left_overnight_is_never_recorded_silently(
    run: Run, clock: dict[str, datetime], db_path: Path
) -> None:
    run("start", "permanence @CCG")
    clock["now"] = datetime(2026, 12, 1, 20, 0)
    result = run("stop", code=1)
    assert "donnez l'heure de fin" in result.stderr and "--end" in result.stderr
    assert "Lancé un autre jour" in run("status").output
    out = run("stop", "--end", "12h").output
    assert "30/11/2026" in out and "09:30-12:00" in out
    run("start", "suivi")
    out = run("stop", "--cancel").output
    assert "rien n'est enregistré" in out
    assert "Aucun chronomètre" in run("status").output


def test_a_refused_line_starts_nothing(run: Run, clock: dict[str, datetime], db_path: Path) -> None:
    result = run("start", "2h atelier", code=1)
    assert "le chronomètre mesure la durée" in result.stderr
    assert not timer_path(db_path).exists()
