"""The app follows a configuration changed on disk, without restart."""

from __future__ import annotations

import json

from citeslab_tui.config import (
    default_config_path,
    read_config_data,
    save_config,
    user_config_path,
)
from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.screens.dashboard import DashboardScreen
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.widgets.bars import TerritoryGauge

from .conftest import Said

SIZE = (100, 32)


async def test_a_new_territory_is_usable_at_once(app: CitesLabApp) -> None:
    data = read_config_data(default_config_path())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")  # the dashboard is built with the old configuration
        await app.workers.wait_for_complete()
        await pilot.press("f2")
        data["territories"][1]["allocations"][0]["etp"] = 0.1
        data["territories"].append(
            {"code": "GEX", "name": "Pays de Gex", "allocations": [{"etp": 0.1}]}
        )
        user_config_path().parent.mkdir(parents=True)
        user_config_path().write_text(json.dumps(data))
        app.poll_config()
        assert app.store.config.territory_codes == ("AA", "CCG", "GEX")
        await pilot.press(*"1h atelier @GEX", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert [e.type for e in app.store.entries() if e.territory == "GEX"] == ["atelier"]
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query("#territory-GEX").first(TerritoryGauge)


async def test_an_invalid_file_is_said_once_and_the_old_configuration_kept(
    app: CitesLabApp, said: Said
) -> None:
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        before = app.store.config
        user_config_path().parent.mkdir(parents=True)
        user_config_path().write_text("{")
        app.poll_config()
        app.poll_config()
        await pilot.pause()
        assert app.store.config is before
        assert len([m for m in said.messages if "JSON invalide" in m]) == 1
        save_config({**read_config_data(default_config_path()), "person": "Camille Martin"})
        app.poll_config()
        assert app.store.config.person == "Camille Martin"


async def test_a_closed_month_refuses_a_change_in_the_journal(app: CitesLabApp, said: Said) -> None:
    from citeslab_tui.services.closing import close_month

    close_month(app.store, "2022-04")
    before = app.store.path.read_bytes()
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press(*"1h atelier @CCG", "enter")
        await pilot.pause()
        assert app.store.path.read_bytes() == before
        assert said.any("avril 2022 est clos")


async def test_a_shown_territory_removed_from_the_configuration_does_not_break_r(
    app: CitesLabApp,
) -> None:
    data = read_config_data(default_config_path())
    user_config_path().parent.mkdir(parents=True)
    with_gex = {
        **data,
        "territories": [
            *data["territories"],
            {"code": "GEX", "name": "Pays de Gex", "allocations": [{"etp": 0.1}]},
        ],
    }
    with_gex["territories"][1]["allocations"][0]["etp"] = 0.1
    user_config_path().write_text(json.dumps(with_gex))
    async with app.run_test(size=SIZE) as pilot:
        app.poll_config()
        assert codes(app) == ("AA", "CCG", "GEX")
        await pilot.press("f3", "r", "r", "r")  # all → AA → CCG → GEX
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.territory == "GEX"
        user_config_path().write_text(json.dumps(data))  # GEX removed
        app.poll_config()
        assert codes(app) == ("AA", "CCG")
        await pilot.press("r")  # the shown GEX is gone: back to the first choice, all
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen  # no crash, the same dashboard
        assert isinstance(screen, DashboardScreen) and screen.territory is None


def codes(app: CitesLabApp) -> tuple[str, ...]:
    return app.store.config.territory_codes
