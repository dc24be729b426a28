"""CLI entry commands: dates typed on the command line."""

from __future__ import annotations

from tests.fixture_types import Run


def test_log_reads_dates_as_the_tui_does(run: Run) -> None:
    """`--date hier` and `--date 01/03/22` go through core.dates like the TUI's prompt."""
    run("log", "1h atelier @CCG", "--date", "01/03/22")
    run("log", "1h atelier @CCG", "--date", "hier")
    shown = run("list", "--from", "2022-03-01", "--to", "2022-03-01").stdout
    assert "01/03" in shown or "2022-03-01" in shown
    refused = run("log", "1h atelier @CCG", "--date", "01/03/1999", code=1).stderr
    assert "hors limites (2000–2099)" in refused
