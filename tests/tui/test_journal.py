"""The journal screen, driven by keys as a user would (Pilot)."""

from __future__ import annotations

from datetime import date, time

from textual.widgets import Input, Select, Static, TextArea

from citeslab_tui.core.model import Config, Entry
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.modals.date_prompt import DatePrompt
from citeslab_tui.tui.modals.entry_form import EntryForm
from citeslab_tui.tui.screens.journal import JournalScreen
from citeslab_tui.tui.widgets.entry_table import EntryTable

from .conftest import TODAY, Said, entry, reopen

SIZE = (100, 32)


def journal(app: CitesLabApp) -> JournalScreen:
    assert isinstance(app.screen, JournalScreen)
    return app.screen


def preview(app: CitesLabApp) -> str:
    return str(app.screen.query_one("#quick-preview", Static).render())


def day_entries(store: Store, config: Config, day: date = TODAY) -> list[Entry]:
    return reopen(store, config).entries(day, day)


async def test_starts_on_today_with_the_bar_focused(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE):
        screen = journal(app)
        assert screen.selected_day == TODAY
        assert app.focused is not None and app.focused.id == "quick-entry"
        assert screen.query_one(EntryTable).row_count == 3
        title = str(screen.query_one("#journal-title", Static).render())
        assert "mardi 12 avril 2022" in title and "3 entrées" in title


async def test_typing_a_line_and_enter_logs_it(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2h atelier @CCG 12p -- forum emploi", "enter")
        await pilot.pause()
        saved = [e for e in day_entries(seeded, config) if e.note == "forum emploi"]
        assert len(saved) == 1
        e = saved[0]
        assert (e.type, e.pillar, e.territory, e.minutes, e.persons) == (
            "atelier",
            "animation",
            "CCG",
            120,
            12,
        )
        assert app.screen.query_one("#quick-entry", Input).value == ""
        table = app.screen.query_one(EntryTable)
        assert table.row_count == 4
        chosen = table.selected()
        assert chosen is not None and chosen.id == e.id


async def test_preview_shows_what_will_be_logged_or_the_error(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2h")
        assert preview(app).startswith("✗") and "type d'action manquant" in preview(app)
        await pilot.press(*" atelier @CCG")
        text = preview(app)
        assert text.startswith("✓")
        assert "2 h" in text and "Atelier de sensibilisation" in text and "Animation" in text
        assert "CCG" in text
        bar = app.screen.query_one("#quick-entry", Input)
        bar.value = "2h zorglub"
        await pilot.pause()
        assert "« zorglub »" in preview(app) and preview(app).startswith("✗")
        await pilot.press("enter")  # refused: nothing recorded, the line stays
        await pilot.pause()
        assert len(day_entries(seeded, config)) == 3
        assert bar.value == "2h zorglub"


async def test_completion_of_the_last_word(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1h ateli")
        await pilot.pause()
        await pilot.press("right")  # accepts the suggestion
        assert app.screen.query_one("#quick-entry", Input).value == "1h atelier"
        await pilot.press(*" @cc")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#quick-entry", Input).value == "1h atelier @CCG"
        await pilot.press(*" +P-2022-00")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#quick-entry", Input).value.endswith("+P-2022-004")


async def test_navigating_days(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = journal(app)
        await pilot.press("pageup")  # works from the bar
        assert screen.selected_day == date(2022, 4, 11)
        assert screen.query_one(EntryTable).row_count == 2
        assert "lundi 11 avril 2022" in str(screen.query_one("#journal-title", Static).render())
        await pilot.press("tab", "pagedown", "pagedown")  # and from the list
        assert screen.selected_day == date(2022, 4, 13)
        assert screen.query_one(EntryTable).row_count == 0  # an empty day
        assert screen.query_one("#journal-empty").display
        await pilot.press("t")
        assert screen.selected_day == TODAY
        await pilot.press("tab")  # back to the bar: typing t types a t
        await pilot.press("t")
        assert screen.selected_day == TODAY
        assert screen.query_one("#quick-entry", Input).value == "t"
        await pilot.press("backspace", "tab", "g")
        assert isinstance(app.screen, DatePrompt)
        await pilot.press(*"01/04/2022", "enter")
        assert journal(app).selected_day == date(2022, 4, 1)
        await pilot.press("g", *"hier", "enter")
        assert journal(app).selected_day == date(2022, 4, 11)


async def test_date_prompt_refuses_a_bad_date(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "g", *"31/02/2022", "enter")
        assert isinstance(app.screen, DatePrompt)
        assert "n'est pas une date" in str(app.screen.query_one("#date-error", Static).render())
        await pilot.press("escape")
        assert journal(app).selected_day == TODAY


async def test_editing_an_entry_through_the_form(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # the list; first row: the atelier at 09:00
        chosen = journal(app).query_one(EntryTable).selected()
        assert chosen is not None and chosen.type == "atelier"
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, EntryForm)
        persons = form.query_one("#f-persons", Input)
        persons.focus()
        await pilot.press("end", "backspace", "backspace", *"20")
        timing = form.query_one("#f-timing", Input)
        timing.focus()
        await pilot.press("home", "ctrl+k", *"10h-12h30")
        form.query_one("#f-type", Select).value = "comite_technique"
        await pilot.pause()
        assert form.query_one("#f-pillar", Select).value == "animation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        e = reopen(seeded, config).find_entry(f"{902:032x}")
        assert e.persons == 20
        assert e.type == "comite_technique"
        assert (e.start, e.end, e.minutes) == (time(10, 0), time(12, 30), 150)
        assert e.note == "Lycée Mont-Blanc"  # untouched


async def test_form_refuses_bad_fields_and_cancel_changes_nothing(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")  # Enter on a row edits it too
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#f-timing", Input).value = "deux heures"
        form.query_one("#f-porteurs", Input).value = "P-22"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "durée" in str(form.query_one("#form-error", Static).render())
        form.query_one("#f-timing", Input).value = "2h"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "P-AAAA-NNN" in str(form.query_one("#form-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)
        assert reopen(seeded, config).find_entry(f"{902:032x}").porteurs == ()


async def test_unknown_porteur_is_refused_with_a_french_message(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1h entretien +P-2022-999", "enter")
        await pilot.pause()
        assert len(day_entries(seeded, config)) == 3
        assert app.screen.query_one("#quick-entry", Input).value == "1h entretien +P-2022-999"
        assert "porteur « P-2022-999 » inconnu : F4 pour le créer" in preview(app)


async def test_delete_then_undo_repeatedly(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press(*"30min communication -- post LinkedIn", "enter")
        await pilot.pause()
        assert len(day_entries(seeded, config)) == 4
        await pilot.press("tab", "x")  # deletes the selected (first) entry
        await pilot.pause()
        assert len(day_entries(seeded, config)) == 3
        await pilot.press("ctrl+z")  # the deletion is undone
        await pilot.pause()
        assert len(day_entries(seeded, config)) == 4
        assert said.any("Annulé : suppression")
        await pilot.press("ctrl+z")  # then the logging
        await pilot.pause()
        notes = [e.note for e in day_entries(seeded, config)]
        assert "post LinkedIn" not in notes and len(notes) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said.messages[-1] == "Rien à annuler."
        assert journal(app).query_one(EntryTable).row_count == 3


async def test_delete_key_and_duplicate_to_today(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pageup", "tab", "d")  # Monday's permanence, copied to today
        await pilot.pause()
        today = day_entries(seeded, config)
        assert len(today) == 4
        assert any(e.type == "permanence" and e.note == "2 RDV pris" for e in today)
        await pilot.press("delete")  # Monday's first entry goes
        await pilot.pause()
        assert len(day_entries(seeded, config, date(2022, 4, 11))) == 1


async def test_another_process_change_shows_within_two_seconds(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        other = Store.open(seeded.path, config)
        other.add_entry(entry(950, TODAY, "salon", "prospection", "AA", 60, note="autre"))
        for _ in range(20):
            await pilot.pause(0.1)
            if journal(app).query_one(EntryTable).row_count == 4:
                break
        assert journal(app).query_one(EntryTable).row_count == 4


async def test_q_types_in_a_bar_with_text_and_quits_elsewhere(app: CitesLabApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "q")
        assert app.is_running
        assert app.screen.query_one("#quick-entry", Input).value == "xq"
        await pilot.press("tab", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_note_with_markup_and_escapes_is_shown_literally(
    app: CitesLabApp, seeded: Store
) -> None:
    note = "[/] [bold]gras[/bold] \x1b[2J fin"
    seeded.add_entry(
        entry(
            960,
            TODAY,
            "suivi",
            "referent",
            "AA",
            30,
            start=time(17, 0),
            note=note,
            partner="[red]x",
        )
    )
    async with app.run_test(size=(160, 32)) as pilot:
        table = journal(app).query_one(EntryTable)
        row = table.get_row(f"{960:032x}")
        shown = row[-1].plain
        assert "[/] [bold]gras[/bold]" in shown
        assert "\\x1b[2J fin" in shown and "\x1b" not in shown
        assert ">[red]x" in shown
        await pilot.press(*"1h atelier -- [/] [b]x[/b]")
        assert "[/] [b]x[/b]" in preview(app)
        await pilot.press("tab", "down", "down", "down", "e")  # the last row
        form = app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#f-note", TextArea).text == note
        await pilot.press("escape")


async def test_saving_the_form_keeps_an_untouched_start_time(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "e")
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#f-partner", Input).value = "mission"
        await pilot.press("ctrl+s")
        await pilot.pause()
        e = reopen(seeded, config).find_entry(f"{902:032x}")
        assert (e.start, e.end, e.minutes) == (time(9, 0), None, 120)
        assert e.partner == "mission"  # free text kept as typed


async def test_the_tui_and_the_cli_writing_the_same_file_lose_nothing(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    """The app logs, a `citeslab log` in another process logs (without the app
    having reloaded), the app logs again: the file holds all three."""
    import os
    import subprocess
    import sys

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1h atelier @CCG -- depuis l'appli 1", "enter")
        await pilot.pause()
        env = {**os.environ, "CITESLAB_DB": str(seeded.path)}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "citeslab_tui",
                "log",
                "45m salon @AA -- depuis la CLI",
                "--date",
                TODAY.isoformat(),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        await pilot.press(*"30m suivi @AA -- depuis l'appli 2", "enter")
        await pilot.pause()
    notes = {e.note for e in reopen(seeded, config).entries(TODAY, TODAY)}
    assert {"depuis l'appli 1", "depuis la CLI", "depuis l'appli 2"} <= notes


async def test_narrow_terminal_cuts_rows_instead_of_wrapping(app: CitesLabApp) -> None:
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        table = journal(app).query_one(EntryTable)
        rows = table.rows
        room = rows.scrollable_content_region.width
        assert table.row_count == 3
        assert all(o.prompt.cell_len <= room for o in rows.options)  # type: ignore[union-attr]
        head = table.query_one("#entries-head", Static).render()
        assert "Heure" in str(head)


async def test_ctrl_z_leaves_a_command_line_change_alone(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    from tests.store.helpers import make_entry

    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press(*"30min communication -- de la fenêtre", "enter")
        await pilot.pause()
        cli = Store.open(seeded.path, config)  # another terminal: `citeslab log`
        cli.add_entry(make_entry(TODAY, note="de la ligne de commande"))
        await pilot.press("ctrl+z")
        await pilot.pause()
        notes = [e.note for e in day_entries(Store.open(seeded.path, config), config)]
        assert "de la ligne de commande" in notes and "de la fenêtre" not in notes
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said.messages[-1] == "Rien à annuler."
        notes = [e.note for e in day_entries(Store.open(seeded.path, config), config)]
        assert "de la ligne de commande" in notes


async def test_a_day_made_eleven_hours_warns_in_the_preview_and_still_records(
    app: CitesLabApp, seeded: Store, config: Config
) -> None:
    """Issue 11: the warning is seen before Enter; Enter records anyway; a day
    above 24 h is refused with its message and nothing is written."""
    before = sum(e.minutes for e in day_entries(seeded, config))
    to_eleven = 11 * 60 - before
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one("#quick-entry", Input)
        bar.value = f"{to_eleven}min entretien"
        await pilot.pause()
        text = preview(app)
        assert text.startswith("⚠") and "journée de 11 h, plus de 10 h" in text
        assert "Entretien individuel" in text
        await pilot.press("enter")
        await pilot.pause()
        assert sum(e.minutes for e in day_entries(seeded, config)) == 11 * 60
        assert bar.value == ""
        bar.value = "14h entretien"
        await pilot.pause()
        assert preview(app).startswith("✗") and "la journée ferait 25 h" in preview(app)
        await pilot.press("enter")
        await pilot.pause()
        assert sum(e.minutes for e in day_entries(seeded, config)) == 11 * 60
        assert bar.value == "14h entretien"


async def test_file_going_bad_while_open_keeps_the_app_read_only_and_offers_restore(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    from citeslab_tui.store import backups

    backups.keep_copy(seeded.path, seeded.path.read_bytes(), "bonne")
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press(*"30min communication")  # typed, not yet saved
        seeded.path.write_bytes(b'{"broken')
        app.poll_store()
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert any("LECTURE SEULE" in m and "bonne" in m and "ctrl+b" in m for m in said.messages)
        bar = app.screen.query_one("#quick-entry", Input)
        assert bar.value == "30min communication", "what was typed is kept"
        await pilot.press("enter")  # a write is refused, the app stays
        await pilot.pause()
        assert app.is_running
        assert seeded.path.read_bytes() == b'{"broken'
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert said.any("Restauré depuis")
        assert app.broken is None
        assert len(Store.open(seeded.path, config).entries()) == len(seeded.entries())
        assert list(seeded.path.parent.glob("*.broken-*"))


async def test_read_only_mode_ends_when_the_file_is_restored_elsewhere(
    app: CitesLabApp, seeded: Store, config: Config, said: Said
) -> None:
    good = seeded.path.read_bytes()
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        seeded.path.write_bytes(b'{"broken')
        app.poll_store()
        await pilot.pause()
        assert app.broken is not None and app.is_running
        await pilot.press("f3")  # the dashboard computes from the last good data
        await pilot.pause()
        assert app.is_running
        seeded.path.write_bytes(good)  # `citeslab restore` from another terminal
        app.poll_store()
        await pilot.pause()
        assert app.broken is None and not seeded.storage.frozen
        assert said.any("de nouveau lisible")
