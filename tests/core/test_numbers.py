"""One way to write a French figure (core.numbers), used by the CLI, the TUI and
the bilan alike."""

from __future__ import annotations

import pytest

from citeslab_tui.core import numbers as n


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (1222.75, 2, "1\u202f222,75"),
        (-1.5, 1, "−1,5"),
        (-0.04, 1, "0,0"),  # never −0,0
        (1234567, 0, "1\u202f234\u202f567"),
        (0.5, 0, "0"),  # Python rounds half to even
        (None, 2, "—"),
    ],
)
def test_number(value: float | None, digits: int, text: str) -> None:
    assert n.number(value, digits) == text


def test_signed_percent_count_euros_hours() -> None:
    assert [n.signed(2.4), n.signed(-2.4), n.signed(0.04), n.signed(None)] == [
        "+2,4",
        "−2,4",
        "0,0",
        "—",
    ]
    assert n.signed(1.5, 2) == "+1,50"
    assert [n.percent(0.4234), n.percent(0.3, 0), n.percent(None)] == ["42,3 %", "30 %", "—"]
    assert [n.count(12.0), n.count(7.5), n.count(1200), n.count(None)] == [
        "12",
        "7,5",
        "1\u202f200",
        "—",
    ]
    assert [n.euros(15280), n.euros(47.5416, 2), n.euros(-3)] == [
        "15\u202f280 €",
        "47,54 €",
        "−3 €",
    ]
    assert n.decimal_hours(321.4) == "321,40 h"
