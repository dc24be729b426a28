"""Plausible days (issue 11), for the CLI and the TUI alike: what a new or
edited entry would make of its day, before it is written, and the days of the
whole file that deserve a look (`citeslab check`, "jours à vérifier").

The rules are core.plausibility's; this module only fetches the day's other
entries and the public holidays. The store itself refuses a day above 24 h
(inside the write's lock); these checks let the user see it before Enter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import Entry
from citeslab_tui.core.plausibility import (
    DayCheck,
    DayWarning,
    Timed,
    check_day,
    date_warnings,
    days_to_check,
)
from citeslab_tui.core.quickentry import parse, qpv_mismatch, with_porteur_territory
from citeslab_tui.holiday_cache import holidays_for
from citeslab_tui.services.entries import log_draft
from citeslab_tui.store import Store

if TYPE_CHECKING:  # core.quickentry is loaded at the first line typed, not at start-up
    from citeslab_tui.core.quickentry import EntryDraft

QPV_ELSEWHERE = "qpv_autre_territoire"


def holidays(years: Sequence[int]) -> frozenset[date]:
    """French public holidays of `years` (cached on disk by holiday_cache)."""
    return holidays_for(years)


def check_new(
    store: Store, item: Timed, day: date, today: date, *, replacing: str | None = None
) -> DayCheck:
    """The day `day` as it would be with `item` added (or replacing the entry
    `replacing`, for an edit); a QPV of another territory is a warning too."""
    others: list[Timed] = [e for e in store.entries(day, day) if e.id != replacing]
    found = check_day(day, [*others, item], store.config, holidays([day.year]), today)

    qpv, territory = getattr(item, "qpv", None), getattr(item, "territory", None)
    mismatch = qpv_mismatch(qpv, territory, store.config) if territory else None
    if mismatch:
        found = found._replace(warnings=(*found.warnings, DayWarning(QPV_ELSEWHERE, mismatch)))
    return found


def refine(store: Store, draft: EntryDraft, day: date, today: date) -> tuple[EntryDraft, DayCheck]:
    """What Enter would record on `day` — the draft with its porteurs'
    territory when none was typed — and what its day would look like."""
    cited = store.porteurs_by_id(draft.porteurs) if draft.porteurs else {}
    territory_of = {pid: p.territory for pid, p in cited.items()}
    draft = with_porteur_territory(draft, territory_of)
    return draft, check_new(store, draft, day, today)


def log_checked(
    store: Store, text: str, day: date, today: date
) -> tuple[Entry, tuple[DayWarning, ...]]:
    """`citeslab log`: parse the line, refuse a day above 24 h (ValidationFailed,
    nothing written), store the entry, and return the warnings to show."""
    draft, found = refine(store, parse(text, store.config), day, today)
    if found.refused:
        raise ValidationFailed(found.refused)
    return log_draft(store, draft, day), found.warnings


def date_marks(day: date, today: date) -> list[str]:
    """Short marks for a day's title: `férié`, `futur`, `week-end`."""
    words = {"ferie": "férié", "futur": "futur", "week_end": "week-end"}
    return [words[w.code] for w in date_warnings(day, holidays([day.year]), today)]


def days_to_verify(store: Store, today: date) -> list[DayCheck]:
    """Every flagged day of the data file, oldest first."""
    entries = store.entries()
    years = sorted({e.date.year for e in entries})
    return days_to_check(entries, store.config, holidays(years), today)
