"""The running timer's rules, with a frozen clock: the measured range becomes
the entry; over midnight it asks for the end instead of recording 30 h."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from citeslab_tui.core.errors import QuickEntryError
from citeslab_tui.core.model import Config
from citeslab_tui.core.timer import (
    RunningTimer,
    TimerError,
    TimerOverMidnight,
    check_line,
    elapsed_label,
    stop,
)

STARTED = datetime(2026, 11, 30, 14, 5, 40)


def test_a_line_without_duration_starts_a_timer(config: Config) -> None:
    assert check_line("  atelier @CCG 12p -- forum ", config) == "atelier @CCG 12p -- forum"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2h atelier @CCG", "le chronomètre mesure la durée"),
        ("9h-10h atelier", "le chronomètre mesure la durée"),
        ("comunication", "vouliez-vous dire communication ?"),
        ("", "type d'action manquant"),
    ],
)
def test_a_line_that_would_not_record_is_refused_at_start(
    config: Config, line: str, message: str
) -> None:
    with pytest.raises(QuickEntryError, match=message):
        check_line(line, config)


def test_stopping_records_the_measured_range(config: Config) -> None:
    timer = RunningTimer("atelier @CCG 12p -- forum", STARTED)
    result = stop(timer, datetime(2026, 11, 30, 16, 20, 5), config, note="bien passé")
    draft = result.draft
    assert result.day == date(2026, 11, 30)
    assert (draft.start, draft.end, draft.minutes) == (time(14, 5), time(16, 20), 135)
    assert (draft.type, draft.territory, draft.persons) == ("atelier", "CCG", 12)
    assert draft.note == "forum bien passé"
    assert stop(RunningTimer("suivi", STARTED), datetime(2026, 11, 30, 15), config).draft.note == ""


def test_over_midnight_it_asks_for_the_end_instead_of_recording_30_hours(config: Config) -> None:
    timer = RunningTimer("suivi @AA", STARTED)
    next_day = datetime(2026, 12, 1, 20, 0)
    assert timer.crossed_midnight(next_day)
    with pytest.raises(TimerOverMidnight, match="depuis le 30/11/2026 à 14:05"):
        stop(timer, next_day, config)
    result = stop(timer, next_day, config, end=time(17, 30))
    assert (result.day, result.draft.minutes, result.draft.end) == (
        date(2026, 11, 30),
        205,
        time(17, 30),
    )
    assert "le 30/11/2026 à 14:05" in timer.describe(next_day)


@pytest.mark.parametrize(
    ("now", "end", "message"),
    [
        (datetime(2026, 11, 30, 14, 6, 30), None, "moins d'une minute"),
        (datetime(2026, 11, 30, 15), time(14, 0), "doit suivre le début"),
        (datetime(2026, 11, 30, 15), time(16, 0), "dans le futur"),
    ],
)
def test_impossible_stops(config: Config, now: datetime, end: time | None, message: str) -> None:
    with pytest.raises(TimerError, match=message):
        stop(RunningTimer("suivi", STARTED), now, config, end=end)


def test_elapsed_and_record() -> None:
    timer = RunningTimer("suivi", STARTED)
    assert elapsed_label(timer, datetime(2026, 11, 30, 15, 47, 47)) == "1:42:07"
    assert elapsed_label(timer, datetime(2026, 11, 30, 14)) == "0:00:00"  # clock went back
    assert RunningTimer.from_record(timer.to_record()) == RunningTimer("suivi", STARTED)
    bad: object
    for bad in ({}, {"version": 9, "line": "x", "started": "2026-11-30T14:00"}, [], None):
        with pytest.raises(TimerError, match="illisible"):
            RunningTimer.from_record(bad)


def test_end_moment_is_the_rule_the_prompt_and_stop_share() -> None:
    from citeslab_tui.core.timer import end_moment

    timer = RunningTimer("atelier", STARTED)  # 30/11 14:05:40
    same_day = datetime(2026, 11, 30, 15, 0)
    assert end_moment(timer, same_day) == same_day
    next_day = datetime(2026, 12, 1, 9, 0)
    assert end_moment(timer, next_day, time(17, 30)) == datetime(2026, 11, 30, 17, 30)
    with pytest.raises(TimerOverMidnight):
        end_moment(timer, next_day)
    with pytest.raises(TimerError, match="doit suivre le début"):
        end_moment(timer, next_day, time(14, 5))
    with pytest.raises(TimerError, match="dans le futur"):
        end_moment(timer, same_day, time(15, 30))
