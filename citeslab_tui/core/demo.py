"""A realistic synthetic history, for trying the app and for benchmarks.

Working days only (weekends and French public holidays skipped), 4 to 8 actions a
day filling about 7 hours, time split between territories by their ETP share and
between pillars roughly as the cahier des charges suggests; a weekly permanence in
each QPV; porteurs received, then moving along their path (amorçage, orientation,
création, or a sortie). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from citeslab_tui.core.model import (
    CATEGORIES,
    Config,
    Entry,
    PathStep,
    Porteur,
    timestamp,
)

NOTES = (
    "",
    "",
    "RDV pris pour la semaine prochaine",
    "Bon échange, à relancer",
    "Projet de restauration ambulante",
    "Orientation à confirmer",
    "Présentation du dispositif",
    "Suivi du dossier de financement",
)


def _working_days_back(end: date, count: int, is_working_day: Callable[[date], bool]) -> list[date]:
    days: list[date] = []
    day = end
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    days.reverse()
    return days


def generate(
    config: Config,
    n_entries: int,
    *,
    end: date,
    is_working_day: Callable[[date], bool],
    seed: int = 2022,
) -> tuple[list[Entry], list[Porteur]]:
    """About `n_entries` entries (exactly that many) ending on `end`, with porteurs."""
    rng = random.Random(seed)
    # Entries per day, drawn from the end backwards until there are enough.
    counts: list[int] = []
    while sum(counts) < n_entries:
        counts.append(rng.randint(4, 8))
    counts[-1] -= sum(counts) - n_entries
    counts.reverse()
    days = _working_days_back(end, len(counts), is_working_day)
    territories = list(config.territories)
    weights = [max(t.etp, 0.01) for t in territories]
    types_by_pillar: dict[str, list[str]] = {}
    for t in config.action_types:
        types_by_pillar.setdefault(t.pillar, []).append(t.key)
    pillars = [p.key for p in config.pillars]
    pillar_weights = [max(p.share, 0.01) for p in config.pillars]

    porteurs: dict[str, Porteur] = {}
    counters: dict[int, int] = {}
    entries: list[Entry] = []
    uid = rng.getrandbits

    def new_porteur(day: date, territory: str) -> Porteur:
        counters[day.year] = counters.get(day.year, 0) + 1
        terr = config.territory(territory)
        resident = bool(terr.qpvs) and rng.random() < 0.4
        stamp = timestamp(datetime.combine(day, time(18, 0)))
        return Porteur(
            uuid=f"{uid(128):032x}",
            id=f"P-{day.year}-{counters[day.year]:03d}",
            territory=territory,
            qpv_resident=resident,
            qpv=rng.choice(terr.qpvs).code if resident else None,
            profile=rng.choice(["intentionniste", "en_devenir", "en_activite"]),
            categories=tuple(c for c in CATEGORIES if rng.random() < 0.25),
            steps=(PathStep("accueilli", day),),
            created_at=stamp,
            updated_at=stamp,
        )

    def advance(p: Porteur, day: date) -> Porteur:
        stage = p.stage
        roll = rng.random()
        step: PathStep | None = None
        if stage == "accueilli":
            step = (
                PathStep("amorcage", day)
                if roll < 0.6
                else PathStep("sortie", day, reason="desamorce")
            )
        elif stage == "amorcage":
            partner = rng.choice(config.partners).label if config.partners else None
            step = PathStep("oriente", day, partner=partner)
        elif stage == "oriente":
            step = (
                PathStep("creation", day)
                if roll < 0.4
                else PathStep("sortie", day, reason="emploi")
            )
        if step is None:
            return p
        return p.with_changes(steps=(*p.steps, step))

    for day, count in zip(days, counts, strict=True):
        clock = 9 * 60
        for i in range(count):
            territory = rng.choices(territories, weights)[0]
            if i == 0 and day.weekday() == (1 if territory.code == territories[-1].code else 3):
                type_key = "permanence" if "permanence" in config.type_keys else None
            else:
                type_key = None
            if type_key is None:
                pillar = rng.choices(pillars, pillar_weights)[0]
                type_key = rng.choice(types_by_pillar.get(pillar, list(config.type_keys)))
            pillar = config.action_type(type_key).pillar
            minutes = rng.choice((30, 45, 60, 60, 90, 120)) if type_key != "permanence" else 180
            persons = 0
            linked: tuple[str, ...] = ()
            if type_key == "atelier":
                persons = rng.randint(5, 20)
            elif type_key in ("permanence", "salon", "evenement"):
                persons = rng.randint(2, 30)
            elif type_key in ("entretien", "amorcage", "orientation", "suivi", "post_creation"):
                persons = 1
                if type_key == "entretien" or not porteurs:
                    p = new_porteur(day, territory.code)
                else:
                    p = advance(rng.choice(list(porteurs.values())), day)
                porteurs[p.id] = p
                linked = (p.id,)
            qpv = (
                rng.choice(territory.qpvs).code
                if type_key == "permanence" and territory.qpvs
                else None
            )
            start = time(clock // 60, clock % 60) if clock + minutes < 24 * 60 else None
            end_t = (
                time((clock + minutes) // 60, (clock + minutes) % 60) if start is not None else None
            )
            clock += minutes
            stamp = timestamp(datetime.combine(day, time(18, 0)))
            entries.append(
                Entry(
                    id=f"{uid(128):032x}",
                    date=day,
                    minutes=minutes,
                    type=type_key,
                    pillar=pillar,
                    territory=territory.code,
                    start=start,
                    end=end_t,
                    qpv=qpv,
                    persons=persons,
                    porteurs=linked,
                    partner=None,
                    note=rng.choice(NOTES),
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
    return entries, sorted(porteurs.values(), key=lambda p: p.id)
