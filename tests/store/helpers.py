"""Small builders shared by the store tests."""

from __future__ import annotations

from datetime import date

from citeslab_tui.core.model import Entry, Porteur, new_uuid

STAMP = "2022-04-12T18:30:00"


def make_entry(day: date = date(2022, 3, 1), **kw: object) -> Entry:
    fields: dict[str, object] = dict(
        id=new_uuid(),
        date=day,
        minutes=90,
        type="atelier",
        pillar="animation",
        territory="CCG",
        persons=12,
        note="",
        created_at=STAMP,
        updated_at=STAMP,
    )
    fields.update(kw)
    return Entry(**fields)  # type: ignore[arg-type]


def make_porteur(pid: str = "P-2022-001", **kw: object) -> Porteur:
    fields: dict[str, object] = dict(
        uuid=new_uuid(),
        id=pid,
        territory="CCG",
        qpv_resident=True,
        qpv="QN07405M",
        created_at=STAMP,
        updated_at=STAMP,
    )
    fields.update(kw)
    return Porteur(**fields)  # type: ignore[arg-type]
