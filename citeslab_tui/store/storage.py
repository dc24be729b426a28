"""The TinyDB Storage behind the data file: atomic, locked, validated, fast.

TinyDB's default JSONStorage rewrites the file in place (a crash leaves half a
file), keeps no lock (two processes lose each other's changes) and parses the
whole file for every operation. This storage keeps TinyDB's file format (one JSON
object of tables) with three differences:

* **Layout.** Each table is serialised on one line, and entries are split into
  one table per month (`entries/2022-03`). A reader can therefore find a table
  without parsing the others: a yearly report parses twelve lines, `citeslab log`
  parses one, and untouched tables are written back as the very bytes read.
  A file that is valid JSON but laid out differently (hand-edited, pretty-printed)
  is still read, through a full parse.
* **Writes** happen inside `transaction()`: take the lock file, re-read the file
  if another process changed it, let TinyDB apply the change in memory, validate
  the changed tables against the schemas, then write a temporary file, fsync,
  rename over the data file and fsync the directory. The lock is held for the
  few milliseconds this takes. Before the first write of a day the previous file
  is copied to the backups.
* **Reads** notice changes on disk (inode, size, mtime) and reload; tables are
  parsed and validated lazily, once per version of their bytes.

A file that is empty, not JSON, not ours, from a newer version, or holds a record
that fails its schema is never opened as empty nor rewritten: `DataFileError`
names the file, the problem and the newest good backup.
"""

from __future__ import annotations

import mmap
import os
import re
import zlib
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from citeslab_tui.core.errors import DataFileError, StorageError
from citeslab_tui.fsutil import atomic_write, describe_os_error
from citeslab_tui.store import backups
from citeslab_tui.store.lock import FileLock

APP_MARK = "citeslab-tui"
SCHEMA_VERSION = 1
# Upgrades of the whole file, by the version they start from: MIGRATIONS[v] turns
# a version-v file (table name -> table dict) into a version v+1 one. Opening an
# older file backs it up first (`<stem>_avant-migration-v<v>.json`), then upgrades.
MIGRATIONS: dict[int, Any] = {}
META = "_meta"
INDEX = "_index"
PORTEURS_PREFIX = "porteurs/"
JOURNAL = "journal"
ENTRIES_PREFIX = "entries/"
_ENTRIES_RE = re.compile(r"^entries/(\d{4})-(0[1-9]|1[0-2])$")
_PORTEURS_RE = re.compile(r"^porteurs/(\d{4})$")
_FIXED_TABLES = (META, JOURNAL)


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
    return name in _FIXED_TABLES or bool(_ENTRIES_RE.match(name) or _PORTEURS_RE.match(name))


def _table_order(name: str) -> tuple[int, str]:
    if name in _FIXED_TABLES:
        return (_FIXED_TABLES.index(name), "")
    return (5 if name.startswith(PORTEURS_PREFIX) else 9, name)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def serialize(raw: dict[str, Any], checksum: Any = None) -> bytes:
    """The file's bytes: one table per line, fixed tables first, months in order,
    then an `_index` table giving each table's byte offset, length and CRC-32 so
    that a reader can map the file and touch only the tables it needs. Empty
    monthly tables are dropped. One join: each table's bytes are copied once."""
    checksum = checksum or (lambda name, value: zlib.crc32(value))
    parts: list[Any] = [b"{\n"]
    offset = 2
    index: dict[str, list[int]] = {}
    for name in sorted(raw, key=_table_order):
        value = raw[name]
        if name == INDEX or (name not in _FIXED_TABLES and value == b"{}"):
            continue
        if index:
            parts.append(b",\n")
            offset += 2
        head = b'"' + name.encode() + b'":'
        parts += (head, value)
        offset += len(head)
        index[name] = [offset, len(value), checksum(name, value)]
        offset += len(value)
    parts += (b',\n"' + INDEX.encode() + b'":', orjson.dumps({"1": index}), b"\n}\n")
    return b"".join(parts)


def read_index(data: Any) -> dict[str, tuple[int, int, int]] | None:
    """The `_index` of a file in our layout (bytes or mmap), checked against the
    table names it points at; None when absent or inconsistent."""
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
        for name, (offset, length, crc) in entries.items():
            head = b'"' + name.encode("ascii") + b'":'
            if not (len(head) <= offset and offset + length <= start):
                return None
            if data[offset - len(head) : offset] != head:
                return None
            out[name] = (int(offset), int(length), int(crc))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return out


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


def _map_file(path: Path) -> Any:
    """The file's bytes, memory-mapped where possible so that only the tables
    read are paged in. (Not on Windows, where a mapped file cannot be replaced.)"""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0 or os.name == "nt":
            return fh.read()
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


class LazyTables(MutableMapping[str, Any]):
    """What `read()` hands TinyDB: table name → table dict, each parsed from its
    bytes on first access (fresh objects, so TinyDB may mutate them freely)."""

    def __init__(self, raw: dict[str, bytes], parse: Any) -> None:
        self._raw = dict(raw)
        self._parsed: dict[str, Any] = {}
        self._parse = parse
        self.origin: dict[str, bytes] = {}  # bytes of each table as first parsed

    def __getitem__(self, name: str) -> Any:
        if name in self._parsed:
            return self._parsed[name]
        if name in self._raw:
            value = self._parse(name, self._raw[name])
            self._parsed[name] = value
            self.origin[name] = self._raw[name]
            return value
        raise KeyError(name)

    def __setitem__(self, name: str, value: Any) -> None:
        self._raw.pop(name, None)
        self._parsed[name] = value

    def __delitem__(self, name: str) -> None:
        found = self._raw.pop(name, None) is not None
        found = self._parsed.pop(name, None) is not None or found
        if not found:
            raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        yield from self._raw
        yield from (n for n in self._parsed if n not in self._raw)

    def __len__(self) -> int:
        return len(self._raw.keys() | self._parsed.keys())

    def to_raw(self, serialize_table: Any) -> tuple[dict[str, bytes], set[str]]:
        """Raw bytes of every table, and the names of those that were touched."""
        out = dict(self._raw)
        touched = set(self._parsed)
        for name, value in self._parsed.items():
            out[name] = serialize_table(value)
        return out, touched


class AtomicJSONStorage(Storage):
    """See the module docstring. One instance per open data file."""

    def __init__(
        self,
        path: Path,
        *,
        readonly: bool = False,
        lock_timeout: float = 5.0,
        today: Any = date.today,
        validate_table: Any = None,
        trust_checksums: bool = True,
    ) -> None:
        self.path = Path(path)
        # A table whose bytes match the CRC-32 recorded when this program wrote
        # (and therefore validated) it is not validated again; `check` turns this off.
        self.trust_checksums = trust_checksums
        self._crcs: dict[str, tuple[Any, int]] = {}  # name -> (buffer, its CRC-32)
        self.readonly = readonly
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"), lock_timeout)
        self._today = today
        self._validate_table = validate_table  # (name, parsed) -> None, raises DataFileError
        self._raw: dict[str, bytes] = {}
        self._sig: tuple[int, int, int] | None = None
        self._loaded = False
        self._pending: dict[str, bytes] | None = None
        self._validated: dict[str, bytes] = {}  # name -> bytes known valid
        self.generation = 0  # bumps whenever the in-memory state changes

    # ------------------------------------------------------------------ loading

    def load(self) -> bool:
        """(Re)load the file if it changed on disk since last seen. Returns True
        when the state changed. Raises DataFileError for a broken file."""
        sig = _signature(self.path)
        if self._loaded and sig == self._sig:
            return False
        if sig is None:
            # No file: a new, empty database (or one deleted under us: keep what
            # we hold in memory, the next write will bring it back).
            changed = not self._loaded
            self._loaded = True
            self._sig = None
            return changed
        try:
            data = _map_file(self.path)
        except OSError as exc:
            raise StorageError(
                f"Impossible de lire {self.path} : {describe_os_error(exc)}."
            ) from exc
        raw = self._decode_file(data)
        version = orjson.loads(raw[META])["1"]["schema_version"]
        if version < SCHEMA_VERSION:
            raw = self._migrate(raw, version, bytes(data))
            sig = _signature(self.path)
        self._raw = raw
        self._crcs = {k: v for k, v in self._crcs.items() if raw.get(k) is v[0]}
        self._sig = sig  # if replaced meanwhile, the next load() simply reloads
        self._loaded = True
        self._validated = {k: v for k, v in self._validated.items() if raw.get(k) is v}
        self.generation += 1
        return True

    def _migrate(self, raw: dict[str, bytes], version: int, original: bytes) -> dict[str, bytes]:
        """Upgrade an older file: backup, migrate in memory, write (unless read-only)."""
        tables = {name: self._parse_unvalidated(name, value) for name, value in raw.items()}
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise self._broken(f"Aucune migration connue depuis le schéma {version}.")
            tables = step(tables)
            version += 1
        tables[META] = {"1": {**tables[META]["1"], "schema_version": version}}
        for name, table in tables.items():
            problem = self._validate_table(name, table) if self._validate_table else None
            if problem:
                raise self._broken(f"Migration impossible : {problem}")
        migrated = {name: orjson.dumps(table) for name, table in tables.items()}
        if not self.readonly:
            with self._lock:
                backups.keep_copy(self.path, original, f"avant-migration-v{version - 1}")
                self._ensure_dir()
                atomic_write(self.path, serialize(migrated))
        return migrated

    def _parse_unvalidated(self, name: str, value: bytes) -> Any:
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            raise self._broken(f"Table « {name} » illisible ({exc}).") from None

    def _broken(self, problem: str) -> DataFileError:
        good = backups.newest_good(self.path, self._check_bytes)
        hint = (
            f"\nSauvegarde valide la plus récente : {good}\n"
            f"Pour la restaurer : citeslab restore --db {self.path}"
            if good
            else "\nAucune sauvegarde valide trouvée."
        )
        return DataFileError(
            f"Fichier de données refusé : {self.path}\n{problem}\n"
            "Le fichier n'a pas été modifié." + hint,
            path=str(self.path),
            backup=str(good) if good else None,
        )

    def _decode_file(self, data: bytes) -> dict[str, bytes]:
        problem = self._structure_problem(data)
        if isinstance(problem, str):
            raise self._broken(problem)
        return problem

    def _structure_problem(self, data: Any) -> dict[str, Any] | str:
        """Raw tables of a file (bytes or mmap), or a French description of what
        is wrong. Records the CRC-32 the file's index gives each table."""
        index = read_index(data)
        raw: dict[str, Any] | None = None
        crcs: dict[str, tuple[Any, int]] = {}
        if index is not None:
            view = memoryview(data)
            raw = {}
            for name, (offset, length, crc) in index.items():
                raw[name] = view[offset : offset + length]
                crcs[name] = (raw[name], crc)
        else:
            data = bytes(data)
            if not data or data.isspace():
                return "Le fichier est vide."
            raw = split_tables(data)
        if raw is None:
            try:
                whole = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                return f"Le fichier n'est pas du JSON valide (tronqué ou abîmé : {exc})."
            if not isinstance(whole, dict):
                return "Le fichier n'est pas une base citeslab (objet JSON attendu)."
            raw = {}
            for name, value in whole.items():
                if not isinstance(value, dict):
                    return f"Table « {name} » : objet JSON attendu."
                raw[name] = orjson.dumps(value)
        meta_bytes = raw.get(META)
        if meta_bytes is None:
            return "Ce fichier n'est pas une base citeslab (table _meta absente)."
        try:
            meta = orjson.loads(meta_bytes).get("1", {})
        except (orjson.JSONDecodeError, AttributeError):
            return "Table _meta illisible."
        if not isinstance(meta, dict) or meta.get("app") != APP_MARK:
            return "Ce fichier n'est pas une base citeslab (marque d'application absente)."
        version = meta.get("schema_version")
        if not isinstance(version, int) or version < 1:
            return "Version de schéma absente ou invalide."
        if version > SCHEMA_VERSION:
            return (
                f"Ce fichier a été écrit par une version plus récente de citeslab "
                f"(schéma {version}, celle-ci lit jusqu'au schéma {SCHEMA_VERSION}) : "
                "mettez le programme à jour."
            )
        raw.pop(INDEX, None)
        for name in raw:
            if not is_table_name(name):
                return f"Table inconnue « {name} »."
        self._crcs.update(crcs)
        return raw

    def _check_bytes(self, data: bytes) -> bool:
        """True when `data` is a complete, valid data file (used on backups):
        every table parsed and validated, nothing trusted, nothing raised."""
        raw = self._structure_problem(data)
        if isinstance(raw, str):
            return False
        for name, value in raw.items():
            try:
                parsed = orjson.loads(value)
            except orjson.JSONDecodeError:
                return False
            if not isinstance(parsed, dict):
                return False
            if self._validate_table is not None and self._validate_table(name, parsed):
                return False
        return True

    # ------------------------------------------------------------------ tables

    def _parse(self, name: str, value: bytes) -> Any:
        """Parse one table's bytes; validate them once per version of the bytes."""
        try:
            parsed = orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            raise self._broken(f"Table « {name} » illisible ({exc}).") from None
        if not isinstance(parsed, dict):
            raise self._broken(f"Table « {name} » : objet JSON attendu.")
        if self._validated.get(name) is not value and self._validate_table is not None:
            if not self._trusted(name, value):
                problem = self._validate_table(name, parsed)
                if problem:
                    raise self._broken(problem)
            self._validated[name] = value
        return parsed

    def _trusted(self, name: str, value: Any) -> bool:
        recorded = self._crcs.get(name)
        return (
            self.trust_checksums
            and recorded is not None
            and recorded[0] is value
            and zlib.crc32(value) == recorded[1]
        )

    def _checksum(self, name: str, value: Any) -> int:
        """CRC-32 of a table's bytes, computed once per buffer."""
        known = self._crcs.get(name)
        if known is not None and known[0] is value:
            return known[1]
        crc = zlib.crc32(value)
        self._crcs[name] = (value, crc)
        return crc

    def table_names(self) -> list[str]:
        self._ensure_loaded()
        return list(self._current())

    def entry_table_names(self, start: date | None = None, end: date | None = None) -> list[str]:
        """Monthly entry tables overlapping [start, end], in order."""
        lo = entries_table(start) if start else ""
        hi = entries_table(end) if end else "~"
        return sorted(
            n for n in self.table_names() if n.startswith(ENTRIES_PREFIX) and lo <= n <= hi
        )

    def raw_table(self, name: str) -> bytes | None:
        self._ensure_loaded()
        return self._current().get(name)

    def table(self, name: str) -> dict[str, Any]:
        """A parsed, validated table (a fresh dict: callers may keep it)."""
        raw = self.raw_table(name)
        return {} if raw is None else self._parse(name, raw)

    def _current(self) -> dict[str, bytes]:
        return self._pending if self._pending is not None else self._raw

    def _ensure_loaded(self) -> None:
        if self._pending is None:
            self.load()

    # ------------------------------------------------------------------ TinyDB API

    def read(self) -> LazyTables:  # type: ignore[override]  # a lazy mapping of tables
        self._ensure_loaded()
        return LazyTables(self._current(), self._parse)

    def write(self, data: Any) -> None:
        if self.readonly:
            raise StorageError("Base ouverte en lecture seule : rien n'a été écrit.")
        if isinstance(data, LazyTables):
            raw, touched = data.to_raw(orjson.dumps)
        else:
            raw = {name: orjson.dumps(value) for name, value in data.items()}
            touched = set(raw)
        for name in touched:
            if not is_table_name(name):
                raise StorageError(f"Table « {name} » non permise.")
            parsed = data[name]
            origin = data.origin.get(name) if isinstance(data, LazyTables) else None
            if origin is not None and self._validated.get(name) is origin:
                # the table was valid as read: validate only the records that changed
                before = orjson.loads(origin)
                parsed = {k: v for k, v in parsed.items() if before.get(k) != v}
            if self._validate_table is not None:
                problem = self._validate_table(name, parsed)
                if problem:
                    raise StorageError(f"Enregistrement refusé : {problem}")
            self._validated[name] = raw[name]
        if self._pending is not None:
            self._pending = raw
            return
        # A write outside a transaction: only if nobody changed the file since.
        self._ensure_dir()
        with self._lock:
            if _signature(self.path) != self._sig:
                raise StorageError(
                    "Le fichier a été modifié par un autre processus entre-temps : "
                    "rien n'a été écrit, réessayez."
                )
            self._commit(raw)

    def close(self) -> None:
        pass

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, reload if changed, apply, validate, write once, unlock."""
        if self.readonly:
            raise StorageError("Base ouverte en lecture seule : rien n'a été écrit.")
        if self._pending is not None:  # nested: the outer transaction writes
            yield
            return
        self._ensure_dir()  # the lock file lives beside the data file
        with self._lock:
            self.load()
            self._pending = dict(self._raw)
            try:
                yield
                pending = self._pending
            finally:
                self._pending = None
            if pending.keys() != self._raw.keys() or any(
                pending[k] is not self._raw[k] for k in pending
            ):
                self._commit(pending)

    def _commit(self, raw: dict[str, bytes]) -> None:
        if META not in raw:
            raw[META] = orjson.dumps({"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}})
        data = serialize(raw, self._checksum)
        self._ensure_dir()
        if self._sig is not None:
            backups.daily_backup(self.path, self._today())
        atomic_write(self.path, data)
        self._raw = raw
        self._sig = _signature(self.path)
        self.generation += 1

    def _ensure_dir(self) -> None:
        directory = self.path.parent
        if not directory.exists():
            try:
                directory.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                raise StorageError(
                    f"Impossible de créer le dossier {directory} : {describe_os_error(exc)}."
                ) from exc
