"""The indicators engine: DOMAIN.md's worked numbers, a small history whose every
figure is computed by hand below, and invariants over generated histories."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.indicators import (
    AHEAD,
    LATE,
    ON_TRACK,
    REACHED,
    Report,
    report,
    report_to_json,
)
from citeslab_tui.core.livrables import livrable_status, share_status
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.core.period import Period
from tests.core.figures import livrable_of, territory_of

YEARS = range(2020, 2025)
_ids = count(1)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(YEARS), years=YEARS)


def entry(
    day: str, minutes: int, type_: str, territory: str, *, persons: int = 0, pillar: str = ""
) -> Entry:
    pillars = {
        "atelier": "animation",
        "comite_technique": "animation",
        "evenement": "animation",
        "permanence": "prospection",
        "entretien": "preparation_orientation",
        "suivi": "referent",
    }
    return Entry(
        id=f"{next(_ids):032x}",
        date=date.fromisoformat(day),
        minutes=minutes,
        type=type_,
        pillar=pillar or pillars[type_],
        territory=territory,
        persons=persons,
    )


def porteur(
    pid: str,
    territory: str,
    steps: list[tuple[str, str] | tuple[str, str, str]],
    *,
    qpv: str | None = None,
    categories: tuple[str, ...] = (),
    rqth: bool = False,
) -> Porteur:
    return Porteur(
        uuid=pid.lower(),
        id=pid,
        territory=territory,
        qpv_resident=qpv is not None,
        qpv=qpv,
        categories=categories,
        rqth=rqth,
        steps=tuple(
            PathStep(s[0], date.fromisoformat(s[1]), partner=s[2] if len(s) > 2 else None)
            for s in steps
        ),
    )


# --------------------------------------------------------------------------- DOMAIN.md numbers


def test_full_year_etp_hours(config: Config, cal: WorkingCalendar) -> None:
    r = report([], [], config, Period.year(2022), date(2022, 12, 31), cal)
    ccg, aa = r.territory_figures("CCG"), r.territory_figures("AA")
    assert ccg is not None and aa is not None
    assert ccg.minutes_expected == ccg.minutes_expected_to_date == 19284  # 0.2 × 1607 h
    assert aa.minutes_expected == 77136  # 0.8 × 1607 h
    doc = report_to_json(r)
    assert doc["territories"]["CCG"]["hours_expected_year"] == 321.4
    assert doc["territories"]["AA"]["hours_expected_year"] == 1285.6
    assert r.working_days == 253


# Targets of the partial years of the CCG convention: the calendar share of the
# year (as the convention prorates its money), rounded to a whole number.
TARGETS_2021 = {  # September–December: 4/12
    "ateliers": (2, "prorata calendaire 4/12"),  # 6 × 4/12
    "comites_techniques": (1, "prorata calendaire 4/12"),  # 3 × 4/12
    "comites_pilotage": (0, "prorata calendaire 4/12"),  # 1 × 4/12 = 0.33
    "evenements": (0, "prorata calendaire 4/12"),  # 1 × 4/12 = 0.33
    "personnes_sensibilisees": (33, "prorata calendaire 4/12"),  # 100 × 4/12 = 33.3
    "personnes_accueillies": (13, "prorata calendaire 4/12"),  # 40 × 4/12 = 13.3
    "projets_amorcage": (8, "prorata calendaire 4/12"),  # 24 × 4/12
    "creations": (2, "prorata calendaire 4/12"),  # 6 × 4/12
    "presence_qpv": (18, "1 par semaine travaillée (18 sem.)"),  # ISO weeks 35–52
}
TARGETS_2023 = {  # 1 January → 9 May: 128/365
    "ateliers": (2, "prorata calendaire 128/365"),  # 2.10
    "comites_techniques": (1, "prorata calendaire 128/365"),  # 1.05
    "comites_pilotage": (0, "prorata calendaire 128/365"),  # 0.35
    "evenements": (0, "prorata calendaire 128/365"),  # 0.35
    "personnes_sensibilisees": (35, "prorata calendaire 128/365"),  # 35.07
    "personnes_accueillies": (14, "prorata calendaire 128/365"),  # 14.03
    "projets_amorcage": (8, "prorata calendaire 128/365"),  # 8.42
    "creations": (2, "prorata calendaire 128/365"),  # 2.10
    "presence_qpv": (19, "1 par semaine travaillée (19 sem.)"),  # ISO weeks 52 (2022)–19
}


@pytest.mark.parametrize(("year", "expected"), [(2021, TARGETS_2021), (2023, TARGETS_2023)])
def test_partial_year_targets_are_whole(
    config: Config, cal: WorkingCalendar, year: int, expected: dict[str, tuple[int, str]]
) -> None:
    r = report([], [], config, Period.year(year), date(year, 12, 31), cal)
    got = {lv.key: (lv.target, lv.target_rule) for lv in r.livrables if lv.kind != "qpv_share"}
    assert got == expected
    assert all(isinstance(t, int) for t, _ in got.values())
    doc = report_to_json(r)
    assert all(
        isinstance(lv["target"], int) for lv in doc["livrables"] if lv["kind"] != "qpv_share"
    )


def test_partial_2021_window_and_share(config: Config, cal: WorkingCalendar) -> None:
    r = report([], [], config, Period.year(2021), date(2021, 12, 31), cal)
    ateliers = r.livrable("ateliers")
    assert ateliers is not None
    assert ateliers.period == Period(date(2021, 9, 1), date(2021, 12, 31))
    # A share is not prorated.
    assert livrable_of(r, "part_qpv").target == pytest.approx(0.25)
    assert livrable_of(r, "part_qpv").target_rule == "convention"
    # Territory hours count only the days of the CCG's dated allocation (its
    # convention): 0.2 × 1607 h × 86/254.
    assert territory_of(r, "CCG").minutes_expected == 6529
    full = report([], [], config, Period.year(2022), date(2022, 12, 31), cal)
    comites = full.livrable("comites_techniques")
    assert comites is not None and (comites.target, comites.target_rule) == (3, "convention")


def test_one_comite_held_in_2021_is_reached(config: Config, cal: WorkingCalendar) -> None:
    held = [entry("2021-11-18", 120, "comite_technique", "CCG")]
    r = report(held, [], config, Period.year(2021), date(2021, 12, 31), cal)
    lv = r.livrable("comites_techniques")
    assert lv is not None and (lv.target, lv.actual, lv.status) == (1, 1, REACHED)


def test_convention_period_sums_its_years(config: Config, cal: WorkingCalendar) -> None:
    period = Period(date(2021, 9, 1), date(2023, 5, 9))
    r = report([], [], config, period, date(2023, 5, 9), cal)
    ateliers = r.livrable("ateliers")
    assert ateliers is not None and ateliers.target == 2 + 6 + 2
    assert ateliers.target_rule == (
        "2021 : prorata calendaire 4/12 + 2022 : convention + 2023 : prorata calendaire 128/365"
    )
    expected_share = (0.25 * 86 + 0.30 * 253 + 0.35 * 89) / (86 + 253 + 89)
    assert livrable_of(r, "part_qpv").target == pytest.approx(expected_share)
    # Expected CCG minutes: 19284 × (86/254 + 253/253 + 89/251), to the nearest minute.
    exact = 19284 * (86 / 254 + 1 + 89 / 251)
    assert territory_of(r, "CCG").minutes_expected == round(exact)


def test_stated_target_wins_over_prorating(config: Config, cal: WorkingCalendar) -> None:
    conv = config.conventions[0]
    ateliers = next(lv for lv in conv.livrables if lv.key == "ateliers")
    stated = ateliers._replace(targets_stated={2021: 3})
    custom = config._replace(conventions=(conv._replace(livrables=(stated,)),))
    r = report([], [], custom, Period(date(2021, 1, 1), date(2022, 12, 31)), date(2022, 1, 1), cal)
    assert livrable_of(r, "ateliers").target == 3 + 6
    assert livrable_of(r, "ateliers").target_rule == "2021 : configuration + 2022 : convention"


def test_no_livrable_outside_the_convention(config: Config, cal: WorkingCalendar) -> None:
    r = report([], [], config, Period.year(2024), date(2024, 6, 1), cal)
    assert r.livrables == ()
    assert r.qpv_share.target is None


# --------------------------------------------------------------------------- a hand-built history


def history() -> tuple[list[Entry], list[Porteur]]:
    entries = [
        entry("2021-12-15", 120, "atelier", "CCG", persons=9),  # before the period
        entry("2022-01-10", 120, "atelier", "CCG", persons=12),
        entry("2022-01-11", 60, "entretien", "AA"),
        entry("2022-02-14", 90, "atelier", "CCG", persons=8),
        entry("2022-03-07", 180, "permanence", "CCG"),  # ISO week 10
        entry("2022-03-08", 120, "permanence", "CCG"),  # week 10 again
        entry("2022-03-15", 60, "permanence", "CCG"),  # week 11
        entry("2022-04-04", 120, "atelier", "AA", persons=15),  # not a CCG livrable
        entry("2022-05-12", 120, "comite_technique", "CCG"),
        entry("2022-06-01", 150, "permanence", "AA"),
        entry("2022-06-20", 60, "entretien", "CCG"),
        entry("2022-06-30", 45, "suivi", "AA"),  # on as_of: counted
        entry("2022-07-05", 120, "atelier", "CCG", persons=10),  # after as_of
    ]
    porteurs = [
        porteur(
            "P-2022-001",
            "CCG",
            [
                ("accueilli", "2022-02-01"),
                ("amorcage", "2022-03-01"),
                ("oriente", "2022-04-01", "adie"),
            ],
            qpv="QN07405M",
            categories=("femme", "moins_26"),
        ),
        porteur("P-2022-002", "CCG", [("accueilli", "2022-03-10")], categories=("dld",)),
        porteur(
            "P-2022-003",
            "AA",
            [
                ("accueilli", "2022-05-05"),
                ("oriente", "2022-06-15", "Initiative Genevois"),  # a label
                ("creation", "2022-07-10"),  # after as_of
            ],
            qpv="QN07401M",
            categories=("femme",),
            rqth=True,
        ),
        porteur(
            "P-2021-009",
            "CCG",
            [("accueilli", "2021-11-05"), ("amorcage", "2022-01-20"), ("creation", "2022-06-01")],
        ),
        porteur("P-2022-004", "CCG", [("accueilli", "2022-08-01")]),  # after as_of
    ]
    return entries, porteurs


AS_OF = date(2022, 6, 30)
# Working days from 01/01/2022 to 30/06/2022: Jan 21, Feb 20, Mar 23, Apr 21 - 1
# (Easter Monday), May 22 - 1 (Ascension), Jun 22 - 1 (Pentecost Monday) = 126.
ELAPSED = 126


@pytest.fixture
def hand(config: Config, cal: WorkingCalendar) -> Report:
    entries, porteurs = history()
    return report(entries, porteurs, config, Period.year(2022), AS_OF, cal, weeks=4)


def test_hand_working_days(hand: Report) -> None:
    assert hand.working_days == 253
    assert hand.elapsed_working_days == ELAPSED
    assert hand.elapsed_share == pytest.approx(126 / 253)


def test_hand_territories(hand: Report) -> None:
    ccg, aa = hand.territory_figures("CCG"), hand.territory_figures("AA")
    assert ccg is not None and aa is not None
    assert [t.code for t in hand.territories] == ["AA", "CCG"]
    assert ccg.minutes_logged == 120 + 90 + 180 + 120 + 60 + 120 + 60 == 750
    assert aa.minutes_logged == 60 + 120 + 150 + 45 == 375
    assert ccg.minutes_expected == 19284
    # 19284 × 126 / 253 = 9603.89 → 9604 ; 77136 × 126 / 253 = 38415.56 → 38416
    assert ccg.minutes_expected_to_date == 9604
    assert aa.minutes_expected_to_date == 38416
    assert ccg.gap_minutes == 750 - 9604
    # A full-time day in 2022: 1607 h × 60 / 253 = 381.1067 min.
    assert hand.day_minutes == pytest.approx(96420 / 253)
    assert ccg.gap_days == pytest.approx(-8854 / (96420 / 253))
    assert ccg.pillar_minutes() == {
        "prospection": 360,
        "preparation_orientation": 60,
        "animation": 330,
        "referent": 0,
    }
    assert aa.pillar_minutes() == {
        "prospection": 150,
        "preparation_orientation": 60,
        "animation": 120,
        "referent": 45,
    }
    assert hand.minutes_logged == 1125
    assert hand.minutes_expected_to_date == 9604 + 38416


def test_hand_pillars(hand: Report) -> None:
    got = {p.key: (p.minutes, p.share, p.target_share, p.drift_points) for p in hand.pillars}
    assert got["prospection"] == pytest.approx((510, 510 / 1125, 0.30, (510 / 1125 - 0.30) * 100))
    assert got["preparation_orientation"][0] == 120
    assert got["animation"] == pytest.approx((450, 0.4, 0.30, 10.0))
    assert got["referent"] == pytest.approx((45, 0.04, 0.10, -6.0))
    ccg = hand.territory_figures("CCG")
    assert ccg is not None
    assert ccg.pillars[0].share == pytest.approx(360 / 750)


def test_hand_livrables(hand: Report) -> None:
    share = 126 / 253
    rows = {lv.key: lv for lv in hand.livrables}
    expected = {
        # key: (target, actual, status)
        "ateliers": (6, 2, ON_TRACK),  # expects 2.99 ± 1
        # ISO weeks 1..52 of 2022; week 10 has 5 h, week 11 1 h: neither reaches 7 h
        "presence_qpv": (52, 0, LATE),
        "comites_techniques": (3, 1, ON_TRACK),  # expects 1.49 ± 1
        "evenements": (1, 0, ON_TRACK),  # expects 0.50 ± 1
        "personnes_sensibilisees": (100, 20, LATE),  # expects 49.8 ± 4.98
        "personnes_accueillies": (40, 2, LATE),  # P-2022-001, P-2022-002
        "projets_amorcage": (24, 2, LATE),  # P-2022-001, P-2021-009 (amorçage in 2022)
        "creations": (6, 1, LATE),  # P-2021-009; expects 2.99 - 1 > 1
    }
    for key, (target, actual, status) in expected.items():
        lv = rows[key]
        assert lv.target == pytest.approx(target), key
        assert (lv.actual, lv.status) == (actual, status), key
        assert lv.expected_to_date == pytest.approx(target * share), key
        assert lv.projection == pytest.approx(actual / share), key
    qpv = rows["part_qpv"]
    # Accompanied in 2022 to date (received by then, a step in 2022), all
    # territories: 001 (QPV), 002, 003 (QPV), and 2021-009 (received in 2021,
    # amorçage in 2022).
    assert (qpv.numerator, qpv.denominator) == (2, 4)
    assert qpv.actual == pytest.approx(2 / 4)
    assert qpv.target == pytest.approx(0.30)
    assert qpv.status == REACHED
    assert hand.qpv_share.denominator == 4 and hand.qpv_share.numerator == 2
    assert hand.qpv_share.target == pytest.approx(0.30)


def test_hand_breakdowns(hand: Report) -> None:
    b = hand.porteurs
    assert b.active == 4  # P-2022-004 is received after as_of
    assert b.by_stage == {
        "nouveau": 0,
        "accueilli": 1,
        "amorcage": 0,
        "oriente": 2,  # 001, and 003 whose création comes after as_of
        "creation": 1,
        "sortie": 0,
    }
    assert b.by_category == {
        "femme": 2,
        "moins_26": 1,
        "dld": 1,
        "minima_sociaux": 0,
        "non_francophone": 0,
    }
    assert b.by_qpv["QN07405M"] == 1 and b.by_qpv["QN07401M"] == 1
    assert b.by_qpv["QN07402M"] == 0 and b.by_qpv["hors_qpv"] == 2
    assert b.orientations["adie"] == 1 and b.orientations["initiative"] == 1
    assert sum(b.orientations.values()) == 2


def test_hand_weekly(hand: Report) -> None:
    assert [(w.week, w.minutes) for w in hand.weekly] == [(23, 0), (24, 0), (25, 60), (26, 45)]
    assert hand.weekly[-1].monday == date(2022, 6, 27)


def test_hand_territory_filter(config: Config, cal: WorkingCalendar) -> None:
    entries, porteurs = history()
    r = report(entries, porteurs, config, Period.year(2022), AS_OF, cal, "CCG", weeks=4)
    assert [t.code for t in r.territories] == ["CCG"]
    assert r.minutes_logged == 750
    assert {p.key: p.minutes for p in r.pillars}["prospection"] == 360
    assert len(r.livrables) == 10  # CCG's and the all-territories part_qpv
    assert livrable_of(r, "part_qpv").denominator == 4
    assert (r.qpv_share.denominator, r.qpv_share.numerator) == (3, 1)
    assert r.porteurs.active == 3
    assert [w.minutes for w in r.weekly] == [0, 0, 60, 0]
    aa = report(entries, porteurs, config, Period.year(2022), AS_OF, cal, "AA")
    assert [lv.key for lv in aa.livrables] == ["part_qpv"]


def test_hand_json(hand: Report) -> None:
    doc = report_to_json(hand)
    assert doc["period"] == {"from": "2022-01-01", "to": "2022-12-31", "as_of": "2022-06-30"}
    ccg = doc["territories"]["CCG"]
    assert ccg["etp"] == 0.2
    assert ccg["hours_logged"] == 12.5
    assert ccg["hours_expected_year"] == 321.4
    # 0.2 × 1607 × 126/253 = 160.0648 h (exact; 9604 min rounded would read 160.07)
    assert ccg["hours_expected_to_date"] == 160.06
    assert ccg["pillars"] == {
        "prospection": 6.0,
        "preparation_orientation": 1.0,
        "animation": 5.5,
        "referent": 0.0,
    }
    assert doc["pillars"]["animation"] == {
        "label": "Animation",
        "hours": 7.5,
        "share": 0.4,
        "target_share": 0.3,
        "drift_points": 10.0,
    }
    lv = doc["livrables"][0]
    assert {k: lv[k] for k in ("key", "label", "territory", "target", "actual", "status")} == {
        "key": "ateliers",
        "label": "Ateliers de sensibilisation",
        "territory": "CCG",
        "target": 6,
        "actual": 2,
        "status": "dans les temps",
    }
    assert isinstance(lv["actual"], int)
    assert lv["expected_to_date"] == 2.99 and lv["projection"] == 4.02
    assert {k: doc["qpv_share"][k] for k in ("numerator", "denominator", "share", "target")} == {
        "numerator": 2,
        "denominator": 4,
        "share": 0.5,
        "target": 0.3,
    }
    assert doc["livrables"][0]["target_rule"] == "convention"
    # RQTH: one person in the history, fewer than 5: no figure at all.
    assert doc["publics"]["rqth"] is None
    assert set(doc) >= {"period", "territories", "pillars", "livrables", "qpv_share"}


def test_nothing_happened_yet(config: Config, cal: WorkingCalendar) -> None:
    entries, porteurs = history()
    r = report(entries, porteurs, config, Period.year(2022), date(2021, 12, 31), cal)
    assert r.minutes_logged == 0 and r.elapsed_working_days == 0
    assert all(lv.status == ON_TRACK for lv in r.livrables if lv.kind != "qpv_share")
    assert livrable_of(r, "part_qpv").status is None
    assert all(p.share is None and p.drift_points is None for p in r.pillars)
    assert livrable_of(r, "ateliers").projection is None


def test_unknown_territory_and_pillar_are_kept(config: Config, cal: WorkingCalendar) -> None:
    odd = [entry("2022-03-01", 30, "atelier", "OLD", pillar="ancien")]
    r = report(odd, [], config, Period.year(2022), AS_OF, cal)
    old = r.territory_figures("OLD")
    assert old is not None and old.etp == 0 and old.minutes_logged == 30
    assert {p.key: p.minutes for p in r.pillars}["ancien"] == 30


@pytest.mark.parametrize(
    ("actual", "target", "expected", "elapsed", "status"),
    [
        (6, 6, 3, 0.5, REACHED),
        (7, 6, 3, 0.5, REACHED),
        (4, 6, 3, 0.5, AHEAD),  # 3 + max(0.3, 1)
        (3, 6, 3, 0.5, ON_TRACK),
        (2, 6, 3, 0.5, ON_TRACK),
        (1, 6, 3, 0.5, LATE),
        (54, 100, 50, 0.5, ON_TRACK),  # band 5: 50 × 1.1 = 55 is ahead
        (55, 100, 50, 0.5, AHEAD),
        (45, 100, 50, 0.5, ON_TRACK),
        (44, 100, 50, 0.5, LATE),
        (0, 1, 0.5, 0.5, ON_TRACK),  # the annual event in June
        (0, 1, 1, 1.0, LATE),  # period over
        (0, 6, 0, 0.0, ON_TRACK),  # not started
        (0, None, 0, 0.5, None),
    ],
)
def test_status(
    actual: float, target: float | None, expected: float, elapsed: float, status: str | None
) -> None:
    assert livrable_status(actual, target, expected, elapsed) == status


@pytest.mark.parametrize(
    ("share", "target", "status"),
    [
        (0.30, 0.30, REACHED),
        (0.26, 0.30, ON_TRACK),
        (0.25, 0.30, ON_TRACK),
        (0.2, 0.3, LATE),
        (None, 0.3, None),
        (0.5, None, None),
    ],
)
def test_share_status(share: float | None, target: float | None, status: str | None) -> None:
    assert share_status(share, target) == status


# --------------------------------------------------------------------------- properties

TYPES = ["atelier", "permanence", "comite_technique", "evenement", "entretien", "suivi"]
PILLARS = ["prospection", "preparation_orientation", "animation", "referent"]


@st.composite
def entries_strategy(draw: st.DrawFn) -> list[Entry]:
    n = draw(st.integers(0, 60))
    out = []
    for i in range(n):
        out.append(
            Entry(
                id=f"{i:032x}",
                date=date(2021, 6, 1) + timedelta(days=draw(st.integers(0, 800))),
                minutes=draw(st.integers(1, 24 * 60)),
                type=draw(st.sampled_from(TYPES)),
                pillar=draw(st.sampled_from(PILLARS)),
                territory=draw(st.sampled_from(["AA", "CCG"])),
                persons=draw(st.integers(0, 40)),
            )
        )
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=entries_strategy(),
    start=st.integers(0, 700),
    length=st.integers(0, 500),
    as_of=st.integers(0, 900),
    territory=st.sampled_from([None, "AA", "CCG"]),
)
def test_properties(
    config: Config,
    cal: WorkingCalendar,
    entries: list[Entry],
    start: int,
    length: int,
    as_of: int,
    territory: str | None,
) -> None:
    base = date(2021, 1, 1)
    period = Period(base + timedelta(start), base + timedelta(start + length))
    day = base + timedelta(as_of)
    r = report(entries, [], config, period, day, cal, territory)
    counted = [
        e
        for e in entries
        if period.start <= e.date <= min(period.end, day) and territory in (None, e.territory)
    ]
    total = sum(e.minutes for e in counted)
    # Pillar minutes summed over territories == total == pillar split overall.
    assert sum(sum(t.pillar_minutes().values()) for t in r.territories) == total
    assert sum(t.minutes_logged for t in r.territories) == r.minutes_logged == total
    assert sum(p.minutes for p in r.pillars) == total
    for key in PILLARS:
        per_territory = sum(t.pillar_minutes()[key] for t in r.territories)
        assert per_territory == next(p.minutes for p in r.pillars if p.key == key)
    # Livrable counts never exceed the matching entries (of the period, any territory).
    for lv_conf in (lv for c in config.conventions for lv in c.livrables):
        got = r.livrable(lv_conf.key)
        if got is None or lv_conf.metric.kind not in ("count_entries", "distinct_weeks"):
            continue
        matching = [
            e
            for e in entries
            if e.type in lv_conf.metric.types and period.start <= e.date <= min(period.end, day)
        ]
        assert got.actual is not None and 0 <= got.actual <= len(matching)
        if lv_conf.metric.kind == "count_entries":  # exact, by brute force
            exact = [
                e
                for e in matching
                if got.period.start <= e.date <= got.period.end
                and lv_conf.territory in (None, e.territory)
            ]
            # one occurrence per type, day and territory (core.occurrences)
            assert got.actual == len({(e.type, e.date, e.territory) for e in exact if e.occurrence})
    # Hours in the JSON are the minutes / 60 rounded to 2 decimals.
    doc = report_to_json(r)
    for t in r.territories:
        assert doc["territories"][t.code]["hours_logged"] == round(t.minutes_logged / 60, 2)


def test_days_to_check_are_those_of_citeslab_check(config: Config, cal: WorkingCalendar) -> None:
    """The report lists the days core.plausibility flags (the rule of `citeslab
    check`), up to as_of; with `today`, the period's days after it too."""
    from citeslab_tui.core.plausibility import days_to_check

    entries = [
        entry("2022-03-01", 11 * 60, "atelier", "CCG"),  # above 10 h
        entry("2022-04-16", 120, "atelier", "AA"),  # Saturday
        entry("2022-05-26", 60, "atelier", "CCG"),  # Ascension
        entry("2022-06-01", 7 * 60, "atelier", "AA"),  # a plain day
        entry("2022-07-04", 60, "atelier", "CCG"),  # after as_of, before today
        entry("2022-11-14", 60, "atelier", "AA"),  # after today
    ]
    year = Period.year(2022)
    as_of, today = date(2022, 6, 30), date(2022, 9, 1)
    r = report(entries, [], config, year, as_of, cal, today=today)
    assert [(d.day.isoformat(), d.reasons()) for d in r.days_to_check] == [
        ("2022-03-01", ["plus_de_max"]),
        ("2022-04-16", ["week_end"]),
        ("2022-05-26", ["ferie"]),
        ("2022-11-14", ["futur"]),
    ]
    same = days_to_check(
        [e for e in entries if e.date != date(2022, 7, 4)], config, cal.holidays, today
    )
    assert list(r.days_to_check) == same
    doc = report_to_json(r)["days_to_check"]
    assert doc["count"] == 4
    assert doc["days"][0] == {
        "date": "2022-03-01",
        "hours": 11.0,
        "reasons": ["plus_de_max"],
        "messages": ["mardi 01/03/2022 : journée de 11 h, plus de 10 h (vérifiez la saisie)"],
    }
    # Without today, only the days up to as_of (none is "future").
    no_today = report(entries, [], config, year, as_of, cal)
    assert [d.day.isoformat() for d in no_today.days_to_check] == [
        "2022-03-01",
        "2022-04-16",
        "2022-05-26",
    ]
    # One territory: the days holding one of its entries.
    ccg = report(entries, [], config, year, as_of, cal, "CCG", today=today)
    assert [d.day.isoformat() for d in ccg.days_to_check] == ["2022-03-01", "2022-05-26"]
