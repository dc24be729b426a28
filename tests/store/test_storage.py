"""The data file: atomic writes, locking between processes, broken files,
backups, undo."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date, datetime
from functools import partial
from pathlib import Path

import orjson
import pytest

from citeslab_tui.core.errors import DataFileError, NotFound, StorageError, ValidationFailed
from citeslab_tui.core.model import Config, PathStep
from citeslab_tui.store import Store, backups
from citeslab_tui.store.layout import split_tables
from citeslab_tui.store.migrations import SCHEMA_VERSION

from .helpers import make_entry, make_porteur


def test_round_trip_and_layout(store: Store, db_path: Path, config: Config) -> None:
    e1 = store.add_entry(make_entry(date(2022, 3, 1), note='a [bold] note\nwith ; and "quotes"'))
    e2 = store.add_entry(make_entry(date(2022, 4, 2), minutes=45))
    again = Store.open(db_path, config)
    assert again.entries() == [e1, e2]
    raw = split_tables(db_path.read_bytes())
    assert raw is not None
    # one table per line, entries split by month, meta first
    assert list(raw)[:1] == ["_meta"]
    assert {"entries/2022-03", "entries/2022-04"} <= set(raw)
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_file_is_plain_tinydb_json(store: Store, db_path: Path) -> None:
    store.add_entry(make_entry())
    data = orjson.loads(db_path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    (entry_id,) = data["entries/2022-03"]
    assert data["entries/2022-03"][entry_id]["minutes"] == 90


def test_entries_by_period(store: Store) -> None:
    for day in (date(2021, 12, 31), date(2022, 1, 1), date(2022, 6, 30), date(2023, 1, 1)):
        store.add_entry(make_entry(day))
    got = [e.date for e in store.entries(date(2022, 1, 1), date(2022, 12, 31))]
    assert got == [date(2022, 1, 1), date(2022, 6, 30)]


def test_entry_ids_and_lookup_by_prefix_across_months(store: Store) -> None:
    days = (date(2021, 12, 31), date(2022, 3, 1), date(2023, 1, 1))
    ids = ["abcd0001" + "0" * 24, "abcd0002" + "0" * 24, "ffff0000" + "0" * 24]
    for day, key in zip(days, ids, strict=True):
        store.add_entry(make_entry(day, id=key))
    assert sorted(store.entry_ids()) == ids
    found = store.find_entry("ABCD0002")  # the March 2022 one, built from its month
    assert (found.id, found.date) == (ids[1], date(2022, 3, 1))
    assert store.find_entry("ffff").date == date(2023, 1, 1)
    with pytest.raises(NotFound, match="ambigu : abcd000100, abcd000200"):
        store.find_entry("abcd")
    with pytest.raises(NotFound, match="Aucune entrée"):
        store.find_entry("abce")
    with pytest.raises(NotFound, match="au moins 4"):
        store.find_entry("abc")


def test_ids_read_once_still_follow_every_change(db_path: Path, config: Config) -> None:
    """The ids of a monthly table are kept per version of its bytes: a long-lived
    store (the app's) sees its own writes and another process's."""
    store = Store.open(db_path, config)
    first = store.add_entry(make_entry(date(2022, 3, 1), id="aaaa" + "0" * 28))
    assert store.find_entry("aaaa").id == first.id
    second = store.add_entry(make_entry(date(2022, 3, 2), id="bbbb" + "0" * 28))
    assert store.find_entry("bbbb").id == second.id
    store.delete_entry(first.id)
    with pytest.raises(NotFound):
        store.find_entry("aaaa")
    other = Store.open(db_path, config)
    other.add_entry(make_entry(date(2022, 3, 3), id="cccc" + "0" * 28))
    assert store.refresh()
    assert sorted(store.entry_ids()) == ["bbbb" + "0" * 28, "cccc" + "0" * 28]


def test_porteur_ids_without_building_porteurs(store: Store) -> None:
    store.add_porteur(make_porteur("P-2022-001"))
    store.add_porteur(make_porteur("P-2023-002"))
    assert store.porteur_ids() == {"P-2022-001", "P-2023-002"}
    with pytest.raises(ValidationFailed, match="porteur « P-2022-009 » inconnu"):
        store.add_entry(make_entry(porteurs=("P-2022-009",)))
    assert store.add_entry(make_entry(porteurs=("P-2023-002",))).porteurs == ("P-2023-002",)


def table_reads(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the tables `store` parses from now on, in order."""
    parsed: list[str] = []
    table = store.storage.table

    def counting(name: str) -> dict[str, object]:
        parsed.append(name)
        return table(name)

    monkeypatch.setattr(store.storage, "table", counting)
    return parsed


def test_porteur_ids_read_once_per_table_still_follow_every_change(
    db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Porteur ids are kept per version of each table's bytes: asked twice, a
    table is parsed once; the store still sees its own writes, an erasure and
    another process's write."""
    store = Store.open(db_path, config)
    store.add_porteur(make_porteur("P-2022-001"))
    store.add_porteur(make_porteur("P-2023-002"))
    parsed = table_reads(store, monkeypatch)
    assert store.porteur_ids() == {"P-2022-001", "P-2023-002"}
    assert store.porteur_ids() == {"P-2022-001", "P-2023-002"}
    assert parsed == [n for n in store.storage.table_names() if n.startswith("porteurs/")]
    store.add_porteur(make_porteur("P-2023-003"))
    assert store.porteur_ids() == {"P-2022-001", "P-2023-002", "P-2023-003"}
    other = Store.open(db_path, config)
    other.add_porteur(make_porteur("P-2022-004"))
    assert store.refresh()
    assert "P-2022-004" in store.porteur_ids()


def test_cited_porteurs_are_looked_up_newest_tables_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry citing a recent porteur reads the recent porteur tables only;
    an unknown one is still refused after reading them all."""
    store.add_porteur(make_porteur("P-2022-001"))
    store.add_porteur(make_porteur("P-2024-001", created_at="2024-02-01T09:00:00"))
    fresh = Store(store.storage, store.config, store.now)  # nothing cached yet
    parsed = table_reads(store, monkeypatch)
    assert fresh.existing_porteurs(["P-2024-001"]) == {"P-2024-001"}
    assert parsed == ["porteurs/2024"]
    assert fresh.existing_porteurs(["P-2024-001", "P-2022-001", "P-2023-404"]) == {
        "P-2024-001",
        "P-2022-001",
    }
    assert sorted(parsed) == ["porteurs/2022", "porteurs/2024"]
    with pytest.raises(ValidationFailed, match="porteur « P-2023-404 » inconnu"):
        fresh.add_entry(make_entry(porteurs=("P-2024-001", "P-2023-404")))
    cited = fresh.add_entry(make_entry(date(2024, 3, 1), porteurs=("P-2024-001", "P-2022-001")))
    assert fresh.find_entry(cited.id) == cited


def test_porteurs_by_id_builds_only_the_tables_it_needs(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging a contact with a porteur (its territory fills the entry's) and
    changing one porteur read the newest tables only, not the whole register."""
    old = store.add_porteur(make_porteur("P-2022-001"))
    store.add_porteur(make_porteur("P-2023-001", created_at="2023-02-01T09:00:00"))
    new = store.add_porteur(make_porteur("P-2024-001", created_at="2024-02-01T09:00:00"))
    fresh = Store(store.storage, store.config, store.now)
    parsed = table_reads(store, monkeypatch)
    assert fresh.porteurs_by_id(["P-2024-001"]) == {"P-2024-001": new}
    assert fresh.find_porteur(" p-2024-001 ") == new
    assert set(parsed) == {"porteurs/2024"}
    assert fresh.porteurs_by_id(["P-2024-001", "P-2024-404"]) == {"P-2024-001": new}
    assert set(parsed) == {"porteurs/2024", "porteurs/2023", "porteurs/2022"}
    assert fresh.find_porteur("P-2022-001") == old
    with pytest.raises(NotFound, match="Porteur « P-2030-001 » inconnu"):
        fresh.find_porteur("P-2030-001")


def test_two_writers_never_lose_each_other(db_path: Path, config: Config) -> None:
    a = Store.open(db_path, config)
    b = Store.open(db_path, config)
    a.add_entry(make_entry())
    b.add_entry(make_entry())  # b had not seen a's write: it reloads under the lock
    a.add_entry(make_entry())
    b.add_porteur(make_porteur())
    a.add_porteur(make_porteur("P-2022-002"))
    final = Store.open(db_path, config)
    assert len(final.entries()) == 3
    assert [p.id for p in final.porteurs()] == ["P-2022-001", "P-2022-002"]


def test_tinydb_document_id_cache_pitfall(db_path: Path, config: Config) -> None:
    """TinyDB caches the next document id per table; ids are our UUIDs, so a
    second writer on a reloaded file cannot collide."""
    a = Store.open(db_path, config)
    b = Store.open(db_path, config)
    for _ in range(3):
        a.add_entry(make_entry())
        b.add_entry(make_entry())
    assert len(Store.open(db_path, config).entries()) == 6


def test_refresh_sees_other_process_changes(db_path: Path, config: Config) -> None:
    a = Store.open(db_path, config)
    b = Store.open(db_path, config)
    gen = a.generation
    b.add_entry(make_entry())
    assert a.refresh() is True
    assert a.generation > gen
    assert len(a.entries()) == 1
    assert a.refresh() is False


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_failed_write_keeps_old_file_and_memory(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int
) -> None:
    store.add_entry(make_entry())
    before = db_path.read_bytes()
    entries_before = store.entries()

    def boom(*a: object, **k: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(StorageError) as info:
        store.add_entry(make_entry(date(2022, 3, 2)))
    monkeypatch.undo()
    message = str(info.value)
    assert "intact" in message or "Rien" in message
    assert ("disque plein" if code == errno.ENOSPC else "entrée/sortie") in message
    assert db_path.read_bytes() == before
    assert store.entries() == entries_before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "vide"),
        (
            b'{\n"_meta":{"1":{"app":"citeslab-tui","schema_version":1}},\n"entries/2022-03":{"ab',
            "JSON",
        ),
        (b"not json at all", "JSON"),
        (b'{"_default": {"1": {"a": 1}}}', "pas une base citeslab"),
        (b"[1, 2, 3]", "pas une base citeslab"),
        (b'{"_meta":{"1":{"app":"citeslab-tui","schema_version":99}}}', "plus récente"),
        (
            b'{"_meta":{"1":{"app":"citeslab-tui","schema_version":1}},'
            b'"entries/2022-03":{"x":{"id":"x","minutes":"lots"}}}',
            "entries/2022-03",
        ),
    ],
)
def test_broken_files_are_refused_untouched(
    db_path: Path, config: Config, content: bytes, fragment: str
) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        s = Store.open(db_path, config)
        s.entries()  # a table fails validation when it is read
    assert str(db_path) in str(info.value)
    assert fragment in str(info.value)
    assert db_path.read_bytes() == content


def test_invalid_table_is_never_rewritten(store: Store, db_path: Path, config: Config) -> None:
    store.add_entry(make_entry(date(2022, 3, 1)))
    data = db_path.read_bytes().replace(b'"minutes":90', b'"minutes":-5')
    db_path.write_bytes(data)
    other = Store.open(db_path, config)
    with pytest.raises(DataFileError):
        other.add_entry(make_entry(date(2022, 3, 5)))  # same month: must read it
    assert db_path.read_bytes() == data


def test_daily_backup_and_restore(db_path: Path, config: Config) -> None:
    clock = [datetime(2022, 4, 11, 18, 0)]
    s = Store.open(db_path, config, now=lambda: clock[0])
    s.add_entry(make_entry())  # first write ever: nothing to back up
    assert backups.list_backups(db_path) == []
    clock[0] = datetime(2022, 4, 12, 9, 0)
    s.add_entry(make_entry())
    s.add_entry(make_entry())
    (first,) = backups.list_backups(db_path)
    assert first.name == "citeslab_2022-04-12.json"
    assert len(orjson.loads(first.read_bytes())["entries/2022-03"]) == 1
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600
    db_path.write_bytes(b"{broken")
    with pytest.raises(DataFileError) as info:
        Store.open(db_path, config)
    assert "citeslab_2022-04-12.json" in str(info.value)
    aside = backups.restore(db_path, first, datetime(2022, 4, 12, 10, 0))
    assert aside is not None and aside.read_bytes() == b"{broken"
    assert len(Store.open(db_path, config).entries()) == 1


def test_backups_rotate(db_path: Path, config: Config) -> None:
    for day in range(1, 20):
        s = Store.open(db_path, config, now=partial(datetime, 2022, 3, day, 12))
        s.add_entry(make_entry(date(2022, 3, day)))
    assert len(backups.list_backups(db_path)) == backups.KEEP


def test_undo_chain(store: Store) -> None:
    e = store.add_entry(make_entry())
    store.update_entry(e.id[:8], minutes=30, date=date(2022, 5, 1))
    store.delete_entry(e.id)
    assert store.entries() == []
    assert str(store.undo()).startswith("suppression")
    assert store.entries()[0].minutes == 30
    assert str(store.undo()).startswith("modification")
    assert store.entries() == [e]
    assert str(store.undo()).startswith("ajout")
    assert store.entries() == []
    assert store.undo() is None


def test_refused_entry_changes_nothing(store: Store, db_path: Path) -> None:
    store.add_entry(make_entry())
    before = db_path.read_bytes()
    for bad in (
        make_entry(type="nope"),
        make_entry(territory="XX"),
        make_entry(porteurs=("P-2022-999",)),
        make_entry(minutes=0),
        make_entry(qpv="QN99999X"),
    ):
        with pytest.raises(ValidationFailed):
            store.add_entry(bad)
    assert db_path.read_bytes() == before


def test_porteur_steps_and_ids(store: Store) -> None:
    store.add_porteur(make_porteur(store.next_porteur_id(2022)))
    assert store.next_porteur_id(2022) == "P-2022-002"
    store.add_step("p-2022-001", PathStep("amorcage", date(2022, 3, 15)))
    store.add_step("P-2022-001", PathStep("accueilli", date(2022, 3, 1)))
    p = store.find_porteur("P-2022-001")
    assert [s.step for s in p.steps] == ["accueilli", "amorcage"]
    assert p.stage == "amorcage"
    with pytest.raises(ValidationFailed):
        store.add_porteur(make_porteur("P-2022-001"))


def test_readonly_store_never_writes(store: Store, db_path: Path, config: Config) -> None:
    store.add_entry(make_entry())
    ro = Store.open(db_path, config, readonly=True)
    with pytest.raises(StorageError):
        ro.add_entry(make_entry())


def test_lock_timeout_writes_nothing(store: Store, db_path: Path, config: Config) -> None:
    from citeslab_tui.core.errors import LockTimeout
    from citeslab_tui.store.lock import FileLock

    store.add_entry(make_entry())
    before = db_path.read_bytes()
    other = Store.open(db_path, config, lock_timeout=0.2)
    holder = FileLock(db_path.with_name(db_path.name + ".lock"))
    with holder, pytest.raises(LockTimeout) as info:
        other.add_entry(make_entry())
    assert "occupé" in str(info.value)
    assert db_path.read_bytes() == before


def test_storage_refuses_an_invalid_record_written_through_tinydb(
    store: Store, db_path: Path
) -> None:
    from tinydb.table import Document

    store.add_entry(make_entry())
    before = db_path.read_bytes()
    with pytest.raises(StorageError), store.storage.transaction():
        store.db.table("entries/2022-03").insert(Document({"id": "x", "minutes": -1}, doc_id="x"))  # type: ignore[arg-type]
    assert db_path.read_bytes() == before
    assert len(store.entries()) == 1


def test_index_lets_readers_skip_tables_and_checksums_catch_edits(
    store: Store, db_path: Path, config: Config
) -> None:
    from citeslab_tui.store.layout import read_index

    store.add_entry(make_entry(date(2022, 3, 1)))
    store.add_entry(make_entry(date(2022, 4, 1)))
    data = db_path.read_bytes()
    index = read_index(data)
    assert index is not None and {"_meta", "entries/2022-03", "entries/2022-04"} <= set(index)
    offset, length, _crc = index["entries/2022-04"]
    assert orjson.loads(data[offset : offset + length])
    # same length edit inside one table: offsets stay right, the CRC does not
    edited = data.replace(b'"minutes":90', b'"minutes":-9')
    db_path.write_bytes(edited)
    other = Store.open(db_path, config)
    with pytest.raises(DataFileError):
        other.entries()


def test_file_without_our_layout_is_still_read(store: Store, db_path: Path, config: Config) -> None:
    store.add_entry(make_entry())
    pretty = orjson.dumps(orjson.loads(db_path.read_bytes()), option=orjson.OPT_INDENT_2)
    db_path.write_bytes(pretty)
    other = Store.open(db_path, config)
    assert len(other.entries()) == 1
    other.add_entry(make_entry())
    assert len(Store.open(db_path, config).entries()) == 2


def test_bulk_add_with_new_porteurs_is_one_write_and_one_undo(store: Store, db_path: Path) -> None:
    porteurs = [make_porteur(f"P-2022-{i:03d}") for i in range(1, 4)]
    entries = [
        make_entry(date(2022, 3 + i % 3, 1 + i % 20), porteurs=(porteurs[i % 3].id,))
        for i in range(30)
    ]
    store.add_entries(entries, label="import", new_porteurs=porteurs)
    assert len(store.entries()) == 30 and len(store.porteurs()) == 3
    from citeslab_tui.store.journal import changes_of

    journal = store.journal()
    changes = changes_of(store, journal[0])
    assert len(journal) == 1 and len(changes) == 33
    # the journal keeps only addresses (and sums) of what was added, not copies
    assert all(set(c["after"]) == {"id", "table", "sum"} for c in changes)
    assert store.undo() == "import"
    assert store.entries() == [] and store.porteurs() == []
