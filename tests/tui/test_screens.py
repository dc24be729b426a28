"""Dashboard, porteurs, export, help and the command palette (Pilot)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from textual.binding import Binding
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, DataTable, Input, Select, Static

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.keys import binding_sections
from citeslab_tui.tui.modals.linked_entries import LinkedEntries
from citeslab_tui.tui.modals.porteur_form import PorteurForm
from citeslab_tui.tui.modals.step_form import StepForm
from citeslab_tui.tui.screens.dashboard import DashboardScreen
from citeslab_tui.tui.screens.export import ExportScreen
from citeslab_tui.tui.screens.help import HelpScreen
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.screens.porteurs import PorteursScreen
from citeslab_tui.tui.widgets.bars import LivrableBar, TerritoryGauge
from citeslab_tui.tui.widgets.tickbox import TickBox

from .conftest import Said, reopen

SIZE = (100, 32)


async def settle(app: CitesLabApp, pilot: Pilot[int]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_the_dashboard_is_not_built_before_it_is_shown(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        with pytest.raises(KeyError):  # a mode has no stack until first shown
            app.get_screen_stack("dashboard")
        await pilot.press("f3")
        assert [type(s) for s in app.get_screen_stack("dashboard")] == [DashboardScreen]


async def test_dashboard_figures_change_after_logging_an_atelier(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        ateliers = app.screen.query_one("#livrable-ateliers", LivrableBar)
        comites = app.screen.query_one("#livrable-comites_techniques", LivrableBar)
        ccg = app.screen.query_one("#territory-CCG", TerritoryGauge)
        before = (ateliers.actual, comites.actual, ccg.figures.minutes_logged)
        assert (
            before[0] == 1 and before[1] is not None
        )  # the one on 12/04 (the history's ateliers are on the AA)
        # A second session of today's CCG atelier is the same occurrence; a
        # comité technique is a new one.
        await pilot.press("f2", *"2h atelier @CCG 12p", "enter")
        await pilot.press(*"1h comite tech @CCG", "enter", "f3")
        await settle(app, pilot)
        assert app.screen.query_one("#livrable-ateliers", LivrableBar).actual == before[0]
        comites = app.screen.query_one("#livrable-comites_techniques", LivrableBar)
        assert comites.actual == before[1] + 1
        gauge = app.screen.query_one("#territory-CCG", TerritoryGauge)
        assert gauge.figures.minutes_logged == before[2] + 180


async def test_dashboard_switches_year_and_territory(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.report is not None and screen.report.period.start == date(2022, 1, 1)
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.report.territory == "AA"
        assert [t.code for t in screen.report.territories] == ["AA"]
        assert not screen.query("#livrable-ateliers")  # a CCG livrable
        await pilot.press("r", "r")
        await settle(app, pilot)
        assert screen.report.territory is None
        await pilot.press("[")
        await settle(app, pilot)
        assert screen.report.period.start == date(2021, 1, 1)
        assert screen.report.as_of == date(2021, 12, 31)
        assert screen.report.minutes_logged == 0
        shown = str(screen.query_one("#territory-AA", TerritoryGauge).render())
        assert "┃ 0 h · attendu à ce jour" in shown and "0 min" not in shown
        await pilot.press("]", "]")
        await settle(app, pilot)
        assert screen.report.period.start == date(2023, 1, 1)


async def test_dashboard_follows_another_process(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    from .conftest import TODAY, entry

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        before = app.screen.query_one("#livrable-ateliers", LivrableBar).actual
        assert before is not None
        other = Store.open(seeded.path, config)
        # Another day: a second entry on today's atelier would be the same occurrence.
        yesterday = TODAY - timedelta(days=1)
        other.add_entry(entry(970, yesterday, "atelier", "animation", "CCG", 60, persons=5))
        for _ in range(25):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if app.screen.query_one("#livrable-ateliers", LivrableBar).actual != before:
                break
        assert app.screen.query_one("#livrable-ateliers", LivrableBar).actual == before + 1


async def test_adding_a_porteur_and_a_step(app: CitesLabApp, seeded: Store, config: Config) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, PorteursScreen)
        assert screen.query_one(DataTable).row_count == 4
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, PorteurForm)
        assert form.query_one("#p-id", Input).value == "P-2022-005"
        form.query_one("#p-territory", Select).value = "CCG"
        form.query_one("#p-qpv", Select).value = "QN07405M"
        form.query_one("#p-cat-femme", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert isinstance(screen, PorteursScreen)  # again: `is` narrowed it to Screen
        p = reopen(seeded, config).find_porteur("P-2022-005")
        assert (p.territory, p.qpv_resident, p.qpv, p.categories) == (
            "CCG",
            True,
            "QN07405M",
            ("femme",),
        )
        assert [(s.step, s.date) for s in p.steps] == [("accueilli", date(2022, 4, 12))]
        chosen = screen.selected()
        assert chosen is not None and chosen.id == "P-2022-005"
        await pilot.press("s")
        step_form = app.screen
        assert isinstance(step_form, StepForm)
        step_form.query_one("#s-step", Select).value = "oriente"
        await pilot.pause()
        partner = step_form.query_one("#s-partner", Input)
        assert not partner.disabled
        partner.value = "adie"
        await pilot.press("ctrl+s")
        await pilot.pause()
        p = reopen(seeded, config).find_porteur("P-2022-005")
        assert [(s.step, s.partner) for s in p.steps] == [("accueilli", None), ("oriente", "ADIE")]
        assert p.stage == "oriente"


async def test_editing_a_porteur_and_filters(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, PorteursScreen)
        screen.query_one("#filter-territory", Select).value = "CCG"
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 2
        screen.query_one("#filter-qpv", Select).value = "oui"
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 1
        chosen = screen.selected()
        assert chosen is not None and chosen.id == "P-2022-002"
        screen.query_one("#filter-qpv", Select).value = Select.NULL
        screen.query_one("#filter-territory", Select).value = Select.NULL
        screen.query_one("#filter-stage", Select).value = "oriente"
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 1
        chosen = screen.selected()
        assert chosen is not None and chosen.id == "P-2022-003"
        screen.query_one(DataTable).focus()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PorteurForm)
        form.query_one("#p-notes", Input).value = "Projet de food-truck"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reopen(seeded, config).find_porteur("P-2022-003").notes == "Projet de food-truck"


async def test_linked_entries_of_a_porteur(app: CitesLabApp) -> None:
    seen: list[LinkedEntries.Found] = []

    def hook(message: Message) -> None:
        if isinstance(message, LinkedEntries.Found):
            seen.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, PorteursScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=3)  # P-2022-001 (newest first)
        chosen = screen.selected()
        assert chosen is not None and chosen.id == "P-2022-001"
        await pilot.press("l")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, LinkedEntries)
        assert modal.query_one(DataTable).row_count == 1
        # the worker's result came as a message (to the modal only), not as a
        # call from its thread
        assert [[e.porteurs for e in m.entries] for m in seen] == [[("P-2022-001",)]]
        await pilot.press("escape")
        assert app.screen is screen


async def test_linked_entries_that_cannot_be_read_say_so_in_french(
    app: CitesLabApp, said: Said, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citeslab_tui.core.errors import CitesLabError
    from citeslab_tui.tui.modals import linked_entries

    def refused(*args: object) -> NoReturn:
        raise CitesLabError("Fichier de données illisible : réessayez.")

    monkeypatch.setattr(linked_entries, "linked_entries", refused)
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f4", "l")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, LinkedEntries)
        assert said.messages == ["Fichier de données illisible : réessayez."]
        assert str(modal.query_one("#linked-summary", Static).render()) == "Recherche impossible."
        assert modal.query_one(DataTable).row_count == 0


async def test_names_are_shown_literally_in_the_register(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        table = app.screen.query_one(DataTable)
        row = table.get_row(f"{1004:032x}")
        assert row[-1].plain == "Mme [bold]Test[/]"


async def test_export_writes_a_file_and_shows_where(
    app: CitesLabApp, tmp_path: Path, said: Said
) -> None:
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f5")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#x-territory", Select).value = "CCG"
        await pilot.press("ctrl+s")
        await pilot.pause()  # no person or manager name: warned first (test_settings)
        app.screen.query_one("#warning-export", Button).press()
        await settle(app, pilot)
        written = tmp_path / "exports" / "feuille-de-temps_2022_CCG.csv"
        assert written.exists()
        assert written.read_bytes().startswith(b"\xef\xbb\xbf")
        result = str(screen.query_one("#export-result").render())
        assert "feuille-de-temps_2022_CCG.csv" in result
        await pilot.press("ctrl+s")  # the file exists: refused, in French
        await pilot.pause()
        app.screen.query_one("#warning-export", Button).press()
        await settle(app, pilot)
        result = str(screen.query_one("#export-result").render())  # in the screen, not a toast
        assert result.startswith("Export impossible\n") and "existe déjà" in result
        assert result.count("rien n'a été écrit") == 1  # said once, not by the heading too
        # the way to replace it is this screen's tick box, not the CLI's --force
        assert "cochez « remplacer s'il existe » pour remplacer" in result
        assert "--force" not in result


async def test_help_lists_every_binding(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = {w.id for w in screen.query(".help-line")}
        ids = {b.id for _, bindings in binding_sections() for b in bindings}
        assert {f"help-key-{i}" for i in ids} <= rows
        # every binding with an id on the app and its screens is in the sections
        for cls in (CitesLabApp, JournalScreen, DashboardScreen, PorteursScreen, ExportScreen):
            for b in cls.BINDINGS:
                assert isinstance(b, Binding) and b.id in ids, b
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("tab", "f1", "f1")  # F1 again also goes back
        assert isinstance(app.screen, JournalScreen)


async def test_command_palette_offers_the_same_actions(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for name in (
            "Aide",
            "Journal",
            "Tableau de bord",
            "Porteurs",
            "Export",
            "Annuler",
            "Jour précédent",
            "Aller à une date…",
            "Quitter",
        ):
            assert name in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Porteurs")
        result = command.callback()
        if result is not None:
            await result
        await pilot.pause()
        assert isinstance(app.screen, PorteursScreen)


async def test_works_at_80x24_and_160x50(app: CitesLabApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("f3", "f4", "f5", "f1", "f2"):
            await pilot.press(key)
            await settle(app, pilot)
        await pilot.resize_terminal(160, 50)
        await pilot.press("f3")
        await settle(app, pilot)
        assert app.screen.has_class("-wide")


async def test_export_monthly_split_with_the_tickbox(app: CitesLabApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        screen = app.screen
        screen.query_one("#x-preset", Select).value = "previous-month"
        await pilot.pause()
        assert screen.query_one("#x-from", Input).value == "01/03/2022"
        box = screen.query_one("#x-split", TickBox)
        box.focus()
        await pilot.press("space")
        assert box.value and box.BUTTON_INNER == "X"
        screen.query_one("#x-kind", Select).value = "entries"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert (tmp_path / "exports" / "journal_2022-03.csv").exists()


async def test_unexpected_error_exits_with_one_french_line_and_no_locals(
    app: CitesLabApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback (Textual's shows local variables) reaches the terminal."""

    def explode() -> None:
        secret = "Awa Diallo"  # noqa: F841 - a local Textual would have printed
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(explode)
            await pilot.pause()
    err = capsys.readouterr().err
    assert "Erreur inattendue (RuntimeError)" in err
    assert "Traceback" not in err and "Awa" not in err and "secret" not in err
    log = tmp_path / "home" / "state" / "citeslab" / "erreurs.log"
    assert "RuntimeError" in log.read_text() and "Awa" not in log.read_text()


async def test_the_palette_says_no_match_in_french(app: CitesLabApp) -> None:
    from textual.command import CommandList

    from citeslab_tui.tui.widgets.palette import NO_MATCH, FrenchPalette

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, FrenchPalette)
        await pilot.press(*"zzzqqq")
        for _ in range(40):  # Textual waits a moment before saying it
            await pilot.pause(0.05)
            options = app.screen.query_one(CommandList).options
            if options:
                break
        shown = [str(o.prompt.renderable) for o in options]  # type: ignore[union-attr]
        assert shown == [NO_MATCH]
        await pilot.press("escape")


async def test_dashboard_shows_publics_governance_and_money(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        publics = str(app.screen.query_one("#dash-publics", Static).render())
        money = str(app.screen.query_one("#dash-money", Static).render())
        assert "Triple cible" in publics and "Accompagnés : 3" in publics
        assert "Comités techniques : 1 / 3 · tenus le 15/03" in money
        assert "47,54 €/h" in money and "Bpifrance 3\u202f900 € (25,5 %)" in money


async def test_f5_writes_the_bilan_at_80x24(app: CitesLabApp, tmp_path: Path) -> None:
    """F5 → Bilan HTML, chosen with the keyboard at 80×24: the fields it does
    not use are greyed out, ctrl+s writes one HTML file and says where."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        kind = screen.query_one("#x-kind", Select)
        assert app.focused is kind
        await pilot.press("enter", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert kind.value == "bilan"
        unused = ("#x-territory", "#x-format", "#x-dialect", "#x-split")
        assert all(screen.query_one(w).disabled for w in unused)
        assert not screen.query_one("#x-from", Input).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        written = tmp_path / "exports" / "bilan_2022.html"
        html = written.read_text(encoding="utf-8")
        assert "Avec le soutien de" in html and "<svg" in html
        assert "bilan_2022.html" in str(screen.query_one("#export-result").render())
        kind.value = "timesheet"  # back to a kind that uses them
        await pilot.pause()
        assert not any(screen.query_one(w).disabled for w in unused)
