"""The porteurs side of the indicators: who was accompanied, the QPV share, the
publics and the path — anonymous counts only.

Definitions (the report's window is from the period's start to the last day
counted, `as_of` at the latest):

- **Active in the window**: a porteur with a dated path step in it, or named by
  an entry in it (`+P-2022-014`: an interview, a follow-up, an orientation — the
  work of following them), or — with no step at all — created in it.
- **Accompanied** (`accompagné`, the convention's word for the QPV share): an
  active porteur who has reached the accompaniment stage by the window's last
  day. The stage is the `qpv_share` livrable's `metric.step`, `accueilli` (first
  individual interview) by default; `amorcage` restricts the share to projects
  formalised with the cheffe de projet. So a porteur received in 2021 and
  followed in 2022 (entries naming them) is accompanied in 2022, without a new
  step (the issue's "accueilli or later with at least one follow-up entry",
  plus those whose path moved in the window). `accompanied_rule` says it in
  French where the figure is shown.
- **From a QPV** ("issus des QPV"): resident in a QPV, or whose project is set
  up in one (`project_qpv`, "projets s'implantant dans ces quartiers").
- **Publics** (categories, triple cible, RQTH) are counted over the porteurs
  accompanied. RQTH is health data (RGPD art. 9): only its total is given, and
  only when at least `RQTH_MIN` people are counted on each side (RQTH and not),
  so that the figure never points at someone; otherwise `None`.
- **Path**: the stage reached on the window's last day by the active porteurs;
  the steps reached in the window (first date of each step); orientations per
  partner and sorties per reason (every such step in the window); créations
  with their dates (no identifier).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from citeslab_tui.core.model import (
    CATEGORIES,
    PROFILES,
    SORTIE_REASONS,
    STAGE_LABELS,
    STAGE_NEW,
    STEPS,
    Config,
    Entry,
    Porteur,
)

RQTH_MIN = 5
DEFAULT_STAGE = "accueilli"
QPV_SHARE_LABEL = "Part des porteurs accompagnés issus d'un QPV"
OUTSIDE_QPV = "hors_qpv"
QPV_UNSPECIFIED = "qpv_non_precise"
PARTNER_UNSPECIFIED = "non_precise"
PROFILE_UNSPECIFIED = "non_precise"
REASON_UNSPECIFIED = "non_precise"

# Porteur id → the days of the entries naming them (`contacts`).
Contacts = Mapping[str, Sequence[date]]
NO_CONTACTS: Contacts = MappingProxyType({})


def contacts(entries: Iterable[Entry]) -> dict[str, list[date]]:
    """The days each porteur is named by an entry (`+P-…`)."""
    out: dict[str, list[date]] = {}
    for e in entries:
        for pid in e.porteurs:
            out.setdefault(pid, []).append(e.date)
    return out


def with_named(
    porteurs: list[Porteur],
    entries: Iterable[Entry],
    window: tuple[date, date],
    read_all: Callable[[], Iterable[Porteur]],
) -> list[Porteur]:
    """`porteurs` (what the store finds by their steps in `window`) and those an
    entry of the window names (`read_all` reads them only when some are
    missing): followed in the window, they are active there even when their
    steps are older. Used by every reader of a report or an export."""
    start, stop = window
    named = {pid for e in entries if start <= e.date <= stop for pid in e.porteurs}
    missing = named - {p.id for p in porteurs}
    if not missing:
        return porteurs
    found = [p for p in read_all() if p.id in missing]
    return sorted([*porteurs, *found], key=lambda p: p.id)


class QpvShare(NamedTuple):
    numerator: int  # accompanied porteurs from a QPV (resident or project there)
    denominator: int  # porteurs accompanied in the window, in scope
    share: float | None  # None while nobody was accompanied
    target: float | None  # from the first qpv_share livrable of the report
    stage: str = DEFAULT_STAGE  # from which stage a porteur counts as accompanied

    # The names of the first version of the report (dashboard, CLI).
    @property
    def accompanied(self) -> int:
        return self.denominator

    @property
    def qpv_residents(self) -> int:
        return self.numerator

    @property
    def actual(self) -> float | None:
        return self.share


class PorteurBreakdown(NamedTuple):
    active: int  # porteurs active in the window
    by_stage: dict[str, int]  # stage at the last day → count, every STAGE_LABELS key
    by_category: dict[str, int]  # every CATEGORIES key (never RQTH)
    by_qpv: dict[str, int]  # QPV code, OUTSIDE_QPV, QPV_UNSPECIFIED → count
    orientations: dict[str, int]  # partner key (label if unknown, or PARTNER_UNSPECIFIED)


class Publics(NamedTuple):
    counted: int  # porteurs accompanied in the window
    by_category: dict[str, int]  # every CATEGORIES key
    by_profile: dict[str, int]  # the triple cible, every PROFILES key + unspecified
    from_qpv: int
    rqth: int | None  # None when fewer than RQTH_MIN on either side


class Path(NamedTuple):
    by_stage: dict[str, int]  # stage reached on the last day, active porteurs
    reached: dict[str, int]  # step → porteurs whose first such step is in the window
    orientations: dict[str, int]
    sorties: dict[str, int]  # reason → sortie steps in the window
    creations: tuple[date, ...]  # creation dates in the window, oldest first


def first_steps(p: Porteur) -> dict[str, date]:
    first: dict[str, date] = {}
    for s in p.steps:
        if s.step not in first or s.date < first[s.step]:
            first[s.step] = s.date
    return first


def stage_at(p: Porteur, day: date) -> str:
    steps = [s for s in p.steps if s.date <= day and s.step in STEPS]
    if not steps:
        return STAGE_NEW
    return max(steps, key=lambda s: (s.date, STEPS.index(s.step))).step


def _date_prefix(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def accompanied_rule(stage: str) -> str:
    """Who the QPV share and the publics count, in the words shown beside them."""
    label = STAGE_LABELS.get(stage, stage).lower()
    return (
        f"accompagnés : étape « {label} » atteinte, et une étape ou une entrée (+P-…)"
        " dans la période"
    )


def is_active(p: Porteur, start: date, stop: date, met: Contacts = NO_CONTACTS) -> bool:
    """Active in [start, stop]: a step there, an entry naming them there (`met`),
    or no step and created there."""
    if any(start <= s.date <= stop for s in p.steps):
        return True
    if any(start <= d <= stop for d in met.get(p.id, ())):
        return True
    if p.steps:
        return False
    created = _date_prefix(p.created_at)
    return created is not None and start <= created <= stop


def is_accompanied(
    p: Porteur, start: date, stop: date, stage: str, met: Contacts = NO_CONTACTS
) -> bool:
    """Active in the window and at `stage` or beyond by its last day."""
    reached = min((s.date for s in p.steps if s.step == stage), default=None)
    if reached is None or reached > stop:
        return False
    return is_active(p, start, stop, met)


def qpv_share(
    porteurs: Sequence[Porteur],
    start: date,
    stop: date,
    stage: str | None,
    target: float | None,
    met: Contacts = NO_CONTACTS,
) -> QpvShare:
    """The QPV share over `porteurs` (already restricted to the scope)."""
    stage = stage or DEFAULT_STAGE
    pool = [p for p in porteurs if is_accompanied(p, start, stop, stage, met)]
    num = sum(1 for p in pool if p.from_qpv)
    return QpvShare(num, len(pool), num / len(pool) if pool else None, target, stage)


def _partner_keys(config: Config) -> dict[str, str]:
    # Steps may carry the partner's key or its label (or free text): count by key.
    return {p.label: p.key for p in config.partners} | {p.key: p.key for p in config.partners}


def breakdown(
    porteurs: Sequence[Porteur],
    config: Config,
    start: date,
    stop: date,
    met: Contacts = NO_CONTACTS,
) -> PorteurBreakdown:
    by_stage = dict.fromkeys(STAGE_LABELS, 0)
    by_category = dict.fromkeys(CATEGORIES, 0)
    by_qpv: dict[str, int] = {q.code: 0 for q in config.all_qpvs()}
    by_qpv[OUTSIDE_QPV] = by_qpv[QPV_UNSPECIFIED] = 0
    active = 0
    for p in porteurs:
        if not is_active(p, start, stop, met):
            continue
        active += 1
        stage = stage_at(p, stop)
        by_stage[stage] = by_stage.get(stage, 0) + 1
        for c in p.categories:
            if c in by_category:
                by_category[c] += 1
        key = (p.qpv or QPV_UNSPECIFIED) if p.qpv_resident else OUTSIDE_QPV
        by_qpv[key] = by_qpv.get(key, 0) + 1
    return PorteurBreakdown(
        active, by_stage, by_category, by_qpv, _orientations(porteurs, config, start, stop)
    )


def _orientations(
    porteurs: Sequence[Porteur], config: Config, start: date, stop: date
) -> dict[str, int]:
    out: dict[str, int] = {p.key: 0 for p in config.partners}
    keys = _partner_keys(config)
    for p in porteurs:
        for s in p.steps:
            if s.step == "oriente" and start <= s.date <= stop:
                key = keys.get(s.partner or "", s.partner or PARTNER_UNSPECIFIED)
                out[key] = out.get(key, 0) + 1
    return out


def publics(
    porteurs: Sequence[Porteur],
    start: date,
    stop: date,
    stage: str | None,
    met: Contacts = NO_CONTACTS,
) -> Publics:
    pool = [p for p in porteurs if is_accompanied(p, start, stop, stage or DEFAULT_STAGE, met)]
    by_category = dict.fromkeys(CATEGORIES, 0)
    by_profile = dict.fromkeys(PROFILES, 0) | {PROFILE_UNSPECIFIED: 0}
    rqth = 0
    for p in pool:
        for c in p.categories:
            if c in by_category:
                by_category[c] += 1
        profile = p.profile if p.profile in PROFILES else PROFILE_UNSPECIFIED
        by_profile[profile] += 1
        rqth += p.rqth and p.rqth_consent_date is not None
    shown = rqth if rqth >= RQTH_MIN and len(pool) - rqth >= RQTH_MIN else None
    return Publics(len(pool), by_category, by_profile, sum(1 for p in pool if p.from_qpv), shown)


def path(
    porteurs: Sequence[Porteur],
    config: Config,
    start: date,
    stop: date,
    met: Contacts = NO_CONTACTS,
) -> Path:
    by_stage = dict.fromkeys(STAGE_LABELS, 0)
    reached = dict.fromkeys(STEPS, 0)
    sorties = dict.fromkeys(SORTIE_REASONS, 0)
    creations: list[date] = []
    for p in porteurs:
        if is_active(p, start, stop, met):
            stage = stage_at(p, stop)
            by_stage[stage] = by_stage.get(stage, 0) + 1
        for step, day in first_steps(p).items():
            if start <= day <= stop and step in reached:
                reached[step] += 1
        for s in p.steps:
            if not start <= s.date <= stop:
                continue
            if s.step == "sortie":
                reason = s.reason if s.reason in SORTIE_REASONS else REASON_UNSPECIFIED
                sorties[reason] = sorties.get(reason, 0) + 1
            elif s.step == "creation":
                creations.append(s.date)
    return Path(
        by_stage,
        reached,
        _orientations(porteurs, config, start, stop),
        sorties,
        tuple(sorted(creations)),
    )


def publics_json(p: Publics) -> dict[str, Any]:
    return {
        "counted": p.counted,
        "by_category": p.by_category,
        "by_profile": p.by_profile,
        "from_qpv": p.from_qpv,
        "rqth": p.rqth,
        "rqth_rule": f"publié à partir de {RQTH_MIN} personnes de chaque côté",
    }


def path_json(p: Path) -> dict[str, Any]:
    return {
        "by_stage": p.by_stage,
        "reached": p.reached,
        "creations": {"count": len(p.creations), "dates": [d.isoformat() for d in p.creations]},
    }
