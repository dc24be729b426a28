"""« Copier la veille »: the same week comes back (the weekly permanence, the
same entretien slots), so a day's entries can be copied to another day in one
key (`c` in the journal) or one command (`citeslab log --same-as DATE`), then
edited one by one. The copy is one change: one ctrl+z / `citeslab undo` removes
it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Entry, timestamp
from citeslab_tui.store import Store

LOOKBACK = timedelta(days=31)


@dataclass(frozen=True, slots=True)
class Copied:
    source: date
    target: date
    added: list[Entry]
    skipped: int  # already there (the same key pressed twice copies nothing twice)


def previous_day_with_entries(store: Store, target: date) -> date | None:
    """The last day before `target` with entries, within a month: the previous
    working day, or the last one worked (after leave, a holiday, a weekend)."""
    entries = store.entries(target - LOOKBACK, target - timedelta(days=1))
    return max((e.date for e in entries), default=None)


def _same(a: Entry, b: Entry) -> bool:
    keys = ("type", "minutes", "start", "end", "territory", "qpv", "porteurs", "partner", "note")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def copy_day(store: Store, source: date | None, target: date) -> Copied:
    """Copy the entries of `source` (None: the previous day with entries) to
    `target` as one undoable change; entries already on `target` are skipped."""
    if source is None:
        source = previous_day_with_entries(store, target)
        if source is None:
            raise CitesLabError("aucune entrée dans le mois précédent : rien à copier")
    if source == target:
        raise CitesLabError("le jour à copier est le jour choisi")
    originals = store.entries(source, source)
    if not originals:
        raise CitesLabError(f"aucune entrée le {source:%d/%m/%Y} : rien à copier")
    there = store.entries(target, target)
    stamp = timestamp(store.now())
    added: list[Entry] = []
    for entry in originals:
        if any(_same(entry, other) for other in there):
            continue
        added.append(
            entry.with_changes(
                id=store.new_entry_id(), date=target, created_at=stamp, updated_at=stamp
            )
        )
    if added:
        store.add_entries(
            added, label=f"copie des entrées du {source:%d/%m/%Y} au {target:%d/%m/%Y}"
        )
    return Copied(source, target, added, len(originals) - len(added))
