"""The pure pieces of the TUI: preview, completion, dates typed, gauges, the
day's totals (no app running)."""

from __future__ import annotations

from datetime import date, time

import pytest

from citeslab_tui.core.dates import read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.present import EMPTY, FULL, MARK, bar
from citeslab_tui.tui.modals.entry_form import read_porteurs, read_timing, timing_text
from citeslab_tui.tui.screens.journal import totals_table
from citeslab_tui.tui.widgets.quick_entry import preview, suggest

from .conftest import TODAY, entry


def test_preview_states(config: Config) -> None:
    assert preview("   ", config)[1] == "empty"
    text, state = preview("2h atelier @CCG 12p -- [b]x\x1b[2J", config)
    assert state == "ok"
    assert text.plain.startswith("✓ 2 h · Atelier de sensibilisation · Animation · CCG")
    assert "[b]x\\x1b[2J" in text.plain and "\x1b" not in text.plain
    text, state = preview("2h zorglub", config)
    assert state == "error" and text.plain.startswith("✗ « zorglub »")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1h perma", "1h permanence"),
        ("1h atelier @c", "1h atelier @CCG"),
        ("1h entretien +P-2022-0", "1h entretien +P-2022-014"),
        ("1h entretien >ad", "1h entretien >adie"),
        ("1h comité te", "1h comité technique"),
        ("1h atelier ", None),
        ("1h atelier -- ate", None),
        ("", None),
    ],
)
def test_suggest_completes_the_last_word(config: Config, typed: str, expected: str | None) -> None:
    assert suggest(typed, config, ["P-2022-014", "P-2021-001"], []) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/04/2022", date(2022, 4, 12)),
        ("2022-04-01", date(2022, 4, 1)),
        ("3/4", date(2021, 4, 3)),  # the year of the day shown
        ("hier", date(2022, 4, 11)),
        ("Aujourd’hui", TODAY),
        ("demain", date(2022, 4, 13)),
    ],
)
def test_read_date(typed: str, expected: date) -> None:
    assert read_date(typed, TODAY, date(2021, 6, 1)) == expected


@pytest.mark.parametrize("typed", ["31/02/2022", "32/1", "bientôt", ""])
def test_read_day_refuses_in_french(typed: str) -> None:
    with pytest.raises(CitesLabError, match="date"):
        read_date(typed, TODAY, TODAY)


def test_timing_round_trip(config: Config) -> None:
    ranged = entry(1, TODAY, "atelier", "animation", "CCG", 150, start=time(9, 30), end=time(12, 0))
    assert timing_text(ranged) == "09:30-12:00"
    assert read_timing("09:30-12:00", "atelier", config) == (150, time(9, 30), time(12, 0))
    plain = entry(2, TODAY, "atelier", "animation", "CCG", 90)
    assert timing_text(plain) == "1h30"
    assert read_timing("1h30", "atelier", config) == (90, None, None)
    with pytest.raises(CitesLabError, match="durée"):
        read_timing("1h @CCG", "atelier", config)
    assert read_porteurs("+p-2022-014, P-2022-015 P-2022-014") == ("P-2022-014", "P-2022-015")


def test_bar_draws_without_colour() -> None:
    drawn = bar(10, 0.5, 0.3).plain
    assert drawn == FULL * 2 + MARK + FULL * 2 + EMPTY * 5
    assert bar(10, 2.0).plain == FULL * 10  # clipped
    assert bar(10, 0.0, 1.0).plain == EMPTY * 9 + MARK


def test_totals_per_pillar_and_territory(config: Config) -> None:
    day = [
        entry(1, TODAY, "atelier", "animation", "CCG", 120),
        entry(2, TODAY, "suivi", "referent", "AA", 45),
    ]
    week: list[Entry] = [*day, entry(3, date(2022, 4, 11), "salon", "prospection", "AA", 60)]
    lines = totals_table(day, week, date(2022, 4, 11), config).plain.splitlines()
    assert lines[0].split()[:2] == ["Total", "Prosp."]
    assert lines[1].split() == ["Jour", "2h45", "—", "—", "2h", "45min", "│", "45min", "2h"]
    assert lines[2].split() == [
        "Semaine",
        "15",
        "3h45",
        "1h",
        "—",
        "2h",
        "45min",
        "│",
        "1h45",
        "2h",
    ]
