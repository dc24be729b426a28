"""Dated allocations (DOMAIN.md, "An allocation has dates"): expected hours
count only the working days inside a territory's allocation periods."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from citeslab_tui.core.allocation import (
    allocated_shares,
    etp_years,
    expected_minutes,
    round_minutes,
)
from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.indicators import report, report_to_json
from citeslab_tui.core.model import Allocation, Config, Territory
from citeslab_tui.core.period import Period

YEARS = range(2020, 2027)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(YEARS), years=YEARS)


def _hours(config: Config, cal: WorkingCalendar, code: str, year: int) -> float:
    doc = report_to_json(report([], [], config, Period.year(year), date(year, 12, 31), cal))
    return float(doc["territories"][code]["hours_expected_year"])


@pytest.mark.parametrize(
    ("year", "hours"),
    [
        # 0.2 × 1607 × 86/254 = 108.8205 h. DOMAIN.md prints 108.81, a rounding
        # slip: 321.4 × 86 / 254 = 108.82047…, and 6529 minutes = 108.82 h.
        (2021, 108.82),
        (2022, 321.40),
        (2023, 113.96),  # 0.2 × 1607 × 89/251
        (2024, 0.0),  # the convention ended on 2023-05-09
    ],
)
def test_ccg_expected_hours_follow_its_convention(
    config: Config, cal: WorkingCalendar, year: int, hours: float
) -> None:
    assert _hours(config, cal, "CCG", year) == hours


def test_2021_exact_fraction(config: Config, cal: WorkingCalendar) -> None:
    ccg = config.territory("CCG")
    assert etp_years(ccg, cal, date(2021, 1, 1), date(2021, 12, 31)) == Fraction(1, 5) * Fraction(
        86, 254
    )
    assert cal.working_days_between(date(2021, 9, 1), date(2021, 12, 31)) == 86
    assert cal.working_days_between(date(2023, 1, 1), date(2023, 5, 9)) == 89


def test_undated_allocation_holds_every_year(config: Config, cal: WorkingCalendar) -> None:
    assert _hours(config, cal, "AA", 2024) == 1285.6
    assert _hours(config, cal, "AA", 2021) == 1285.6


def test_to_date_is_cut_at_as_of(config: Config, cal: WorkingCalendar) -> None:
    r = report([], [], config, Period.year(2021), date(2021, 8, 31), cal)
    ccg = r.territory_figures("CCG")
    assert ccg is not None and ccg.minutes_expected_to_date == 0 and ccg.minutes_expected == 6529


def test_two_allocations_of_one_territory_add_up(cal: WorkingCalendar) -> None:
    t = Territory(
        "X",
        "X",
        0.5,
        allocations=(
            Allocation(0.5, date(2022, 1, 1), date(2022, 6, 30)),
            Allocation(0.25, date(2022, 7, 1), None),
        ),
    )
    first = cal.working_days_between(date(2022, 1, 1), date(2022, 6, 30))
    want = Fraction(1607 * 60) * (
        Fraction(1, 2) * Fraction(first, 253) + Fraction(1, 4) * Fraction(253 - first, 253)
    )
    got = expected_minutes(t, 1607, cal, date(2022, 1, 1), date(2022, 12, 31))
    assert got == want and round_minutes(got) == round(float(want))
    assert t.etp_on(date(2022, 6, 30)) == 0.5 and t.etp_on(date(2022, 7, 1)) == 0.25


def test_allocated_shares(config: Config, cal: WorkingCalendar) -> None:
    shares = allocated_shares(config, cal, date(2022, 1, 1), date(2022, 12, 31))
    assert shares["AA"] == pytest.approx(0.8) and shares["CCG"] == pytest.approx(0.2)
    shares = allocated_shares(config, cal, date(2024, 1, 1), date(2024, 12, 31))
    assert shares == {"AA": 1.0, "CCG": 0.0}
