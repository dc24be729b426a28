"""Erasure that reaches every copy the program keeps, and stays true.

`privacy.forget_porteurs` blanks a porteur's personal data in the data file and
its undo journal. This module does the rest, under the data file's lock:

* **Copies.** Every backup (daily, before-migration), every `.broken-*` copy
  kept aside by a restore, is read, the erased porteurs are blanked in it (and
  in its journal, and their name in the notes of its past entries), and it is
  rewritten atomically. A copy that does not parse (truncated, hand-damaged)
  has each erased text replaced byte for byte. Temporary files left by a killed
  process (partial copies) are deleted. The configuration's backups get the
  byte replacement too.
* **Register.** Each erasure is recorded in `<data file>.effacements.json`
  (date, pseudonymous id and internal uuid — never a name), so that restoring
  a backup older than an erasure replays it (`replay`): the person does not come
  back.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from citeslab_tui.config import config_backup_dir, user_config_path
from citeslab_tui.core.errors import StorageError
from citeslab_tui.fsutil import atomic_write, describe_os_error
from citeslab_tui.store import backups, leftovers
from citeslab_tui.store.layout import (
    INDEX,
    JOURNAL,
    JOURNAL_APART_PREFIX,
    PORTEURS_PREFIX,
    serialize,
)
from citeslab_tui.store.storage import AtomicJSONStorage

REGISTER_SUFFIX = ".effacements.json"
PERSONAL_FIELDS: dict[str, Any] = {
    "name": None,
    "contact": None,
    "notes": "",
    "rqth": False,
    "rqth_consent_date": None,
}
ERASED_NAME = "[nom effacé]"
ERASED_TEXT = b"[efface]"
MIN_SECRET = 3  # shorter texts are not searched byte for byte (too many false hits)


def register_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + REGISTER_SUFFIX)


def read_register(db_path: Path) -> list[dict[str, str]]:
    """The recorded erasures, oldest first ([] when none or unreadable)."""
    try:
        data = orjson.loads(register_path(db_path).read_bytes())
        found = data["erasures"]
    except FileNotFoundError:
        return []
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        raise StorageError(
            f"Registre des effacements illisible : {register_path(db_path)}. Rien n'a été modifié."
        ) from None
    return [e for e in found if isinstance(e, dict) and isinstance(e.get("uuid"), str)]


def record(db_path: Path, erased: Iterable[tuple[str, str]], at: str) -> None:
    """Add (pseudonymous id, uuid) pairs erased at `at` to the register."""
    items = read_register(db_path)
    known = {e["uuid"] for e in items}
    items += [{"at": at, "id": pid, "uuid": uuid} for pid, uuid in erased if uuid not in known]
    payload = orjson.dumps({"version": 1, "erasures": items}, option=orjson.OPT_INDENT_2)
    atomic_write(register_path(db_path), payload + b"\n")


# ---------------------------------------------------------------------- tables


def scrub_record(record: dict[str, Any], at: str) -> dict[str, Any]:
    return {**record, **PERSONAL_FIELDS, "forgotten_at": record.get("forgotten_at") or at}


def has_personal_data(record: dict[str, Any]) -> bool:
    return any(record.get(k) != v for k, v in PERSONAL_FIELDS.items())


def scrub_note(record: dict[str, Any] | None, names: Iterable[str]) -> dict[str, Any] | None:
    """An entry record with the erased names blanked out of its note."""
    if record is None or not isinstance(record.get("note"), str):
        return record
    note = record["note"]
    for name in names:
        if name and name.lower() in note.lower():
            note = re.compile(re.escape(name), re.IGNORECASE).sub(ERASED_NAME, note)
    return record if note == record["note"] else {**record, "note": note}


def scrub_change(
    change: dict[str, Any], erased: dict[str, str], names: list[str]
) -> dict[str, Any]:
    before = change.get("before")
    if not isinstance(before, dict):
        return change
    if change.get("kind") == "porteur":
        uuid = before.get("uuid")
        if uuid in erased and has_personal_data(before):
            return {**change, "before": scrub_record(before, erased[uuid])}
        return change
    scrubbed = scrub_note(before, names)
    return change if scrubbed is before else {**change, "before": scrubbed}


def scrub_tables(tables: dict[str, Any], erased: dict[str, str], names: list[str]) -> bool:
    """Blank the porteurs of `erased` (uuid -> date) in parsed `tables`, in
    place: their records, the journal's images of them, and `names` (plus the
    names found in these tables) in the notes of entries and journal images.
    True when anything changed."""
    changed = False
    names = list(names)
    for name, table in tables.items():
        if not name.startswith(PORTEURS_PREFIX):
            continue
        for key, rec in table.items():
            if isinstance(rec, dict) and rec.get("uuid") in erased and has_personal_data(rec):
                if isinstance(rec.get("name"), str) and rec["name"].strip():
                    names.append(rec["name"].strip())
                table[key] = scrub_record(rec, erased[rec["uuid"]])
                changed = True
    names = [n for n in dict.fromkeys(names) if len(n) >= MIN_SECRET]
    for name, table in tables.items():
        if name == JOURNAL or name.startswith(JOURNAL_APART_PREFIX):
            for key, rec in table.items():
                if not isinstance(rec, dict) or not isinstance(rec.get("changes"), list):
                    continue
                new = [scrub_change(c, erased, names) for c in rec["changes"]]
                if new != rec["changes"]:
                    table[key] = {**rec, "changes": new}
                    changed = True
        elif name.startswith("entries/") and names:
            for key, rec in table.items():
                scrubbed = scrub_note(rec, names) if isinstance(rec, dict) else rec
                if scrubbed is not rec:
                    table[key] = scrubbed
                    changed = True
    return changed


def parse_file(data: bytes) -> dict[str, Any] | None:
    """Tables of a data file's bytes, or None when they do not parse."""
    probe = AtomicJSONStorage(Path("/nonexistent/citeslab.json"), readonly=True)
    found = probe._structure_problem(data)
    if isinstance(found, str):
        return None
    raw, _lines = found  # the ids lines are derived: serialize writes them again
    try:
        tables = {name: orjson.loads(value) for name, value in raw.items()}
    except orjson.JSONDecodeError:
        return None
    return tables if all(isinstance(t, dict) for t in tables.values()) else None


def scrub_file_bytes(
    data: bytes, erased: dict[str, str], names: list[str], secrets: list[str]
) -> bytes:
    """The bytes of a data file (or a damaged copy of one) with the erasure
    applied: structured when it parses, byte for byte otherwise."""
    tables = parse_file(data)
    if tables is not None:
        if not scrub_tables(tables, erased, names):
            return data
        tables.pop(INDEX, None)
        return serialize({name: orjson.dumps(t) for name, t in tables.items()})
    return scrub_bytes(data, secrets + names)


def scrub_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    """Every erased text replaced where it appears, as raw text or as it reads
    inside a JSON string."""
    for secret in secrets:
        if len(secret) < MIN_SECRET:
            continue
        for form in {secret.encode(), orjson.dumps(secret)[1:-1]}:
            data = data.replace(form, ERASED_TEXT)
    return data


# ---------------------------------------------------------------------- copies


def copies(db_path: Path) -> list[Path]:
    """Every full copy of the data file the program keeps."""
    aside = [
        p
        for p in db_path.parent.glob(db_path.name + ".broken-*")
        if p.is_file() and not p.name.endswith(".tmp")
    ]
    return backups.list_backups(db_path) + sorted(aside)


def config_copies() -> list[Path]:
    """The backups of the user's configuration (never the shipped default's)."""
    folder = config_backup_dir(user_config_path())
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


def scrub_copies(
    db_path: Path, erased: dict[str, str], names: list[str], secrets: list[str]
) -> list[Path]:
    """Apply the erasure to every copy (call with the data file's lock held);
    the copies rewritten. Temporaries of this data file are deleted (they are
    partial copies; no write of the data file runs while the lock is held)."""
    for p in leftovers.temporaries(db_path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    rewritten = []
    for path in copies(db_path):
        rewritten += _rewrite(path, lambda d: scrub_file_bytes(d, erased, names, secrets))
    history = db_path.with_name(db_path.stem + ".history.json")  # lines typed in the bar
    for path in [history, *config_copies()]:
        rewritten += _rewrite(path, lambda d: scrub_bytes(d, secrets + names))
    return rewritten


def _rewrite(path: Path, change: Any) -> list[Path]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(
            f"Effacement incomplet : {path} illisible ({describe_os_error(exc)})."
        ) from exc
    new = change(data)
    if new == data:
        return []
    atomic_write(path, new)
    return [path]


def replay(db_path: Path, data: bytes) -> bytes:
    """`data` (a backup about to be restored) with every recorded erasure applied."""
    erased = {e["uuid"]: e.get("at", "") for e in read_register(db_path)}
    if not erased:
        return data
    return scrub_file_bytes(data, erased, [], [])
