"""A plausible person's history, for trying the app and for benchmarks.

One cheffe de projet, 1 ETP (DOMAIN.md), day after day:

- **about 1 607 h of work a year**: working days only (weekends and French
  public holidays skipped), 6 h 45 to 7 h 30 a day from 9:00 with a lunch break;
  five to six weeks of congé and RTT and two days of sickness a year, logged as
  absences (a whole day each); a training / CitésLab network day each quarter
  (work outside the pillars);
- **the territories near their allocation on that day**: a territory allocated
  0.2 ETP gets one weekday (the CCG: Tuesdays, during its convention only), the
  largest allocation the others; the CCG's day is its weekly day of presence in
  the quartier its presence livrable names (`metric.qpvs`, a working day of
  `permanence`, people received there becoming porteurs); the largest territory
  has a weekly half-day permanence in its quartiers;
- **what the conventions count, at their cadence**: each count livrable
  (ateliers, comités, évènement) is held as many times a year as its target
  (prorated in a partial year, at least one comité a year), spread evenly, each
  occurrence with its time around it (preparation, compte-rendu) logged as
  non-occurrence entries; a territory without livrables still has its ateliers
  (every six weeks) and its yearly évènement;
- **the pillars near the indicative 30/30/30/10**, with some drift year to year;
- **a few days on purpose** that `citeslab check` lists: each year's first
  évènement is a long day (above the 10 h maximum) and a salon is held on the
  first Saturday of October. No other day the plausibility checks would flag;
- porteurs received (entretien, permanence), then moving along their path
  (amorçage, orientation, création, or a sortie), always on their own territory.

Deterministic for a given seed. Pure: the caller gives the working days.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from citeslab_tui.core.dates import FIRST_YEAR
from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import (
    CATEGORIES,
    KIND_ABSENCE,
    KIND_FORMATION,
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

# Occurrences: (minutes held, minutes of preparation before, minutes of
# compte-rendu after, persons reached (low, high)).
HELD: dict[str, tuple[int, int, int, tuple[int, int]]] = {
    "atelier": (120, 60, 0, (10, 20)),
    "comite_technique": (120, 90, 45, (0, 0)),
    "comite_pilotage": (150, 120, 60, (0, 0)),
    "evenement": (300, 60, 0, (30, 80)),
}
LONG_EVENT = 570  # 9 h 30: with its hour of preparation, a day above 10 h, on purpose
# A territory without count livrables still holds these, every year.
DEFAULT_YEARLY = {"atelier": 8, "evenement": 1}
SATURDAY_SALON = "salon"
# Types that make or move a porteur.
PORTEUR_TYPES = ("entretien", "amorcage", "orientation", "suivi", "post_creation")


def default_span(config: Config, today: date) -> tuple[date, date]:
    """The whole years of the configured conventions, up to `today`: the demo a
    newcomer opens shows the period its reports are about (not the last months
    before today, which no convention may cover)."""
    if config.conventions:
        start = date(min(c.start for c in config.conventions).year, 1, 1)
        end = min(date(max(c.end for c in config.conventions).year, 12, 31), today)
    else:
        start, end = date(today.year - 1, 1, 1), today
    if start > end:
        start = date(end.year - 1, 1, 1)
    return start, end


def _leave(day: date, sick: frozenset[date]) -> str | None:
    """A plausible year of leave (about 27 working days; DOMAIN.md "≈ 1 607 h of
    work"): two weeks in August, a week in late April, the last week of the
    year, an RTT on the fourth Friday of seven months; two days of sickness."""
    if day in sick:
        return "maladie"
    if (day.month == 8 and day.day <= 14) or (day.month == 4 and 20 <= day.day <= 26):
        return "conge"
    if day.month == 12 and day.day >= 24:
        return "conge"
    if day.month in (2, 3, 5, 6, 9, 10, 11) and day.weekday() == 4 and 22 <= day.day <= 28:
        return "rtt"
    return None


def _training_days(start: date, end: date, is_working_day: Callable[[date], bool]) -> set[date]:
    """The compulsory CitésLab training / network day: the first Monday of each
    quarter (the next working day when it is a public holiday)."""
    found: set[date] = set()
    for year in range(start.year, end.year + 1):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1)
            day += timedelta(days=(7 - day.weekday()) % 7)
            while start <= day <= end and not is_working_day(day):
                day += timedelta(days=1)
            if start <= day <= end:
                found.add(day)
    return found


def _rota(config: Config, day: date) -> list[str]:
    """The territory of each weekday (Monday first): a territory allocated 0.2
    ETP gets one day a week (DOMAIN.md: "about one day a week"), the largest
    allocation the remaining days; only territories allocated on `day`."""
    allocated = sorted((t.etp_on(day), t.code) for t in config.territories if t.etp_on(day) > 0)
    if not allocated:
        allocated = sorted((t.etp, t.code) for t in config.territories)
    largest = allocated[-1][1]
    rota = [largest] * 5
    slot = 1  # Tuesday first
    for etp, code in allocated[:-1]:
        for _ in range(max(1, round(etp * 5))):
            if slot < 5:
                rota[slot] = code
                slot += 1
    return rota


def _durations(total: int, count: int, rng: random.Random, dense: bool = False) -> list[int]:
    """`count` durations in quarter hours (30 min at least) adding up to about
    `total` minutes; `dense`: up to a quarter hour each, as equal as can be."""
    if dense and count > 0 and total >= 15:
        count = min(count, total // 15)
        parts = [total // count // 15 * 15] * count
        parts[-1] += total - sum(parts)
        return parts
    if count <= 0 or total < 30:
        return []
    count = min(count, total // 30)
    weights = [rng.uniform(1, 3) for _ in range(count)]
    parts = [max(30, round(total * w / sum(weights) / 15) * 15) for w in weights]
    parts[-1] = max(15, parts[-1] + total - sum(parts))
    return parts


class _Plan:
    """What the calendar holds, decided before the days are filled: leave,
    training, the occurrences of each day, the deliberate days."""

    def __init__(
        self,
        config: Config,
        start: date,
        end: date,
        is_working_day: Callable[[date], bool],
        rng: random.Random,
    ) -> None:
        self.config = config
        types = set(config.type_keys)
        self.absence = {t.key for t in config.action_types if t.kind == KIND_ABSENCE}
        formation = [t.key for t in config.action_types if t.kind == KIND_FORMATION]
        self.training = formation[0] if formation else None
        self.days: list[date] = []
        self.whole: dict[date, str] = {}
        years = range(start.year, end.year + 1)
        sick: set[date] = set()
        for year in years:  # two days of sickness, somewhere in February or March
            first = date(year, 2, 1) + timedelta(days=rng.randrange(50))
            first += timedelta(days=(7 - first.weekday()) % 7)  # a Monday and Tuesday
            sick.update((first, first + timedelta(days=1)))
        training = _training_days(start, end, is_working_day)
        day = start
        while day <= end:
            if is_working_day(day):
                self.days.append(day)
                leave = _leave(day, frozenset(sick))
                if leave in self.absence:
                    self.whole[day] = leave
                elif leave is not None and self.absence:
                    self.whole[day] = sorted(self.absence)[0]
                elif self.training and day in training:
                    self.whole[day] = self.training
            day += timedelta(days=1)
        self.working = set(self.days)
        # (territory, type, long) held on a day; the territory's presence days.
        self.held: dict[date, tuple[str, str, bool]] = {}
        self.presence = self._presence_qpvs()
        for territory, type_key, count, first, last in self._wanted(start, end, types):
            self._schedule(territory, type_key, count, first, last)
        self.saturdays: list[date] = []
        if SATURDAY_SALON in types:
            for year in years:
                sat = date(year, 10, 1)
                sat += timedelta(days=(5 - sat.weekday()) % 7)
                if start <= sat <= end:
                    self.saturdays.append(sat)

    def _presence_qpvs(self) -> dict[str, tuple[str, ...]]:
        """Territory → the quartiers of its presence livrable (distinct weeks)."""
        found: dict[str, tuple[str, ...]] = {}
        for conv in self.config.conventions:
            for lv in conv.livrables:
                if lv.metric.kind == "distinct_weeks" and lv.territory:
                    found[lv.territory] = lv.metric.qpvs
        return found

    def _wanted(
        self, start: date, end: date, types: set[str]
    ) -> list[tuple[str, str, int, date, date]]:
        """(territory, type, how many, from, to): the occurrences to hold."""
        wanted: list[tuple[str, str, int, date, date]] = []
        counted: set[tuple[str, str]] = set()
        for conv in self.config.conventions:
            for lv in conv.livrables:
                if lv.metric.kind != "count_entries" or not lv.territory:
                    continue
                for type_key in lv.metric.types[:1]:
                    if type_key not in types:
                        continue
                    counted.add((lv.territory, type_key))
                    for year in range(max(start, conv.start).year, min(end, conv.end).year + 1):
                        first = max(conv.start, date(year, 1, 1), start)
                        last = min(conv.end, date(year, 12, 31), end)
                        if first > last:
                            continue
                        share = ((last - first).days + 1) / (date(year, 12, 31).timetuple().tm_yday)
                        target = lv.targets.get(year, max(lv.targets.values(), default=0))
                        count = round(target * share)
                        if lv.governance:
                            count = max(1, count)
                        wanted.append((lv.territory, type_key, count, first, last))
        for territory in self.config.territories:
            for type_key, per_year in DEFAULT_YEARLY.items():
                if type_key not in types or (territory.code, type_key) in counted:
                    continue
                for year in range(start.year, end.year + 1):
                    first, last = max(date(year, 1, 1), start), min(date(year, 12, 31), end)
                    allocated = [
                        d
                        for d in (first, last, first + (last - first) / 2)
                        if territory.etp_on(d) >= 0.5
                    ]
                    if allocated:
                        share = ((last - first).days + 1) / 365
                        wanted.append(
                            (territory.code, type_key, round(per_year * share), first, last)
                        )
        return wanted

    def is_presence_day(self, day: date) -> bool:
        """Whether `day` is a territory's weekly day in its quartier."""
        rota = _rota(self.config, day)
        home = rota[day.weekday()]
        return home != rota[-1] or day.weekday() == 3

    def _schedule(self, territory: str, type_key: str, count: int, first: date, last: date) -> None:
        """`count` occurrences spread evenly over [first, last], each on the
        nearest free working day (no leave, no training, no presence day)."""
        span = (last - first).days + 1
        for k in range(count):
            aim = first + timedelta(days=int((k + 0.5) * span / count))
            for offset in range(0, 40):
                for day in (aim + timedelta(days=offset), aim - timedelta(days=offset)):
                    if (
                        first <= day <= last
                        and day in self.working
                        and day not in self.whole
                        and day not in self.held
                        and not self.is_presence_day(day)
                    ):
                        long = type_key == "evenement" and not any(
                            t == "evenement" and lg and d.year == day.year
                            for d, (_, t, lg) in self.held.items()
                        )
                        self.held[day] = (territory, type_key, long)
                        break
                else:
                    continue
                break


class _Writer:
    """Makes the entries and porteurs, keeping the pillar split near its target."""

    def __init__(self, config: Config, rng: random.Random, density: float = 1.0) -> None:
        self.config = config
        self.rng = rng
        self.density = density
        self.entries: list[Entry] = []
        self.porteurs: dict[str, Porteur] = {}
        self.by_territory: dict[str, list[str]] = {}
        self.counters: dict[int, int] = {}
        self.pillar_minutes = {p.key: 0 for p in config.pillars}  # this year's
        self.year = 0
        self.bias: dict[int, dict[str, float]] = {}
        scheduled = set(HELD) | {"permanence"}
        self.types_by_pillar: dict[str, list[str]] = {}
        for t in config.action_types:
            if t.kind == "pillar" and t.key not in scheduled:
                self.types_by_pillar.setdefault(t.pillar, []).append(t.key)

    # ---------------------------------------------------------------- porteurs
    def new_porteur(self, day: date, territory: str) -> Porteur:
        self.counters[day.year] = self.counters.get(day.year, 0) + 1
        rng = self.rng
        terr = self.config.territory(territory)
        resident = bool(terr.qpvs) and rng.random() < 0.4
        stamp = timestamp(datetime.combine(day, time(18, 0)))
        p = Porteur(
            uuid=f"{rng.getrandbits(128):032x}",
            id=f"P-{day.year}-{self.counters[day.year]:03d}",
            territory=territory,
            qpv_resident=resident,
            qpv=rng.choice(terr.qpvs).code if resident else None,
            profile=rng.choice(["intentionniste", "en_devenir", "en_activite"]),
            categories=tuple(c for c in CATEGORIES if rng.random() < 0.25),
            steps=(PathStep("accueilli", day),),
            created_at=stamp,
            updated_at=stamp,
        )
        self.porteurs[p.id] = p
        self.by_territory.setdefault(territory, []).append(p.id)
        return p

    def advance(self, day: date, territory: str) -> Porteur | None:
        """A recent porteur of `territory` moves one step along the path."""
        recent = [
            i
            for i in self.by_territory.get(territory, [])[-80:]
            if self.porteurs[i].stage in ("accueilli", "amorcage", "oriente")
        ]
        if not recent:
            return None
        p = self.porteurs[self.rng.choice(recent)]
        if p.steps[-1].date >= day:
            return None
        roll, step = self.rng.random(), None
        if p.stage == "accueilli":
            step = (
                PathStep("amorcage", day)
                if roll < 0.6
                else PathStep("sortie", day, reason="desamorce")
            )
        elif p.stage == "amorcage":
            partners = self.config.partners
            step = PathStep(
                "oriente", day, partner=self.rng.choice(partners).label if partners else None
            )
        elif p.stage == "oriente":
            step = (
                PathStep("creation", day)
                if roll < 0.5
                else PathStep("sortie", day, reason="emploi")
            )
        if step is None:
            return None
        p = p.with_changes(steps=(*p.steps, step))
        self.porteurs[p.id] = p
        return p

    # ------------------------------------------------------------------ entries
    def add(
        self,
        day: date,
        clock: int | None,
        minutes: int,
        type_key: str,
        territory: str,
        *,
        persons: int = 0,
        porteurs: tuple[str, ...] = (),
        qpv: str | None = None,
        occurrence: bool = True,
        note: str | None = None,
    ) -> None:
        rng = self.rng
        pillar = self.config.action_type(type_key).pillar
        if day.year != self.year:
            self.year, self.pillar_minutes = day.year, dict.fromkeys(self.pillar_minutes, 0)
        if pillar in self.pillar_minutes:
            self.pillar_minutes[pillar] += minutes
        begin = end = None
        if clock is not None:
            begin = time(clock // 60, clock % 60)
            end = time((clock + minutes) // 60, (clock + minutes) % 60)
        stamp = timestamp(datetime.combine(day, time(18, 0)))
        self.entries.append(
            Entry(
                id=f"{rng.getrandbits(128):032x}",
                date=day,
                minutes=minutes,
                type=type_key,
                pillar=pillar,
                territory=territory,
                start=begin,
                end=end,
                qpv=qpv,
                persons=persons,
                porteurs=porteurs,
                note=rng.choice(NOTES) if note is None else note,
                created_at=stamp,
                updated_at=stamp,
                occurrence=occurrence,
            )
        )

    def pick_pillar(self, year: int) -> str:
        """The pillar furthest behind its share this year (a yearly bias of a few
        points makes the drift), with some chance."""
        if year not in self.bias:
            self.bias[year] = {p.key: self.rng.uniform(-0.03, 0.03) for p in self.config.pillars}
        total = sum(self.pillar_minutes.values()) + 60
        weights = [
            max(0.02, (p.share + self.bias[year][p.key]) * total - self.pillar_minutes[p.key]) + 30
            for p in self.config.pillars
            if self.types_by_pillar.get(p.key)
        ]
        keys = [p.key for p in self.config.pillars if self.types_by_pillar.get(p.key)]
        return self.rng.choices(keys, weights)[0]

    def fill(
        self, day: date, clock: int, lunch: bool, total: int, count: int, territory: str
    ) -> None:
        """Ordinary work on `territory` from `clock` until the day holds `total`
        minutes: `count` entries drawn by pillar (times the density)."""
        rng = self.rng
        dense = self.density != 1.0
        for minutes in _durations(total, round(count * self.density), rng, dense):
            if not lunch and clock >= 12 * 60 + 30:
                clock, lunch = clock + 60, True
            if not self.types_by_pillar:
                return
            type_key = rng.choice(self.types_by_pillar[self.pick_pillar(day.year)])
            persons = 0
            linked: tuple[str, ...] = ()
            if type_key in PORTEUR_TYPES:
                p = (
                    self.new_porteur(day, territory)
                    if type_key == "entretien"
                    else self.advance(day, territory)
                )
                if p is not None:
                    persons, linked = 1, (p.id,)
            elif type_key == "salon":
                persons = rng.randint(10, 40)
            self.add(day, clock, minutes, type_key, territory, persons=persons, porteurs=linked)
            clock += minutes


def _day_total(rng: random.Random) -> int:
    return rng.choice((405, 420, 420, 435, 450))


def _history(
    config: Config,
    start: date,
    end: date,
    is_working_day: Callable[[date], bool],
    seed: int,
    density: float = 1.0,
) -> tuple[list[Entry], list[Porteur]]:
    rng = random.Random(seed)
    plan = _Plan(config, start, end, is_working_day, rng)
    w = _Writer(config, rng, density)
    types = set(config.type_keys)
    day_minutes = round(config.day_hours * 60)
    saturdays = set(plan.saturdays)
    for day in sorted({*plan.days, *saturdays}):
        rota = _rota(config, day)
        if day in saturdays:
            w.add(
                day,
                10 * 60,
                180,
                SATURDAY_SALON,
                rota[-1],
                persons=rng.randint(20, 40),
                note="Salon de la création d'entreprise",
            )
            continue
        whole = plan.whole.get(day)
        if whole is not None:  # a day of leave or of training: one entry of a day
            w.add(day, None, day_minutes, whole, rota[-1], note="")
            continue
        total = _day_total(rng)
        home = rota[day.weekday()]
        held = plan.held.get(day)
        if held is not None:
            territory, type_key, long = held
            length, prep, after, (low, high) = HELD[type_key]
            if long:
                length = LONG_EVENT
            clock = 9 * 60
            w.add(day, clock, prep, type_key, territory, occurrence=False, note="Préparation")
            clock += prep
            if clock >= 12 * 60 + 30 or (clock + length > 13 * 60 and length <= 240):
                clock += 60  # lunch before a session that would run through it
                lunch = True
            else:
                lunch = False
            w.add(
                day,
                clock,
                length,
                type_key,
                territory,
                persons=rng.randint(low, high) if high else 0,
            )
            clock += length
            done = prep + length
            if after:
                w.add(day, clock, after, type_key, territory, occurrence=False, note="Compte rendu")
                clock += after
                done += after
            if done < total - 30:
                lunch = lunch or clock > 13 * 60
                w.fill(day, clock, lunch, total - done, rng.randint(1, 3), home)
            continue
        qpvs = plan.presence.get(home)
        if home != rota[-1] and qpvs is not None and "permanence" in types:
            # The weekly day of presence in the quartier: a working day there,
            # the people received becoming porteurs of the territory.
            for clock, minutes in ((9 * 60, 210), (13 * 60 + 30, day_minutes - 210)):
                if clock == 9 * 60:  # the morning: people received, new porteurs
                    linked = tuple(
                        w.new_porteur(day, home).id for _ in range(rng.choice((0, 1, 1, 2)))
                    )
                else:  # the afternoon: porteurs of the quartier followed up
                    moved = (w.advance(day, home) for _ in range(rng.choice((1, 1, 2))))
                    linked = tuple(dict.fromkeys(p.id for p in moved if p is not None))
                w.add(
                    day,
                    clock,
                    minutes,
                    "permanence",
                    home,
                    persons=len(linked) + rng.randint(1, 4),
                    porteurs=linked,
                    qpv=qpvs[0] if qpvs else None,
                )
            continue
        clock, done = 9 * 60, 0
        terr = config.territory(home)
        if day.weekday() == 3 and terr.qpvs and "permanence" in types:
            linked = tuple(w.new_porteur(day, home).id for _ in range(rng.choice((0, 1))))
            w.add(
                day,
                clock,
                150,
                "permanence",
                home,
                persons=len(linked) + rng.randint(1, 5),
                porteurs=linked,
                qpv=rng.choice(terr.qpvs).code,
            )
            clock, done = clock + 150, 150
        w.fill(day, clock, False, total - done, rng.randint(3, 6) - (done > 0), home)
    return w.entries, sorted(w.porteurs.values(), key=lambda p: p.id)


EARLIEST = date(FIRST_YEAR, 1, 1)
"""No demo goes back before this day: the store refuses earlier years."""
MAX_ENTRIES = 120_000
"""What `demo --entries` accepts: 2000–2023 hold about 130 000 at MAX_DENSITY."""
MAX_DENSITY = 8.0
"""At most this many times the ordinary entries of a day (a quarter hour each
at the densest): `demo --entries N` beyond that is refused."""


class Demo(NamedTuple):
    entries: list[Entry]
    porteurs: list[Porteur]
    density: float
    """1.0 for a realistic history; more when N entries did not fit since
    EARLIEST: each day's ordinary work is cut into that many times more,
    shorter entries."""


def generate(
    config: Config, n_entries: int | None, **options: Any
) -> tuple[list[Entry], list[Porteur]]:
    """`make(config, n_entries, **options)`'s entries and porteurs."""
    made = make(config, n_entries, **options)
    return made.entries, made.porteurs


def make(
    config: Config,
    n_entries: int | None,
    *,
    end: date,
    is_working_day: Callable[[date], bool],
    seed: int = 2022,
    start: date | None = None,
) -> Demo:
    """A person's history ending on `end`, with porteurs: every day from `start`
    when it is given, else exactly `n_entries` entries (the oldest day may be
    cut), never before EARLIEST: when they do not fit since then at the
    realistic density, the days are made denser (`Demo.density`). Raises
    ValidationFailed in French when even MAX_DENSITY is not enough.
    `is_working_day` must know every year from the start."""
    if start is not None:
        return Demo(*_history(config, start, end, is_working_day, seed), 1.0)
    wanted = n_entries or 0
    # About 5.4 entries a working day, 225 working days a year.
    days = int(wanted / 5.0 * 365 / 225) + 14
    density = 1.0
    while True:
        first = max(end - timedelta(days=days), EARLIEST)
        entries, porteurs = _history(config, first, end, is_working_day, seed, density)
        if len(entries) >= wanted:
            break
        if first > EARLIEST:
            days = int(days * wanted / max(len(entries), 1) * 1.05) + 14
        elif density < MAX_DENSITY and entries:
            density = min(MAX_DENSITY, density * wanted / len(entries) * 1.05)
        else:
            raise ValidationFailed(
                f"{wanted} entrées ne tiennent pas entre le {EARLIEST:%d/%m/%Y} et le "
                f"{end:%d/%m/%Y}, même à {MAX_DENSITY:.0f} fois la densité d'une journée "
                f"réelle (au plus {len(entries)})"
            )
    entries = entries[len(entries) - wanted :]
    # The history starts with its first kept entry: porteurs received before
    # it (in the cut-off days) are not part of it, nor are links to them.
    first_day = entries[0].date if entries else end
    kept = {p.id for p in porteurs if p.steps[0].date >= first_day}
    entries = [
        e
        if all(p in kept for p in e.porteurs)
        else e._replace(porteurs=tuple(p for p in e.porteurs if p in kept))
        for e in entries
    ]
    return Demo(entries, [p for p in porteurs if p.id in kept], density)
