"""What a stored table must be, and the cache that spares validating it twice.

`validate_table` is the schema check of one table (entries, porteurs, the
journal, _meta); it returns a French problem without personal data, or None.

`ValidationCache` remembers, per table, the buffer last known valid and the
CRC-32 the file's index recorded for it: a table whose bytes are the very
buffer validated before, or whose bytes match the CRC this program recorded
when it wrote (and therefore validated) them, is not validated again. `check`
turns the CRC trust off and validates everything.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any

from citeslab_tui import schemas
from citeslab_tui.store import journal
from citeslab_tui.store.layout import (
    CLOSURES,
    ENTRIES_PREFIX,
    JOURNAL,
    JOURNAL_APART_PREFIX,
    META,
    PORTEURS_PREFIX,
    porteurs_table,
)


def validate_table(name: str, table: dict[str, Any]) -> str | None:
    """Schema check of one stored table; a French problem (no personal data)."""
    if name == META:
        meta = table.get("1")
        if not isinstance(meta, dict):
            return "table _meta invalide"
        writes, written_at = meta.get("writes", 0), meta.get("written_at", "")
        if type(writes) is not int or writes < 0 or not isinstance(written_at, str):
            return "table _meta : numéro ou date d'écriture invalide"
        return None
    if name == CLOSURES:
        for key, rec in table.items():
            if not (
                isinstance(rec, dict)
                and rec.get("month") == key
                and isinstance(rec.get("closed"), bool)
                and isinstance(rec.get("events"), list)
            ):
                return f"closures : enregistrement {key} invalide"
        return None
    if name == JOURNAL or name.startswith(JOURNAL_APART_PREFIX):
        return journal.problem(name, table)
    kind = "porteur" if name.startswith(PORTEURS_PREFIX) else "entry"
    id_field = "uuid" if kind == "porteur" else "id"
    if not schemas.table_is_valid(kind, table):
        for key, rec in table.items():
            if not schemas.stored_is_valid(kind, rec):
                shown = rec.get("id", key) if isinstance(rec, dict) else key
                problems = schemas.explain(kind, rec, redact=True, stored=True)
                what = "porteur" if kind == "porteur" else "entrée"
                return f"{name} : {what} {shown} : {problems[0] if problems else 'invalide'}"
    for key, rec in table.items():
        problem = _semantic_problem(kind, rec)
        if problem:
            what = "porteur" if kind == "porteur" else "entrée"
            return f"{name} : {what} {rec.get('id', key)} : {problem}"
        if rec[id_field] != key:
            return f"{name} : la clé {key} ne correspond pas à l'identifiant {rec[id_field]}"
        if kind == "entry" and rec["date"][:7] != name[len(ENTRIES_PREFIX) :]:
            # the date is a calendar date `YYYY-MM-DD` (checked above): its
            # month is the table's
            return f"{name} : l'entrée {key} est datée du {rec['date']}, hors de ce mois"
        if kind == "porteur" and porteurs_table(rec) != name:
            return f"{name} : le porteur {rec['id']} n'est pas dans la table de son année"
    return None


def _impossible_date(text: Any) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return True
    return False


def _semantic_problem(kind: str, rec: dict[str, Any]) -> str | None:
    """What the schema's patterns let through: impossible dates (2023-02-30,
    month 13), an end before the start. Names the field, never the value of a
    personal one."""
    if kind == "entry":
        if _impossible_date(rec["date"]):
            return f"champ date : « {rec['date']} » n'est pas une date du calendrier"
        start, end = rec.get("start"), rec.get("end")
        if start and end and end <= start:
            return f"champ end : l'heure de fin ({end}) ne suit pas l'heure de début ({start})"
        for field in ("created_at", "updated_at"):
            if _impossible_date(rec[field][:10]):
                return f"champ {field} : date impossible"
        return None
    for field in ("created_at", "updated_at"):
        if _impossible_date(rec[field][:10]):
            return f"champ {field} : date impossible"
    consent = rec.get("rqth_consent_date")
    if consent is not None and _impossible_date(consent):
        return "champ rqth_consent_date : date impossible"
    for i, step in enumerate(rec["steps"]):
        if _impossible_date(step["date"]):
            return f"champ steps[{i}].date : « {step['date']} » n'est pas une date du calendrier"
    return None


class ValidationCache:
    """Per table: the buffer known valid, and the (buffer, CRC-32) pair the
    file's index gave or this program computed. Buffers are compared by
    identity: a new read of the file brings new buffers."""

    def __init__(self, trust_checksums: bool = True) -> None:
        self.trust_checksums = trust_checksums
        self._crcs: dict[str, tuple[Any, int]] = {}
        self._valid: dict[str, Any] = {}

    def reloaded(self, raw: dict[str, Any]) -> None:
        """Forget what no longer describes the tables of `raw`."""
        self._crcs = {k: v for k, v in self._crcs.items() if raw.get(k) is v[0]}
        self._valid = {k: v for k, v in self._valid.items() if raw.get(k) is v}

    def record_crcs(self, crcs: dict[str, tuple[Any, int]]) -> None:
        self._crcs.update(crcs)

    def recorded_crc(self, name: str, value: Any) -> int | None:
        """The CRC-32 the file's index gave `value` (None when it gave none)."""
        recorded = self._crcs.get(name)
        return recorded[1] if recorded is not None and recorded[0] is value else None

    def is_known_valid(self, name: str, value: Any) -> bool:
        return self._valid.get(name) is value

    def mark_valid(self, name: str, value: Any) -> None:
        self._valid[name] = value

    def trusted(self, name: str, value: Any) -> bool:
        """True when `value` matches the CRC recorded for it at writing time."""
        recorded = self._crcs.get(name)
        return (
            self.trust_checksums
            and recorded is not None
            and recorded[0] is value
            and zlib.crc32(value) == recorded[1]
        )

    def mismatches(self) -> list[str]:
        """Tables whose bytes no longer match the CRC-32 the file's index gives
        (edited outside this program since its last write)."""
        return sorted(name for name, (value, crc) in self._crcs.items() if zlib.crc32(value) != crc)

    def checksum(self, name: str, value: Any) -> int:
        """CRC-32 of a table's bytes, computed once per buffer."""
        known = self._crcs.get(name)
        if known is not None and known[0] is value:
            return known[1]
        crc = zlib.crc32(value)
        self._crcs[name] = (value, crc)
        return crc
