"""Issue 16, the day-end in two minutes: suggestions in the bar's preview, at
80×24 (the smallest terminal the app supports)."""

from __future__ import annotations

from textual.widgets import Input, Static

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp

from .conftest import TODAY, reopen

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
