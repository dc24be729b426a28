"""services.demo: the demo history is written whatever its length."""

from __future__ import annotations

from datetime import date

import pytest

from citeslab_tui.services.demo import working_day_any_year, write_demo
from citeslab_tui.store import Store


def test_the_working_day_test_knows_any_year() -> None:
    worked = working_day_any_year()
    # public holidays and weekends of years far apart, none listed beforehand
    assert not worked(date(1950, 5, 1)) and worked(date(1950, 5, 2))
    assert not worked(date(2022, 7, 14)) and worked(date(2022, 7, 15))
    assert not worked(date(2022, 7, 16))  # a Saturday


@pytest.mark.slow
def test_a_very_long_demo_is_written(store: Store) -> None:
    # `demo --entries 100000` failed: it went back further than the years its
    # calendar had been built for (ValueError in core/calendar.py).
    # Then it went back to before 1960; now it never starts before 2000: the
    # days are denser instead (2000–2023, the shipped conventions' last year).
    written = write_demo(store, date(2026, 12, 1), entries=100_000)
    assert written.entries == 100_000 and written.first >= date(2000, 1, 1)
    assert written.density > 3 and written.entries / written.days > 15
