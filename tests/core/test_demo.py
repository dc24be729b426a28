"""The demo history is a plausible person (issue 11, item 6): about 1 ETP of
work a year net of leave, the territories near their allocation, the pillars
near 30/30/30/10, comités at the convention's cadence, preparation time apart
from the occurrences, and no day the plausibility checks flag but a few on
purpose."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import pytest

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.demo import EARLIEST, default_span, generate, make
from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.indicators import report, report_to_json
from citeslab_tui.core.model import Config, Entry, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.plausibility import FUTURE, OVER_MAX, WEEKEND, days_to_check

TODAY = date(2026, 12, 1)
YEARS = range(2021, 2024)
History = tuple[list[Entry], list[Porteur]]  # the demo's entries and porteurs
CALENDAR = WorkingCalendar(french_holidays(range(2000, 2027)), years=range(2000, 2027))


@pytest.fixture(scope="module")
def history(config: Config) -> History:
    start, end = default_span(config, TODAY)
    return generate(config, None, start=start, end=end, is_working_day=CALENDAR.is_working_day)


@pytest.fixture(scope="module")
def reports(config: Config, history: History) -> dict[int, Any]:
    entries, porteurs = history
    return {
        y: report_to_json(
            report(entries, porteurs, config, Period.year(y), date(y, 12, 31), CALENDAR)
        )
        for y in YEARS
    }


def test_default_span_is_the_conventions_years_not_today(config: Config) -> None:
    assert default_span(config, TODAY) == (date(2021, 1, 1), date(2023, 12, 31))
    assert default_span(config, date(2022, 5, 3)) == (date(2021, 1, 1), date(2022, 5, 3))
    assert default_span(config._replace(conventions=()), TODAY) == (date(2025, 1, 1), TODAY)


@pytest.mark.parametrize("year", YEARS)
def test_about_one_etp_of_work_a_year_net_of_leave(history: History, year: int) -> None:
    entries, _ = history
    of_year = [e for e in entries if e.date.year == year]
    work = sum(e.minutes for e in of_year if e.pillar != "absence") / 60
    leave = Counter(e.type for e in of_year if e.pillar == "absence")
    assert 1607 * 0.95 <= work <= 1607 * 1.05, work
    assert 24 <= sum(leave.values()) <= 32 and leave["conge"] >= 15 and leave["maladie"] == 2
    assert sum(e.type == "formation" for e in of_year) == 4  # a training day a quarter


def test_territories_near_their_allocation(reports: dict[int, Any]) -> None:
    for year, r in reports.items():
        for code, t in r["territories"].items():
            drift = abs(t["share"] - t["target_share"]) * 100
            assert drift <= 5, (year, code, t["share"], t["target_share"])
    assert reports[2022]["territories"]["CCG"]["target_share"] == pytest.approx(0.2)


def test_pillars_near_the_indicative_split(reports: dict[int, Any]) -> None:
    for year, r in reports.items():
        for key, p in r["pillars"].items():
            assert abs(p["share"] - p["target_share"]) * 100 <= 10, (year, key, p["share"])


def test_comites_at_the_convention_cadence_not_every_month(reports: dict[int, Any]) -> None:
    held = {y: {g["key"]: g["held"] for g in r["governance"]} for y, r in reports.items()}
    assert held[2022] == {"comites_techniques": 3, "comites_pilotage": 1}
    for year in YEARS:  # the partial years: a share of the cadence, a COPIL at least
        assert 1 <= held[year]["comites_techniques"] <= 3
        assert 1 <= held[year]["comites_pilotage"] <= 2


def test_the_presence_week_and_the_ccg_livrables_of_a_full_year(reports: dict[int, Any]) -> None:
    livrables = {lv["key"]: lv for lv in reports[2022]["livrables"]}
    assert 44 <= livrables["presence_qpv"]["actual"] <= 52
    assert livrables["ateliers"]["actual"] == 6
    assert livrables["evenements"]["actual"] == 1
    assert 30 <= livrables["personnes_accueillies"]["actual"] <= 60


def test_occurrences_come_with_their_preparation(history: History) -> None:
    entries, _ = history
    by_day: dict[tuple[date, str], list[Entry]] = {}
    for e in entries:
        by_day.setdefault((e.date, e.type), []).append(e)
    held = ("atelier", "comite_technique", "comite_pilotage", "evenement")
    sessions = [group for (_, t), group in by_day.items() if t in held]
    assert len(sessions) > 40
    for group in sessions:
        assert sum(e.occurrence for e in group) == 1
        assert any(not e.occurrence and e.note == "Préparation" for e in group)


def test_only_the_deliberate_days_are_flagged(config: Config, history: History) -> None:
    entries, _ = history
    flagged = days_to_check(entries, config, CALENDAR.holidays, TODAY)
    by_day: dict[date, list[Entry]] = {}
    for e in entries:
        by_day.setdefault(e.date, []).append(e)
    assert len(flagged) == 2 * len(YEARS)
    for found in flagged:
        (warning,) = found.warnings
        types = {e.type for e in by_day[found.day]}
        if warning.code == WEEKEND:
            assert found.day.weekday() == 5 and found.day.month == 10 and types == {"salon"}
        else:
            assert warning.code == OVER_MAX and "evenement" in types
    # Ending on today, nothing is in the future either.
    end = date(2023, 3, 31)
    recent, _ = generate(config, 300, end=end, is_working_day=CALENDAR.is_working_day)
    assert not any(
        w.code == FUTURE
        for d in days_to_check(recent, config, CALENDAR.holidays, end)
        for w in d.warnings
    )


def test_porteurs_follow_their_path_on_their_territory(history: History) -> None:
    entries, porteurs = history
    territory = {p.id: p.territory for p in porteurs}
    linked = [(e, p) for e in entries for p in e.porteurs]
    assert linked and all(territory[p] == e.territory for e, p in linked)
    stages = Counter(p.stage for p in porteurs)
    assert stages["creation"] > 10 and stages["amorcage"] + stages["oriente"] > 10


def test_deterministic_and_exactly_n_entries(config: Config) -> None:
    end = date(2022, 12, 31)
    a = generate(config, 1500, end=end, is_working_day=CALENDAR.is_working_day, seed=5)
    b = generate(config, 1500, end=end, is_working_day=CALENDAR.is_working_day, seed=5)
    c = generate(config, 1500, end=end, is_working_day=CALENDAR.is_working_day, seed=6)
    assert a == b and a[0] != c[0]
    assert len(a[0]) == 1500 and a[0][-1].date == end - (end - a[0][-1].date)
    assert max(e.date for e in a[0]) <= end
    assert [e.date for e in a[0]] == sorted(e.date for e in a[0])
    # Self-contained: every porteur is received on or after the first day, and
    # every linked porteur is there.
    first = a[0][0].date
    assert all(p.steps[0].date >= first for p in a[1])
    assert {p for e in a[0] for p in e.porteurs} <= {p.id for p in a[1]}


def test_n_entries_never_go_back_before_2000_the_days_get_denser(config: Config) -> None:
    # Half a year of 2000 holds about 500 entries at the realistic density.
    end = date(2000, 6, 30)
    real = make(config, 400, end=end, is_working_day=CALENDAR.is_working_day)
    assert real.density == 1.0 and real.entries[0].date > EARLIEST
    dense = make(config, 2000, end=end, is_working_day=CALENDAR.is_working_day)
    assert len(dense.entries) == 2000 and dense.density > 3
    assert EARLIEST <= dense.entries[0].date < date(2000, 1, 15)
    per_day = Counter(e.date for e in dense.entries)
    assert sum(per_day.values()) / len(per_day) > 12
    # only the ordinary work is cut finer (quarter hours at the least): the
    # days hold what real days hold: none that `check` would flag
    assert all(e.minutes >= 15 and e.minutes % 15 == 0 for e in dense.entries)
    assert days_to_check(dense.entries, config, CALENDAR.holidays, end) == []
    with pytest.raises(ValidationFailed, match="20000 entrées ne tiennent pas entre le 01/01/2000"):
        make(config, 20_000, end=end, is_working_day=CALENDAR.is_working_day)


def test_cli_demo_covers_the_conventions_by_default(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2026-12-01")
    out = run("demo").output
    assert "(04/01/2021 → 31/12/2023)" in out
    doc = json.loads(run("report", "--year", "2022", "--json").output)
    assert 1500 <= doc["hours_logged"] <= 1700
    assert doc["absences"]["hours"] > 150
    check = run("check").output
    assert "Aucun problème" in check and "Jours à vérifier (6)" in check


def test_cli_demo_says_when_its_days_are_denser(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2000-03-31")
    out = run("demo", "--entries", "1000").output
    assert "1000 entrées (0" in out and "/01/2000 → 31/03/2000)" in out
    assert "Journées plus denses qu'un historique réel (" in out
    assert "pour ne pas remonter avant le 01/01/2000." in out
