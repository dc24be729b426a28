"""The retention purge, one workflow for `citeslab privacy --purge` and F4."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import PathStep
from citeslab_tui.services import privacy
from citeslab_tui.store import Store

from ..store.helpers import make_porteur

OLD = (PathStep("accueilli", date(2019, 1, 2)),)
RECENT = (PathStep("accueilli", date(2022, 3, 1)),)
TODAY = date(2022, 4, 12)


def test_due_then_purge_erases_exactly_the_porteurs_shown(store: Store) -> None:
    store.add_porteur(make_porteur("P-2019-001", name="Awa Diallo", steps=OLD))
    store.add_porteur(make_porteur("P-2022-001", name="Léa Martin", steps=RECENT))
    shown = privacy.due(store, TODAY)
    assert [(d.id, d.territory) for d in shown] == [("P-2019-001", "CCG")]
    assert "dernier contact" in shown[0].reason
    done = privacy.purge(store, TODAY, [d.id for d in shown])
    assert done.ids == ["P-2019-001"]
    names = {p.id: p.name for p in store.porteurs()}
    assert names == {"P-2019-001": None, "P-2022-001": "Léa Martin"}
    assert privacy.describe(done).startswith("1 porteur(s) anonymisé(s) : P-2019-001 ;")


def test_a_list_that_changed_since_shown_erases_nothing(store: Store, db_path: Path) -> None:
    store.add_porteur(make_porteur("P-2019-001", name="Awa Diallo", steps=OLD))
    shown = [d.id for d in privacy.due(store, TODAY)]
    store.add_porteur(make_porteur("P-2019-002", name="Inès Petit", steps=OLD))
    before = db_path.read_bytes()
    with pytest.raises(CitesLabError, match="a changé depuis son affichage"):
        privacy.purge(store, TODAY, shown)
    assert db_path.read_bytes() == before
    with pytest.raises(CitesLabError, match="aucun porteur"):
        privacy.purge(store, date(2019, 2, 1), [])
