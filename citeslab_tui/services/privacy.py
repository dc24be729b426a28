"""The retention rule of DOMAIN.md (RGPD) as one workflow for `citeslab privacy`
and F4: which porteurs are past their retention period, and their
anonymisation (store.privacy: one write, all or nothing, backups rewritten);
and the right to erasure of one porteur (`citeslab porteur forget`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.store import Store
from citeslab_tui.store.privacy import Erasure, forget_porteurs, retention_due


class Due(NamedTuple):
    """A porteur past retention: pseudonymous id, territory, the rule that applies."""

    id: str
    territory: str
    reason: str


def due(store: Store, today: date) -> list[Due]:
    """The porteurs past the retention period on `today` (2 years after the last
    contact, 3 years after creation for the post-creation follow-up)."""
    return [Due(p.id, p.territory, why) for p, why in retention_due(store.porteurs(), today)]


def purge(store: Store, today: date, confirmed: Sequence[str]) -> Erasure:
    """Anonymise the porteurs past retention, exactly those the user was shown
    and confirmed (`confirmed`). When that list is no longer the due list (a
    porteur changed in between), nothing is erased and the error says so."""
    ids = [d.id for d in due(store, today)]
    if not ids:
        raise CitesLabError("aucun porteur n'a dépassé la durée de conservation")
    if sorted(ids) != sorted(confirmed):
        raise CitesLabError(
            "la liste des porteurs à anonymiser a changé depuis son affichage : "
            "rien n'a été effacé, affichez-la de nouveau"
        )
    return forget_porteurs(store, ids)


def describe(done: Erasure) -> str:
    """One French line saying what the purge did."""
    return (
        f"{len(done.ids)} porteur(s) anonymisé(s) : {', '.join(done.ids)} ; identifiants et "
        f"comptes conservés, {done.copies} copie(s) de sauvegarde réécrite(s)."
    )


def forget(store: Store, pid: str) -> Erasure:
    """Erase a porteur's personal data everywhere (undo history, backups); the
    result names the entries whose note still mentions the name, for the user
    to review."""
    return forget_porteurs(store, [store.find_porteur(pid).id])
