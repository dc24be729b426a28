"""Month closing from F5, after a timesheet export: the dialog says what
closing means, closes the month through services.closing, reopens it with a
reason; the journal's refusal of a closed month reads as such."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Select

from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.modals.close_month import CloseMonth
from citeslab_tui.tui.modals.export_warning import ExportWarning

from .conftest import Said

SIZE = (80, 24)


async def _export_march(app: CitesLabApp, pilot: Pilot[int]) -> None:
    await pilot.press("f5")
    app.screen.query_one("#x-from", Input).value = "01/03/2022"
    app.screen.query_one("#x-to", Input).value = "31/03/2022"
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(app.screen, ExportWarning):  # no person/manager in the test config
        app.screen.query_one("#warning-export", Button).press()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_close_the_exported_month_from_f5(
    app: CitesLabApp, tmp_path: Path, said: Said
) -> None:
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f5")
        assert not app.screen.query_one("#export-after").display  # nothing exported yet
        await _export_march(app, pilot)
        assert (tmp_path / "exports" / "feuille-de-temps_2022-03.csv").exists()
        after = app.screen.query_one("#export-after")
        assert after.display and app.focused is app.screen.query_one("#x-close", Button)
        before = app.store.path.read_bytes()
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMonth)
        meaning = str(dialog.query_one("#close-meaning").render())
        assert "ne pourront plus être ajoutées, modifiées, supprimées ni annulées" in meaning
        # the months of the exported period, March chosen
        assert dialog.query_one("#close-month", Select).value == "2022-03"
        assert dialog.months == ["2022-03"]
        await pilot.press("escape")  # cancelling changes nothing
        await pilot.pause()
        assert app.store.path.read_bytes() == before
        await pilot.press("ctrl+k")
        await pilot.pause()
        app.screen.query_one("#close-confirm", Button).press()
        await pilot.pause()
        assert app.store.closed_months() == {"2022-03"}
        assert said.any("Mois de mars 2022 clos")


async def test_reopen_needs_a_reason_which_is_kept(app: CitesLabApp) -> None:
    from citeslab_tui.services.closing import close_month

    close_month(app.store, "2022-03")
    async with app.run_test(size=SIZE) as pilot:
        await _export_march(app, pilot)
        await pilot.press("ctrl+k")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMonth)
        assert dialog.query_one("#close-reason-row").display
        assert str(dialog.query_one("#close-confirm", Button).label) == "Rouvrir"
        before = app.store.path.read_bytes()
        # pressed, not clicked: the export's notification may cover the button
        dialog.query_one("#close-confirm", Button).press()  # no reason: refused
        await pilot.pause()
        assert isinstance(app.screen, CloseMonth)
        assert "demande une raison" in str(dialog.query_one("#close-error").render())
        assert app.store.path.read_bytes() == before
        dialog.query_one("#close-reason", Input).value = "erreur sur le 15"
        dialog.query_one("#close-confirm", Button).press()
        await pilot.pause()
        assert app.store.closed_months() == set()
        events = app.store.closures()["2022-03"]["events"]
        assert events[-1]["action"] == "reopen" and events[-1]["reason"] == "erreur sur le 15"


async def test_without_an_export_ctrl_k_offers_the_last_twelve_months(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "ctrl+k")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseMonth)
        assert dialog.months[0] == "2021-04" and dialog.months[-1] == "2022-04"
        # today is 12 April 2022: the latest finished month is offered
        assert dialog.query_one("#close-month", Select).value == "2022-03"


async def test_a_closed_month_refuses_undo_with_its_own_message(
    app: CitesLabApp, said: Said
) -> None:
    from citeslab_tui.services.closing import close_month

    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press(*"1h atelier @CCG", "enter")
        await pilot.pause()
        close_month(app.store, "2022-04")
        before = app.store.path.read_bytes()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.path.read_bytes() == before
        titles = [n.title for n in said.notifications]
        assert "Mois clos : avril 2022" in titles
        message = next(n.message for n in said.notifications if n.title.startswith("Mois clos"))
        assert "F5 Export, ctrl+k" in message
