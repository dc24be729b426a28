"""The `_ids/<year>` lines: the ids of each monthly table, so that short ids and
`edit`/`delete` by prefix need not parse every month. Derived, rebuilt by the
writes, never trusted blindly; schema version 2 (a version-1 file is upgraded)."""

from __future__ import annotations

import zlib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.core.errors import DataFileError
from citeslab_tui.core.model import Config
from citeslab_tui.store import Store, backups, migrations
from citeslab_tui.store.check import check_file
from citeslab_tui.store.layout import IDS_PREFIX, split_tables
from citeslab_tui.store.storage import AtomicJSONStorage

from .helpers import make_entry

NOW = datetime(2022, 4, 12, 18, 30)


def _open(path: Path, config: Config, **kw: Any) -> Store:
    return Store.open(path, config, now=lambda: NOW, **kw)


def _tables(data: bytes) -> dict[str, bytes]:
    raw = split_tables(data)
    assert raw is not None
    return {name: bytes(value) for name, value in raw.items()}


def _lay_out(tables: dict[str, bytes]) -> bytes:
    """A file in our layout (one table per line, `_index` last) holding exactly
    `tables` in that order: how a version-1 program wrote, or a hand-made file."""
    parts: list[bytes] = [b"{\n"]
    offset = 2
    index: dict[str, list[int]] = {}
    for name, value in tables.items():
        if index:
            parts.append(b",\n")
            offset += 2
        head = b'"' + name.encode() + b'":'
        parts += [head, value]
        offset += len(head)
        index[name] = [offset, len(value), zlib.crc32(value)]
        offset += len(value)
    parts += [b',\n"_index":', orjson.dumps({"1": index}), b"\n}\n"]
    return b"".join(parts)


def _as_version_1(data: bytes) -> bytes:
    tables = _tables(data)
    tables = {n: v for n, v in tables.items() if not n.startswith(IDS_PREFIX) and n != "_index"}
    meta = orjson.loads(tables["_meta"])
    meta["1"]["schema_version"] = 1
    tables["_meta"] = orjson.dumps(meta)
    return _lay_out(tables)


def _months(data: bytes) -> dict[str, list[str]]:
    """Each monthly table's keys, as the file holds them."""
    return {n: list(orjson.loads(v)) for n, v in _tables(data).items() if n.startswith("entries/")}


def _lines(data: bytes) -> dict[str, list[str]]:
    """Each month's ids, as the file's `_ids` lines give them."""
    out: dict[str, list[str]] = {}
    for name, value in _tables(data).items():
        if name.startswith(IDS_PREFIX):
            for month, text in orjson.loads(value)["1"].items():
                assert month.startswith("entries/" + name[len(IDS_PREFIX) :])
                out[month] = text.split()
    return out


def _assert_ids_right(path: Path, config: Config, store: Store | None = None) -> None:
    """The lines on disk list exactly the months' keys; a new reader and the
    store that wrote take every month's ids from them, not from the months."""
    data = path.read_bytes()
    assert _lines(data) == _months(data)
    for reader in [_open(path, config, readonly=True)] + ([store] if store else []):
        for name in reader.storage.entry_table_names():
            assert reader.storage.table_ids(name) == list(reader.storage.table(name)), name


def test_ids_lines_follow_every_kind_of_write(store: Store, db_path: Path, config: Config) -> None:
    a = store.add_entry(make_entry(date(2021, 12, 31)))
    _assert_ids_right(db_path, config, store)
    imported = store.add_entries(
        [make_entry(date(2022, m, 3)) for m in (1, 1, 3, 5)] + [make_entry(date(2023, 2, 1))],
        label="import",
    )
    _assert_ids_right(db_path, config, store)
    store.update_entry(imported[2].id, minutes=20)  # same month
    _assert_ids_right(db_path, config, store)
    store.update_entry(imported[3].id, date=date(2023, 7, 1))  # May 2022 empties, 2023 grows
    _assert_ids_right(db_path, config, store)
    assert "entries/2022-05" not in _months(db_path.read_bytes())
    store.delete_entry(a.id)  # the only entry of 2021: its month and its line go
    assert not [n for n in _tables(db_path.read_bytes()) if n.endswith("2021")]
    _assert_ids_right(db_path, config, store)
    for _ in range(3):
        store.undo()
        _assert_ids_right(db_path, config, store)
    assert {e.id for e in _open(db_path, config).entries()} >= {a.id, imported[3].id}


def test_ids_come_from_the_lines_without_parsing_the_months(
    store: Store, db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [store.add_entry(make_entry(date(2022, m, 1))).id for m in (1, 2, 3)]
    reader = _open(db_path, config)
    parsed: list[str] = []
    table = AtomicJSONStorage.table

    def spy(self: AtomicJSONStorage, name: str) -> dict[str, Any]:
        parsed.append(name)
        return table(self, name)

    monkeypatch.setattr(AtomicJSONStorage, "table", spy)
    assert sorted(reader.entry_ids()) == sorted(ids)
    assert reader.find_entry(ids[1][:6]).id == ids[1]
    assert parsed == ["entries/2022-02"]  # only the month of the entry found


def test_reads_of_entries_never_parse_the_lines(
    store: Store, db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_entry(make_entry(date(2022, 3, 1)))
    import citeslab_tui.store.storage as storage_module

    def refuse(value: Any) -> None:
        raise AssertionError("a report or a log must not read the ids lines")

    monkeypatch.setattr(storage_module, "parse_ids", refuse)
    reader = _open(db_path, config)
    assert len(reader.entries(date(2022, 3, 1), date(2022, 3, 31))) == 1
    reader.add_entry(make_entry(date(2023, 1, 5)))  # a write in another year: line copied


def test_month_edited_by_hand_gives_its_real_ids(
    store: Store, db_path: Path, config: Config
) -> None:
    old = "a" * 32
    store.add_entry(make_entry(date(2022, 3, 1), id=old))
    other = store.add_entry(make_entry(date(2022, 4, 1))).id
    tables = _tables(db_path.read_bytes())
    new = "b" * 32
    # same length, still valid: the index fits, only the month's CRC differs
    month = tables["entries/2022-03"]
    data = db_path.read_bytes().replace(month, month.replace(old.encode(), new.encode()))
    db_path.write_bytes(data)
    reader = _open(db_path, config)
    assert sorted(reader.entry_ids()) == sorted([new, other])
    assert reader.find_entry("bbbb").id == new
    assert reader.storage.table_ids("entries/2022-03") is None
    assert reader.storage.table_ids("entries/2022-04") == [other]
    # a write elsewhere in that year rebuilds its line: the edited month keeps
    # the CRC it was written with, so its ids there are still not used
    reader.add_entry(make_entry(date(2022, 4, 2)))
    again = _open(db_path, config)
    assert again.storage.table_ids("entries/2022-03") is None
    assert new in again.entry_ids() and old not in again.entry_ids()
    again.update_entry(new, minutes=30)  # a write of the month itself: right again
    _assert_ids_right(db_path, config, again)


def test_ids_line_edited_by_hand_is_not_trusted_until_its_year_is_written(
    store: Store, db_path: Path, config: Config
) -> None:
    real = store.add_entry(make_entry(date(2022, 3, 1), id="c" * 32)).id
    data = db_path.read_bytes()
    line = _tables(data)["_ids/2022"]
    db_path.write_bytes(data.replace(line, line.replace(b"c" * 32, b"d" * 32)))
    reader = _open(db_path, config)
    assert reader.entry_ids() == [real]
    assert reader.storage.table_ids("entries/2022-03") is None
    problems, _ = check_file(db_path, config)
    assert any("identifiants de 2022 modifié hors de citeslab" in p for p in problems), problems
    reader.add_entry(make_entry(date(2023, 1, 1)))  # another year: the line is copied as read
    again = _open(db_path, config)
    assert again.storage.table_ids("entries/2022-03") is None
    assert real in again.entry_ids()
    again.add_entry(make_entry(date(2022, 6, 1)))  # its year: rebuilt from the months
    _assert_ids_right(db_path, config, again)
    assert check_file(db_path, config)[0] == []


def test_check_names_a_wrong_line_that_passes_its_checksum(
    store: Store, db_path: Path, config: Config
) -> None:
    kept = store.add_entry(make_entry(date(2022, 3, 1))).id
    lost = store.add_entry(make_entry(date(2022, 3, 2))).id
    assert check_file(db_path, config)[0] == []
    tables = _tables(db_path.read_bytes())
    del tables["_index"]
    tables["_ids/2022"] = orjson.dumps({"1": {"entries/2022-03": kept}})  # as a bug would
    db_path.write_bytes(_lay_out(tables))
    problems, _ = check_file(db_path, config)
    assert problems == [
        "index des identifiants faux pour 03/2022 (1 identifiant(s) manquant(s), 0 en trop) : "
        "les identifiants courts et « citeslab edit/delete » par préfixe peuvent se tromper "
        "pour ce mois ; il est reconstruit à la prochaine modification d'une entrée de 2022"
    ]
    assert lost not in problems[0] and kept not in problems[0]
    _open(db_path, config).update_entry(kept, minutes=30)  # the way out the message gives
    assert check_file(db_path, config)[0] == []
    assert sorted(_open(db_path, config).entry_ids()) == sorted([kept, lost])


def test_check_names_a_missing_line(store: Store, db_path: Path, config: Config) -> None:
    store.add_entry(make_entry(date(2022, 3, 1)))
    store.add_entry(make_entry(date(2023, 3, 1)))
    tables = _tables(db_path.read_bytes())
    del tables["_index"], tables["_ids/2023"]
    db_path.write_bytes(_lay_out(tables))
    problems, _ = check_file(db_path, config)
    assert len(problems) == 1 and "identifiants de 2023 absent" in problems[0], problems
    _open(db_path, config).add_entry(make_entry(date(2022, 3, 5)))  # any write rebuilds it
    assert check_file(db_path, config)[0] == []


# ---------------------------------------------------------------------- version 1 -> 2


def _v1_file(store: Store, db_path: Path) -> tuple[bytes, list[str]]:
    ids = [store.add_entry(make_entry(date(y, m, 1))).id for y, m in ((2021, 5), (2022, 3))]
    v1 = _as_version_1(db_path.read_bytes())
    db_path.write_bytes(v1)
    return v1, ids


def test_version_1_file_is_backed_up_then_given_its_ids_lines(
    store: Store, db_path: Path, config: Config
) -> None:
    v1, ids = _v1_file(store, db_path)
    upgraded = _open(db_path, config)
    assert sorted(upgraded.entry_ids()) == sorted(ids)
    (copy,) = [b for b in backups.backup_dir(db_path).iterdir() if "migration" in b.name]
    assert copy.name == f"{db_path.stem}_avant-migration-v1.json"
    assert copy.read_bytes() == v1
    data = db_path.read_bytes()
    assert orjson.loads(data)["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION == 2
    assert {n: v for n, v in _tables(data).items() if not n.startswith(("_ids", "_"))} == {
        n: v for n, v in _tables(v1).items() if not n.startswith("_")
    }  # no record changed
    _assert_ids_right(db_path, config, upgraded)
    assert check_file(db_path, config)[0] == []


def test_version_1_file_read_only_is_upgraded_in_memory_only(
    store: Store, db_path: Path, config: Config
) -> None:
    v1, ids = _v1_file(store, db_path)
    reader = _open(db_path, config, readonly=True)
    assert sorted(reader.entry_ids()) == sorted(ids)
    assert reader.find_entry(ids[0][:8]).id == ids[0]
    assert reader.storage.table_ids("entries/2021-05") is None  # no lines yet: months read
    assert db_path.read_bytes() == v1
    assert not list(backups.backup_dir(db_path).glob("*migration*"))
    assert check_file(db_path, config)[0] == []  # an older file is not a problem


def test_version_1_upgrade_keeps_a_month_edited_by_hand_untrusted(
    store: Store, db_path: Path, config: Config
) -> None:
    _v1, _ids = _v1_file(store, db_path)
    data = db_path.read_bytes()
    month = _tables(data)["entries/2022-03"]
    db_path.write_bytes(data.replace(month, month.replace(b'"minutes":90', b'"minutes":95')))
    upgraded = _open(db_path, config)
    assert upgraded.storage.checksum_mismatches() == ["entries/2022-03"]
    assert upgraded.storage.table_ids("entries/2022-03") is None
    assert upgraded.storage.table_ids("entries/2021-05") is not None
    problems, _ = check_file(db_path, config)
    assert len(problems) == 1 and "entries/2022-03" in problems[0], problems


def test_version_1_file_with_an_invalid_month_is_refused_untouched(
    store: Store, db_path: Path, config: Config
) -> None:
    _v1_file(store, db_path)
    data = db_path.read_bytes()
    month = _tables(data)["entries/2022-03"]
    bad = data.replace(month, month.replace(b'"minutes":90', b'"minutes":-9'))
    db_path.write_bytes(bad)
    with pytest.raises(DataFileError) as info:
        _open(db_path, config)
    assert "entries/2022-03" in str(info.value)
    assert db_path.read_bytes() == bad


def test_an_older_program_says_the_file_is_newer(
    store: Store, db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_entry(make_entry())
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)  # the program before the lines
    with pytest.raises(DataFileError) as info:
        _open(db_path, config)
    assert "mettez le programme à jour" in str(info.value)
    assert "inconnue" not in str(info.value)


# ---------------------------------------------------------------------- any sequence

OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "edit", "delete", "undo"]),
        st.integers(0, 40),  # which day (over two years, a few months)
        st.integers(0, 99),  # which existing entry
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_any_sequence_of_writes_keeps_the_lines_right(
    tmp_path: Path, config: Config, ops: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / f"prop-{len(list(tmp_path.iterdir()))}.json"
    store = _open(path, config)
    for op, day_n, pick in ops:
        day = date(2022, 11, 1) + timedelta(days=day_n * 3)  # Nov 2022 to Feb 2023
        existing = store.entries()
        if op == "add" or not existing:
            store.add_entry(make_entry(day, minutes=30))
        elif op == "move":
            store.update_entry(existing[pick % len(existing)].id, date=day)
        elif op == "edit":
            store.update_entry(existing[pick % len(existing)].id, minutes=15 + pick)
        elif op == "delete":
            store.delete_entry(existing[pick % len(existing)].id)
        else:
            store.undo()
        if path.exists():
            _assert_ids_right(path, config, store)
