"""Time outside the pillars (issue 11): absences lower expected hours by the
day's allocation, training is work outside the pillar split, and each
territory's share of logged working time stands against its allocated share."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.core.allocation import month_window
from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.indicators import report, report_to_json
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period
from citeslab_tui.core.quickentry import parse

YEARS = range(2020, 2027)
_ids = count(1)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(YEARS), years=YEARS)


def logged(config: Config, line: str, day: date) -> Entry:
    return parse(line, config).to_entry(
        id=f"{next(_ids):032x}", day=day, now=__import__("datetime").datetime(2022, 1, 1)
    )


def _doc(
    config: Config, cal: WorkingCalendar, entries: list[Entry], year: int = 2022
) -> dict[str, Any]:
    return report_to_json(report(entries, [], config, Period.year(year), date(year, 12, 31), cal))


def test_a_conge_day_lowers_expected_hours_by_allocation(
    config: Config, cal: WorkingCalendar
) -> None:
    base = _doc(config, cal, [])
    doc = _doc(config, cal, [logged(config, "7h congé", date(2022, 3, 15))])
    aa, ccg = doc["territories"]["AA"], doc["territories"]["CCG"]
    assert aa["absence_hours"] == 5.6 and ccg["absence_hours"] == 1.4
    assert aa["hours_expected_year"] == round(1285.6 - 5.6, 2)
    assert ccg["hours_expected_year"] == round(321.4 - 1.4, 2)
    assert base["hours_expected_year"] - doc["hours_expected_year"] == pytest.approx(7)
    assert doc["absences"] == {"hours": 7.0, "by_type": {"conge": 7.0}}
    # an absence is not work: nothing logged, no pillar, no share
    assert doc["hours_logged"] == 0 and aa["share"] is None
    assert all(p["hours"] == 0 for p in doc["pillars"].values())


def test_after_the_convention_a_conge_falls_on_aa_only(
    config: Config, cal: WorkingCalendar
) -> None:
    doc = _doc(config, cal, [logged(config, "1j congé", date(2024, 3, 15))], 2024)
    assert doc["territories"]["AA"]["absence_hours"] == 5.6
    assert doc["territories"]["CCG"]["absence_hours"] == 0


def test_absence_on_a_weekend_lowers_nothing(config: Config, cal: WorkingCalendar) -> None:
    doc = _doc(config, cal, [logged(config, "7h congé", date(2022, 3, 12))])
    assert doc["territories"]["AA"]["absence_hours"] == 0
    assert doc["absences"]["hours"] == 7.0


def test_training_is_work_outside_the_pillars(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "1j formation", date(2022, 3, 14)),
        logged(config, "3h atelier @CCG", date(2022, 3, 15)),
        logged(config, "1h suivi", date(2022, 3, 15)),
    ]
    doc = _doc(config, cal, entries)
    aa = doc["territories"]["AA"]
    assert aa["hours_logged"] == 8.0 and aa["formation_hours"] == 7.0
    assert aa["pillars"]["referent"] == 1.0 and "formation" not in aa["pillars"]
    assert doc["hours_logged"] == 11.0
    # the pillar split covers the 4 h of pillar time only
    assert doc["pillars"]["animation"]["share"] == 0.75
    assert doc["pillars"]["referent"]["share"] == 0.25
    assert doc["pillars_basis"] == "pillar_time"


def test_shares_against_allocation(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "5h30 entretien", date(2022, 3, 14)),  # AA
        logged(config, "4h30 permanence @CCG", date(2022, 3, 15)),
    ]
    doc = _doc(config, cal, entries)
    aa, ccg = doc["territories"]["AA"], doc["territories"]["CCG"]
    assert (aa["share"], aa["target_share"], aa["drift_points"]) == (0.55, 0.8, -25.0)
    assert (ccg["share"], ccg["target_share"], ccg["drift_points"]) == (0.45, 0.2, 25.0)
    # the last month (December) logged nothing
    assert doc["last_month"] == {"from": "2022-12-01", "to": "2022-12-31"}
    assert aa["last_month"] == {"share": None, "target_share": 0.8, "drift_points": None}


def test_target_share_follows_dated_allocation(config: Config, cal: WorkingCalendar) -> None:
    entries = [logged(config, "2h atelier", date(2023, 3, 1))]
    r = report(entries, [], config, Period.year(2023), date(2023, 3, 31), cal)
    doc = report_to_json(r)
    # in March 2023 the CCG's 0.2 ETP still holds (convention to 09/05/2023)
    assert doc["territories"]["CCG"]["target_share"] == 0.2
    assert doc["territories"]["CCG"]["last_month"]["target_share"] == 0.2
    r = report(entries, [], config, Period.year(2023), date(2023, 12, 31), cal)
    ccg = report_to_json(r)["territories"]["CCG"]
    assert ccg["target_share"] == round(0.2 * 89 / (0.8 * 251 + 0.2 * 89), 4)
    assert ccg["last_month"]["target_share"] == 0.0


def test_territory_filter_keeps_shares_of_all_time(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "6h entretien", date(2022, 3, 14)),
        logged(config, "2h atelier @CCG", date(2022, 3, 15)),
    ]
    r = report(entries, [], config, Period.year(2022), date(2022, 12, 31), cal, "CCG")
    assert report_to_json(r)["territories"]["CCG"]["share"] == 0.25


@pytest.mark.parametrize(
    ("as_of", "window"),
    [
        (date(2022, 6, 15), (date(2022, 5, 16), date(2022, 6, 15))),
        (date(2022, 6, 30), (date(2022, 6, 1), date(2022, 6, 30))),
        (date(2022, 3, 31), (date(2022, 3, 1), date(2022, 3, 31))),
        (date(2022, 3, 30), (date(2022, 3, 1), date(2022, 3, 30))),
        (date(2022, 1, 10), (date(2022, 1, 1), date(2022, 1, 10))),
        (date(2025, 1, 10), (date(2022, 12, 1), date(2022, 12, 31))),
    ],
)
def test_month_window(as_of: date, window: tuple[date, date]) -> None:
    assert month_window((date(2022, 1, 1), date(2022, 12, 31)), as_of) == window


LINES = [
    "2h atelier @CCG",
    "1h30 entretien",
    "7h congé",
    "1j formation",
    "45m suivi @CCG",
    "3h rtt",
    "2h permanence #saint-georges",
    "1h comité tech @AA",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 364)), min_size=0, max_size=25)
)
def test_territory_hours_add_up_and_shares_sum_to_one(
    config: Config, picks: list[tuple[str, int]]
) -> None:
    cal = WorkingCalendar(french_holidays(YEARS), years=YEARS)
    entries = [logged(config, line, date(2022, 1, 1) + timedelta(n)) for line, n in picks]
    r = report(entries, [], config, Period.year(2022), date(2022, 12, 31), cal)
    working = sum(e.minutes for e in entries if e.pillar != "absence")
    assert sum(t.minutes_logged for t in r.territories) == working == r.minutes_logged
    pillar_time = sum(e.minutes for e in entries if e.pillar not in ("absence", "formation"))
    assert sum(p.minutes for p in r.pillars) == pillar_time
    shares = [t.share for t in r.territories if t.share is not None]
    assert (sum(shares) == pytest.approx(1)) if working else shares == []
    targets = [t.target_share for t in r.territories]
    assert sum(t for t in targets if t is not None) == pytest.approx(1)
    absent = sum(e.minutes for e in entries if e.pillar == "absence" and cal.is_working_day(e.date))
    assert sum(t.absence_minutes for t in r.territories) == pytest.approx(absent)
