"""Personal data (RGPD): erasure on request, and the retention rule.

Erasure removes the name, contact details and notes of a porteur — also from the
undo journal, which keeps before/after images (where the name is also blanked
out of past entry notes) — and keeps the pseudonymous id,
the territory, QPV, categories and dated path, so the anonymous counts and the
hours already justified to funders stay exactly the same. It cannot be undone.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from citeslab_tui.core.model import Entry, Porteur, timestamp
from citeslab_tui.store import journal
from citeslab_tui.store.store import Store

PERSONAL_FIELDS = {
    "name": None,
    "contact": None,
    "notes": "",
    "rqth": False,
    "rqth_consent_date": None,
}


def _scrub(record: dict[str, Any] | None, uuid: str) -> dict[str, Any] | None:
    if record is None or record.get("uuid") != uuid:
        return record
    return {**record, **PERSONAL_FIELDS}


def _scrub_note(record: dict[str, Any] | None, name: str) -> dict[str, Any] | None:
    if record is None or not name or name.lower() not in record.get("note", "").lower():
        return record
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    return {**record, "note": pattern.sub("[nom effacé]", record["note"])}


def _scrub_change(change: dict[str, Any], uuid: str, name: str) -> dict[str, Any]:
    if change.get("kind") == "porteur":
        return {
            **change,
            "before": _scrub(change["before"], uuid),
            "after": change["after"],
        }
    return {
        **change,
        "before": _scrub_note(change["before"], name),
        "after": change["after"],
    }


def forget_porteur(store: Store, pid: str) -> list[Entry]:
    """Erase a porteur's personal data; return the entries whose note still
    mentions the erased name (left to the user to rewrite)."""
    with store.storage.transaction():
        p = store.find_porteur(pid)
        name = (p.name or "").strip()
        forgotten = p.with_changes(
            name=None,
            contact=None,
            notes="",
            rqth=False,
            rqth_consent_date=None,
            forgotten_at=timestamp(store.now()),
            updated_at=timestamp(store.now()),
        )
        store._put_porteur(p, forgotten)
        journal.rewrite_changes(store, lambda c: _scrub_change(c, p.uuid, name))
    if not name:
        return []
    lowered = name.lower()
    return [e for e in store.entries() if lowered in e.note.lower()]


def retention_due(porteurs: list[Porteur], today: date) -> list[tuple[Porteur, str]]:
    """Porteurs past the retention rule of DOMAIN.md, with the French reason:
    2 years after the last contact, or 3 years after the creation date for those
    in post-creation follow-up. Already-forgotten porteurs are skipped."""
    due = []
    for p in porteurs:
        if p.forgotten_at or not (p.name or p.contact or p.notes):
            continue
        created = p.step_date("creation")
        last = p.last_contact()
        if created is not None:
            limit = _add_years(created, 3)
            if today > limit and (last is None or today > _add_years(last, 2)):
                due.append((p, f"suivi post-création terminé le {limit:%d/%m/%Y}"))
        elif last is not None and today > _add_years(last, 2):
            due.append((p, f"dernier contact le {last:%d/%m/%Y}, il y a plus de 2 ans"))
    return due


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
