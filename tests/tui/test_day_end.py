"""Issue 16, the day-end in two minutes: suggestions in the bar's preview, at
80×24 (the smallest terminal the app supports)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp

from .conftest import TODAY, Said, reopen

SMALL = (80, 24)


def preview(app: CitesLabApp) -> str:
    return str(app.screen.query_one("#quick-preview", Static).render())


async def test_a_typo_in_the_type_is_answered_with_the_nearest_type(app: CitesLabApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"2h comunication")
        await pilot.pause()
        assert preview(app).startswith("✗")
        assert "vouliez-vous dire communication ?" in preview(app)


async def test_an_unknown_porteur_is_refused_in_the_preview_pointing_to_f4(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        bar = app.screen.query_one("#quick-entry", Input)
        bar.value = "1h entretien @AA +P-2022-009"
        await pilot.pause()
        text = preview(app)
        assert text.startswith("✗") and "porteur « P-2022-009 » inconnu" in text
        assert "F4 pour le créer" in text and "citeslab porteur add" not in text
        assert "vouliez-vous dire P-2022-004, P-2022-003 ou P-2022-002 ?" in text
        await pilot.press("enter")
        await pilot.pause()
        assert len(reopen(seeded, config).entries(TODAY, TODAY)) == 3
        bar.value = "1h entretien @AA +P-2022-002"
        await pilot.pause()
        assert preview(app).startswith("✓")


async def test_f1_scrolls_as_one_page_to_the_examples_and_types(app: CitesLabApp) -> None:
    from textual.containers import VerticalScroll

    from citeslab_tui.tui.screens.help import HelpScreen

    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        body = screen.query_one("#help-body", VerticalScroll)
        example = screen.query_one("#help-example-0", Static)
        assert example.region.y >= 24 or example.region.height == 0  # below the fold
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        last_type = screen.query_one("#help-type-reporting", Static)
        assert 0 < last_type.region.y < 24  # the action types close the page, in view
        assert (
            screen._texts["type-reporting"] == "reporting Reporting / bilans Référent de parcours"
        )
        await pilot.press("home", "slash", *"exemples")
        await pilot.pause()
        head = screen.query_one("#help-examples", Static)
        assert head.has_class("-found") and 0 < head.region.y < 24
        assert 0 < screen.query_one("#help-example-0", Static).region.y < 24
        await pilot.press("escape", "escape")  # closes the search, then the help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_on_an_empty_bar_and_types_otherwise(app: CitesLabApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        footer = str(app.screen.query_one("AppFooter", Static).render())
        assert " q Quitter" in footer and len(footer) <= 80
        await pilot.press(*"1h suivi q")
        assert app.screen.query_one("#quick-entry", Input).value == "1h suivi q"
        assert app.is_running
        await pilot.press("ctrl+u", "q")
        await pilot.pause()
        assert not app.is_running


async def test_escape_leaves_the_bar_for_the_list(app: CitesLabApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape")
        assert app.focused is not None and app.focused.id != "quick-entry"
        await pilot.press("n")  # back to the bar
        assert app.focused is not None and app.focused.id == "quick-entry"


async def test_up_recalls_the_lines_typed_before_across_sessions(
    build_app: Callable[[], CitesLabApp], seeded: Store, config: Config
) -> None:
    first = build_app()
    async with first.run_test(size=SMALL) as pilot:
        await pilot.press(*"2h atelier @CCG 12p -- forum", "enter")
        await pilot.press(*"30min reporting", "enter")
        await pilot.pause()
    again = build_app()  # a new session reads the history file
    async with again.run_test(size=SMALL) as pilot:
        bar = again.screen.query_one("#quick-entry", Input)
        await pilot.press(*"brouillon", "up")
        assert bar.value == "30min reporting"
        await pilot.press("up")
        assert bar.value == "2h atelier @CCG 12p -- forum"
        await pilot.press("down", "down")
        assert bar.value == "brouillon"  # what was being typed comes back
        await pilot.press("ctrl+u", *"forum", "ctrl+r", "enter")  # search, take it
        assert bar.value == "2h atelier @CCG 12p -- forum"
        await pilot.press("enter")
        await pilot.pause()
        notes = [e.note for e in reopen(seeded, config).entries(TODAY, TODAY)]
        assert notes.count("forum") == 2


async def test_copy_previous_day_then_undo_restores_the_day(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    from datetime import date

    monday, wednesday = date(2022, 4, 11), date(2022, 4, 13)
    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.press("pagedown")  # Wednesday 13, empty
        await pilot.pause()
        await pilot.press("ctrl+y")  # the last day with entries: Tuesday 12
        await pilot.pause()
        copied = reopen(seeded, config).entries(wednesday, wednesday)
        assert sorted(e.type for e in copied) == ["atelier", "prescripteur", "reporting"]
        assert said.any("3 entrées du 12/04 copiées")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reopen(seeded, config).entries(wednesday, wednesday) == []
        assert len(reopen(seeded, config).entries(monday, monday)) == 2


async def test_the_edit_form_opens_with_its_first_field_focused(app: CitesLabApp) -> None:
    from textual.widgets import Select, TextArea

    from citeslab_tui.tui.modals.entry_form import EntryForm

    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        assert isinstance(app.focused, Input | Select | TextArea)


async def test_an_entry_deleted_elsewhere_is_named_by_day_time_and_type(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    from citeslab_tui.tui.modals.entry_form import EntryForm

    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.press("escape", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        shown = form.entry
        other = Store.open(seeded.path, config)  # another window deletes it
        other.delete_entry(shown.id)
        form.query_one("#f-persons", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        gone = f"du {shown.date:%d/%m/%Y} à {shown.start:%H:%M} ({shown.type}) n'existe plus"
        assert said.any(gone), said.messages
        assert not said.any(shown.id[:6])


async def test_f5_writes_the_indicators_xlsx_and_says_it_in_french(
    app: CitesLabApp, tmp_path: Path, said: Said
) -> None:
    from openpyxl import load_workbook
    from textual.widgets import Select

    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.press("f5")
        screen = app.screen
        screen.query_one("#x-kind", Select).value = "indicators"
        screen.query_one("#x-format", Select).value = "xlsx"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = sorted((tmp_path / "exports").glob("indicateurs*.xlsx"))
        assert len(written) == 1
        assert "Synthèse" in load_workbook(written[0]).sheetnames
        assert said.messages == []  # the screen says it: no notification over the paths
        result = str(screen.query_one("#export-result", Static).render())
        assert written[0].name in result and "livrable(s)" in result


async def test_f5_an_unexpected_export_failure_is_one_french_line(
    app: CitesLabApp, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    from textual.widgets import Select

    import citeslab_tui.services.export as export_service

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Awa Diallo")  # what repr() would have shown

    monkeypatch.setattr(export_service, "export", broken)
    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.press("f5")
        app.screen.query_one("#x-kind", Select).value = "entries"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert said.messages == []  # in the screen, where the paths would be
        result = str(app.screen.query_one("#export-result", Static).render())
        assert result.startswith("Export impossible\nErreur inattendue (RuntimeError)")
        assert "Awa" not in result


@pytest.mark.parametrize("size", [SMALL, (100, 32)])
async def test_notifications_leave_the_days_totals_in_view(
    app: CitesLabApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("escape", "d")  # duplicated: a notification
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))  # Textual's notification widget
        assert toasts
        totals = app.screen.query_one("#totals", Static).region
        assert totals.height >= 3
        for toast in toasts:
            assert toast.region.height == 1  # one line, no padding rows
            assert not toast.region.overlaps(totals)


async def test_ctrl_r_is_an_incremental_reverse_search(
    build_app: Callable[[], CitesLabApp],
) -> None:
    from citeslab_tui.tui.modals.history_search import HistorySearch

    first = build_app()
    async with first.run_test(size=SMALL) as pilot:
        for line in (
            "9h-12h permanence @CCG 4p",
            "1h entretien @AA",
            "2h atelier @CCG 12p",
            "1h entretien @CCG",
            "30min reporting",
        ):
            await pilot.press(*line, "enter")
        await pilot.pause()
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        bar = app.screen.query_one("#quick-entry", Input)
        await pilot.press(*"brouillon", "ctrl+u", "ctrl+r")
        search = app.screen
        assert isinstance(search, HistorySearch)
        match = search.query_one("#search-match", Static)
        assert str(match.render()).startswith("30min reporting")  # the newest line
        await pilot.press(*"ent")  # each key narrows, the newest match shown live
        assert str(match.render()).startswith("1h entretien @CCG   1/2")
        await pilot.press("ctrl+r")  # older
        assert str(match.render()).startswith("1h entretien @AA   2/2")
        await pilot.press("ctrl+r")  # no older one: stays
        assert str(match.render()).startswith("1h entretien @AA")
        await pilot.press(*"zz")
        assert str(match.render()) == "aucune ligne ne correspond"
        await pilot.press("escape")  # cancel: the bar as it was
        await pilot.pause()
        assert not isinstance(app.screen, HistorySearch) and bar.value == ""
        await pilot.press(*"perm", "ctrl+r", "enter")  # starts from what is typed
        await pilot.pause()
        assert bar.value == "9h-12h permanence @CCG 4p" and app.focused is bar


async def test_f5_notifications_sit_at_the_top_away_from_the_files_written(
    app: CitesLabApp,
) -> None:
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("f5", "ctrl+z")  # « Rien à annuler. »
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        result = app.screen.query_one("#export-result", Static).region
        assert toasts and all(t.region.y < 4 for t in toasts)
        assert not any(t.region.overlaps(result) for t in toasts)
