"""The first run: a short welcome instead of an empty journal, whose values
land in the configuration file (then editable in F6)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from citeslab_tui.config import user_config_path
from citeslab_tui.core.model import Config
from citeslab_tui.services.settings import demo_path, is_first_run
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp, make_app
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.screens.welcome import WelcomeScreen
from citeslab_tui.tui.widgets.config_field import ConfigField
from tests.fixture_types import SnapCompare

SIZE = (100, 32)
TODAY = date(2022, 4, 12)


@pytest.fixture
def empty(tmp_path: Path, config: Config) -> Store:
    return Store.open(tmp_path / "vide.json", config, now=lambda: datetime(2022, 4, 12, 18))


@pytest.fixture
def first(empty: Store) -> CitesLabApp:
    assert is_first_run(empty)
    return make_app(empty, today=lambda: TODAY, first_run=True)


async def _fill(pilot: Pilot[int], app: CitesLabApp, field_id: str, text: str) -> None:
    box = app.screen.query_one(f"#{field_id}", ConfigField).query_one(Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def _press(pilot: Pilot[int], app: CitesLabApp, button: str) -> None:
    app.screen.query_one(f"#{button}", Button).press()
    await pilot.pause()
    await pilot.pause()


async def test_welcome_three_fields_then_the_journal(first: CitesLabApp) -> None:
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(first.screen, WelcomeScreen)
        await _fill(pilot, first, "f-person", "Camille Martin")
        await _press(pilot, first, "w-next")
        await _fill(pilot, first, "f-structure", "MED")
        await _fill(pilot, first, "f-manager", "Dominique Roux")
        await _press(pilot, first, "w-next")
        await _fill(pilot, first, "f-territories-1-allocations-0-etp", "1,4")
        field = first.screen.query_one("#f-territories-1-allocations-0-etp", ConfigField)
        assert field.error == "1.4 n'est pas entre 0 et 1"
        await _press(pilot, first, "w-next")  # refused: still on this step
        assert first.screen.step == 2 and not user_config_path().exists()
        await _press(pilot, first, "w-skip")  # the example's territories kept
        await _press(pilot, first, "w-skip")  # and its convention: finished
        assert isinstance(first.screen, JournalScreen)
        saved = json.loads(user_config_path().read_text())
        assert (saved["person"], saved["structure"], saved["manager"]) == (
            "Camille Martin",
            "MED",
            "Dominique Roux",
        )
        assert saved["territories"][1]["allocations"][0]["etp"] == 0.2
        assert first.store.config.person == "Camille Martin"


async def test_territories_renamed_keep_the_example_convention_valid(
    first: CitesLabApp,
) -> None:
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, first, "w-skip")
        await _press(pilot, first, "w-skip")
        await _fill(pilot, first, "f-territories-1-code", "GEX")
        await _fill(pilot, first, "f-territories-1-name", "Pays de Gex")
        await _press(pilot, first, "w-next")
        await _fill(pilot, first, "f-conventions-0-start", "2024-01-01")
        await _fill(pilot, first, "f-conventions-0-end", "2026-12-31")
        await _press(pilot, first, "w-next")
        assert isinstance(first.screen, JournalScreen)
        cfg = first.store.config
        assert cfg.territory_codes == ("AA", "GEX")
        (conv,) = cfg.conventions
        assert (conv.start, conv.end, conv.territory) == (
            date(2024, 1, 1),
            date(2026, 12, 31),
            None,
        )


async def test_demo_data_go_to_their_own_file(first: CitesLabApp, empty: Store) -> None:
    real = empty.path
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, first, "w-demo")
        await first.workers.wait_for_complete()
        assert isinstance(first.screen, JournalScreen)
        assert first.store.path == demo_path(real)
        assert len(first.store.entries()) > 1000
        assert first.screen.store is first.store
    assert not real.exists() or Store.open(real, first.store.config).is_empty()
    assert user_config_path().exists()


async def test_every_button_is_readable_at_80_columns(first: CitesLabApp) -> None:
    # At 80x24 the last shortcut was cut: "Explorer avec des données de démon".
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = first.screen
        assert isinstance(screen, WelcomeScreen)
        seen = set()
        for _step in range(4):
            for button in [b for b in screen.query(Button) if b.display]:
                label = str(button.label)
                seen.add(label)
                assert button.region.right <= 80 - 2, label  # inside the screen's padding
                assert button.content_region.width >= len(label), label
            await _press(pilot, first, "w-skip")
        assert {"Explorer avec une démonstration", "+ territoire"} <= seen


def test_no_welcome_once_there_is_data_or_a_configuration(seeded: Store) -> None:
    assert not is_first_run(seeded)


def test_welcome_snapshot(snap_compare: SnapCompare, first: CitesLabApp) -> None:
    async def settle(pilot: Pilot[object]) -> None:
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(first, terminal_size=SIZE, run_before=settle)


def _burst(app: CitesLabApp, *keys: str) -> None:
    """Keys posted in one go, as a terminal delivers a fast burst (one write:
    `tmux send-keys Tab Dupont`): pilot.press waits for idle between keys and
    would hide the race."""
    from textual import events

    for key in keys:
        char = {"tab": "\t", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


async def test_a_burst_of_tab_and_text_lands_in_the_next_field(first: CitesLabApp) -> None:
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = first.screen
        name = screen.query_one("#f-person", ConfigField).query_one(Input)
        title = screen.query_one("#f-person_title", ConfigField).query_one(Input)
        assert first.focused is name
        _burst(first, *"Camille", "tab", *"Dupont")
        await pilot.pause()
        await pilot.pause()
        assert name.value == "Camille"
        assert title.value == "Dupont"
        assert first.focused is title
        # back: the field is entered with its text selected, as at a slow pace
        _burst(first, "shift+tab", *"Camille Martin")
        await pilot.pause()
        assert (name.value, title.value) == ("Camille Martin", "Dupont")


async def test_welcome_buttons_each_do_their_own_thing(first: CitesLabApp) -> None:
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = first.screen
        assert isinstance(screen, WelcomeScreen)
        await _press(pilot, first, "w-back")  # nothing before the first step
        assert screen.step == 0
        await _press(pilot, first, "w-skip")
        await _press(pilot, first, "w-skip")
        assert screen.step == 2
        count = len(screen.data["territories"])
        await _press(pilot, first, "w-add-territory")
        assert len(screen.data["territories"]) == count + 1
        assert screen.data["territories"][-1]["name"] == "Nouveau territoire"
        await _press(pilot, first, "w-drop-territory")
        assert len(screen.data["territories"]) == count
        await _press(pilot, first, "w-back")
        assert screen.step == 1
        await _press(pilot, first, "w-example")  # the example for the rest: finished
        assert isinstance(first.screen, JournalScreen)
        assert user_config_path().exists()
