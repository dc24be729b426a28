"""Plausible days (issue 11): above 24 h refused; above the configured maximum,
overlapping ranges, weekends, public holidays and future dates warned."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import french_holidays
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.plausibility import (
    FUTURE,
    HOLIDAY,
    OVER_MAX,
    OVERLAP,
    WEEKEND,
    DayCheck,
    Timed,
    check_day,
    days_to_check,
)
from citeslab_tui.core.quickentry import parse

HOLIDAYS = french_holidays(range(2021, 2024))
TODAY = date(2022, 4, 12)  # a Tuesday
TUESDAY = date(2022, 4, 12)


def _e(day: date, minutes: int, start: str | None = None, end: str | None = None) -> Entry:
    return Entry(
        id=f"{minutes:032x}",
        date=day,
        minutes=minutes,
        type="entretien",
        pillar="preparation_orientation",
        territory="AA",
        start=time.fromisoformat(start) if start else None,
        end=time.fromisoformat(end) if end else None,
    )


def _codes(check: DayCheck) -> list[str]:
    return [w.code for w in check.warnings]


def test_an_ordinary_day_passes(config: Config) -> None:
    check = check_day(TUESDAY, [_e(TUESDAY, 420)], config, HOLIDAYS, TODAY)
    assert check.ok and check.minutes == 420


def test_four_nine_hour_entretiens_are_refused(config: Config) -> None:
    items = [parse("9h entretien", config) for _ in range(4)]
    check = check_day(TUESDAY, items, config, HOLIDAYS, TODAY)
    assert check.refused is not None
    assert "36 h" in check.refused and "ne peut pas dépasser 24 h" in check.refused


def test_eleven_hours_warns_but_passes(config: Config) -> None:
    items: list[Timed] = [_e(TUESDAY, 600), parse("1h atelier", config)]
    check = check_day(TUESDAY, items, config, HOLIDAYS, TODAY)
    assert check.refused is None and _codes(check) == [OVER_MAX]
    assert "journée de 11 h, plus de 10 h" in check.warnings[0].message
    # exactly the maximum is fine; 24 h exactly is a warning, not a refusal
    assert check_day(TUESDAY, [_e(TUESDAY, 600)], config, HOLIDAYS, TODAY).ok
    full = check_day(TUESDAY, [_e(TUESDAY, 1440)], config, HOLIDAYS, TODAY)
    assert full.refused is None and _codes(full) == [OVER_MAX]


def test_max_follows_configuration(config: Config) -> None:
    strict = config._replace(max_day_hours=7.5)
    assert _codes(check_day(TUESDAY, [_e(TUESDAY, 460)], strict, HOLIDAYS, TODAY)) == [OVER_MAX]


def test_overlapping_ranges_warn(config: Config) -> None:
    items: list[Timed] = [_e(TUESDAY, 180, "09:00", "12:00"), parse("11h-13h entretien", config)]
    check = check_day(TUESDAY, items, config, HOLIDAYS, TODAY)
    assert _codes(check) == [OVERLAP]
    assert "09:00–12:00 et 11:00–13:00" in check.warnings[0].message
    nested = [
        _e(TUESDAY, 480, "09:00", "17:00"),
        _e(TUESDAY, 60, "10:00", "11:00"),
        _e(TUESDAY, 60, "12:00", "13:00"),
    ]
    assert _codes(check_day(TUESDAY, nested, config, HOLIDAYS, TODAY)) == [OVERLAP, OVERLAP]
    touching = [_e(TUESDAY, 180, "09:00", "12:00"), _e(TUESDAY, 60, "12:00", "13:00")]
    assert check_day(TUESDAY, touching, config, HOLIDAYS, TODAY).ok


@pytest.mark.parametrize(
    ("day", "codes", "text"),
    [
        (date(2022, 4, 9), [WEEKEND], "samedi 09/04/2022 : jour de week-end"),
        (date(2021, 8, 15), [WEEKEND, HOLIDAY], "dimanche 15/08/2021"),  # Assomption
        (date(2022, 4, 16), [WEEKEND, FUTURE], "samedi 16/04/2022"),
        (date(2022, 4, 18), [HOLIDAY, FUTURE], "lundi 18/04/2022 : jour férié"),
        (date(2022, 4, 13), [FUTURE], "date future (aujourd'hui 12/04/2022)"),
        (date(2022, 7, 14), [HOLIDAY, FUTURE], "jeudi 14/07/2022 : jour férié"),
    ],
)
def test_dates_that_warn(config: Config, day: date, codes: list[str], text: str) -> None:
    check = check_day(day, [_e(day, 60)], config, HOLIDAYS, TODAY)
    assert _codes(check) == codes and check.refused is None
    assert text in check.warnings[0].message


def test_days_to_check_lists_only_flagged_days(config: Config) -> None:
    entries = [
        _e(date(2022, 4, 11), 420),
        _e(date(2022, 4, 12), 600),
        _e(date(2022, 4, 12), 120),
        _e(date(2022, 4, 9), 60),
    ]
    found = days_to_check(entries, config, HOLIDAYS, TODAY)
    assert [(c.day, _codes(c)) for c in found] == [
        (date(2022, 4, 9), [WEEKEND]),
        (date(2022, 4, 12), [OVER_MAX]),
    ]


@settings(max_examples=200, deadline=None)
@given(minutes=st.lists(st.integers(1, 1440), max_size=8))
def test_accepted_day_never_exceeds_24h(config: Config, minutes: list[int]) -> None:
    """Whatever is on a day, it is refused exactly when it exceeds 24 h."""
    items = [_e(TUESDAY, m) for m in minutes]
    check = check_day(TUESDAY, items, config, HOLIDAYS, TODAY)
    assert (check.refused is None) == (sum(minutes) <= 24 * 60)
