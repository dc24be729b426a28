"""F6 Paramètres: values checked as one types (the schema's French message at
the field, nothing saved on error), saved atomically, followed by the whole app
without restart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from citeslab_tui.config import user_config_path
from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.screens.dashboard import DashboardScreen
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.screens.settings import SettingsScreen
from citeslab_tui.tui.widgets.bars import TerritoryGauge
from citeslab_tui.tui.widgets.config_field import ConfigField

from .conftest import Said

SIZE = (100, 32)


async def _type(pilot: Pilot[int], app: CitesLabApp, field_id: str, text: str) -> ConfigField:
    field = app.screen.query_one(f"#{field_id}", ConfigField)
    box = field.query_one(Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()
    return field


async def test_day_length_and_annual_hours_are_followed_without_restart(
    app: CitesLabApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        gauge = app.screen.query_one("#territory-AA", TerritoryGauge)
        expected_before = gauge.figures.minutes_expected
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await _type(pilot, app, "f-day_hours", "7,5")
        await _type(pilot, app, "f-annual_hours", "1600")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = json.loads(user_config_path().read_text())
        assert (saved["day_hours"], saved["annual_hours"]) == (7.5, 1600)
        assert app.store.config.day_hours == 7.5
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        gauge = app.screen.query_one("#territory-AA", TerritoryGauge)
        assert gauge.figures.minutes_expected == round(expected_before * 1600 / 1607) or (
            abs(gauge.figures.minutes_expected - expected_before * 1600 / 1607) < 1
        )
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.bar.config.day_hours == 7.5  # the quick entry reads the new one


async def test_an_etp_of_1_4_is_refused_at_the_field_and_nothing_is_saved(
    build_app: Callable[[], CitesLabApp], said: Said
) -> None:
    from citeslab_tui.services.settings import set_and_save

    set_and_save("person", "Camille Martin")
    before = user_config_path().read_bytes()
    # built after the save: an app built before would take the new file from
    # its poll at any moment and redraw F6 under the keys being typed
    app = build_app()
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "tab-territories"
        await pilot.pause()
        field = await _type(pilot, app, "f-territories-1-allocations-0-etp", "1,4")
        message = str(field.query_one(".field-error").render())
        assert message == "1.4 n'est pas entre 0 et 1"
        assert field.has_class("-invalid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert user_config_path().read_bytes() == before
        assert said.any("Rien n'a été enregistré")
        await _type(pilot, app, "f-territories-1-allocations-0-etp", "0,2")
        assert not field.has_class("-invalid")


async def test_a_2015_quartier_code_is_accepted(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "tab-territories"
        await pilot.pause()
        field = await _type(pilot, app, "f-territories-0-qpvs-0-code", "QP074001")
        assert not field.has_class("-invalid")
        field = await _type(pilot, app, "f-territories-0-qpvs-0-code", "Q123")
        assert "n'a pas le format attendu" in str(field.query_one(".field-error").render())


async def test_a_timesheet_without_names_offers_f6_before_writing(
    app: CitesLabApp, tmp_path: Path
) -> None:
    from textual.widgets import Select

    from citeslab_tui.tui.modals.export_warning import ExportWarning

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        app.screen.query_one("#x-preset", Select).value = "year"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportWarning)
        text = str(app.screen.query_one("#warning-list").render())
        assert "le nom de la personne (salarié·e) n'est pas renseigné" in text
        assert "les conventions ne couvrent que du 01/01/2022 au 31/12/2022" not in text
        await pilot.press("f6")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert not (tmp_path / "exports").exists()  # nothing written
        await _type(pilot, app, "f-person", "Camille Martin")
        await _type(pilot, app, "f-manager", "Dominique Roux")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportWarning)
        assert (tmp_path / "exports" / "feuille-de-temps_2022.csv").exists()


async def _tab(pilot: Pilot[int], app: CitesLabApp, tab: str) -> SettingsScreen:
    """F6 open on `tab` (its forms drawn)."""
    await pilot.press("f6")
    await pilot.pause()
    app.screen.query_one(TabbedContent).active = f"tab-{tab}"
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def test_a_type_counted_toward_a_livrable_is_saved_in_the_livrable(
    app: CitesLabApp,
) -> None:
    from textual.widgets import Button, SelectionList, Static

    from citeslab_tui.tui.modals.counts_for import CountsFor

    async with app.run_test(size=SIZE) as pilot:
        screen = await _tab(pilot, app, "types")
        index = [t["key"] for t in screen.data["action_types"]].index("terrain")
        shown = screen.query_one(f"#counts-{index}", Static)
        assert "aucun livrable" in str(shown.render())
        screen.query_one(f"#edit-counts-{index}", Button).press()
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CountsFor)
        choices = dialog.query_one(SelectionList)
        assert choices.selected == []
        choices.select("ateliers")
        dialog.query_one("#counts-ok", Button).press()
        await pilot.pause()
        await pilot.pause()
        shown = app.screen.query_one(f"#counts-{index}", Static)
        assert str(shown.render()) == "Ateliers de sensibilisation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = json.loads(user_config_path().read_text())
        ateliers = [
            lv for c in saved["conventions"] for lv in c["livrables"] if lv["key"] == "ateliers"
        ]
        assert ateliers and all("terrain" in lv["metric"]["types"] for lv in ateliers)
        # the app took it: the running configuration counts terrain for ateliers
        lv = next(
            lv for c in app.store.config.conventions for lv in c.livrables if lv.key == "ateliers"
        )
        assert "terrain" in lv.metric.types


async def test_a_type_in_use_cannot_be_removed_a_new_one_can(app: CitesLabApp, said: Said) -> None:
    from textual.widgets import Button

    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        screen = await _tab(pilot, app, "types")
        count = len(screen.data["action_types"])
        index = [t["key"] for t in screen.data["action_types"]].index("permanence")
        screen.query_one(f"#drop-type-{index}", Button).press()
        await pilot.pause()
        assert said.any("« permanence » sert à")
        assert len(screen.data["action_types"]) == count
        screen.query_one("#add-type", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert len(screen.data["action_types"]) == count + 1
        field = await _type(pilot, app, f"f-action_types-{count}-key", "Visite")
        assert "n'a pas le format attendu" in str(field.query_one(".field-error").render())
        field = await _type(pilot, app, f"f-action_types-{count}-key", "visite")
        assert not field.has_class("-invalid")
        screen.query_one(f"#drop-type-{count}", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert len(screen.data["action_types"]) == count
        assert not screen.dirty


async def test_livrable_definitions_are_edited_and_checked_in_f6(
    app: CitesLabApp, said: Said
) -> None:
    from textual.widgets import Button

    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        screen = await _tab(pilot, app, "conventions")
        livrables = screen.data["conventions"][0]["livrables"]
        presence = [lv["key"] for lv in livrables].index("presence_qpv")
        where = f"f-conventions-0-livrables-{presence}-metric"
        field = await _type(pilot, app, f"{where}-min_hours", "3,5")
        assert not field.has_class("-invalid")
        field = await _type(pilot, app, f"{where}-types", "")
        assert field.has_class("-invalid")  # a week of presence counts some type
        await _type(pilot, app, f"{where}-types", "permanence")
        copil = [lv["key"] for lv in livrables].index("comites_pilotage")
        field = await _type(pilot, app, f"f-conventions-0-livrables-{copil}-cadence_months", "30")
        assert field.has_class("-invalid")  # the schema's maximum is 24 months
        await _type(pilot, app, f"f-conventions-0-livrables-{copil}-cadence_months", "6")
        count = len(livrables)
        screen.query_one("#add-livrable-0", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert len(screen.data["conventions"][0]["livrables"]) == count + 1
        assert screen.query(f"#f-conventions-0-livrables-{count}-key")
        screen.query_one(f"#drop-livrable-0-{count}", Button).press()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = json.loads(user_config_path().read_text())["conventions"][0]["livrables"]
        assert len(saved) == count
        assert saved[presence]["metric"]["min_hours"] == 3.5
        assert saved[copil]["cadence_months"] == 6


async def test_the_funders_named_on_documents_are_set_in_f6(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await _type(pilot, app, "f-funders", "Bpifrance, CCG, Région")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert json.loads(user_config_path().read_text())["funders"] == [
            "Bpifrance",
            "CCG",
            "Région",
        ]
        assert app.store.config.funder_names()[:3] == ("Bpifrance", "CCG", "Région")
        await _type(pilot, app, "f-funders", "")  # back to the default list
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "funders" not in json.loads(user_config_path().read_text())


async def test_the_row_buttons_act_on_their_own_territory_and_convention(
    app: CitesLabApp, said: Said
) -> None:
    """Each row's buttons change that row only (the index they carry), and
    the forms are drawn again from the changed data."""
    from textual.widgets import Button

    async def press(button_id: str) -> None:
        app.screen.query_one(f"#{button_id}", Button).press()
        await pilot.pause()
        await pilot.pause()

    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        screen = await _tab(pilot, app, "territories")
        territories = screen.data["territories"]
        codes = [t["code"] for t in territories]
        assert len(codes) == 2
        allocations = [len(t["allocations"]) for t in territories]
        qpvs = [len(t.get("qpvs", [])) for t in territories]

        await press("add-allocation-1")
        assert [len(t["allocations"]) for t in territories] == [allocations[0], allocations[1] + 1]
        added = territories[1]["allocations"][-1]
        assert added == {"etp": 0, "from": "2022-04-12"}
        assert screen.query("#f-territories-1-allocations-" + str(allocations[1]) + "-etp")
        await press("drop-allocation-1")
        assert [len(t["allocations"]) for t in territories] == allocations
        for _ in range(allocations[0] - 1):
            await press("drop-allocation-0")
        assert len(territories[0]["allocations"]) == 1
        await press("drop-allocation-0")  # the last one stays
        assert len(territories[0]["allocations"]) == 1
        assert said.any("Un territoire garde au moins un ETP.")

        await press("add-qpv-0")
        assert [len(t.get("qpvs", [])) for t in territories] == [qpvs[0] + 1, qpvs[1]]
        assert territories[0]["qpvs"][-1] == {"code": "", "name": ""}
        await press("drop-qpv-0")
        assert [len(t.get("qpvs", [])) for t in territories] == qpvs

        await press("add-territory")
        assert [t["code"] for t in territories] == [*codes, "T3"]
        assert screen.query("#f-territories-2-code")
        await press("drop-territory-0")
        assert [t["code"] for t in territories] == [codes[1], "T3"]
        assert not screen.query("#f-territories-2-code")

        app.screen.query_one(TabbedContent).active = "tab-conventions"
        await pilot.pause()
        await pilot.pause()
        conventions = screen.data["conventions"]
        keys = [c["key"] for c in conventions]
        await press(f"copy-convention-{len(keys) - 1}")
        assert [c["key"] for c in screen.data["conventions"]][: len(keys)] == keys
        assert len(screen.data["conventions"]) == len(keys) + 1
        copy = screen.data["conventions"][-1]
        assert said.any(f"Convention « {copy['key']} » ajoutée")
        assert screen.query(f"#copy-convention-{len(keys)}")
