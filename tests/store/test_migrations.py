"""Schema migrations: an older file is backed up, then upgraded on open.

A hypothetical version 3 that changes records proves the general mechanism end
to end; the real 1 -> 2 step (the `_ids` index, no record change) is tested in
test_ids.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store, backups, migrations

from .helpers import make_entry


def test_older_file_is_backed_up_then_upgraded(
    store: Store, db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_entry(make_entry(note="v1"))
    v2_bytes = db_path.read_bytes()

    def to_v3(tables: dict[str, Any]) -> dict[str, Any]:
        for name, table in tables.items():
            if name.startswith("entries/"):
                for rec in table.values():
                    rec["note"] = rec["note"] + " (migré)"
        return tables

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, to_v3)
    upgraded = Store.open(db_path, config)
    assert upgraded.entries()[0].note == "v1 (migré)"
    on_disk = orjson.loads(db_path.read_bytes())
    assert on_disk["_meta"]["1"]["schema_version"] == 3
    (copy,) = [b for b in backups.backup_dir(db_path).iterdir() if "migration" in b.name]
    assert copy.name == f"{db_path.stem}_avant-migration-v2.json"
    assert copy.read_bytes() == v2_bytes
    # and a later write keeps working on the upgraded file
    upgraded.add_entry(make_entry())
    assert len(Store.open(db_path, config).entries()) == 2


def test_missing_migration_is_refused_untouched(
    store: Store, db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pytest

    from citeslab_tui.core.errors import DataFileError

    store.add_entry(make_entry())
    before = db_path.read_bytes()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 4)
    with pytest.raises(DataFileError):
        Store.open(db_path, config)
    assert db_path.read_bytes() == before
