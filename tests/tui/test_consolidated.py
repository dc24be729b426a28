"""`citeslab --db a --db b`: the read-only consolidated dashboard shows each
file side by side with the totals, names a file it can't read, changes year
with [ and ], and writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from citeslab_tui.tui.consolidated import ConsolidatedApp


def body_text(app: ConsolidatedApp) -> str:
    from rich.console import Console

    console = Console(width=120, record=True)
    console.print(app.query_one("#c-body", Static).content)
    return console.export_text()


async def test_side_by_side_totals_and_unreadable_file(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-10-15")
    a, b = tmp_path / "marie.json", tmp_path / "paul.json"
    run("log", "2h atelier @CCG 12p", "--date", "2022-03-01", db=a)
    run("log", "3h entretien @AA", "--date", "2022-03-02", db=b)
    run("log", "1h entretien @AA", "--date", "2021-03-02", db=b)
    broken = tmp_path / "abime.json"
    broken.write_text("{pas du json", encoding="utf-8")
    before = {p: p.read_bytes() for p in (a, b)}
    app = ConsolidatedApp([a, b, broken], today=lambda: date(2022, 10, 15))
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = body_text(app)
        assert "Consolidé — 2 fichier(s), du 01/01/2022 au 31/12/2022" in text
        assert "Non lu : abime.json" in text
        lines = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
        assert lines["AA"][1:4] == ["0,00", "3,00", "3,00"]  # marie, paul, total
        assert lines["CCG"][1:4] == ["2,00", "0,00", "2,00"]
        await pilot.press("left_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = body_text(app)
        assert "du 01/01/2021 au 31/12/2021" in text
        lines = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
        assert lines["AA"][1:4] == ["0,00", "1,00", "1,00"]
    assert {p: p.read_bytes() for p in (a, b)} == before


def test_cli_opens_it_for_several_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`citeslab --db a --db b` goes to the consolidated app, not the one-file app."""
    import citeslab_tui.launch as launch
    from citeslab_tui.cli import main

    seen: list[list[Path]] = []

    def start_consolidated(paths: list[Path]) -> int:
        seen.append(paths)
        return 0

    monkeypatch.setattr(launch, "start_consolidated", start_consolidated)
    assert main(["--db", str(tmp_path / "a.json"), "--db", str(tmp_path / "b.json")]) == 0
    assert seen == [[tmp_path / "a.json", tmp_path / "b.json"]]
