"""Importing an `entries` export back into the log: read and check every row
(export.importer), create the porteurs it cites when asked, then one write and
one undo step for everything."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citeslab_tui.core.model import Entry, Porteur, new_uuid, timestamp
from citeslab_tui.export.importer import import_entries as read_entries
from citeslab_tui.store import Store


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    added: int  # entries new to the data file (written unless dry run)
    skipped: int  # rows whose id is already there
    rows: int  # data rows read
    dialect: str  # as detected
    created_porteurs: tuple[str, ...]  # ids of the bare porteurs created


def import_entries(
    store: Store, file: Path, *, dry_run: bool = False, create_porteurs: bool = False
) -> ImportOutcome:
    """All or nothing (ImportRejected lists every bad row). The porteurs cited
    must exist, unless `create_porteurs`: then bare pseudonymous ones are made."""
    existing = set(store.entry_ids())
    known = store.porteur_ids()
    result = read_entries(
        file,
        store.config,
        existing,
        known_porteurs=None if create_porteurs else known,
        now=store.now,
    )
    added = len(result.entries)
    missing = missing_porteurs(result.entries, known, store) if create_porteurs else {}
    if added and not dry_run:
        store.add_entries(
            result.entries,
            label=f"import de {added} entrée(s) ({file.name})",
            new_porteurs=missing.values(),
        )
    return ImportOutcome(added, result.skipped, result.rows, result.dialect, tuple(sorted(missing)))


def missing_porteurs(entries: Sequence[Entry], known: set[str], store: Store) -> dict[str, Porteur]:
    """Bare pseudonymous porteurs for ids cited by `entries` but not in the
    file: the territory of the first entry citing them, nothing personal."""
    stamp = timestamp(store.now())
    missing: dict[str, Porteur] = {}
    for e in entries:
        for pid in e.porteurs:
            if pid not in known and pid not in missing:
                missing[pid] = Porteur(
                    uuid=new_uuid(),
                    id=pid,
                    territory=e.territory,
                    created_at=stamp,
                    updated_at=stamp,
                )
    return missing
