"""The domain model: entries of the activity log, porteurs de projet, and the
configuration of one CitésLab (pillars, action types, territories, conventions).

Pure data, immutable: NamedTuples for the records (with conversions to and
from the JSON records the store keeps) and for the configuration. Durations are
integer minutes everywhere; hours only exist when a figure is printed.

Why NamedTuples and not frozen dataclasses: a yearly report builds about two
thousand entries, and a frozen dataclass's `__init__` (one `object.__setattr__`
per field) took 4 µs an entry against 1.6 µs for a NamedTuple; creating each
dataclass also costs ~0.6 ms at import. Change a record with `with_changes`;
never compare a record to a plain tuple.

No `from __future__ import annotations` here (nor in core/indicators.py):
typing.NamedTuple compiles every string annotation into a ForwardRef, which
doubled the cost of defining each record class.
"""

import functools
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any, NamedTuple

# The path of a porteur de projet (DOMAIN.md, "Porteurs de projet"): fixed by the
# cahier des charges, not configuration.
STEPS: tuple[str, ...] = ("accueilli", "amorcage", "oriente", "creation", "sortie")
STEP_LABELS: dict[str, str] = {
    "accueilli": "Accueilli",
    "amorcage": "Amorçage",
    "oriente": "Orienté",
    "creation": "Création",
    "sortie": "Sortie",
}
SORTIE_REASONS: dict[str, str] = {
    "desamorce": "Désamorcé",
    "emploi": "Sortie vers l'emploi",
    "formation": "Sortie vers la formation",
    "autre": "Autre",
}
# Public categories named by the convention. RQTH (health data, RGPD art. 9) is
# deliberately not one of them: it is a separate yes/no with a consent date and
# never leaves the data file.
CATEGORIES: dict[str, str] = {
    "femme": "Femme",
    "moins_26": "Moins de 26 ans",
    "dld": "Demandeur d'emploi de longue durée",
    "minima_sociaux": "Bénéficiaire des minima sociaux",
    "non_francophone": "Non francophone",
}
PROFILES: dict[str, str] = {
    "intentionniste": "Intentionniste",
    "en_devenir": "Entrepreneur en devenir",
    "en_activite": "Entrepreneur en activité",
}
STAGE_NEW = "nouveau"
STAGE_LABELS: dict[str, str] = {STAGE_NEW: "Nouveau", **STEP_LABELS}


def label_of(labels: Mapping[str, str], key: str) -> str:
    """The label shown for `key`, or the key itself when `labels` does not know
    it (a record written under an older configuration stays readable)."""
    return labels.get(key, key)


# The limits of an entry and the shape of a porteur id, for every reader of
# typed text (quick entry, forms, import, CLI options); the JSON Schemas in
# schemas/ say the same, and tests/test_rules.py checks that they agree.
MAX_MINUTES = 24 * 60
MAX_PERSONS = 100_000
MAX_PARTNER = 200
MAX_NOTE = 10_000
PORTEUR_ID_PATTERN = r"P-([0-9]{4})-([0-9]{3,9})"
PORTEUR_ID = re.compile(PORTEUR_ID_PATTERN)
"""`P-2022-014`: the year of arrival, then a number (use `fullmatch`)."""

# What a user may change on an entry (the id and the stamps are the program's).
ENTRY_EDITABLE: tuple[str, ...] = (
    "date",
    "start",
    "end",
    "minutes",
    "type",
    "pillar",
    "territory",
    "qpv",
    "persons",
    "porteurs",
    "partner",
    "note",
    "occurrence",
)


def new_uuid() -> str:
    """A fresh record id: 32 lowercase hex digits (UUID4 without dashes)."""
    return uuid.uuid4().hex


def _hhmm(value: time | None) -> str | None:
    if value is None:
        return None
    return f"{value.hour:02d}:{value.minute:02d}"


@functools.lru_cache(maxsize=2048)
def _parse_hhmm(value: str | None) -> time | None:
    """`HH:MM` → time; `24:00` is the end of the day, kept distinct from 23:59.
    Cached: there are only 1441 values and every entry read parses two."""
    if value is None:
        return None
    if value == "24:00":
        return time(23, 59, 59, 999999)
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def format_hhmm(value: time | None) -> str:
    """HH:MM for display, with the end of day shown as 24:00."""
    if value is None:
        return ""
    if value == time(23, 59, 59, 999999):
        return "24:00"
    return f"{value.hour:02d}:{value.minute:02d}"


def _end_hhmm(value: time | None) -> str | None:
    if value is None:
        return None
    return format_hhmm(value)


# --------------------------------------------------------------------------- entries


class Entry(NamedTuple):
    """One action or contact of the day, as logged by the cheffe de projet."""

    id: str
    date: date
    minutes: int
    type: str
    pillar: str
    territory: str
    start: time | None = None
    end: time | None = None
    qpv: str | None = None
    persons: int = 0
    porteurs: tuple[str, ...] = ()
    partner: str | None = None
    note: str = ""
    created_at: str = ""
    updated_at: str = ""
    # False: time around an occurrence (preparation, minutes, follow-up), which
    # keeps its pillar and territory but does not count as a livrable held
    # (core/occurrences.py).
    occurrence: bool = True

    def to_record(self) -> dict[str, Any]:
        """The JSON record stored in the data file (schemas/entry.schema.json)."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "start": _hhmm(self.start),
            "end": _end_hhmm(self.end),
            "minutes": self.minutes,
            "type": self.type,
            "pillar": self.pillar,
            "territory": self.territory,
            "qpv": self.qpv,
            "persons": self.persons,
            "porteurs": list(self.porteurs),
            "partner": self.partner,
            "note": self.note,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "occurrence": self.occurrence,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Entry":
        """Build an entry from a record already validated against the schema.
        Positional, in field order: twice as fast as keywords, and this runs for
        every entry a command reads (tests/core/test_model.py checks the order)."""
        get = rec.get
        return cls(
            rec["id"],
            date.fromisoformat(rec["date"]),
            rec["minutes"],
            rec["type"],
            rec["pillar"],
            rec["territory"],
            _parse_hhmm(get("start")),
            _parse_hhmm(get("end")),
            get("qpv"),
            get("persons", 0),
            tuple(get("porteurs", ())),
            get("partner"),
            get("note", ""),
            rec["created_at"],
            rec["updated_at"],
            get("occurrence", True),
        )

    def with_changes(self, **changes: Any) -> "Entry":
        return self._replace(**changes)

    def described(self) -> str:
        """`l'entrée du 12/04/2022 à 09:00 (atelier)`: an entry in the user's
        terms, for messages (never its internal id, never its note)."""
        at = f" à {format_hhmm(self.start)}" if self.start is not None else ""
        return f"l'entrée du {self.date:%d/%m/%Y}{at} ({self.type})"


# --------------------------------------------------------------------------- porteurs


class PathStep(NamedTuple):
    """A dated step of a porteur's path; `partner` for orienté, `reason` for sortie."""

    step: str
    date: date
    partner: str | None = None
    reason: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "date": self.date.isoformat(),
            "partner": self.partner,
            "reason": self.reason,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "PathStep":
        """Positional, in field order, like `Entry.from_record`."""
        return cls(
            rec["step"], date.fromisoformat(rec["date"]), rec.get("partner"), rec.get("reason")
        )


class Porteur(NamedTuple):
    """A person followed by the cheffe de projet, known by a pseudonymous id."""

    uuid: str
    id: str
    territory: str
    qpv_resident: bool = False
    qpv: str | None = None
    name: str | None = None
    contact: str | None = None
    profile: str | None = None
    categories: tuple[str, ...] = ()
    rqth: bool = False
    rqth_consent_date: date | None = None
    steps: tuple[PathStep, ...] = ()
    notes: str = ""
    forgotten_at: str | None = None
    created_at: str = ""
    updated_at: str = ""
    # The project is set up in a QPV ("projets s'implantant dans ces quartiers"):
    # with `qpv_resident`, what makes a porteur count as "issu d'un QPV".
    project_qpv: bool = False

    @property
    def from_qpv(self) -> bool:
        """Counts toward the QPV share: resident in a QPV or project set up in one."""
        return self.qpv_resident or self.project_qpv

    @property
    def stage(self) -> str:
        """The furthest step reached, by date then by path order; `nouveau` if none."""
        if not self.steps:
            return STAGE_NEW
        last = max(self.steps, key=lambda s: (s.date, STEPS.index(s.step)))
        return last.step

    def step_date(self, step: str) -> date | None:
        """The first date the porteur reached `step`, if ever."""
        dates = [s.date for s in self.steps if s.step == step]
        return min(dates) if dates else None

    def last_contact(self) -> date | None:
        """Latest dated step: the basis of the retention rule."""
        return max((s.date for s in self.steps), default=None)

    def to_record(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "id": self.id,
            "name": self.name,
            "contact": self.contact,
            "territory": self.territory,
            "qpv_resident": self.qpv_resident,
            "qpv": self.qpv,
            "profile": self.profile,
            "categories": list(self.categories),
            "rqth": self.rqth,
            "rqth_consent_date": (
                self.rqth_consent_date.isoformat() if self.rqth_consent_date else None
            ),
            "steps": [s.to_record() for s in self.steps],
            "notes": self.notes,
            "forgotten_at": self.forgotten_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "project_qpv": self.project_qpv,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Porteur":
        """Positional, in field order, like `Entry.from_record`: every command
        that lists or counts porteurs reads them all (tests/core/test_model.py
        checks the order)."""
        get = rec.get
        consent = get("rqth_consent_date")
        step = PathStep.from_record
        return cls(
            rec["uuid"],
            rec["id"],
            rec["territory"],
            rec["qpv_resident"],
            get("qpv"),
            get("name"),
            get("contact"),
            get("profile"),
            tuple(get("categories", ())),
            get("rqth", False),
            date.fromisoformat(consent) if consent else None,
            tuple([step(s) for s in get("steps", ())]),
            get("notes", ""),
            get("forgotten_at"),
            rec["created_at"],
            rec["updated_at"],
            get("project_qpv", False),
        )

    def with_changes(self, **changes: Any) -> "Porteur":
        return self._replace(**changes)


def timestamp(now: datetime) -> str:
    """Creation/update stamps: local ISO time to the second."""
    return now.replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- configuration
# Configuration records are NamedTuples too (see the module docstring); change
# them with `_replace`.


_NO_YEARS: Mapping[int, Any] = MappingProxyType({})  # an immutable empty default


class Pillar(NamedTuple):
    key: str
    label: str
    share: float
    short: str = ""


# Kinds of action type (DOMAIN.md, "Not all working time is a pillar"): pillar
# time is split over the four pillars; training / CitésLab network time is work
# outside the pillars; absences (leave, sickness) are not work and reduce the
# hours expected. An entry of a non-pillar kind stores the kind as its pillar,
# so its kind survives the type being removed from the configuration.
KIND_PILLAR = "pillar"
KIND_ABSENCE = "absence"
KIND_FORMATION = "formation"
KINDS: tuple[str, ...] = (KIND_PILLAR, KIND_ABSENCE, KIND_FORMATION)
NON_PILLAR_KINDS: tuple[str, ...] = (KIND_ABSENCE, KIND_FORMATION)
KIND_LABELS: dict[str, str] = {
    KIND_PILLAR: "Pilier",
    KIND_ABSENCE: "Absence",
    KIND_FORMATION: "Hors piliers",
}


def entry_kind(pillar: str) -> str:
    """The kind of an entry, read from its pillar field (see KIND_PILLAR)."""
    return pillar if pillar in NON_PILLAR_KINDS else KIND_PILLAR


class ActionType(NamedTuple):
    key: str
    label: str
    pillar: str  # the default pillar; the kind itself for a non-pillar type
    kind: str = KIND_PILLAR


class Qpv(NamedTuple):
    code: str
    name: str
    commune: str = ""


class Allocation(NamedTuple):
    """A share of the full-time post given to a territory for a span of days
    (typically a convention's); `start`/`end` None: open on that side."""

    etp: float
    start: date | None = None
    end: date | None = None
    convention: str | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Territory(NamedTuple):
    """A territory; `etp` is its headline allocation (the largest of its dated
    allocations), `allocations` say when it holds (none given: `etp`, always)."""

    code: str
    name: str
    etp: float
    qpvs: tuple[Qpv, ...] = ()
    allocations: tuple[Allocation, ...] = ()

    def dated_allocations(self) -> tuple[Allocation, ...]:
        return self.allocations or (Allocation(self.etp),)

    def etp_on(self, day: date) -> float:
        """The ETP allocated to the territory on `day` (0 outside its allocations)."""
        return sum(a.etp for a in self.dated_allocations() if a.covers(day))


class Partner(NamedTuple):
    key: str
    label: str


class Metric(NamedTuple):
    """How a livrable is counted: one of a small fixed set of kinds."""

    kind: str  # count_entries | sum_persons | distinct_weeks | porteurs_step | qpv_share
    types: tuple[str, ...] = ()
    # porteurs_step: the step counted; qpv_share: the stage from which a porteur
    # counts as accompanied (None: accueilli).
    step: str | None = None
    # distinct_weeks: the quartiers where the time must be spent (empty: anywhere)
    # and the minimum time in a week (None: the configured working day).
    qpvs: tuple[str, ...] = ()
    min_hours: float | None = None


class Livrable(NamedTuple):
    key: str
    label: str
    territory: str | None
    metric: Metric
    targets: Mapping[int, float] = _NO_YEARS
    targets_stated: Mapping[int, float] = _NO_YEARS
    target_per_week: float | None = None
    prorate: bool = True
    # Governance (comités): counted like any count livrable, and also listed in
    # the report's `governance` with the longest gap the cadence allows.
    governance: bool = False
    cadence_months: int | None = None
    # A cadence that changes over the convention ("quarterly the first year, then
    # half-yearly"): (longest gap in months, how many months of the convention
    # the phase lasts — None: to the end), from the convention's start. When
    # given, it replaces `cadence_months` (core.livrables.cadence_on).
    cadence_phases: tuple[tuple[int, int | None], ...] = ()
    cadence: str = ""  # the cadence as the documents say it, for people


class YearMoney(NamedTuple):
    cost: float | None = None
    subsidy: float | None = None
    net: float | None = None


class Convention(NamedTuple):
    key: str
    label: str
    start: date
    end: date
    territory: str | None = None
    parties: tuple[str, ...] = ()
    money: Mapping[int, YearMoney] = _NO_YEARS
    livrables: tuple[Livrable, ...] = ()


# The national funder of every CitésLab (cahier des charges); named first when
# the configuration does not list its funders.
DEFAULT_FUNDER = "Bpifrance"


class Config(NamedTuple):
    """One CitésLab, as described by its validated JSON configuration."""

    name: str
    annual_hours: float
    pillars: tuple[Pillar, ...]
    action_types: tuple[ActionType, ...]
    territories: tuple[Territory, ...]
    partners: tuple[Partner, ...] = ()
    conventions: tuple[Convention, ...] = ()
    default_territory: str | None = None
    structure: str = ""
    person: str = ""
    manager: str = ""
    day_hours: float = 7.0  # what `1j` means in the quick entry
    max_day_hours: float = 10.0  # above it, a day is logged with a warning
    person_title: str = ""  # job titles, under the names on the timesheets
    manager_title: str = ""
    funders: tuple[str, ...] = ()  # as configured; see `funder_names`

    def funder_names(self) -> tuple[str, ...]:
        """Who supports the action, named legibly on every document (the cahier
        des charges asks it): the configuration's `funders`, else Bpifrance and
        the collectivités of the territories."""
        if self.funders:
            return self.funders
        return (DEFAULT_FUNDER, *dict.fromkeys(t.name for t in self.territories))

    # Lookups are rebuilt on demand; the tuples above are small.
    def pillar(self, key: str) -> Pillar:
        for p in self.pillars:
            if p.key == key:
                return p
        raise KeyError(key)

    def action_type(self, key: str) -> ActionType:
        for t in self.action_types:
            if t.key == key:
                return t
        raise KeyError(key)

    def type_label(self, key: str) -> str:
        """The label of action type `key`, or the key when unknown."""
        return label_of({t.key: t.label for t in self.action_types}, key)

    def pillar_label(self, key: str, *, short: bool = False) -> str:
        """The label (or short label) of pillar `key` — or of a non-pillar kind
        (`Absence`, `Hors piliers`) — or the key when unknown."""
        labels = {p.key: (p.short or p.label) if short else p.label for p in self.pillars}
        return label_of({**KIND_LABELS, **labels}, key)

    def territory(self, code: str) -> Territory:
        for t in self.territories:
            if t.code == code:
                return t
        raise KeyError(code)

    def type_kind(self, key: str) -> str:
        """The kind of an action type (KIND_PILLAR for an unknown one)."""
        for t in self.action_types:
            if t.key == key:
                return t.kind
        return KIND_PILLAR

    @property
    def pillar_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.pillars)

    @property
    def type_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.action_types)

    @property
    def territory_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.territories)

    def all_qpvs(self) -> tuple[Qpv, ...]:
        return tuple(q for t in self.territories for q in t.qpvs)

    def qpv(self, code: str) -> Qpv | None:
        for q in self.all_qpvs():
            if q.code == code:
                return q
        return None

    def implicit_territory(self) -> str | None:
        """The territory an entry gets when none is typed: the configured default,
        or the only territory there is."""
        if self.default_territory:
            return self.default_territory
        if len(self.territories) == 1:
            return self.territories[0].code
        return None

    def partner_label(self, key_or_label: str) -> str:
        for p in self.partners:
            if key_or_label in (p.key, p.label):
                return p.label
        return key_or_label
