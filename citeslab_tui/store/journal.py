"""The undo journal: the last `JOURNAL_KEEP` changes with their before images.

Each record is one change made by one Store method (one transaction): a French
label, and per changed record the full image of what was there before (to put it
back) and only the address of what is there after (to remove it on undo).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from citeslab_tui.core.model import timestamp
from citeslab_tui.store.layout import JOURNAL, entries_table, porteurs_table

if TYPE_CHECKING:
    from citeslab_tui.store.store import Store

JOURNAL_KEEP = 100


def records(store: Store) -> list[dict[str, Any]]:
    """The undo journal, oldest first."""
    table = store.storage.table(JOURNAL)
    return [table[k] for k in sorted(table)]


def record_change(store: Store, label: str, changes: list[dict[str, Any]]) -> None:
    """Append one record (inside the caller's transaction), dropping the oldest."""
    from citeslab_tui.store.store import _doc, _keys

    table = store.db.table(JOURNAL)
    existing = store.storage.table(JOURNAL) if store.storage.raw_table(JOURNAL) else {}
    seq = max((rec["seq"] for rec in existing.values()), default=0) + 1
    doc = {"seq": seq, "at": timestamp(store.now()), "label": label, "changes": changes}
    table.insert(_doc(doc, f"{seq:010d}"))
    old = sorted(existing)[: max(0, len(existing) + 1 - JOURNAL_KEEP)]
    if old:
        table.remove(doc_ids=_keys(old))


def undo(store: Store) -> str | None:
    """Revert the most recent change still in the journal; its French label,
    or None when there is nothing to undo."""
    from citeslab_tui.store.store import _keys

    with store.storage.transaction():
        journal = store.storage.table(JOURNAL) if store.storage.raw_table(JOURNAL) else {}
        if not journal:
            return None
        key = max(journal)
        record = journal[key]
        removals: dict[str, list[str]] = {}
        for change in record["changes"]:
            if change["after"] is not None:
                removals.setdefault(change["after"]["table"], []).append(change["after"]["id"])
        for table, ids in removals.items():
            present = store.storage.table(table) if store.storage.raw_table(table) else {}
            gone = [i for i in ids if i in present]
            if gone:
                store.db.table(table).remove(doc_ids=_keys(gone))
        for change in reversed(record["changes"]):
            before = change["before"]
            if before is None:
                continue
            if change["kind"] == "entry":
                table = entries_table(date.fromisoformat(before["date"]))
                store._replace(table, before["id"], True, before)
            else:
                store._replace(porteurs_table(before), before["uuid"], True, before)
        store.db.table(JOURNAL).remove(doc_ids=_keys([key]))
    return str(record["label"])
