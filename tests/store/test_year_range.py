"""Issue 10: dates outside 2000–2099 are refused at the store's last gate,
whatever path they came by, while a file written before the rule still opens
and `check` names what to correct."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import Config, PathStep
from citeslab_tui.store import Store
from citeslab_tui.store.check import check_file
from tests.store.helpers import make_entry, make_porteur


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2100, 1, 1), date(24, 3, 1)])
def test_an_entry_out_of_the_years_is_refused(store: Store, day: date) -> None:
    with pytest.raises(ValidationFailed, match=r"année \d+ hors limites \(2000–2099\)"):
        store.add_entry(make_entry(day))
    assert store.entries() == []


def test_the_first_and_last_years_are_accepted(store: Store) -> None:
    store.add_entries([make_entry(date(2000, 1, 3)), make_entry(date(2099, 12, 31))])
    assert len(store.entries()) == 2


def test_an_edit_cannot_move_an_entry_out_of_the_years(store: Store) -> None:
    entry = store.add_entry(make_entry(date(2022, 3, 1)))
    with pytest.raises(ValidationFailed, match="date du 01/03/1974 : année 1974 hors limites"):
        store.update_entry(entry.id, date=date(1974, 3, 1))
    assert store.find_entry(entry.id).date == date(2022, 3, 1)


def test_a_porteur_step_out_of_the_years_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed, match="étape « Accueilli » : date du 02/01/1999"):
        store.add_porteur(make_porteur(steps=(PathStep("accueilli", date(1999, 1, 2)),)))
    store.add_porteur(make_porteur(steps=(PathStep("accueilli", date(2022, 1, 3)),)))
    with pytest.raises(ValidationFailed, match="année 2100 hors limites"):
        store.add_step("P-2022-001", PathStep("creation", date(2100, 1, 4)))
    assert len(store.find_porteur("P-2022-001").steps) == 1


def test_an_rqth_consent_date_out_of_the_years_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed, match="RQTH : date du consentement : date du 03/02/1999"):
        store.add_porteur(make_porteur(rqth=True, rqth_consent_date=date(1999, 2, 3)))
    assert store.porteur_ids() == set()
    store.add_porteur(make_porteur(rqth=True, rqth_consent_date=date(2022, 2, 3)))
    with pytest.raises(ValidationFailed, match="année 2100 hors limites"):
        store.update_porteur("P-2022-001", rqth_consent_date=date(2100, 2, 3))
    assert store.find_porteur("P-2022-001").rqth_consent_date == date(2022, 2, 3)


def test_demo_data_out_of_the_years_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed, match="année 1974 hors limites"):
        store.seed([make_entry(date(1974, 1, 7))], [])
    assert store.is_empty()


def _legacy_file(store: Store) -> tuple[str, str]:
    """A file written before the rule: an entry of 1974 and a porteur received
    in 1999, put in past the gate as an older version did."""
    old = make_entry(date(1974, 1, 7))
    porteur = make_porteur("P-1999-001", steps=(PathStep("accueilli", date(1999, 5, 3)),))
    with store.storage.transaction():
        store._put_entry(None, old)
        store._put_porteur(None, porteur)
    return old.id, porteur.id


def test_a_file_holding_such_dates_still_opens_and_check_names_the_way_out(
    store: Store, config: Config, db_path: Path
) -> None:
    entry_id, pid = _legacy_file(store)
    again = Store.open(db_path, config)
    assert [e.date for e in again.entries()] == [date(1974, 1, 7)]
    problems, _ = check_file(db_path, config)
    short = entry_id[:8]
    assert problems == [
        f"entrée {short} : date du 07/01/1974 : année 1974 hors limites (2000–2099), qu'aucun "
        f"rapport ne montre : corrigez sa date (citeslab edit {short} --date AAAA-MM-JJ) ou "
        f"supprimez-la (citeslab delete {short})",
        f"porteur {pid} : étape « Accueilli » : date du 03/05/1999 : année 1999 hors limites "
        "(2000–2099) : aucun rapport ne compte cette étape",
    ]


def test_the_way_out_works(store: Store, config: Config, db_path: Path) -> None:
    entry_id, pid = _legacy_file(store)
    # the entry must move into the years to be changed at all; then it is fine
    with pytest.raises(ValidationFailed, match="année 1974 hors limites"):
        store.update_entry(entry_id, minutes=60)
    store.update_entry(entry_id, date=date(2024, 1, 8))
    # the porteur's stored step does not stop other changes to it
    store.update_porteur(pid, notes="revu")
    assert store.find_porteur(pid).notes == "revu"
    problems, _ = check_file(db_path, config)
    assert len(problems) == 1 and problems[0].startswith(f"porteur {pid} : étape")
    store.delete_entry(entry_id)
    assert store.entries() == []
