"""present: one look for figures in the CLI and the TUI."""

from __future__ import annotations

import pytest

from citeslab_tui.core.livrables import LATE, REACHED
from citeslab_tui.present import (
    count,
    decimal_hours,
    hours,
    label_of,
    num,
    pct,
    signed,
    status_text,
)


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


def test_label_or_key() -> None:
    assert label_of({"a": "Alpha"}, "a") == "Alpha"
    assert label_of({"a": "Alpha"}, "z") == "z"
