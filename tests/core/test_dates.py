"""core.dates: the one reader of typed dates (CLI options, import, TUI)."""

from __future__ import annotations

from datetime import date

import pytest

from citeslab_tui.core.dates import HINT, DateError, read_date

TODAY = date(2022, 4, 13)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2022-03-01", date(2022, 3, 1)),
        ("01/03/2022", date(2022, 3, 1)),
        ("1/3/2022", date(2022, 3, 1)),
        ("01/03/22", date(2022, 3, 1)),  # two-digit years are 20yy
        ("01/03/99", date(2099, 3, 1)),
        ("01/03", date(2022, 3, 1)),  # today's year
        (" hier ", date(2022, 4, 12)),
        ("Aujourd’hui", TODAY),
        ("aujourd'hui", TODAY),
        ("demain", date(2022, 4, 14)),
        ("mercredi", TODAY),  # today is a Wednesday: today itself
        ("lundi", date(2022, 4, 11)),
        ("Jeudi", date(2022, 4, 7)),  # the most recent Thursday, never a future one
        ("dimanche", date(2022, 4, 10)),
    ],
)
def test_read_date(typed: str, expected: date) -> None:
    assert read_date(typed, TODAY) == expected


def test_day_and_month_take_the_year_of_the_day_shown() -> None:
    assert read_date("3/4", TODAY, date(2021, 6, 1)) == date(2021, 4, 3)


@pytest.mark.parametrize(
    "typed", ["31/02/2022", "32/1", "bientôt", "", "2022-3-1", "22-03-01", "1/2/022", "01/03/0024"]
)
def test_refused_with_the_hint(typed: str) -> None:
    with pytest.raises(DateError) as caught:
        read_date(typed, TODAY)
    assert "n'est pas une date" in str(caught.value) or "hors limites" in str(caught.value)


@pytest.mark.parametrize("typed", ["1999-12-31", "01/01/2100", "31/12/1999", "01/03/0024"])
def test_years_outside_2000_2099_are_refused(typed: str) -> None:
    with pytest.raises(DateError, match="hors limites \\(2000–2099\\)"):
        read_date(typed, TODAY)


def test_error_quotes_the_hint() -> None:
    with pytest.raises(DateError) as caught:
        read_date("bientôt", TODAY)
    assert HINT in str(caught.value)
    assert caught.value.reason == f"attendu : {HINT}"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("17h30", (17, 30)),
        ("17:30", (17, 30)),
        ("17h", (17, 0)),
        (" 9 ", (9, 0)),
        ("09H05", (9, 5)),
        ("0h", (0, 0)),
        ("23:59", (23, 59)),
    ],
)
def test_read_time(typed: str, expected: tuple[int, int]) -> None:
    from datetime import time

    from citeslab_tui.core.dates import read_time

    assert read_time(typed) == time(*expected)


@pytest.mark.parametrize("typed", ["24h", "17h60", "17h3", "", "midi", "17.30", "-1h"])
def test_read_time_refuses_with_the_hint(typed: str) -> None:
    from citeslab_tui.core.dates import TIME_HINT, read_time

    with pytest.raises(DateError, match="heure attendue") as caught:
        read_time(typed)
    assert TIME_HINT in str(caught.value)
