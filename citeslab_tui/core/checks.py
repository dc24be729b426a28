"""What the configuration refuses in an entry, said once for the store (which
refuses the first problem before a write) and the import (which lists every
problem of every row): a date outside the years a report shows, an unknown
type, pillar, territory, QPV or porteur, an end that does not follow the start.
For a porteur: its steps and its RQTH consent dated in such a year."""

from __future__ import annotations

from collections.abc import Collection

from citeslab_tui.core.dates import out_of_range
from citeslab_tui.core.model import KIND_PILLAR, STEP_LABELS, Config, Entry, PathStep, Porteur
from citeslab_tui.core.text import shorten

QUOTED = 40  # characters of a refused value quoted back (a cell may be long)


def entry_problems(
    entry: Entry, config: Config, known_porteurs: Collection[str] | None
) -> list[str]:
    """Every problem, in French, in field order. `known_porteurs=None` leaves
    the porteurs unchecked."""

    def shown(value: str) -> str:
        return f"« {shorten(value, QUOTED)} »"

    problems = []
    if (too_far := out_of_range(entry.date)) is not None:
        problems.append(too_far)
    if entry.type not in config.type_keys:
        problems.append(f"type d'action {shown(entry.type)} inconnu")
    if entry.type in config.type_keys:
        kind = config.type_kind(entry.type)
        if kind != KIND_PILLAR and entry.pillar != kind:
            problems.append(
                f"{shown(entry.type)} est hors piliers : pas de pilier {shown(entry.pillar)}"
            )
        if kind == KIND_PILLAR and entry.pillar not in config.pillar_keys:
            problems.append(f"pilier {shown(entry.pillar)} inconnu")
    if entry.territory not in config.territory_codes:
        problems.append(f"territoire {shown(entry.territory)} inconnu")
    if entry.qpv is not None and config.qpv(entry.qpv) is None:
        problems.append(f"QPV {shown(entry.qpv)} inconnu")
    if entry.start and entry.end and entry.end <= entry.start:
        problems.append("l'heure de fin doit suivre l'heure de début")
    if known_porteurs is not None:
        problems += [f"porteur « {p} » inconnu" for p in entry.porteurs if p not in known_porteurs]
    return problems


def step_problems(porteur: Porteur, kept: Collection[PathStep] = ()) -> list[str]:
    """The steps of `porteur` dated in a year no report shows, in French;
    those in `kept` (already stored) are not counted."""
    return [
        f"étape « {STEP_LABELS.get(s.step, s.step)} » : {too_far}"
        for s in porteur.steps
        if s not in kept and (too_far := out_of_range(s.date)) is not None
    ]


def consent_problem(porteur: Porteur, before: Porteur | None = None) -> str | None:
    """The RQTH consent date in a year no report shows, in French; one already
    stored (`before`'s) passes, as steps do."""
    consent = porteur.rqth_consent_date
    if consent is None or (before is not None and before.rqth_consent_date == consent):
        return None
    too_far = out_of_range(consent)
    return None if too_far is None else f"RQTH : date du consentement : {too_far}"
