"""The undo journal: the last `JOURNAL_KEEP` changes, each owned by its origin.

Each record is one change made by one Store method (one transaction): a French
label, where it came from (`origin`: the command line, or one application
window), and per changed record the full image of what was there before (to put
it back), the address of what is there after (to remove it on undo) and a
fingerprint of that after image.

* **Ownership.** `undo()` reverts the latest record of the store's own origin:
  ctrl+z in a window only undoes that window's changes, `citeslab undo` the
  latest command-line change. An undo whose record was changed since (by another
  window, another command, a hand edit: the fingerprint no longer matches) is
  refused with a message naming the change; nothing is reverted silently.
* **Cost.** The `journal` table holds the small records. A record of more than
  `INLINE_MAX` changes (an import of 100 000 entries) keeps its changes in a
  table of its own (`journal/<seq>`), which later writes copy as bytes without
  parsing it: a write costs the same after a big import as before.
* **Schema.** `problem()` checks a journal table's shape (validation.py calls it)
  so that a hand-edited record is refused with a message, never a TypeError.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from citeslab_tui import schemas
from citeslab_tui.core.closing import check_open
from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import timestamp
from citeslab_tui.store.layout import (
    ENTRIES_PREFIX,
    JOURNAL,
    JOURNAL_APART_PREFIX,
    entries_table,
    is_table_name,
    porteurs_table,
)

if TYPE_CHECKING:
    from citeslab_tui.store.store import Store

JOURNAL_KEEP = 100
INLINE_MAX = 20  # more changes than this: kept in a table of their own
CLI = "cli"  # the origin of command-line changes (and of records older than origins)
WINDOW_PREFIX = "fenetre-"


def origin_label(origin: str, own: str | None = None) -> str:
    """Where a change came from, in French."""
    if own is not None and origin == own:
        return "cette fenêtre" if origin.startswith(WINDOW_PREFIX) else "la ligne de commande"
    if origin.startswith(WINDOW_PREFIX):
        return "une fenêtre de l'application"
    return "la ligne de commande"


def fingerprint(record: dict[str, Any]) -> str:
    """A short sum of a stored record, to tell whether it changed since."""
    data = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    return f"{zlib.crc32(data):08x}{len(data):x}"


def apart_table(seq: int) -> str:
    return f"{JOURNAL_APART_PREFIX}{seq:010d}"


def _header_table(store: Store) -> dict[str, Any]:
    return store.storage.table(JOURNAL) if store.storage.raw_table(JOURNAL) else {}


def changes_of(store: Store, record: dict[str, Any]) -> list[dict[str, Any]]:
    """A record's changes, wherever they are kept."""
    if not record.get("apart"):
        return list(record["changes"])
    table = store.storage.table(apart_table(record["seq"]))
    return list(table.get("1", {}).get("changes", []))


def records(store: Store) -> list[dict[str, Any]]:
    """The undo journal, oldest first (changes kept apart are not loaded)."""
    table = _header_table(store)
    return [table[k] for k in sorted(table)]


def record_change(store: Store, label: str, changes: list[dict[str, Any]]) -> None:
    """Append one record (inside the caller's transaction), dropping the oldest."""
    # lazy: import cycle (store.store imports this module)
    from citeslab_tui.store.store import _doc, _keys

    table = store.db.table(JOURNAL)
    existing = _header_table(store)
    seq = max((rec["seq"] for rec in existing.values()), default=0) + 1
    doc: dict[str, Any] = {
        "seq": seq,
        "at": timestamp(store.now()),
        "label": label,
        "origin": store.origin,
        "changes": changes,
    }
    if len(changes) > INLINE_MAX:
        store.db.table(apart_table(seq)).insert(_doc({"changes": changes}, "1"))
        doc = {**doc, "changes": [], "apart": True}
    table.insert(_doc(doc, f"{seq:010d}"))
    old = sorted(existing)[: max(0, len(existing) + 1 - JOURNAL_KEEP)]
    if old:
        table.remove(doc_ids=_keys(old))
        for key in old:
            if existing[key].get("apart"):
                store.db.drop_table(apart_table(existing[key]["seq"]))


def _current(store: Store, table: str, key: str) -> dict[str, Any] | None:
    if store.storage.raw_table(table) is None:
        return None
    found: dict[str, Any] | None = store.storage.table(table).get(key)
    return found


def _conflict(store: Store, change: dict[str, Any]) -> bool:
    """True when the record this change left was changed since."""
    after = change["after"]
    if after is not None:
        current = _current(store, after["table"], after["id"])
        if current is None:
            return True
        return "sum" in after and fingerprint(current) != after["sum"]
    before = change["before"]
    if before is None:
        return False
    if change["kind"] == "entry":
        return (
            _current(store, entries_table(date.fromisoformat(before["date"])), before["id"])
            is not None
        )
    return any(p.uuid == before["uuid"] for p in store.porteurs())


def _later_culprit(store: Store, record: dict[str, Any], ids: set[str]) -> str:
    """' (par « label », depuis …)' for the first later record touching `ids`."""
    for later in records(store):
        if later["seq"] <= record["seq"]:
            continue
        for change in changes_of(store, later):
            touched = {
                (change["after"] or {}).get("id"),
                (change["before"] or {}).get("id" if change["kind"] == "entry" else "uuid"),
            }
            if touched & ids:
                where = origin_label(later.get("origin", CLI), store.origin)
                return f" (par « {later['label']} », depuis {where})"
    return ""


def _entry_days(changes: list[dict[str, Any]]) -> list[date]:
    """The days (the 1st of the month for a removal) whose entries undoing
    these changes would touch: a closed month refuses the undo."""
    days = []
    for change in changes:
        if change["kind"] != "entry":
            continue
        if change["before"] is not None:
            days.append(date.fromisoformat(change["before"]["date"]))
        if change["after"] is not None:
            month = change["after"]["table"].removeprefix(ENTRIES_PREFIX)
            days.append(date.fromisoformat(f"{month}-01"))
    return days


def undo(store: Store) -> str | None:
    """Revert the latest change of this store's origin; its French label, or
    None when there is nothing to undo. Raises ValidationFailed, naming the
    change, when a record it touched was changed since."""
    # lazy: import cycle, see record_change()
    from citeslab_tui.store.store import _keys

    with store.storage.transaction():
        journal = _header_table(store)
        mine = [k for k in journal if journal[k].get("origin", CLI) == store.origin]
        if not mine:
            return None
        key = max(mine)
        record = journal[key]
        changes = changes_of(store, record)
        check_open(_entry_days(changes), store.closed_months())
        conflicts = [c for c in changes if _conflict(store, c)]
        if conflicts:
            ids = {
                str(
                    (c["after"] or {}).get("id")
                    or (c["before"] or {}).get("id" if c["kind"] == "entry" else "uuid")
                )
                for c in conflicts
            }
            what = (
                "l'entrée a été modifiée ou supprimée"
                if conflicts[0]["kind"] == "entry"
                else "le porteur a été modifié ou supprimé"
            )
            raise ValidationFailed(
                f"annulation refusée : « {record['label']} » — {what} "
                f"depuis{_later_culprit(store, record, ids)}. Rien n'a été annulé."
            )
        removals: dict[str, list[str]] = {}
        for change in changes:
            if change["after"] is not None:
                removals.setdefault(change["after"]["table"], []).append(change["after"]["id"])
        for table, ids_ in removals.items():
            present = store.storage.table(table) if store.storage.raw_table(table) else {}
            gone = [i for i in ids_ if i in present]
            if gone:
                store.db.table(table).remove(doc_ids=_keys(gone))
        for change in reversed(changes):
            before = change["before"]
            if before is None:
                continue
            if change["kind"] == "entry":
                table = entries_table(date.fromisoformat(before["date"]))
                store._replace(table, before["id"], True, before)
            else:
                store._replace(porteurs_table(before), before["uuid"], True, before)
        store.db.table(JOURNAL).remove(doc_ids=_keys([key]))
        if record.get("apart"):
            store.db.drop_table(apart_table(record["seq"]))
    return str(record["label"])


def rewrite_changes(store: Store, edit: Any) -> None:
    """Apply `edit(change) -> change` to every change of every record (inside
    the caller's transaction): erasure uses it to scrub personal data."""
    # lazy: import cycle (store.store imports this module)
    from citeslab_tui.store.store import _doc, _keys

    table = store.db.table(JOURNAL)
    for key, rec in _header_table(store).items():
        if rec.get("apart"):
            name = apart_table(rec["seq"])
            old = changes_of(store, rec)
            new = [edit(c) for c in old]
            if new != old:
                store.db.table(name).remove(doc_ids=_keys(["1"]))
                store.db.table(name).insert(_doc({"changes": new}, "1"))
            continue
        new = [edit(c) for c in rec["changes"]]
        if new != rec["changes"]:
            table.remove(doc_ids=_keys([key]))
            table.insert(_doc({**rec, "changes": new}, key))


# ---------------------------------------------------------------------- schema

_KINDS = ("entry", "porteur")


def _change_problem(change: Any) -> str | None:
    if not isinstance(change, dict) or change.get("kind") not in _KINDS:
        return "modification de nature inconnue"
    before, after = change.get("before"), change.get("after")
    if before is not None and not (
        isinstance(before, dict) and schemas.stored_is_valid(change["kind"], before)
    ):
        return "image « avant » invalide"
    if after is not None and not (
        isinstance(after, dict)
        and isinstance(after.get("id"), str)
        and isinstance(after.get("table"), str)
        and is_table_name(after["table"])
        and isinstance(after.get("sum", ""), str)
    ):
        return "adresse « après » invalide"
    return None


def problem(name: str, table: dict[str, Any]) -> str | None:
    """The shape of a journal table (the records, or changes kept apart)."""
    if name.startswith(JOURNAL_APART_PREFIX):
        body = table.get("1")
        if set(table) != {"1"} or not isinstance(body, dict):
            return f"{name} : table de modifications invalide"
        changes = body.get("changes")
        if not isinstance(changes, list):
            return f"{name} : liste de modifications absente"
        for change in changes:
            found = _change_problem(change)
            if found:
                return f"{name} : {found}"
        return None
    for key, rec in table.items():
        where = f"journal : enregistrement {key}"
        if not isinstance(rec, dict):
            return f"{where} invalide"
        seq = rec.get("seq")
        if type(seq) is not int or seq < 1 or key != f"{seq:010d}":
            return f"{where} : numéro (seq) invalide"
        for field in ("at", "label"):
            if not isinstance(rec.get(field), str):
                return f"{where} : champ {field} invalide"
        if not isinstance(rec.get("origin", CLI), str) or not isinstance(
            rec.get("apart", False), bool
        ):
            return f"{where} : origine invalide"
        changes = rec.get("changes")
        if not isinstance(changes, list):
            return f"{where} : liste de modifications absente"
        for change in changes:
            found = _change_problem(change)
            if found:
                return f"{where} : {found}"
    return None
