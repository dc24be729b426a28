"""core.closing: the months a closing dialog offers, and the one it picks."""

from __future__ import annotations

from datetime import date

from citeslab_tui.core.closing import default_month, months_to_close


def test_months_of_a_period_up_to_today() -> None:
    assert months_to_close(date(2021, 11, 1), date(2022, 12, 31), date(2022, 2, 3)) == [
        "2021-11",
        "2021-12",
        "2022-01",
        "2022-02",
    ]
    assert months_to_close(date(2022, 3, 1), date(2022, 3, 31), date(2022, 4, 12)) == ["2022-03"]
    assert months_to_close(date(2023, 1, 1), date(2023, 12, 31), date(2022, 4, 12)) == []


def test_the_latest_finished_open_month_is_chosen() -> None:
    months = ["2022-01", "2022-02", "2022-03", "2022-04"]
    today = date(2022, 4, 12)
    assert default_month(months, set(), today) == "2022-03"
    assert default_month(months, {"2022-03"}, today) == "2022-02"
    assert default_month(months, set(months), today) == "2022-04"
    assert default_month(["2022-04"], set(), today) == "2022-04"
    assert default_month([], set(), today) is None
