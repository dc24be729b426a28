"""The TinyDB Storage behind the data file: atomic, locked, validated, fast.

TinyDB's default JSONStorage rewrites the file in place (a crash leaves half a
file), keeps no lock (two processes lose each other's changes) and parses the
whole file for every operation. This storage keeps TinyDB's file format (one JSON
object of tables) with three differences:

* **Layout** (layout.py). Each table is serialised on one line, and entries are
  split into one table per month (`entries/2022-03`). A reader can therefore
  find a table without parsing the others: a yearly report parses twelve lines,
  `citeslab log` parses one, and untouched tables are written back as the very
  bytes read. A file that is valid JSON but laid out differently (hand-edited,
  pretty-printed) is still read, through a full parse.
* **Writes** happen inside `transaction()`: take the lock file, re-read the file
  if another process changed it, let TinyDB apply the change in memory, validate
  the changed tables against the schemas (validation.py), then write a temporary
  file, fsync, rename over the data file and fsync the directory. The lock is
  held for the few milliseconds this takes. Before the first write of a day the
  previous file is copied to the backups.
* **Reads** notice changes on disk (inode, size, mtime) and reload; tables are
  parsed and validated lazily, once per version of their bytes. An older file
  is upgraded on open (migrations.py).

A file that is empty, not JSON, not ours, from a newer version, or holds a record
that fails its schema is never opened as empty nor rewritten: `DataFileError`
names the file, the problem and the newest good backup.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from citeslab_tui.core.errors import DataFileError, StorageError
from citeslab_tui.fsutil import atomic_write, describe_os_error
from citeslab_tui.store import backups, leftovers, migrations
from citeslab_tui.store.layout import (
    APP_MARK,
    ENTRIES_PREFIX,
    INDEX,
    JOURNAL,
    META,
    PORTEURS_PREFIX,
    entries_table,
    is_table_name,
    map_file,
    next_meta,
    porteurs_table,
    read_index,
    serialize,
    signature,
    split_tables,
)
from citeslab_tui.store.lock import FileLock
from citeslab_tui.store.validation import ValidationCache

# Re-exported: older callers import these from here.
__all__ = [
    "ENTRIES_PREFIX",
    "JOURNAL",
    "META",
    "PORTEURS_PREFIX",
    "AtomicJSONStorage",
    "LazyTables",
    "entries_table",
    "porteurs_table",
    "read_index",
    "split_tables",
]


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
        now: Any = datetime.now,
        validate_table: Any = None,
        trust_checksums: bool = True,
    ) -> None:
        self.path = Path(path)
        if self.path.is_symlink():
            # Write through a symlinked data file to its target (resolved once):
            # renaming over the link would replace it by a regular file.
            self.path = Path(os.path.realpath(self.path))
        # A table whose bytes match the CRC-32 recorded when this program wrote
        # (and therefore validated) it is not validated again; `check` turns this off.
        self._cache = ValidationCache(trust_checksums)
        self.readonly = readonly
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"), lock_timeout)
        self._now = now
        self._validate_table = validate_table  # (name, parsed) -> None, raises DataFileError
        self._raw: dict[str, bytes] = {}
        self._sig: tuple[int, int, int] | None = None
        self._loaded = False
        self._pending: dict[str, bytes] | None = None
        self.frozen = False  # see freeze()
        self.generation = 0  # bumps whenever the in-memory state changes

    # ------------------------------------------------------------------ loading

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            return signature(self.path)
        except OSError as exc:  # ENOTDIR, EACCES on a folder of the path, ELOOP…
            raise StorageError(
                f"Impossible de lire {self.path} : {describe_os_error(exc)}."
            ) from exc

    def freeze(self) -> None:
        """Keep showing the last good state of a file that went bad, read-only:
        no reload, every write refused (the app's read-only mode)."""
        self.frozen = True
        self.readonly = True

    def thaw(self, readonly: bool = False) -> None:
        """Leave the frozen state; the next read reloads (and may raise again)."""
        self.frozen = False
        self.readonly = readonly

    def load(self) -> bool:
        """(Re)load the file if it changed on disk since last seen. Returns True
        when the state changed. Raises DataFileError for a broken file."""
        if self.frozen:
            return False
        sig = self._signature()
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
            data = map_file(self.path)
        except OSError as exc:
            raise StorageError(
                f"Impossible de lire {self.path} : {describe_os_error(exc)}."
            ) from exc
        raw = self._decode_file(data)
        version = orjson.loads(raw[META])["1"]["schema_version"]
        if version < migrations.SCHEMA_VERSION:
            raw = self._migrate(raw, version, bytes(data))
            sig = signature(self.path)
        self._raw = raw
        self._cache.reloaded(raw)
        self._sig = sig  # if replaced meanwhile, the next load() simply reloads
        self._loaded = True
        self.generation += 1
        return True

    def _migrate(self, raw: dict[str, bytes], version: int, original: bytes) -> dict[str, bytes]:
        """Upgrade an older file: backup, migrate in memory, write (unless read-only)."""
        tables = {name: self._parse_unvalidated(name, value) for name, value in raw.items()}
        try:
            tables = migrations.upgrade(tables, version)
        except migrations.MissingMigration as exc:
            raise self._broken(str(exc)) from None
        version = migrations.SCHEMA_VERSION
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
        if version > migrations.SCHEMA_VERSION:
            return (
                f"Ce fichier a été écrit par une version plus récente de citeslab "
                f"(schéma {version}, celle-ci lit jusqu'au schéma {migrations.SCHEMA_VERSION}) : "
                "mettez le programme à jour."
            )
        raw.pop(INDEX, None)
        for name in raw:
            if not is_table_name(name):
                return f"Table inconnue « {name} »."
        self._cache.record_crcs(crcs)
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

    def checksum_mismatches(self) -> list[str]:
        """Tables edited outside this program since its last write (their CRC-32
        no longer matches the index): `check` reports them."""
        self._ensure_loaded()
        return self._cache.mismatches()

    def meta(self) -> dict[str, Any]:
        """The file's `_meta` record ({} for a file not written yet)."""
        raw = self.raw_table(META)
        if raw is None:
            return {}
        found = self._parse(META, raw).get("1", {})
        return found if isinstance(found, dict) else {}

    # ------------------------------------------------------------------ tables

    def _parse(self, name: str, value: bytes) -> Any:
        """Parse one table's bytes; validate them once per version of the bytes."""
        try:
            parsed = orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            raise self._broken(f"Table « {name} » illisible ({exc}).") from None
        if not isinstance(parsed, dict):
            raise self._broken(f"Table « {name} » : objet JSON attendu.")
        cache = self._cache
        if not cache.is_known_valid(name, value) and self._validate_table is not None:
            if not cache.trusted(name, value):
                problem = self._validate_table(name, parsed)
                if problem:
                    raise self._broken(problem)
            cache.mark_valid(name, value)
        return parsed

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
            if origin is not None and self._cache.is_known_valid(name, origin):
                # the table was valid as read: validate only the records that changed
                before = orjson.loads(origin)
                parsed = {k: v for k, v in parsed.items() if before.get(k) != v}
            if self._validate_table is not None:
                problem = self._validate_table(name, parsed)
                if problem:
                    raise StorageError(f"Enregistrement refusé : {problem}")
            self._cache.mark_valid(name, raw[name])
        if self._pending is not None:
            self._pending = raw
            return
        # A write outside a transaction: only if nobody changed the file since.
        self._ensure_dir()
        with self._lock:
            if self._signature() != self._sig:
                raise StorageError(
                    "Le fichier a été modifié par un autre processus entre-temps : "
                    "rien n'a été écrit, réessayez."
                )
            self._commit(raw)

    def close(self) -> None:
        pass

    # ------------------------------------------------------------------ transactions

    def locked(self) -> FileLock:
        """The data file's lock, to hold around several steps (re-entrant)."""
        self._ensure_dir()
        return self._lock

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
        now = self._now()
        raw[META] = next_meta(raw.get(META), now)
        data = serialize(raw, self._cache.checksum)
        self._ensure_dir()
        if self._sig is not None:
            backups.daily_backup(self.path, now.date())
        atomic_write(self.path, data)
        leftovers.remove_stale_temporaries(self.path)
        self._raw = raw
        self._sig = self._signature()
        self.generation += 1

    def _ensure_dir(self) -> None:
        directory = self.path.parent
        if directory.exists() and not directory.is_dir():
            raise StorageError(f"{directory} n'est pas un dossier : rien n'a été écrit.")
        if not directory.exists():
            try:
                directory.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                raise StorageError(
                    f"Impossible de créer le dossier {directory} : {describe_os_error(exc)}."
                ) from exc
