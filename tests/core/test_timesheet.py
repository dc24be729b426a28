"""The feuille de temps: every working day, every day with time, all minutes
accounted for, shares and ETP as DOMAIN.md defines them."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period
from citeslab_tui.core.timesheet import (
    HOLIDAY,
    SATURDAY,
    SUNDAY,
    WORKING,
    build_timesheet,
    day_kind,
    full_time_minutes,
)

YEARS = range(2021, 2024)
CAL = WorkingCalendar(french_holidays(YEARS), years=YEARS)


def entry(day: date, minutes: int, pillar: str = "animation", territory: str = "AA") -> Entry:
    return Entry(
        id=f"{abs(hash((day, minutes, pillar, territory))):032x}"[:32],
        date=day,
        minutes=minutes,
        type="atelier",
        pillar=pillar,
        territory=territory,
        start=time(9),
        created_at="2022-01-01T00:00:00",
        updated_at="2022-01-01T00:00:00",
    )


def test_an_empty_month_lists_every_working_day_for_every_territory(config: Config) -> None:
    ts = build_timesheet([], config, Period.month(2022, 3), CAL)
    assert ts.territories == ("AA", "CCG")
    assert ts.pillars == ("prospection", "preparation_orientation", "animation", "referent")
    assert len(ts.rows) == 23 * 2  # March 2022: 23 working days
    assert all(r.total == 0 and r.kind == WORKING for r in ts.rows)
    assert ts.totals.working_days == 23


def test_absences_and_training_have_their_own_columns(config: Config) -> None:
    """Training is working time outside the pillars; absences are the person's,
    shown apart, in no territory's hours, share or ETP (issue 11)."""
    march = Period.month(2022, 3)
    entries = [
        entry(date(2022, 3, 1), 420)._replace(type="conge", pillar="absence", territory="AA"),
        entry(date(2022, 3, 2), 420)._replace(type="formation", pillar="formation"),
        entry(date(2022, 3, 3), 300, "prospection", "CCG"),
        entry(date(2022, 3, 4), 210)._replace(type="maladie", pillar="absence", territory="CCG"),
        entry(date(2022, 3, 4), 210, "referent"),
    ]
    ts = build_timesheet(entries, config, march, CAL)
    assert ts.pillars == ("prospection", "preparation_orientation", "animation", "referent")
    assert ts.formation == ("formation",)
    assert ts.absences == ("conge", "rtt", "maladie", "absence_autre")
    rows = {(r.day, r.territory): r for r in ts.rows}
    # The absence sits on the day's first row, whatever territory it was logged on.
    assert rows[(date(2022, 3, 1), "AA")].absences == (420, 0, 0, 0)
    assert rows[(date(2022, 3, 1), "AA")].total == 0
    assert rows[(date(2022, 3, 4), "AA")].absences == (0, 0, 210, 0)
    assert rows[(date(2022, 3, 4), "CCG")].absences == (0, 0, 0, 0)
    assert rows[(date(2022, 3, 2), "AA")].formation == (420,)
    assert rows[(date(2022, 3, 2), "AA")].total == 420
    t = ts.totals
    assert t.by_territory == {"AA": 630, "CCG": 300}  # work: pillars + training
    assert t.minutes == 930 and t.absence_minutes == 630
    assert t.by_absence == {"conge": 420, "rtt": 0, "maladie": 210, "absence_autre": 0}
    assert t.by_formation == {"formation": 420}
    assert t.pillar_minutes == 510  # the split leaves training out
    assert t.pillar_share("prospection") == pytest.approx(300 / 510)
    assert t.territory_share("CCG") == pytest.approx(300 / 930)
    assert t.etp("AA") == pytest.approx(630 / full_time_minutes(config, CAL, march))
    # A CCG-only sheet still shows the person's absences, on its own rows.
    ccg = build_timesheet(entries, config, march, CAL, territory="CCG")
    assert {r.day: r.absence_total for r in ccg.rows if r.absence_total} == {
        date(2022, 3, 1): 420,
        date(2022, 3, 4): 210,
    }
    assert ccg.totals.minutes == 300


def test_days_off_with_time_are_kept_and_marked(config: Config) -> None:
    period = Period(date(2022, 7, 13), date(2022, 7, 17))
    entries = [
        entry(date(2022, 7, 14), 120, territory="CCG"),  # Fête nationale
        entry(date(2022, 7, 16), 30),  # Saturday
        entry(date(2022, 7, 17), 45, territory="CCG"),  # Sunday
    ]
    ts = build_timesheet(entries, config, period, CAL)
    days = {(r.day, r.territory): r for r in ts.rows}
    assert [d for d, _ in days][::2] == [date(2022, 7, d) for d in (13, 14, 15, 16, 17)]
    assert days[(date(2022, 7, 14), "CCG")].kind == HOLIDAY
    assert days[(date(2022, 7, 16), "AA")].kind == SATURDAY
    assert days[(date(2022, 7, 17), "CCG")].kind == SUNDAY
    assert days[(date(2022, 7, 17), "CCG")].total == 45
    assert ts.totals.minutes == 195
    assert ts.totals.working_days == 2


def test_day_kind() -> None:
    assert day_kind(date(2022, 5, 2), CAL) == WORKING
    assert day_kind(date(2022, 5, 1), CAL) == SUNDAY
    assert day_kind(date(2022, 4, 18), CAL) == HOLIDAY  # lundi de Pâques
    assert day_kind(date(2022, 4, 16), CAL) == SATURDAY


def test_minutes_per_pillar_and_territory(config: Config) -> None:
    d = date(2022, 3, 1)
    entries = [
        entry(d, 90, "prospection"),
        entry(d, 30, "prospection"),
        entry(d, 60, "referent"),
        entry(d, 150, "animation", "CCG"),
    ]
    ts = build_timesheet(entries, config, Period.month(2022, 3), CAL)
    aa, ccg = ts.rows[0], ts.rows[1]
    assert aa.minutes == (120, 0, 0, 60) and aa.total == 180
    assert ccg.minutes == (0, 0, 150, 0) and ccg.total == 150
    t = ts.totals
    assert t.by_territory == {"AA": 180, "CCG": 150}
    assert t.by_pillar == {
        "prospection": 120,
        "preparation_orientation": 0,
        "animation": 150,
        "referent": 60,
    }
    assert t.territory_share("CCG") == pytest.approx(150 / 330)
    assert t.pillar_share("referent") == pytest.approx(60 / 330)


def test_territory_filter_keeps_the_share_of_the_whole_working_time(config: Config) -> None:
    d = date(2022, 3, 1)
    entries = [entry(d, 300, territory="AA"), entry(d, 100, territory="CCG")]
    ts = build_timesheet(entries, config, Period.month(2022, 3), CAL, territory="CCG")
    assert ts.territories == ("CCG",)
    assert {r.territory for r in ts.rows} == {"CCG"}
    assert len(ts.rows) == 23
    assert ts.totals.minutes == 100
    assert ts.totals.all_minutes == 400
    assert ts.totals.territory_share("CCG") == pytest.approx(0.25)


def test_etp_of_a_full_year_is_hours_over_1607(config: Config) -> None:
    # 0.2 ETP = 321.4 h a year (DOMAIN.md): spread 19 284 minutes over 2022.
    days = [d for d in Period.year(2022).days() if CAL.is_working_day(d)]
    assert len(days) == 253
    per_day, rest = divmod(19_284, 253)
    entries = [
        entry(d, per_day + (1 if i < rest else 0), territory="CCG") for i, d in enumerate(days)
    ]
    ts = build_timesheet(entries, config, Period.year(2022), CAL)
    assert ts.totals.by_territory["CCG"] == 19_284
    assert ts.totals.full_time_minutes == pytest.approx(1607 * 60)
    assert ts.totals.etp("CCG") == pytest.approx(0.2)


def test_full_time_minutes_prorates_by_working_days(config: Config) -> None:
    # The 2021 part of the CCG convention: 86 of 254 working days.
    part = Period(date(2021, 9, 1), date(2021, 12, 31))
    assert full_time_minutes(config, CAL, part) == pytest.approx(1607 * 60 * 86 / 254)
    across = Period(date(2021, 9, 1), date(2022, 12, 31))
    assert full_time_minutes(config, CAL, across) == pytest.approx(1607 * 60 * (86 / 254 + 1))


def test_months_split_a_longer_period(config: Config) -> None:
    entries = [entry(date(2022, 1, 31), 60), entry(date(2022, 2, 1), 30)]
    ts = build_timesheet(entries, config, Period(date(2022, 1, 15), date(2022, 2, 10)), CAL)
    assert [m.period for m in ts.months] == [
        Period(date(2022, 1, 15), date(2022, 1, 31)),
        Period(date(2022, 2, 1), date(2022, 2, 10)),
    ]
    assert [m.totals.minutes for m in ts.months] == [60, 30]


def test_unknown_pillar_or_territory_is_kept_not_lost(config: Config) -> None:
    d = date(2022, 3, 1)
    entries = [entry(d, 60, "ancien_pilier"), entry(d, 30, territory="XX")]
    ts = build_timesheet(entries, config, Period.month(2022, 3), CAL)
    assert ts.pillars[-1] == "ancien_pilier"
    assert ts.territories[-1] == "XX"
    assert ts.totals.minutes == 90


dates_2022 = st.dates(min_value=date(2022, 1, 1), max_value=date(2022, 12, 31))
entries_st = st.lists(
    st.builds(
        entry,
        dates_2022,
        st.integers(1, 1440),
        st.sampled_from(
            [
                "prospection",
                "preparation_orientation",
                "animation",
                "referent",
                "formation",
                "absence",
            ]
        ),
        st.sampled_from(["AA", "CCG"]),
    ).map(
        lambda e: e._replace(
            type={"formation": "formation", "absence": "rtt"}.get(e.pillar, e.type)
        )
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(entries_st, st.sampled_from([None, "AA", "CCG"]), st.integers(1, 12))
def test_every_minute_of_the_period_is_in_the_rows(
    config: Config, entries: list[Entry], territory: str | None, month: int
) -> None:
    period = Period(date(2022, month, 1), date(2022, 12, 31))
    ts = build_timesheet(entries, config, period, CAL, territory)
    in_period = [e for e in entries if e.date in period]
    expected = sum(
        e.minutes for e in in_period if territory in (None, e.territory) and e.pillar != "absence"
    )
    absent = sum(e.minutes for e in in_period if e.pillar == "absence")
    assert sum(r.total for r in ts.rows) == expected == ts.totals.minutes
    assert sum(m.totals.minutes for m in ts.months) == expected
    assert ts.totals.pillar_minutes + sum(ts.totals.by_formation.values()) == expected
    # Absences: the person's, every minute on some row, never in a territory.
    assert sum(r.absence_total for r in ts.rows) == absent == ts.totals.absence_minutes
    # Every working day appears once per shown territory; days off only with time.
    shown = {r.day for r in ts.rows}
    for d in period.days():
        if CAL.is_working_day(d):
            assert d in shown
        elif d in shown:
            assert any(r.day == d and (r.total or r.absence_total) for r in ts.rows)
