"""The journal's timer (issue 16), with a clock the test moves: ctrl+s starts
it from the bar's line, the header shows the minutes, ctrl+s records the entry;
a timer from an earlier day asks for its end, never records 30 hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from textual.widgets import Input, Static

from citeslab_tui.core.model import Config
from citeslab_tui.services import timer as timers
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp, make_app
from citeslab_tui.tui.modals.timer_end import TimerEndPrompt
from citeslab_tui.tui.screens.journal import JournalScreen

from .conftest import TODAY, Said, reopen

SMALL = (80, 24)
START = datetime(2022, 4, 12, 18, 40, 20)  # after the seeded file was written


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def app_at(seeded: Store, config: Config, clock: Clock) -> CitesLabApp:
    store = Store.open(seeded.path, config, now=clock)
    return make_app(store, today=lambda: clock.now.date(), export_dir=Path("/nonexistent"))


def header(app: CitesLabApp) -> Static:
    return app.screen.query_one("#journal-timer", Static)


async def test_ctrl_s_starts_from_the_bar_shows_minutes_and_records_on_stop(
    seeded: Store, config: Config, said: Said
) -> None:
    clock = Clock(START)
    app = app_at(seeded, config, clock)
    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.pause()
        assert not header(app).display  # no timer: no line
        await pilot.press(*"atelier @CCG 12p", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#quick-entry", Input).value == ""
        text = str(header(app).render())
        assert header(app).display and text.startswith("Chronomètre 0 min · atelier @CCG 12p")
        assert "depuis 18:40 · ctrl+s : arrêter" in text
        current = timers.running(seeded)  # on disk
        assert current is not None and current.line == "atelier @CCG 12p"
        clock.now = START + timedelta(minutes=80)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        journal.show_timer()  # what the minute tick does
        await pilot.pause()
        assert str(header(app).render()).startswith("Chronomètre 1 h 20 · atelier")
        await pilot.press(*"-- forum", "ctrl+s")
        await pilot.pause()
        assert not header(app).display
        entries = reopen(seeded, config).entries(TODAY, TODAY)
        made = [e for e in entries if e.type == "atelier" and e.start == time(18, 40)]
        assert len(made) == 1
        assert (made[0].end, made[0].minutes, made[0].persons) == (time(20, 0), 80, 12)
        assert (made[0].territory, made[0].note) == ("CCG", "forum")
        assert timers.running(seeded) is None
        assert "Chronomètre arrêté : atelier le 12/04 18:40-20:00 (1 h 20)." in said.messages


async def test_a_line_with_a_duration_or_nothing_starts_no_timer(
    seeded: Store, config: Config, said: Said
) -> None:
    app = app_at(seeded, config, Clock(START))
    async with app.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.press("ctrl+s")
        await pilot.press(*"2h atelier @CCG", "ctrl+s")
        await pilot.pause()
        assert timers.running(seeded) is None and not header(app).display
        messages = said.messages
        assert "tapez d'abord l'activité sans durée" in messages[0]
        assert "le chronomètre mesure la durée" in messages[1]
        assert app.screen.query_one("#quick-entry", Input).value == "2h atelier @CCG"


async def test_s_types_in_the_bar_and_starts_or_stops_from_the_list(
    seeded: Store, config: Config
) -> None:
    clock = Clock(START)
    timers.start(Store.open(seeded.path, config), "entretien +P-2022-001", START)
    app = app_at(seeded, config, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#quick-entry", Input).value == "s"  # typed
        assert timers.running(seeded) is not None
        clock.now = START + timedelta(minutes=30)
        await pilot.press("backspace", "escape", "s")  # the list: `s` stops it
        await pilot.pause()
        assert timers.running(seeded) is None
        made = [e for e in reopen(seeded, config).entries(TODAY, TODAY) if e.type == "entretien"]
        assert [(e.minutes, e.territory) for e in made] == [(30, "AA")]  # the porteur's


async def test_the_timer_survives_a_restart_and_a_refused_stop_keeps_it(
    seeded: Store, config: Config, said: Said
) -> None:
    clock = Clock(START)
    app = app_at(seeded, config, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"atelier @CCG", "ctrl+s")
        await pilot.pause()
    clock.now = START + timedelta(seconds=30)
    again = app_at(seeded, config, clock)  # a new session
    async with again.run_test(size=SMALL, message_hook=said) as pilot:
        await pilot.pause()
        assert str(header(again).render()).startswith("Chronomètre 0 min · atelier @CCG")
        await pilot.press("ctrl+s")  # under a minute: refused, still running
        await pilot.pause()
        assert "moins d'une minute" in said.messages[-1]
        assert header(again).display and timers.running(seeded) is not None


async def test_a_timer_left_over_midnight_asks_for_its_end_at_start(
    seeded: Store, config: Config
) -> None:
    yesterday = START - timedelta(days=1)  # Monday 11/04, 18:40
    timers.start(Store.open(seeded.path, config), "permanence @CCG", yesterday)
    clock = Clock(START + timedelta(minutes=5))
    app = app_at(seeded, config, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TimerEndPrompt)
        question = str(prompt.query_one("#timer-question", Static).render())
        assert "lancé le 11/04/2022 à 18:40" in question
        error = prompt.query_one("#timer-error", Static)
        await pilot.press(*"18h", "enter")  # before the start
        await pilot.pause()
        assert "l'heure de fin doit suivre le début (18:40)" in str(error.render())
        assert isinstance(app.screen, TimerEndPrompt)
        await pilot.press("ctrl+u", *"25h", "enter")
        await pilot.pause()
        assert "heure attendue" in str(error.render())
        await pilot.press("ctrl+u", *"19h30", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimerEndPrompt)
        monday = yesterday.date()
        made = [
            e
            for e in reopen(seeded, config).entries(monday, monday)
            if e.type == "permanence" and e.start == time(18, 40)
        ]
        assert [(e.end, e.minutes) for e in made] == [(time(19, 30), 50)]
        assert timers.running(seeded) is None and not header(app).display


async def test_over_midnight_the_timer_can_be_abandoned_or_left_for_later(
    seeded: Store, config: Config
) -> None:
    yesterday = START - timedelta(days=1)
    timers.start(Store.open(seeded.path, config), "permanence @CCG", yesterday)
    clock = Clock(START + timedelta(minutes=5))
    app = app_at(seeded, config, clock)
    before = reopen(seeded, config).entries()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("escape")  # later: it keeps running, the header says so
        await pilot.pause()
        assert not isinstance(app.screen, TimerEndPrompt)
        text = str(header(app).render())
        assert "lancé le 11/04/2022 à 18:40" in text and "ctrl+s : heure de fin" in text
        await pilot.press("ctrl+s")  # asks again, never 16 hours
        await pilot.pause()
        assert isinstance(app.screen, TimerEndPrompt)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert timers.running(seeded) is None and not header(app).display
    assert reopen(seeded, config).entries() == before
