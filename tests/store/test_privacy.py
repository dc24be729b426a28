"""RGPD: erasure keeps counts and hours; the retention rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from citeslab_tui.core.model import PathStep
from citeslab_tui.store import Store
from citeslab_tui.store.privacy import forget_porteur, retention_due

from .helpers import make_entry, make_porteur


def test_forget_removes_personal_data_everywhere(store: Store, db_path: Path) -> None:
    p = make_porteur(
        name="Awa Diallo",
        contact="06 12 34 56 78",
        notes="habite rue X",
        rqth=True,
        rqth_consent_date=date(2022, 3, 1),
        steps=(PathStep("accueilli", date(2022, 3, 1)),),
    )
    store.add_porteur(p)
    store.update_porteur(p.id, contact="awa@example.org")
    e = store.add_entry(make_entry(porteurs=(p.id,), note="RDV avec Awa Diallo"))
    other = store.add_entry(make_entry(note="rien"))
    hours_before = sum(x.minutes for x in store.entries())
    mentions = forget_porteur(store, p.id)
    assert [m.id for m in mentions] == [e.id]
    assert other.id not in [m.id for m in mentions]
    data = db_path.read_bytes()
    for secret in (b"Awa Diallo", b"06 12 34", b"awa@example.org", b"habite"):
        # only the entry note the user must rewrite still holds the name
        count = data.count(secret)
        assert count == (1 if secret == b"Awa Diallo" else 0), secret
    forgotten = store.find_porteur(p.id)
    assert forgotten.name is None and forgotten.contact is None and forgotten.notes == ""
    assert not forgotten.rqth
    assert forgotten.steps == p.steps and forgotten.qpv == p.qpv
    assert sum(x.minutes for x in store.entries()) == hours_before


def test_retention_rule() -> None:
    today = date(2025, 6, 1)
    recent = make_porteur("P-2024-001", name="A", steps=(PathStep("accueilli", date(2024, 1, 1)),))
    old = make_porteur("P-2022-001", name="B", steps=(PathStep("accueilli", date(2023, 5, 1)),))
    created = make_porteur(
        "P-2021-001",
        name="C",
        steps=(PathStep("accueilli", date(2021, 1, 4)), PathStep("creation", date(2022, 9, 1))),
    )
    created_long_ago = make_porteur(
        "P-2019-001",
        name="D",
        steps=(PathStep("accueilli", date(2019, 1, 4)), PathStep("creation", date(2019, 9, 1))),
    )
    anonymous = make_porteur("P-2018-001", steps=(PathStep("accueilli", date(2018, 1, 1)),))
    due = retention_due([recent, old, created, created_long_ago, anonymous], today)
    assert [p.id for p, _ in due] == ["P-2022-001", "P-2019-001"]
