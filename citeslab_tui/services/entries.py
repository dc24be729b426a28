"""Entries of the activity log: log a quick-entry line, duplicate, edit,
delete, undo, and list a period."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from citeslab_tui.core.errors import CitesLabError, NotFound
from citeslab_tui.core.model import ENTRY_EDITABLE, Config, Entry, timestamp
from citeslab_tui.services.common import territory_code
from citeslab_tui.store import Store

if TYPE_CHECKING:
    from citeslab_tui.core.quickentry import EntryDraft


def log_draft(store: Store, draft: EntryDraft, day: date) -> Entry:
    """Store a parsed quick-entry line as a new entry of `day`."""
    entry = draft.to_entry(id=store.new_entry_id(), day=day, now=store.now())
    return store.add_entry(entry)


def log(store: Store, text: str, day: date) -> Entry:
    """Parse a quick-entry line (QuickEntryError in French) and store it."""
    return log_draft(store, _parse(text, store.config), day)


def _parse(text: str, config: Config) -> EntryDraft:
    # here: only a typed line needs the quick-entry grammar (list, delete, undo never do)
    from citeslab_tui.core.quickentry import parse

    return parse(text, config)


EntryRef = str | Entry
"""An entry as the caller knows it: the id (or prefix) the user typed in the
CLI, or the entry shown on screen in the TUI."""


@contextmanager
def _still_there(ref: EntryRef) -> Iterator[str]:
    """The id to pass to the store. An entry shown on screen but deleted
    elsewhere since (another window, a command) is named in the user's terms —
    its day, time and type — never by its internal id."""
    if not isinstance(ref, Entry):
        yield ref
        return
    try:
        yield ref.id
    except NotFound:
        gone = ref.described()
        raise NotFound(
            f"{gone[0].upper()}{gone[1:]} n'existe plus (supprimée depuis une autre fenêtre "
            "ou par une commande) : rien n'est modifié"
        ) from None


def duplicate(store: Store, ref: EntryRef, day: date) -> Entry:
    """A copy of an entry, on `day`, with its own id."""
    with _still_there(ref) as entry_id:
        entry = store.find_entry(entry_id)
    stamp = timestamp(store.now())
    copy = entry.with_changes(id=store.new_entry_id(), date=day, created_at=stamp, updated_at=stamp)
    return store.add_entry(copy)


def edit(store: Store, ref: EntryRef, changes: dict[str, Any]) -> Entry:
    """Apply field changes (already read) to an entry."""
    with _still_there(ref) as entry_id:
        return store.update_entry(store.find_entry(entry_id).id, **changes)


def changes_from_options(
    store: Store,
    entry: Entry,
    *,
    text: str | None = None,
    day: date | None = None,
    minutes: int | None = None,
    type_key: str | None = None,
    pillar: str | None = None,
    territory: str | None = None,
    persons: int | None = None,
    partner: str | None = None,
    note: str | None = None,
    occurrence: bool | None = None,
) -> dict[str, Any]:
    """The changes an edit asks for, field by field: a quick-entry line replaces
    everything but the day; a new type brings its pillar unless one is given; a
    duration in minutes drops the start and end times; a partner is named as the
    configuration names it ('' clears it)."""
    config = store.config
    changes: dict[str, Any] = {}
    if text:
        fresh = _parse(text, config).to_entry(id=entry.id, day=entry.date, now=store.now())
        changes.update({k: getattr(fresh, k) for k in ENTRY_EDITABLE if k != "date"})
    if day:
        changes["date"] = day
    if type_key:
        try:
            action = config.action_type(type_key)
        except KeyError:
            raise CitesLabError(f"type d'action « {type_key} » inconnu") from None
        changes["type"] = action.key
        if not pillar:
            changes["pillar"] = action.pillar
    if minutes is not None:
        changes.update(minutes=minutes, start=None, end=None)
    for field, value in (
        ("pillar", pillar),
        ("persons", persons),
        ("note", note),
        ("occurrence", occurrence),
    ):
        if value is not None:
            changes[field] = value
    if territory:
        changes["territory"] = territory_code(config, territory)
    if partner is not None:
        changes["partner"] = config.partner_label(partner) or None
    return changes


def delete(store: Store, ref: EntryRef) -> Entry:
    """Delete an entry (by id or a prefix of 4+ characters); undoable."""
    with _still_there(ref) as entry_id:
        return store.delete_entry(store.find_entry(entry_id).id)


def undo(store: Store) -> str | None:
    """Undo the last change; its label, or None when there is nothing to undo."""
    return store.undo()


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week of `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def listed(
    store: Store, start: date | None, end: date | None, territory: str | None = None
) -> list[Entry]:
    """The entries of a period (both ends included), of one territory if given."""
    if start and end and end < start:
        raise CitesLabError("la fin de la période précède son début")
    code = territory_code(store.config, territory)
    return [e for e in store.entries(start, end) if code is None or e.territory == code]
