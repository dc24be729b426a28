"""Upgrades of the whole data file from an older schema version.

`MIGRATIONS[v]` turns a version-v file (table name -> parsed table dict) into a
version v+1 one. Opening an older file backs it up first
(`<stem>_avant-migration-v<v>.json`), then upgrades it (see storage.load).

Version 2 adds the `_ids` table (layout.IDS), derived from the entries and
written by layout.serialize: no record changes. The version still changes so
that an older program says the file is from a newer version (« mettez le
programme à jour ») instead of refusing an unknown table as if the file were
damaged. A step listed in `LAYOUT_ONLY` changes no record: the file is upgraded
without parsing its tables (see storage._migrate).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeslab_tui.store.layout import META

SCHEMA_VERSION = 2


def _add_ids_index(tables: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: no record changes; the `_ids` table is written by serialize."""
    return tables


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _add_ids_index}
LAYOUT_ONLY: set[int] = {1}  # steps that change no record, only what serialize derives


class MissingMigration(Exception):
    """No known step from this version (the caller turns it into a French error)."""


def upgrade(tables: dict[str, Any], version: int) -> dict[str, Any]:
    """`tables` of a version-`version` file, upgraded to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MissingMigration(f"Aucune migration connue depuis le schéma {version}.")
        tables = step(tables)
        version += 1
    tables[META] = {"1": {**tables[META]["1"], "schema_version": version}}
    return tables
