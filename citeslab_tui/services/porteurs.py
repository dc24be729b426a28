"""Porteurs de projet: add (id, timestamps and the first `accueilli` step
written once), edit, mark a step, filter the register, and find the entries
that name a porteur. Forgetting one (right to erasure) is in services.privacy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur, new_uuid, timestamp
from citeslab_tui.services.common import territory_code
from citeslab_tui.store import Store


def qpv_code(config: Config, typed: str | None) -> str | None:
    """A QPV by code or by the start of its name (`saint-georges`), matched as
    the quick entry's `#` token is. None for nothing typed."""
    if not typed:
        return None
    # here: only a typed QPV needs the matching tables, not `porteur list` (≈ 11 M instructions)
    from citeslab_tui.core.textmatch import config_index, match, norm_words

    found = match(norm_words(typed.lstrip("#")), config_index(config).qpvs)
    if len(found) == 1:
        return str(found[0])
    if found:
        raise CitesLabError(f"QPV « {typed} » ambigu : {', '.join(found)}")
    known = ", ".join(q.code for q in config.all_qpvs())
    raise CitesLabError(f"QPV « {typed} » inconnu (connus : {known})")


def add(
    store: Store,
    *,
    territory: str,
    today: date,
    id: str | None = None,
    welcomed: date | None = None,
    qpv: str | None = None,
    qpv_resident: bool | None = None,
    name: str | None = None,
    contact: str | None = None,
    profile: str | None = None,
    categories: Iterable[str] = (),
    notes: str = "",
    project_qpv: bool = False,
) -> Porteur:
    """A new porteur: the next free id of the year of arrival unless one is
    given, creation stamps, and the `accueilli` step when the day is known.
    `qpv_resident` defaults to "a QPV was named"."""
    code = territory_code(store.config, territory)
    assert code is not None
    pid = id.strip().upper() if id else store.next_porteur_id((welcomed or today).year)
    stamp = timestamp(store.now())
    porteur = Porteur(
        uuid=new_uuid(),
        id=pid,
        territory=code,
        qpv_resident=qpv is not None if qpv_resident is None else qpv_resident,
        qpv=qpv,
        project_qpv=project_qpv,
        name=name or None,
        contact=contact or None,
        profile=profile,
        categories=tuple(dict.fromkeys(categories)),
        notes=notes,
        steps=(PathStep("accueilli", welcomed),) if welcomed else (),
        created_at=stamp,
        updated_at=stamp,
    )
    return store.add_porteur(porteur)


def edit(store: Store, pid: str, changes: dict[str, Any]) -> Porteur:
    """Apply field changes (already read) to a porteur."""
    if not changes:
        raise CitesLabError("rien à modifier")
    return store.update_porteur(store.find_porteur(pid).id, **changes)


def rqth_changes(answer: str, consent: date | None) -> dict[str, Any]:
    """RQTH is health data: kept only with the date of the person's consent."""
    if answer == "oui" and consent is None:
        raise CitesLabError("RQTH : donnez la date du consentement")
    yes = answer == "oui"
    return {"rqth": yes, "rqth_consent_date": consent if yes else None}


def step(
    store: Store,
    pid: str,
    step: str,
    day: date,
    *,
    partner: str | None = None,
    reason: str | None = None,
) -> Porteur:
    """Mark a step of the path. A `sortie` without a reason is `autre`; a
    reason belongs to `sortie` only; the partner is named as configured."""
    if step == "sortie" and reason is None:
        reason = "autre"
    if step != "sortie" and reason:
        raise CitesLabError("un motif ne s'applique qu'à l'étape « sortie »")
    label = store.config.partner_label(partner) if partner else None
    return store.add_step(pid, PathStep(step, day, partner=label, reason=reason))


def matching(
    porteurs: Iterable[Porteur],
    *,
    stage: str | None = None,
    territory: str | None = None,
    qpv_resident: bool | None = None,
) -> list[Porteur]:
    """The porteurs at `stage`, of `territory`, (not) living in a QPV; None
    leaves a criterion out."""
    return [
        p
        for p in porteurs
        if (stage is None or p.stage == stage)
        and (territory is None or p.territory == territory)
        and (qpv_resident is None or p.qpv_resident == qpv_resident)
    ]


def linked_entries(store: Store, pid: str) -> list[Entry]:
    """The entries that name porteur `pid`, oldest first (reads every month:
    call it from a worker in the TUI)."""
    return [e for e in store.entries() if pid in e.porteurs]


def newest_first(porteurs: Sequence[Porteur]) -> list[Porteur]:
    return sorted(porteurs, key=lambda p: p.id, reverse=True)
