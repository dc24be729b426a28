"""The application layer, called as the CLI and the TUI call it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest
from citeslab_tui.services import entries, export, porteurs, report
from citeslab_tui.services.common import reader, territory_code
from citeslab_tui.store import Store

DAY = date(2022, 4, 12)


def test_log_duplicate_edit_delete_undo(store: Store) -> None:
    first = entries.log(store, "2h atelier @CCG 12p", DAY)
    assert (first.minutes, first.type, first.territory, first.persons) == (
        120,
        "atelier",
        "CCG",
        12,
    )
    copy = entries.duplicate(store, first.id[:8], date(2022, 4, 13))
    assert copy.id != first.id and copy.date == date(2022, 4, 13) and copy.minutes == 120
    changes = entries.changes_from_options(store, first, type_key="permanence", minutes=45)
    assert changes == {
        "type": "permanence",
        "pillar": "prospection",
        "minutes": 45,
        "start": None,
        "end": None,
    }
    edited = entries.edit(store, first.id, changes)
    assert (edited.type, edited.minutes) == ("permanence", 45)
    entries.delete(store, copy.id)
    assert [e.id for e in entries.listed(store, DAY, date(2022, 4, 13))] == [first.id]
    assert entries.undo(store) is not None
    assert len(entries.listed(store, DAY, date(2022, 4, 13), "ccg")) == 2


def test_unknown_territory_and_reversed_period_are_refused_in_french(
    store: Store, config: Config
) -> None:
    with pytest.raises(CitesLabError, match="territoire « ZZ » inconnu"):
        territory_code(config, "ZZ")
    with pytest.raises(CitesLabError, match="précède"):
        entries.listed(store, date(2022, 4, 13), DAY)


def test_porteur_added_once_with_its_welcome_step(store: Store) -> None:
    p = porteurs.add(store, territory="ccg", today=DAY, welcomed=date(2021, 12, 1), qpv="QN07405M")
    assert p.id.startswith("P-2021-") and p.qpv_resident and p.territory == "CCG"
    assert [(s.step, s.date) for s in p.steps] == [("accueilli", date(2021, 12, 1))]
    assert p.created_at == p.updated_at
    bare = porteurs.add(store, territory="AA", today=DAY)
    assert bare.id.startswith("P-2022-") and bare.steps == () and not bare.qpv_resident


def test_steps_rules(store: Store) -> None:
    p = porteurs.add(store, territory="CCG", today=DAY, welcomed=DAY)
    out = porteurs.step(store, p.id, "sortie", DAY)
    assert out.steps[-1].reason == "autre"
    with pytest.raises(CitesLabError, match="motif"):
        porteurs.step(store, p.id, "amorcage", DAY, reason="autre")
    oriented = porteurs.step(store, p.id, "oriente", DAY, partner="adie")
    assert [s.partner for s in oriented.steps if s.step == "oriente"] == ["ADIE"]


def test_filter_and_linked_entries(store: Store) -> None:
    a = porteurs.add(store, territory="CCG", today=DAY, qpv="QN07405M")
    b = porteurs.add(store, territory="AA", today=DAY)
    entries.log(store, f"1h entretien @CCG +{a.id}", DAY)
    everyone = store.porteurs()
    assert porteurs.matching(everyone, qpv_resident=True) == [store.find_porteur(a.id)]
    assert [p.id for p in porteurs.matching(everyone, territory="AA")] == [b.id]
    assert len(porteurs.linked_entries(reader(store), a.id)) == 1
    assert porteurs.linked_entries(store, b.id) == []


def test_report_halves_make_the_whole(store: Store, config: Config) -> None:
    entries.log(store, "2h atelier @CCG 12p", DAY)
    period = Period.year(2022)
    whole = report.report(store, period, DAY, "CCG")
    halves = report.compute(report.read(store, period, DAY), config, "CCG")
    assert whole == halves
    assert whole.minutes_logged == 120


def test_export_into_a_folder_refuses_to_overwrite(store: Store, tmp_path: Path) -> None:
    entries.log(store, "2h atelier @CCG 12p", DAY)
    request = ExportRequest(kind="entries", period=Period.year(2022), today=DAY)
    written = export.export(store, request, folder=tmp_path / "out")
    assert [p.parent for p, _ in written] == [tmp_path / "out"]
    assert written[0][1].rows == 1
    with pytest.raises(CitesLabError, match="existe déjà"):
        export.export(store, request, folder=tmp_path / "out")
