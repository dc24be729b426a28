"""Drawn state is reactive (issue 10): the journal's selected day, the
dashboard's year and territory. Setting the attribute, with no key pressed,
draws the screen again; the dashboard's worker hands its report over as a
message, and `@on(..., "#entry-rows")` routes Enter on an entry to its form."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn

import pytest
from textual.message import Message
from textual.widgets import Static

from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.modals.entry_form import EntryForm
from citeslab_tui.tui.screens.dashboard import DashboardScreen
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.widgets.entry_table import EntryTable

from .conftest import Said

SIZE = (100, 32)


async def test_the_dashboard_redraws_when_its_year_or_territory_is_set(app: CitesLabApp) -> None:
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.year == 2022 and screen.territory is None
        screen.year = 2021
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.report is not None and screen.report.period.start == date(2021, 1, 1)
        screen.territory = "CCG"
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = screen.report
        assert report is not None
        assert (report.period.start, report.territory) == (date(2021, 1, 1), "CCG")
        title = str(screen.query_one("#dash-title", Static).render())
        assert title.startswith("Tableau de bord 2021 · CCG")
        computed = [m for m in seen if isinstance(m, DashboardScreen.Computed)]
        assert computed and computed[-1].report is report
        # each result went to the screen only (no bubbling to the app)
        assert len({id(m) for m in computed}) == len(computed)


async def test_the_journal_redraws_when_its_day_is_set(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        title = screen.query_one("#journal-title", Static)
        assert str(title.render()).startswith("Journal · mardi 12 avril 2022 (aujourd'hui)")
        assert screen.query_one(EntryTable).row_count == 3
        screen.selected_day = date(2022, 4, 11)  # Monday: two entries
        await pilot.pause()
        assert str(title.render()).startswith("Journal · lundi 11 avril 2022 · 2 entrées")
        assert screen.query_one(EntryTable).row_count == 2


async def test_enter_on_an_entry_opens_its_form(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")  # the list, then its first entry
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)


async def test_a_failed_dashboard_computation_says_so_without_its_text(
    app: CitesLabApp, said: Said, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An unexpected error in the worker: one French line; the error's text
    (it may hold a name or a note) is in neither the notification nor the log."""
    from citeslab_tui.services import report

    def broken(*args: object) -> NoReturn:
        raise RuntimeError("note de Awa Diallo")

    monkeypatch.setattr(report, "compute", broken)
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(said.messages) == 1
        (message,) = said.messages
        assert message.startswith("Tableau de bord : calcul impossible. Erreur inattendue")
        assert "RuntimeError" in message and "Awa" not in message
        log = tmp_path / "home" / "state" / "citeslab" / "erreurs.log"
        assert "RuntimeError" in log.read_text() and "Awa" not in log.read_text()
