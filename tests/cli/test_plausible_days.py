"""`citeslab log` and `citeslab check` on implausible days (issue 11): a day
above 24 h is refused (exit 1, nothing written); other oddities are recorded
with a warning on stderr (exit 0) and listed by check as "jours à vérifier"."""

from __future__ import annotations

import json

from tests.fixture_types import Run


def _count(run: Run) -> int:
    return len(
        json.loads(run("list", "--from", "2022-01-01", "--to", "2030-12-31", "--json").output)
    )


def test_eleven_hours_is_recorded_with_a_warning(run: Run) -> None:
    run("log", "10h entretien", "--date", "2022-03-01")
    result = run("log", "1h atelier", "--date", "2022-03-01")
    assert "Enregistré" in result.output
    assert "Attention : mardi 01/03/2022 : journée de 11 h, plus de 10 h" in result.stderr
    assert _count(run) == 2


def test_twenty_five_hours_is_refused_and_nothing_written(run: Run) -> None:
    run("log", "10h entretien", "--date", "2022-03-01")
    result = run("log", "15h entretien", "--date", "2022-03-01", code=1)
    assert "la journée ferait 25 h ; une journée ne peut pas dépasser 24 h" in result.stderr
    assert _count(run) == 1
    # the four 9 h entretiens: the third is refused
    run("log", "9h entretien", "--date", "2022-03-02")
    run("log", "9h entretien", "--date", "2022-03-02")
    assert "27 h" in run("log", "9h entretien", "--date", "2022-03-02", code=1).stderr


def test_holiday_weekend_overlap_and_future(run: Run) -> None:
    assert "jour férié" in run("log", "2h salon", "--date", "2022-07-14").stderr
    assert "jour de week-end" in run("log", "2h salon", "--date", "2022-03-05").stderr
    run("log", "9h-12h permanence", "--date", "2022-03-07")
    stderr = run("log", "11h-13h entretien", "--date", "2022-03-07").stderr
    assert "plages qui se chevauchent (09:00–12:00 et 11:00–13:00)" in stderr
    assert "date future" in run("log", "1h suivi", "--date", "2099-01-05").stderr
    assert run("log", "1h suivi", "--date", "2022-03-08").stderr == ""
    out = run("check").output
    assert "Aucun problème." in out and "Jours à vérifier (4) :" in out
    assert "jeudi 14/07/2022 : jour férié" in out and "lundi 07/03/2022 : plages" in out
    assert "08/03/2022" not in out


def test_porteur_brings_its_territory_and_qpv_elsewhere_warns(run: Run) -> None:
    run("porteur", "add", "--territory", "CCG", "--accueilli", "2022-03-02")
    out = run("log", "1h entretien +P-2022-001", "--date", "2022-03-03").output
    assert "· CCG ·" in out  # no @: the porteur's territory, not the default AA
    assert "· AA ·" in run("log", "1h entretien +P-2022-001 @AA", "--date", "2022-03-03").output
    result = run("log", "1h atelier #perrier @CCG", "--date", "2022-03-03")
    assert "QPV QN07401M (AA) sur une entrée de CCG" in result.stderr


def test_check_accepts_absences_and_training(run: Run) -> None:
    """An absence or a training day stores its kind as its pillar: not a
    pillar missing from the configuration."""
    run("log", "7h congé", "--date", "2022-03-01")
    run("log", "1j formation", "--date", "2022-03-02")
    assert "Aucun problème" in run("check").output
