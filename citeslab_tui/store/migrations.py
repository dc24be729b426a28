"""Upgrades of the whole data file from an older schema version.

`MIGRATIONS[v]` turns a version-v file (table name -> parsed table dict) into a
version v+1 one. Opening an older file backs it up first
(`<stem>_avant-migration-v<v>.json`), then upgrades it (see storage.load).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeslab_tui.store.layout import META

SCHEMA_VERSION = 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


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
