"""present: one look for figures in the CLI and the TUI."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from citeslab_tui.core.indicators import LivrableFigures
from citeslab_tui.core.livrables import LATE, REACHED
from citeslab_tui.core.period import Period
from citeslab_tui.present import (
    count,
    decimal_hours,
    hours,
    label_of,
    num,
    pct,
    short_date,
    signed,
)
from citeslab_tui.present_report import livrable_gauge, status_text


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [
        (1230, "20 h 30"),
        (1200, "20 h"),
        (45, "45 min"),
        (0, "0 h"),  # F3 said "attendu à ce jour 0 min · année 0 min"
        (68880, "1\u202f148 h"),
        (-90, "−1 h 30"),
    ],
)
def test_hours(minutes: int, shown: str) -> None:
    assert hours(minutes) == shown


def test_decimal_hours_and_numbers() -> None:
    assert decimal_hours(1230) == "20,50"
    assert decimal_hours(420, unit=True) == "7,00 h"
    assert num(-1.5, 1) == "−1,5"
    assert signed(2.4, 1) == "+2,4"
    assert signed(0, 1) == "0,0"
    assert count(7.5) == "7,5" and count(12.0) == "12" and count(None) == "—"


def test_shares_have_one_decimal_targets_none() -> None:
    assert pct(0.4234) == "42,3 %"
    assert pct(0.3, 0) == "30 %"
    assert pct(None) == "—"


def test_status_keyed_by_code() -> None:
    assert status_text(REACHED).plain == "✓ atteint"
    assert status_text(LATE).plain == "! en retard"
    assert status_text(None).plain == "—"


def test_short_date_reads_as_strftime() -> None:
    assert short_date(date(2022, 4, 12)) == "12/04/2022"
    day = date(2000, 1, 1)
    while day.year < 2100:  # every day the store accepts, leap days included
        assert short_date(day) == day.strftime("%d/%m/%Y")
        day += timedelta(days=1)


def test_label_or_key() -> None:
    assert label_of({"a": "Alpha"}, "a") == "Alpha"
    assert label_of({"a": "Alpha"}, "z") == "z"


def _livrable(
    kind: str, target: float | None, actual: float | None, expected: float | None
) -> LivrableFigures:
    return LivrableFigures(
        key="k",
        label="L",
        territory=None,
        convention="c",
        kind=kind,
        period=Period(date(2023, 1, 1), date(2023, 12, 31)),
        target=target,
        actual=actual,
        expected_to_date=expected,
        projection=None,
        status=None,
        elapsed_share=0.5,
    )


@pytest.mark.parametrize(
    ("kind", "target", "actual", "expected", "gauge"),
    [
        ("count_entries", 8, 2, 4, (0.25, 0.5)),  # actual ÷ target, marked at expected
        ("count_entries", 0, 1, 0, (1.0, None)),  # nothing asked (prorated year): full
        ("count_entries", 0, 0, 0, (1.0, None)),
        ("count_entries", None, 3, None, (0.0, None)),  # no target at all: nothing to fill
        ("qpv_share", 0.35, 0.36, None, (0.36, 0.35)),  # a share fills to itself
    ],
)
def test_a_livrable_gauge_is_the_same_rule_for_the_cli_and_the_tui(
    kind: str,
    target: float | None,
    actual: float | None,
    expected: float | None,
    gauge: tuple[float, float | None],
) -> None:
    assert livrable_gauge(_livrable(kind, target, actual, expected)) == gauge
