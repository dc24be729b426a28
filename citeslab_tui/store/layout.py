"""How the data file is laid out on disk: table names, one table per line, the
`_index` at the end. Pure functions of bytes; no I/O except `signature` and
`map_file`.

The file is one JSON object of tables (TinyDB's format). Each table is written
on one line, fixed tables first, then porteurs by year, then entries by month,
and last an `_index` table giving each table's byte offset, length and CRC-32,
so that a reader can map the file and touch only the tables it needs. JSON
strings cannot hold a raw newline and orjson writes none, so `,\\n"` only ever
separates tables.

Just before `_index` come the `_ids/<year>` lines: the ids of each monthly
entry table of that year (one string per month, the ids separated by spaces),
each listed in `_index` with its own CRC-32. A command that needs every id
(short ids, an entry found by a prefix) reads these lines instead of parsing
every month. Like `_index` they are derived, not TinyDB tables: a write
rebuilds the lines of the years it changes and copies the others as read,
with their CRC; never trusted blindly (see storage.AtomicJSONStorage.table_ids).
"""

from __future__ import annotations

import mmap
import os
import re
import zlib
from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson

APP_MARK = "citeslab-tui"
META = "_meta"
INDEX = "_index"
IDS_PREFIX = "_ids/"  # ids of the monthly entry tables of a year (derived, like _index)
PORTEURS_PREFIX = "porteurs/"
JOURNAL = "journal"
CLOSURES = "closures"  # closed months (core.closing)
JOURNAL_APART_PREFIX = "journal/"  # large undo records, one table each
ENTRIES_PREFIX = "entries/"
_ENTRIES_RE = re.compile(r"^entries/(\d{4})-(0[1-9]|1[0-2])$")
_PORTEURS_RE = re.compile(r"^porteurs/(\d{4})$")
_JOURNAL_APART_RE = re.compile(r"^journal/(\d{10})$")
_FIXED_TABLES = (META, JOURNAL, CLOSURES)


def next_meta(previous: Any, now: datetime) -> bytes:
    """The `_meta` table of the next write: the write sequence (`writes`, one
    more than the previous file's) and the clock at that write (`written_at`).
    Backups are ordered by the sequence, never by the clock."""
    # lazy: import cycle (migrations imports this module)
    from citeslab_tui.store import migrations

    meta: dict[str, Any] = {}
    if previous is not None:
        try:
            found = orjson.loads(previous).get("1")
        except (orjson.JSONDecodeError, AttributeError):
            found = None
        meta = dict(found) if isinstance(found, dict) else {}
    writes = meta.get("writes")
    meta.update(
        app=APP_MARK,
        schema_version=meta.get("schema_version", migrations.SCHEMA_VERSION),
        writes=(writes if type(writes) is int else 0) + 1,
        written_at=now.isoformat(timespec="seconds"),
    )
    return orjson.dumps({"1": meta})


def meta_of(data: bytes) -> dict[str, Any]:
    """The `_meta` record of a data file's bytes, reading only its first line
    when the file is in our layout ({} when there is none)."""
    head = b'{\n"' + META.encode() + b'":'
    try:
        if data.startswith(head):
            end = data.find(b',\n"', len(head))
            table = orjson.loads(data[len(head) : end if end >= 0 else len(data) - 3])
        else:
            table = orjson.loads(data).get(META, {})
        found = table.get("1", {})
    except (orjson.JSONDecodeError, AttributeError):
        return {}
    return found if isinstance(found, dict) else {}


def write_sequence(data: bytes) -> int:
    """Where a copy of the data file stands in the order of writes (0: unknown)."""
    writes = meta_of(data).get("writes")
    return writes if type(writes) is int and writes > 0 else 0


def entries_table(day: date) -> str:
    """The monthly table an entry of `day` lives in."""
    return f"{ENTRIES_PREFIX}{day.year:04d}-{day.month:02d}"


def porteurs_table(record: dict[str, Any]) -> str:
    """The table a porteur record lives in: the year of its latest activity
    (latest step, or creation). A porteur with a step in a window starting in
    year Y is therefore in a table of year Y or later: a report of a recent
    year reads one or two tables, not the whole register."""
    last = max([s["date"] for s in record["steps"]] + [record["created_at"][:10]])
    return f"{PORTEURS_PREFIX}{last[:4]}"


def is_table_name(name: str) -> bool:
    return name in _FIXED_TABLES or bool(
        _ENTRIES_RE.match(name) or _PORTEURS_RE.match(name) or _JOURNAL_APART_RE.match(name)
    )


def _table_order(name: str) -> tuple[int, str]:
    if name in _FIXED_TABLES:
        return (_FIXED_TABLES.index(name), "")
    if name.startswith(JOURNAL_APART_PREFIX):
        return (12, name)  # large undo records last, away from the hot tables
    return (5 if name.startswith(PORTEURS_PREFIX) else 9, name)


def signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def table_ids(value: Any) -> str:
    """The ids of a monthly entry table's bytes, as `_ids/<year>` stores them:
    its keys (the entries' ids, 32 hex digits) separated by spaces."""
    return " ".join(orjson.loads(value))


YEAR_IN_MONTH = slice(len(ENTRIES_PREFIX), len(ENTRIES_PREFIX) + 4)  # the year in a month's name


def ids_table(month: str) -> str:
    """The `_ids/<year>` line holding the ids of a monthly table."""
    return IDS_PREFIX + month[YEAR_IN_MONTH]


def ids_line(months: list[tuple[str, Any]]) -> bytes:
    """An `_ids/<year>` line built from its months' bytes (each parsed)."""
    return orjson.dumps({"1": {name: table_ids(value) for name, value in months}})


def serialize(raw: dict[str, Any], checksum: Any = None, ids: Any = None) -> bytes:
    """The file's bytes: one table per line, fixed tables first, months in order,
    then the `_ids/<year>` lines and an `_index` table giving each table's byte
    offset, length and CRC-32 so that a reader can map the file and touch only
    the tables it needs. Empty monthly tables are dropped. One join: each
    table's bytes are copied once.

    `ids(line_name, [(month, bytes), …])` gives an `_ids/<year>` line and its
    CRC-32 (by default: built by parsing each month)."""
    checksum = checksum or (lambda name, value: zlib.crc32(value))
    parts: list[Any] = [b"{\n"]
    offset = 2
    index: dict[str, list[int]] = {}
    months: list[tuple[str, Any]] = []
    for name in sorted(raw, key=_table_order):
        value = raw[name]
        if (
            name == INDEX
            or name.startswith(IDS_PREFIX)
            or (name not in _FIXED_TABLES and value == b"{}")
        ):
            continue
        if index:
            parts.append(b",\n")
            offset += 2
        head = b'"' + name.encode() + b'":'
        parts += (head, value)
        offset += len(head)
        index[name] = [offset, len(value), checksum(name, value)]
        offset += len(value)
        if name.startswith(ENTRIES_PREFIX):
            months.append((name, value))
    ids = ids or _new_ids_line
    for year, group in groupby(months, key=lambda month: month[0][YEAR_IN_MONTH]):
        name = IDS_PREFIX + year
        line, crc = ids(name, list(group))
        head = b',\n"' + name.encode() + b'":'
        parts += (head, line)
        offset += len(head)
        index[name] = [offset, len(line), crc]
        offset += len(line)
    parts += (b',\n"' + INDEX.encode() + b'":', orjson.dumps({"1": index}), b"\n}\n")
    return b"".join(parts)


def _new_ids_line(name: str, months: list[tuple[str, Any]]) -> tuple[bytes, int]:
    line = ids_line(months)
    return line, zlib.crc32(line)


def parse_ids(value: Any) -> dict[str, str] | None:
    """The months of an `_ids/<year>` line (month -> ids separated by
    spaces); None when it is not one this program writes."""
    try:
        months = orjson.loads(value)["1"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    if not isinstance(months, dict) or not all(isinstance(v, str) for v in months.values()):
        return None
    return months


def read_index(data: Any) -> dict[str, tuple[int, int, int]] | None:
    """The `_index` of a file in our layout (bytes or mmap), checked against the
    bytes it points at; None when absent or inconsistent. The tables are laid
    out one after the other in the index's order, so one comparison per table
    checks both the separator before it and its name (a table whose length
    was edited since moves everything after it)."""
    size = len(data)
    if size < 8 or data[size - 3 :] != b"\n}\n":
        return None
    marker = b',\n"' + INDEX.encode() + b'":'
    start = data.rfind(marker, 0, size - 3)
    if start < 0:
        return None
    try:
        entries = orjson.loads(data[start + len(marker) : size - 3])["1"]
        out: dict[str, tuple[int, int, int]] = {}
        pos, opening = 2, b'"'  # after "{\n"; the first table has no separator
        for name, (offset, length, crc) in entries.items():
            head = opening + name.encode("ascii") + b'":'
            if offset != pos + len(head) or data[pos:offset] != head or length < 0:
                return None
            pos = offset + length
            opening = b',\n"'
            out[name] = (offset, length, crc)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return out if pos == start else None


def split_tables(data: bytes) -> dict[str, Any] | None:
    """Split a file in our layout into raw table buffers without parsing or
    copying them (memoryviews into `data`); None when the layout is not ours
    (the caller then parses the whole file). JSON strings cannot hold a raw
    newline and orjson writes none, so `,\\n"` only ever separates tables."""
    if not data.startswith(b"{\n") or not data.endswith(b"\n}\n"):
        return None
    view = memoryview(data)
    out: dict[str, Any] = {}
    end = len(data) - 3
    pos = 2
    while pos < end:
        if data[pos : pos + 1] != b'"':
            return None
        cut = data.find(b'":', pos, end)
        if cut < 0:
            return None
        try:
            name = data[pos + 1 : cut].decode("ascii")
        except UnicodeDecodeError:
            return None
        if name in out:
            return None
        nxt = data.find(b',\n"', cut, end)
        stop = end if nxt < 0 else nxt
        out[name] = view[cut + 2 : stop]
        pos = end if nxt < 0 else nxt + 2
    return out


def map_file(path: Path) -> Any:
    """The file's bytes, memory-mapped where possible so that only the tables
    read are paged in. (Not on Windows, where a mapped file cannot be replaced.)"""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0 or os.name == "nt":
            return fh.read()
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
