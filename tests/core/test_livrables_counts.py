"""Livrables that count what was held (issue 12): occurrences and the time
around them, presence weeks, the QPV share of accompanied porteurs, publics,
governance and money — DOMAIN.md's figures as tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.indicators import REACHED, Report, report, report_to_json
from citeslab_tui.core.livrables import cadence_on, calendar_share, next_due
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.core.quickentry import parse
from tests.core.figures import livrable_of

YEARS = range(2020, 2025)
_ids = count(1)
NOW = datetime(2022, 6, 30, 18, 0)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(YEARS), years=YEARS)


def logged(config: Config, day: str, line: str) -> Entry:
    """An entry as the cheffe would type it in the quick entry."""
    draft = parse(line, config)
    return draft.to_entry(id=f"{next(_ids):032x}", day=date.fromisoformat(day), now=NOW)


def year_2022(
    config: Config, cal: WorkingCalendar, entries: list[Entry], porteurs: Sequence[Porteur] = ()
) -> Report:
    return report(entries, list(porteurs), config, Period.year(2022), date(2022, 12, 31), cal)


# --------------------------------------------------------------------------- occurrences


def test_one_atelier_and_two_preparations_count_one(config: Config, cal: WorkingCalendar) -> None:
    week = [
        logged(config, "2022-03-07", "2h prépa atelier @CCG -- support"),
        logged(config, "2022-03-08", "1h30 atelier préparation @CCG -- salle"),
        logged(config, "2022-03-10", "10h-12h atelier @CCG 12p"),
    ]
    assert [e.occurrence for e in week] == [False, False, True]
    r = year_2022(config, cal, week)
    assert livrable_of(r, "ateliers").actual == 1
    assert livrable_of(r, "personnes_sensibilisees").actual == 12
    # The time stays on the atelier's pillar and territory: 5 h 30 of animation.
    ccg = r.territory_figures("CCG")
    assert ccg is not None and ccg.pillar_minutes()["animation"] == 330


def test_two_sessions_of_one_atelier_count_once(config: Config, cal: WorkingCalendar) -> None:
    day = [
        logged(config, "2022-03-10", "9h-12h atelier @CCG 12p"),
        logged(config, "2022-03-10", "14h-16h atelier @CCG 10p"),
        logged(config, "2022-03-10", "1h atelier @AA 8p"),  # another territory
    ]
    r = year_2022(config, cal, day)
    assert livrable_of(r, "ateliers").actual == 1
    assert livrable_of(r, "ateliers").held_on == (date(2022, 3, 10),)
    sensibilisees = r.livrable("personnes_sensibilisees")
    assert sensibilisees is not None and sensibilisees.actual == 12  # the same group


def test_short_event_preparation_does_not_reach_the_event(
    config: Config, cal: WorkingCalendar
) -> None:
    r = year_2022(config, cal, [logged(config, "2022-02-01", "30min evenement prépa @CCG")])
    lv = r.livrable("evenements")
    assert lv is not None and lv.actual == 0 and lv.status != REACHED


def test_preview_says_what_the_entry_counts_as(config: Config) -> None:
    assert (
        "compte comme 1 atelier de sensibilisation" in parse("2h atelier @CCG", config).describe()
    )
    assert "temps de préparation" in parse("2h prépa atelier @CCG", config).describe()
    assert "compte comme" not in parse("2h atelier @AA", config).describe()  # no AA livrable
    assert "compte comme" not in parse("1h entretien @CCG", config).describe()
    comite = parse("1h comite tech compte-rendu @CCG", config)
    assert not comite.occurrence and comite.type == "comite_technique"
    assert [t.kind for t in comite.tokens] == ["duree", "type", "autour", "territoire"]


TYPES = ["atelier", "permanence", "comite_technique", "comite_pilotage", "evenement"]


@st.composite
def entries_strategy(draw: st.DrawFn) -> list[Entry]:
    out = []
    for i in range(draw(st.integers(0, 40))):
        out.append(
            Entry(
                id=f"{i:032x}",
                date=date(2022, 1, 3) + timedelta(days=draw(st.integers(0, 60))),
                minutes=draw(st.integers(1, 600)),
                type=draw(st.sampled_from(TYPES)),
                pillar="animation",
                territory=draw(st.sampled_from(["AA", "CCG"])),
                qpv=draw(st.sampled_from([None, "QN07405M", "QN07401M"])),
                persons=draw(st.integers(0, 30)),
            )
        )
    return out


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=entries_strategy(), data=st.data())
def test_marking_preparation_never_increases_a_count(
    config: Config, cal: WorkingCalendar, entries: list[Entry], data: st.DataObject
) -> None:
    marked = data.draw(st.sets(st.integers(0, max(len(entries) - 1, 0))))
    changed = [e._replace(occurrence=False) if i in marked else e for i, e in enumerate(entries)]
    before = {lv.key: lv.actual for lv in year_2022(config, cal, entries).livrables}
    after = {lv.key: lv.actual for lv in year_2022(config, cal, changed).livrables}
    for key, value in before.items():
        if key != "part_qpv":
            assert after[key] <= value, key  # type: ignore[operator]


# --------------------------------------------------------------------------- presence


def test_presence_week_needs_a_day_in_the_quartier(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "2022-03-07", "30min permanence @CCG"),  # week 10: 30 min
        logged(config, "2022-03-14", "9h-12h permanence #QN07405M"),  # week 11: 3 h …
        logged(config, "2022-03-15", "13h-17h permanence @CCG"),  # … + 4 h = 7 h
        logged(config, "2022-03-21", "8h permanence #QN07401M"),  # week 12: another QPV
        logged(config, "2022-03-28", "8h permanence prépa @CCG"),  # week 13: not presence
    ]
    lv = year_2022(config, cal, entries).livrable("presence_qpv")
    assert lv is not None and lv.actual == 1


def test_presence_minimum_is_configurable(config: Config, cal: WorkingCalendar) -> None:
    conv = config.conventions[0]
    lvs = tuple(
        lv._replace(metric=lv.metric._replace(min_hours=0.5)) if lv.key == "presence_qpv" else lv
        for lv in conv.livrables
    )
    custom = config._replace(conventions=(conv._replace(livrables=lvs),))
    entries = [logged(config, "2022-03-07", "30min permanence @CCG")]
    assert livrable_of(year_2022(custom, cal, entries), "presence_qpv").actual == 1


# --------------------------------------------------------------------------- porteurs


def porteur(pid: str, steps: list[tuple[str, str]], **fields: object) -> Porteur:
    return Porteur(
        uuid=pid.lower().replace("-", "").ljust(32, "0"),
        id=pid,
        territory=str(fields.pop("territory", "CCG")),
        steps=tuple(PathStep(s, date.fromisoformat(d)) for s, d in steps),
        **fields,  # type: ignore[arg-type]
    )


def test_qpv_share_counts_residents_and_projects_in_a_qpv(
    config: Config, cal: WorkingCalendar
) -> None:
    people = [
        porteur("P-2022-001", [("accueilli", "2022-02-01")], qpv_resident=True),
        porteur("P-2022-002", [("accueilli", "2022-03-01")], project_qpv=True),
        porteur("P-2022-003", [("accueilli", "2022-04-01")]),
        porteur("P-2022-004", [("accueilli", "2022-04-02")], territory="AA"),
        porteur("P-2021-005", [("accueilli", "2021-10-01"), ("amorcage", "2022-01-15")]),
        porteur("P-2021-006", [("accueilli", "2021-10-01")], qpv_resident=True),  # not in 2022
    ]
    r = year_2022(config, cal, [], people)
    doc = report_to_json(r)
    assert {k: doc["qpv_share"][k] for k in ("numerator", "denominator", "share", "target")} == {
        "numerator": 2,
        "denominator": 5,
        "share": 0.4,
        "target": 0.3,
    }
    assert doc["qpv_share"]["label"] == "Part des porteurs accompagnés issus d'un QPV"
    assert doc["publics"]["from_qpv"] == 2


def test_an_entry_naming_a_porteur_makes_them_accompanied_that_year(
    config: Config, cal: WorkingCalendar
) -> None:
    """Received in 2021, followed in 2022 (an interview naming them): accompanied
    in 2022 without a new step — the issue's "accueilli or later with at least
    one follow-up entry". Time around it counts too; a porteur never received
    is active, not accompanied; 2021's follow-up does not reach 2022."""
    people = [
        porteur("P-2021-006", [("accueilli", "2021-10-01")], qpv_resident=True),
        porteur("P-2021-007", [("accueilli", "2021-11-01")]),
        porteur("P-2021-008", [("accueilli", "2021-11-02")]),
        porteur("P-2022-009", []),  # named, never received
    ]
    entries = [
        logged(config, "2022-03-07", "1h entretien @CCG +P-2021-006"),
        logged(config, "2022-05-02", "30m suivi @CCG +P-2021-007 +P-2022-009"),
        logged(config, "2021-12-06", "1h entretien @CCG +P-2021-008"),
    ]
    before = year_2022(config, cal, [], people)
    assert (before.qpv_share.numerator, before.qpv_share.denominator) == (0, 0)
    r = year_2022(config, cal, entries, people)
    assert (r.qpv_share.numerator, r.qpv_share.denominator) == (1, 2)
    assert r.publics.counted == 2 and r.porteurs.active == 3
    assert livrable_of(r, "part_qpv").denominator == 2
    # The steps reached in 2022 do not move: the entry is no step.
    assert r.path.reached["accueilli"] == 0
    doc = report_to_json(r)
    assert doc["qpv_share"]["rule"] == (
        "accompagnés : étape « accueilli » atteinte, et une étape ou une entrée (+P-…)"
        " dans la période"
    )


def test_rqth_only_as_an_aggregate_of_five(config: Config, cal: WorkingCalendar) -> None:
    def person(i: int, rqth: bool) -> Porteur:
        return porteur(
            f"P-2022-{i:03d}",
            [("accueilli", "2022-02-01")],
            rqth=rqth,
            rqth_consent_date=date(2022, 2, 1) if rqth else None,
            profile="intentionniste" if i % 2 else "en_activite",
            categories=("femme",) if i < 3 else (),
        )

    four = [person(i, i < 4) for i in range(10)]
    assert report_to_json(year_2022(config, cal, [], four))["publics"]["rqth"] is None
    five = [person(i, i < 5) for i in range(10)]
    doc = report_to_json(year_2022(config, cal, [], five))
    assert doc["publics"]["rqth"] == 5
    assert doc["publics"]["by_profile"] == {
        "intentionniste": 5,
        "en_devenir": 0,
        "en_activite": 5,
        "non_precise": 0,
    }
    assert doc["publics"]["by_category"]["femme"] == 3
    # Everyone RQTH would identify everyone: not shown either.
    everyone = [person(i, True) for i in range(6)]
    assert report_to_json(year_2022(config, cal, [], everyone))["publics"]["rqth"] is None


def test_path_sorties_orientations_creations(config: Config, cal: WorkingCalendar) -> None:
    people = [
        porteur("P-2022-001", [("accueilli", "2022-02-01")]),
        Porteur(
            uuid="b" * 32,
            id="P-2022-002",
            territory="CCG",
            steps=(
                PathStep("accueilli", date(2022, 2, 1)),
                PathStep("oriente", date(2022, 3, 1), partner="ADIE"),
                PathStep("creation", date(2022, 9, 15)),
            ),
        ),
        Porteur(
            uuid="c" * 32,
            id="P-2022-003",
            territory="AA",
            steps=(
                PathStep("accueilli", date(2022, 2, 1)),
                PathStep("sortie", date(2022, 5, 1), reason="emploi"),
            ),
        ),
    ]
    doc = report_to_json(year_2022(config, cal, [], people))
    assert doc["orientations"]["adie"] == 1
    assert doc["sorties"] == {"desamorce": 0, "emploi": 1, "formation": 0, "autre": 0}
    assert doc["path"]["creations"] == {"count": 1, "dates": ["2022-09-15"]}
    assert doc["path"]["reached"]["accueilli"] == 3
    assert doc["path"]["by_stage"]["creation"] == 1


# --------------------------------------------------------------------------- governance


def test_governance_lists_the_comites(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "2022-02-10", "2h comite tech @CCG"),
        logged(config, "2022-02-09", "3h comite tech prépa @CCG"),
        logged(config, "2022-06-15", "2h comite pilotage @CCG"),
    ]
    r = report(entries, [], config, Period.year(2022), date(2022, 7, 1), cal)
    gov = {g["key"]: g for g in report_to_json(r)["governance"]}
    assert set(gov) == {"comites_techniques", "comites_pilotage"}
    cotech = gov["comites_techniques"]
    assert (cotech["held"], cotech["target"], cotech["dates"]) == (1, 3, ["2022-02-10"])
    # 10/02/2022 is in the convention's first year (from 01/09/2021): quarterly.
    assert cotech["next_due"] == "2022-05-10" and cotech["overdue"] is True
    assert cotech["cadence_months"] == 3
    assert gov["comites_pilotage"]["next_due"] is None  # 2023-06-15: after the period
    assert gov["comites_pilotage"]["status"] == REACHED


def test_next_due() -> None:
    window = Period.year(2022)
    assert next_due([], window, 4) == date(2022, 5, 1)
    assert next_due([date(2022, 10, 31)], window, 1) == date(2022, 11, 30)
    assert next_due([date(2022, 10, 31)], window, 3) is None
    assert next_due([date(2022, 1, 1)], window, None) is None


def test_the_cotech_cadence_is_quarterly_the_first_year_then_four_months(
    config: Config, cal: WorkingCalendar
) -> None:
    """Cahier des charges: quarterly the first year (from the convention's start,
    01/09/2021), then half-yearly — the convention's 3 a year (4 months) being
    the stricter afterwards: the gap in force on the day of the last comité."""
    cotech = next(lv for lv in config.conventions[0].livrables if lv.key == "comites_techniques")
    start = date(2021, 9, 1)
    assert cotech.cadence_phases == ((3, 12), (4, None))
    assert [
        cadence_on(cotech, start, date.fromisoformat(d))
        for d in ("2021-06-01", "2021-09-01", "2022-08-31", "2022-09-01", "2023-05-09")
    ] == [3, 3, 3, 4, 4]
    assert cadence_on(cotech._replace(cadence_phases=()), start, date(2022, 1, 1)) == 4

    def due(held: str, year: int, as_of: str) -> tuple[object, object, object]:
        entries = [logged(config, held, "2h comite tech @CCG")]
        r = report(entries, [], config, Period.year(year), date.fromisoformat(as_of), cal)
        (g,) = (g for g in report_to_json(r)["governance"] if g["key"] == "comites_techniques")
        return g["cadence_months"], g["next_due"], g["overdue"]

    # 2021: none held yet, due three months after the start of the convention.
    r = report([], [], config, Period.year(2021), date(2021, 12, 31), cal)
    (g,) = (g for g in report_to_json(r)["governance"] if g["key"] == "comites_techniques")
    assert (g["next_due"], g["overdue"]) == ("2021-12-01", True)
    assert due("2022-07-04", 2022, "2022-10-31") == (3, "2022-10-04", True)
    assert due("2022-09-05", 2022, "2022-12-31") == (4, None, False)  # 05/01/2023: next year


def test_a_cadence_phase_without_length_must_be_the_last(config: Config) -> None:
    import json

    from citeslab_tui.config import config_from_dict, default_config_path
    from citeslab_tui.core.errors import ConfigError

    data = json.loads(default_config_path().read_text(encoding="utf-8"))
    cotech = data["conventions"][0]["livrables"][2]
    cotech["cadence_phases"] = [{"months": 3}, {"months": 6}]
    with pytest.raises(ConfigError, match=r"cadence_phases\[0\]\.for_months: obligatoire"):
        config_from_dict(data)
    cotech["cadence_phases"] = [{"months": 0}]
    with pytest.raises(ConfigError):
        config_from_dict(data)


def test_calendar_share() -> None:
    end = date(2023, 5, 9)
    assert calendar_share(date(2021, 9, 1), date(2021, 12, 31), end)[1] == "4/12"
    assert calendar_share(date(2023, 1, 1), end, end)[1] == "128/365"
    assert calendar_share(date(2022, 1, 1), date(2022, 12, 31), end)[1] == "12/12"
    assert calendar_share(date(2022, 3, 1), date(2022, 3, 31), end)[1] == "1/12"


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("year", "cost", "subsidy", "net", "expected_hours", "hourly", "bpi"),
    [
        (2021, 5093, 1323, 3770, 108.82, 46.80, 0.26),  # 0.2 × 1607 × 86/254 = 108.819
        (2022, 15280, 3900, 11380, 321.4, 47.54, 0.255),
        (2023, 5359, 1368, 3991, 113.96, 47.03, 0.255),  # 0.2 × 1607 × 89/251
    ],
)
def test_money_table(
    config: Config,
    cal: WorkingCalendar,
    year: int,
    cost: int,
    subsidy: int,
    net: int,
    expected_hours: float,
    hourly: float,
    bpi: float,
) -> None:
    r = report([], [], config, Period.year(year), date(year, 12, 31), cal)
    (m,) = report_to_json(r)["money"]
    assert (m["convention"], m["territory"], m["year"]) == ("ccg-med", "CCG", year)
    assert (m["cost"], m["bpi_subsidy"], m["net"]) == (cost, subsidy, net)
    assert m["expected_hours"] == pytest.approx(expected_hours, abs=0.005)
    assert m["hourly_cost"] == pytest.approx(hourly, abs=0.01)
    assert m["bpi_share"] == pytest.approx(bpi, abs=0.001)
    assert m["warnings"] == []


def test_money_value_of_hours_logged(config: Config, cal: WorkingCalendar) -> None:
    entries = [
        logged(config, "2022-03-10", "10h atelier @CCG"),
        logged(config, "2022-03-11", "4h entretien @AA"),  # not the CCG's
    ]
    (m,) = report_to_json(year_2022(config, cal, entries))["money"]
    assert m["hours_logged"] == 10.0
    assert m["value_logged"] == pytest.approx(475.42, abs=0.01)  # 10 h × 47.54
    assert m["value_share"] == pytest.approx(475.42 / 15280, abs=1e-4)


def test_money_warns_above_30_percent(config: Config, cal: WorkingCalendar) -> None:
    conv = config.conventions[0]
    money = dict(conv.money)
    money[2022] = money[2022]._replace(subsidy=5000.0)
    custom = config._replace(conventions=(conv._replace(money=money),))
    (m,) = report_to_json(year_2022(custom, cal, []))["money"]
    assert m["bpi_share"] == pytest.approx(0.327, abs=0.001)
    assert m["warnings"] == ["part Bpifrance 32,7 % : plus de 30 % du budget"]


def test_the_governance_line_names_the_gap_in_force(config: Config, cal: WorkingCalendar) -> None:
    from citeslab_tui.present_report import governance_line

    entries = [logged(config, "2022-07-04", "2h comite tech @CCG")]
    r = report(entries, [], config, Period.year(2022), date(2022, 10, 31), cal)
    cotech = r.livrable("comites_techniques")
    assert cotech is not None
    assert governance_line(cotech, r.as_of) == (
        "Comités techniques : 1 / 3 · tenus le 04/07 · prochain avant le 04/10/2022"
        " (3 mois après le dernier, dépassé)"
    )
