"""Occurrences, not time: how logged entries become livrables held.

A livrable counts what was *held* (DOMAIN.md, "A livrable counts occurrences,
not time"): one atelier is one atelier, however many entries of preparation,
minutes or follow-up surround it. The rules, so that a count can be checked by
hand against the journal:

- **Time around an occurrence** — an entry whose `occurrence` is false (typed
  with `prépa`, `préparation` or `compte-rendu` in the quick entry) — keeps its
  type, pillar and territory for the hours, and is never counted by a livrable.
- **One occurrence = one type, one day, one territory.** Several entries of the
  same type on the same day and territory (a morning and an afternoon session of
  one atelier) count once. Two ateliers on one day in one territory must be
  logged on two days… or counted by hand: the rule prefers never to count twice.
- **People reached** (`sum_persons`) by an occurrence is the largest number
  given on its entries (the same group seen twice is not twice the people);
  time around an occurrence reaches no one.
- **Presence weeks** (`distinct_weeks`): an ISO week counts when the occurrence
  time of the livrable's types spent in its named quartiers reaches the
  livrable's minimum (`min_hours`, default the configuration's `day_hours`, 7 h). An
  entry is in a named quartier when it names it (`#QN07405M`), or names none
  and its territory has no other quartier than named ones. A 30-minute
  permanence is no day of presence.

Every rule only ever *drops* or *merges* entries: marking entries as time
around an occurrence can never increase a count (a property test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from citeslab_tui.core.model import Config, Entry, Livrable

DEFAULT_DAY_HOURS = 7.0  # the working day when the configuration names none


def occurrence_key(e: Entry) -> tuple[str, date, str]:
    """What makes two entries one occurrence: same type, same day, same territory."""
    return (e.type, e.date, e.territory)


def is_counted(config: Config, type_key: str, territory: str) -> bool:
    """Whether an entry of this type and territory is counted as held by some
    count livrable (an atelier on the CCG; not an atelier on a territory whose
    conventions count none)."""
    return any(
        type_key in lv.metric.types and lv.territory in (None, territory)
        for conv in config.conventions
        for lv in conv.livrables
        if lv.metric.kind == "count_entries"
    )


def untagged_territories(config: Config, qpvs: Iterable[str]) -> frozenset[str]:
    """Territories whose every quartier is in `qpvs`: an entry there that names no
    quartier can only have been in one of them."""
    named = set(qpvs)
    return frozenset(
        t.code for t in config.territories if t.qpvs and all(q.code in named for q in t.qpvs)
    )


class EntryCounter:
    """Accumulates one entry-based livrable during the report's single pass."""

    __slots__ = (
        "dates",
        "kind",
        "min_minutes",
        "persons",
        "qpvs",
        "start",
        "stop",
        "territory",
        "untagged",
        "weeks",
    )

    def __init__(
        self,
        kind: str,
        territory: str | None,
        start: date,
        stop: date,
        *,
        qpvs: frozenset[str] = frozenset(),
        untagged: frozenset[str] = frozenset(),
        min_minutes: int = 0,
    ) -> None:
        self.kind, self.territory, self.start, self.stop = kind, territory, start, stop
        self.qpvs, self.untagged, self.min_minutes = qpvs, untagged, min_minutes
        self.persons: dict[tuple[str, date, str], int] = {}
        self.weeks: dict[tuple[int, int], int] = {}
        self.dates: set[date] = set()

    @classmethod
    def for_livrable(
        cls, lv: Livrable, config: Config, start: date, stop: date, day_hours: float
    ) -> EntryCounter:
        qpvs = frozenset(lv.metric.qpvs)
        hours = lv.metric.min_hours if lv.metric.min_hours is not None else day_hours
        return cls(
            lv.metric.kind,
            lv.territory,
            start,
            stop,
            qpvs=qpvs,
            untagged=untagged_territories(config, qpvs) if qpvs else frozenset(),
            min_minutes=round(hours * 60) if lv.metric.kind == "distinct_weeks" else 0,
        )

    def add(self, e: Entry) -> None:
        if not e.occurrence or not (self.start <= e.date <= self.stop):
            return
        if self.territory is not None and e.territory != self.territory:
            return
        if self.kind == "distinct_weeks":
            if self.qpvs and not (
                e.qpv in self.qpvs if e.qpv is not None else e.territory in self.untagged
            ):
                return
            iso = e.date.isocalendar()
            week = (iso[0], iso[1])
            self.weeks[week] = self.weeks.get(week, 0) + e.minutes
            return
        key = occurrence_key(e)
        if e.persons > self.persons.get(key, -1):
            self.persons[key] = e.persons
        self.dates.add(e.date)

    def result(self) -> int:
        if self.kind == "distinct_weeks":
            return sum(1 for m in self.weeks.values() if m >= self.min_minutes)
        if self.kind == "sum_persons":
            return sum(self.persons.values())
        return len(self.persons)  # count_entries: one per occurrence key

    def held_on(self) -> list[date]:
        """The days an occurrence was held (count livrables), oldest first."""
        return sorted(self.dates)
