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
import zlib
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
    IDS_PREFIX,
    INDEX,
    JOURNAL,
    META,
    PORTEURS_PREFIX,
    YEAR_IN_MONTH,
    entries_table,
    ids_table,
    is_table_name,
    map_file,
    next_meta,
    parse_ids,
    porteurs_table,
    read_index,
    serialize,
    signature,
    split_tables,
    table_ids,
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
        # The `_ids/<year>` lines of the file as read or last written (they
        # describe the monthly tables of `_raw`): their bytes and CRC-32 (None
        # when the file's index gave none); their months, parsed on first need;
        # the ids of the monthly tables changed by writes not yet committed.
        self._ids_lines: dict[str, tuple[Any, int | None]] = {}
        self._ids_months: dict[str, tuple[Any, dict[str, str] | None]] = {}
        self._ids_fresh: dict[str, tuple[Any, str]] = {}
        self.disk_version = 0  # schema version of the file as read (before any upgrade)
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
        raw, ids_lines = self._decode_file(data)
        version = orjson.loads(raw[META])["1"]["schema_version"]
        self.disk_version = version
        if version < migrations.SCHEMA_VERSION:
            raw, ids_lines = self._migrate(raw, version, bytes(data), ids_lines)
            sig = signature(self.path)
        self._ids_lines = ids_lines
        self._ids_months = {}
        self._ids_fresh = {}
        self._raw = raw
        self._cache.reloaded(raw)
        self._sig = sig  # if replaced meanwhile, the next load() simply reloads
        self._loaded = True
        self.generation += 1
        return True

    def _migrate(
        self, raw: dict[str, bytes], version: int, original: bytes, ids_lines: dict[str, Any]
    ) -> tuple[dict[str, bytes], dict[str, tuple[Any, int | None]]]:
        """Upgrade an older file: backup, migrate in memory, write (unless
        read-only). Returns the tables and the `_ids` lines describing them."""
        if all(v in migrations.LAYOUT_ONLY for v in range(version, migrations.SCHEMA_VERSION)):
            # No record changes: the tables stay the very bytes read (their
            # index CRCs carried, a table edited by hand stays untrusted); only
            # _meta's version changes and serialize writes what it derives.
            migrated = dict(raw)
            meta = orjson.loads(raw[META])["1"]
            meta["schema_version"] = migrations.SCHEMA_VERSION
            migrated[META] = orjson.dumps({"1": meta})
            checksum = self._cache.checksum
            if not self.readonly:
                # What is written must be valid: a table not known valid (edited
                # by hand, or a file without index) is validated first.
                cache = self._cache
                for name, value in raw.items():
                    if not (cache.is_known_valid(name, value) or cache.trusted(name, value)):
                        self._parse(name, value)
        else:
            migrated = self._migrate_records(raw, version)
            checksum = None  # every table validated just now
            raw, ids_lines = {}, {}  # the lines read describe none of the new tables
        if not self.readonly:
            with self._lock:
                backups.keep_copy(self.path, original, f"avant-migration-v{version}")
                self._ensure_dir()
                data, ids_lines = self._serialize(migrated, checksum, raw, ids_lines)
                atomic_write(self.path, data)
        return migrated, ids_lines

    def _migrate_records(self, raw: dict[str, bytes], version: int) -> dict[str, bytes]:
        tables = {name: self._parse_unvalidated(name, value) for name, value in raw.items()}
        try:
            tables = migrations.upgrade(tables, version)
        except migrations.MissingMigration as exc:
            raise self._broken(str(exc)) from None
        for name, table in tables.items():
            problem = self._validate_table(name, table) if self._validate_table else None
            if problem:
                raise self._broken(f"Migration impossible : {problem}")
        return {name: orjson.dumps(table) for name, table in tables.items()}

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

    def _decode_file(
        self, data: bytes
    ) -> tuple[dict[str, bytes], dict[str, tuple[Any, int | None]]]:
        problem = self._structure_problem(data)
        if isinstance(problem, str):
            raise self._broken(problem)
        return problem

    def _structure_problem(
        self, data: Any
    ) -> tuple[dict[str, Any], dict[str, tuple[Any, int | None]]] | str:
        """Raw tables of a file (bytes or mmap) and, apart, its `_ids/<year>`
        lines with the CRC-32 the index gives them (None when it gives none);
        or a French description of what is wrong. Records the CRC-32 the
        file's index gives each table."""
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
        lines: dict[str, tuple[Any, int | None]] = {}
        for name in raw:
            if is_table_name(name):
                continue
            if not name.startswith(IDS_PREFIX):
                return f"Table inconnue « {name} »."
            found = crcs.get(name)
            lines[name] = (raw[name], None if found is None else found[1])
        for name in lines:
            del raw[name]
        self._cache.record_crcs(crcs)
        return raw, lines

    def _check_bytes(self, data: bytes) -> bool:
        """True when `data` is a complete, valid data file (used on backups):
        every table parsed and validated, nothing trusted, nothing raised."""
        found = self._structure_problem(data)
        if isinstance(found, str):
            return False
        raw, _lines = found  # the ids lines are derived: checked by `check`
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
            if name.startswith(ENTRIES_PREFIX):
                # the ids of a changed month, for the `_ids` line of its year
                self._ids_fresh[name] = (raw[name], " ".join(data[name]))
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
        data, ids_lines = self._serialize(raw, self._cache.checksum, self._raw, self._ids_lines)
        self._ensure_dir()
        if self._sig is not None:
            backups.daily_backup(self.path, now.date())
        atomic_write(self.path, data)
        leftovers.remove_stale_temporaries(self.path)
        self._ids_lines = ids_lines
        self._ids_fresh = {}
        self._raw = raw
        self._sig = self._signature()
        self.generation += 1

    # ------------------------------------------------------------------ entry ids

    def _serialize(
        self,
        raw: dict[str, bytes],
        checksum: Any,
        before: dict[str, Any],
        lines: dict[str, tuple[Any, int | None]],
    ) -> tuple[bytes, dict[str, tuple[Any, int | None]]]:
        """The file's bytes and its `_ids` lines. `lines`
        describe the monthly tables of `before`: the line of a year none of
        whose months changed is copied as it is, with its CRC (a line edited by
        hand stays untrusted); the others are rebuilt, each month's ids taken
        from the old line when it can be trusted and the month is unchanged,
        else from the write that changed it, else parsed from the month."""
        # Months whose bytes differ from `before`: only write() changes tables,
        # and it records each month it writes in _ids_fresh; or dropped ones.
        fresh = self._ids_fresh
        changed = {
            IDS_PREFIX + n[YEAR_IN_MONTH]
            for n in fresh.keys() | (before.keys() - raw.keys())
            if n.startswith(ENTRIES_PREFIX)
        }
        written: dict[str, tuple[Any, int | None]] = {}

        def ids(name: str, months: list[tuple[str, Any]]) -> tuple[Any, int]:
            src = lines.get(name)
            if src is not None and src[1] is not None and name not in changed:
                written[name] = src
                return src[0], src[1]
            old = self._line_months(name, lines) or {}
            texts = {}
            for n, v in months:
                text = old.get(n) if before.get(n) is v else None
                if text is None:
                    found = fresh.get(n)
                    text = found[1] if found is not None and found[0] is v else table_ids(v)
                texts[n] = text
            line = orjson.dumps({"1": texts})
            crc = zlib.crc32(line)
            written[name] = (line, crc)
            self._ids_months[name] = (line, texts)
            return line, crc

        return serialize(raw, checksum, ids), written

    def _line_months(
        self, name: str, lines: dict[str, tuple[Any, int | None]] | None = None
    ) -> dict[str, str] | None:
        """The months of an `_ids/<year>` line when its bytes match its CRC-32
        (parsed once per version of its bytes); None otherwise."""
        src = (self._ids_lines if lines is None else lines).get(name)
        if src is None:
            return None
        memo = self._ids_months.get(name)
        if memo is not None and memo[0] is src[0]:
            return memo[1]
        value, crc = src
        months = parse_ids(value) if crc is not None and zlib.crc32(value) == crc else None
        self._ids_months[name] = (value, months)
        return months

    def table_ids(self, name: str) -> list[str] | None:
        """The entry ids of a monthly table without parsing it, from its year's
        `_ids` line: only when that line matches its CRC-32, the table is the
        one the line describes (not changed by a write in progress) and its
        bytes match the CRC recorded for them (not edited by hand since). None
        when they must be read from the table (`check`, which trusts no
        checksum, always reads them)."""
        value = self.raw_table(name)
        if value is None or value == b"{}":
            return []  # no month, or one emptied by this program (not written)
        if value is not self._raw.get(name) or not self._cache.trusted(name, value):
            return None
        text = (self._line_months(ids_table(name)) or {}).get(name)
        return None if text is None else text.split()

    def stored_ids(self) -> dict[str, dict[str, str] | None] | None:
        """What `check` compares with the tables: each `_ids/<year>` line read,
        with its months (None when its bytes do not match its CRC-32: edited
        outside this program). None when the file's index gave the lines no
        CRC (a file no longer in our layout: `check` reports the index)."""
        self._ensure_loaded()
        if any(crc is None for _value, crc in self._ids_lines.values()):
            return None
        return {name: self._line_months(name) for name in sorted(self._ids_lines)}

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
