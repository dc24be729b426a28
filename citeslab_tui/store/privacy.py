"""Personal data (RGPD): erasure on request, and the retention rule.

Erasure removes the name, contact details, notes and RQTH of porteurs — from the
data file, from the undo journal (which keeps before images; the name is also
blanked out of past entry notes there), and from every copy the program keeps
(erasure.py: backups, broken copies, temporaries, the configuration's backups) —
and records it (date and pseudonymous id only) so that restoring an older
backup replays it. It keeps the pseudonymous id, the territory, QPV, categories
and dated path, so the anonymous counts and the hours already justified to
funders stay exactly the same. It cannot be undone.

Several porteurs (the retention purge) are erased in one transaction: one
write, all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from citeslab_tui.core.model import Entry, Porteur, timestamp
from citeslab_tui.store import erasure, journal
from citeslab_tui.store.erasure import PERSONAL_FIELDS
from citeslab_tui.store.store import Store

__all__ = ["PERSONAL_FIELDS", "Erasure", "forget_porteur", "forget_porteurs", "retention_due"]


class Erasure(NamedTuple):
    """What an erasure did: the ids erased, the entries whose note still
    mentions an erased name (left to the user to rewrite), the copies rewritten."""

    ids: list[str]
    mentions: list[Entry]
    copies: int


def forget_porteurs(store: Store, pids: Iterable[str]) -> Erasure:
    """Erase the personal data of several porteurs, everywhere, in one go."""
    wanted = list(dict.fromkeys(pids))
    at = timestamp(store.now())
    storage = store.storage
    with storage.locked():
        with storage.transaction():
            found = [store.find_porteur(pid) for pid in wanted]
            names = [p.name.strip() for p in found if p.name and p.name.strip()]
            secrets = [s for p in found for s in (p.name, p.contact, p.notes) if s]
            erased = {p.uuid: at for p in found}
            for p in found:
                forgotten = p.with_changes(
                    **PERSONAL_FIELDS, forgotten_at=p.forgotten_at or at, updated_at=at
                )
                store._put_porteur(p, forgotten)
            journal.rewrite_changes(store, lambda c: erasure.scrub_change(c, erased, names))
            erasure.record(store.path, [(p.id, p.uuid) for p in found], at)
        rewritten = erasure.scrub_copies(store.path, erased, names, secrets)
    lowered = [n.lower() for n in names]
    mentions = [e for e in store.entries() if any(n in e.note.lower() for n in lowered)]
    return Erasure([p.id for p in found], mentions, len(rewritten))


def forget_porteur(store: Store, pid: str) -> list[Entry]:
    """Erase one porteur's personal data; the entries whose note still
    mentions the erased name (left to the user to rewrite)."""
    return forget_porteurs(store, [pid]).mentions


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
