"""The Store: every change to entries and porteurs, with an undo journal.

Screens and CLI commands go through this class; it is the only code that asks
the storage to write. Each public method that changes something is one
transaction (one atomic write): the change and its journal record land together
or not at all. The journal keeps the last `JOURNAL_KEEP` changes with their
before/after images, so `undo()` can revert them one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from citeslab_tui import schemas
from citeslab_tui.core.checks import consent_problem, entry_problems, step_problems
from citeslab_tui.core.closing import check_open, closed_months
from citeslab_tui.core.dates import out_of_range
from citeslab_tui.core.errors import NotFound, StorageError, ValidationFailed
from citeslab_tui.core.model import (
    CATEGORIES,
    MAX_MINUTES,
    PORTEUR_ID,
    STEPS,
    Config,
    Entry,
    PathStep,
    Porteur,
    new_uuid,
    timestamp,
)
from citeslab_tui.core.plausibility import day_refusal
from citeslab_tui.store import journal
from citeslab_tui.store.journal import JOURNAL_KEEP
from citeslab_tui.store.layout import (
    CLOSURES,
    PORTEURS_PREFIX,
    entries_table,
    porteurs_table,
)
from citeslab_tui.store.storage import AtomicJSONStorage
from citeslab_tui.store.validation import validate_table

__all__ = ["JOURNAL_KEEP", "Store", "validate_table"]

T = TypeVar("T")


class UuidTable(Table):
    """TinyDB table keyed by our own record UUIDs (never by TinyDB's counters,
    which a second writer on a reloaded file would reuse)."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> Any:  # pragma: no cover - we always pass ids
        raise StorageError("identifiant d'enregistrement manquant")


class CitesLabDB(TinyDB):
    table_class = UuidTable


def _doc(record: dict[str, Any], key: str) -> Document:
    """A TinyDB document keyed by our UUID (TinyDB's stubs say int)."""
    return Document(record, doc_id=key)  # type: ignore[arg-type]


def _keys(keys: list[str]) -> Any:
    """Our string ids where TinyDB's stubs expect ints."""
    return keys


def _address(key: str, table: str, record: dict[str, Any]) -> dict[str, Any]:
    """The journal's "after" of a change: where the record is, and its sum."""
    return {"id": key, "table": table, "sum": journal.fingerprint(record)}


class Store:
    """An open data file. Build it with `Store.open`."""

    def __init__(
        self,
        storage: AtomicJSONStorage,
        config: Config,
        now: Callable[[], datetime],
        origin: str = journal.CLI,
    ) -> None:
        self.storage = storage
        # Where this store's changes come from: the command line, or one window
        # of the application (`journal.WINDOW_PREFIX` + a random id). Undo only
        # reverts changes of the same origin.
        self.origin = origin
        self.config = config
        self.now = now
        self.db = CitesLabDB(storage=lambda: storage)
        # What was derived from each table, kept for one version of its bytes
        # (see _derived): built entries and porteurs, entry and porteur ids.
        self._entry_cache: dict[str, tuple[Any, list[Entry]]] = {}
        self._porteur_cache: dict[str, tuple[Any, list[Porteur]]] = {}
        self._key_cache: dict[str, tuple[Any, list[str]]] = {}
        self._porteur_id_cache: dict[str, tuple[Any, list[str]]] = {}

    @classmethod
    def open(
        cls,
        path: Path,
        config: Config,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
        lock_timeout: float = 5.0,
        trust_checksums: bool = True,
        origin: str = journal.CLI,
    ) -> Store:
        storage = AtomicJSONStorage(
            Path(path),
            readonly=readonly,
            trust_checksums=trust_checksums,
            lock_timeout=lock_timeout,
            now=now,
            validate_table=validate_table,
        )
        storage.load()
        return cls(storage, config, now, origin)

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def generation(self) -> int:
        return self.storage.generation

    def clock_warning(self) -> str | None:
        """A French warning when the clock reads earlier than the file's last
        write (the computer's date is probably wrong); None when it looks right.
        Backups stay ordered by when they were written, whatever the clock."""
        last = self.storage.meta().get("written_at")
        try:
            written = datetime.fromisoformat(last) if isinstance(last, str) else None
        except ValueError:
            return None
        now = self.now()
        if written is None or now >= written - timedelta(minutes=10):
            return None
        return (
            f"L'horloge de l'ordinateur semble fausse : elle indique le {now:%d/%m/%Y à %H:%M}, "
            f"mais le fichier de données a été écrit le {written:%d/%m/%Y à %H:%M}. Les dates "
            "saisies « aujourd'hui » seront fausses ; les sauvegardes restent rangées dans "
            "l'ordre où elles ont été écrites."
        )

    def refresh(self) -> bool:
        """Reload if another process changed the file; True if it did."""
        return self.storage.load()

    # ------------------------------------------------------------------ reading

    def _derived(self, cache: dict[str, tuple[Any, T]], name: str, derive: Callable[[], T]) -> T:
        """`derive()` for table `name`, computed once per version of its bytes:
        the buffers are compared by identity, and a new read of the file, or a
        write, brings new ones (a long-lived store sees every change)."""
        raw = self.storage.raw_table(name)
        cached = cache.get(name)
        if cached is None or cached[0] is not raw:
            cached = (raw, derive())
            cache[name] = cached
        return cached[1]

    def _entries_in(self, name: str) -> list[Entry]:
        return self._derived(
            self._entry_cache,
            name,
            lambda: [Entry.from_record(rec) for rec in self.storage.table(name).values()],
        )

    def entries(self, start: date | None = None, end: date | None = None) -> list[Entry]:
        """Entries from `start` to `end` (both included), by date and time."""
        out: list[Entry] = []
        for name in self.storage.entry_table_names(start, end):
            out.extend(self._entries_in(name))
        if start is not None or end is not None:
            lo, hi = start or date.min, end or date.max
            out = [e for e in out if lo <= e.date <= hi]
        out.sort(key=lambda e: (e.date, e.start or time.min, e.created_at))
        return out

    def _ids_in(self, name: str) -> list[str]:
        """The entry ids of one monthly table, without building its entries:
        from the file's `_ids` index when it can be trusted, else from the
        table's keys (an edit looks its entry up three times)."""

        def ids() -> list[str]:
            found = self.storage.table_ids(name)
            return list(self.storage.table(name)) if found is None else found

        return self._derived(self._key_cache, name, ids)

    def table_entry_ids(self, name: str) -> list[str]:
        """The ids of one monthly table's entries, as built (`check`)."""
        return [e.id for e in self._entries_in(name)]

    def entry_ids(self) -> list[str]:
        """Every entry id, without building the entries (for short ids)."""
        return [key for name in self.storage.entry_table_names() for key in self._ids_in(name)]

    def entries_in(self, ranges: Iterable[tuple[date, date]]) -> list[Entry]:
        """Entries of several date ranges (overlaps counted once), by date."""
        seen: set[str] = set()
        out: list[Entry] = []
        for start, end in ranges:
            out += [e for e in self.entries(start, end) if e.id not in seen]
            seen.update(e.id for e in out)
        out.sort(key=lambda e: (e.date, e.start or time.min, e.created_at))
        return out

    def _porteurs_in(self, name: str) -> list[Porteur]:
        return self._derived(
            self._porteur_cache,
            name,
            lambda: [Porteur.from_record(r) for r in self.storage.table(name).values()],
        )

    def _porteur_ids_in(self, name: str) -> list[str]:
        """The porteur ids of one yearly table, without building its porteurs
        (`porteur add` asks for the next id, then checks it is free)."""
        return self._derived(
            self._porteur_id_cache,
            name,
            lambda: [rec["id"] for rec in self.storage.table(name).values()],
        )

    def _porteur_tables(self) -> list[str]:
        """The yearly porteur tables, newest first: a porteur lives in the table
        of its latest activity, so those a user names are mostly in the first."""
        names = [n for n in self.storage.table_names() if n.startswith(PORTEURS_PREFIX)]
        return sorted(names, reverse=True)

    def porteur_ids(self) -> set[str]:
        """Every porteur id (`P-2022-014`), without building the porteurs."""
        return {pid for n in self._porteur_tables() for pid in self._porteur_ids_in(n)}

    def existing_porteurs(self, pids: Iterable[str]) -> set[str]:
        """Those of `pids` that are in the register, reading the tables newest
        first and no further than needed (an entry cites recent porteurs)."""
        wanted, found = set(pids), set[str]()
        for name in self._porteur_tables():
            if found == wanted:
                break
            found |= wanted.intersection(self._porteur_ids_in(name))
        return found

    def porteurs_by_id(self, pids: Iterable[str]) -> dict[str, Porteur]:
        """The porteurs of `pids` that are in the register, by id; only the
        tables needed are read and built, newest first."""
        wanted, found = set(pids), dict[str, Porteur]()
        for name in self._porteur_tables():
            if len(found) == len(wanted):
                break
            if wanted.intersection(self._porteur_ids_in(name)):
                found.update((p.id, p) for p in self._porteurs_in(name) if p.id in wanted)
        return found

    def porteurs(self, start: date | None = None, end: date | None = None) -> list[Porteur]:
        """Porteurs by id. With `start`/`end`: only those that can count in that
        window — a path step inside it, or no step yet and created inside it. They
        live in the tables of their latest activity, so only the tables of the
        window's years and later are read."""
        lo = f"{PORTEURS_PREFIX}{start.year:04d}" if start else ""
        names = [n for n in self.storage.table_names() if n.startswith(PORTEURS_PREFIX) and n >= lo]
        items = [p for n in names for p in self._porteurs_in(n)]
        if start is not None or end is not None:
            first, last = start or date.min, end or date.max
            items = [
                p
                for p in items
                if any(first <= s.date <= last for s in p.steps)
                or (not p.steps and first.isoformat() <= p.created_at[:10] <= last.isoformat())
            ]
        items.sort(key=lambda p: p.id)
        return items

    def find_entry(self, id_or_prefix: str) -> Entry:
        """An entry by id or by a prefix of at least 4 characters (`citeslab list`
        shows the shortest unique one)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 4 or not re.fullmatch(r"[0-9a-f]+", key):
            raise NotFound(
                f"« {id_or_prefix} » : donnez au moins 4 caractères hexadécimaux"
                " de l'identifiant (citeslab list)"
            )
        names = self.storage.entry_table_names()
        # A whole id (an edit finds its entry again inside its write) is found
        # by membership, without comparing the prefix of every id.
        exact = next((name for name in names if key in self._ids_in(name)), None)
        matches = (
            [(exact, key)]
            if exact is not None
            else [(name, k) for name in names for k in self._ids_in(name) if k.startswith(key)]
        )
        if not matches:
            raise NotFound(f"Aucune entrée ne correspond à « {id_or_prefix} »")
        if len(matches) > 1:
            ids = ", ".join(k[:10] for _, k in sorted(matches)[:5])
            raise NotFound(f"« {id_or_prefix} » est ambigu : {ids}…")
        name, found = matches[0]
        return next(e for e in self._entries_in(name) if e.id == found)

    def find_porteur(self, pid: str) -> Porteur:
        key = pid.strip().upper()
        found = self.porteurs_by_id([key]).get(key)
        if found is None:
            raise NotFound(f"Porteur « {pid} » inconnu")
        return found

    def journal(self) -> list[dict[str, Any]]:
        """The undo journal, oldest first."""
        return journal.records(self)

    def closures(self) -> dict[str, Any]:
        """Closed (and reopened) months: month -> record (core.closing)."""
        return dict(self.storage.table(CLOSURES)) if self.storage.raw_table(CLOSURES) else {}

    def closed_months(self) -> set[str]:
        return closed_months(self.closures())

    def set_closure(self, month: str, build: Callable[[dict[str, Any] | None], Any]) -> Any:
        """Replace the closing record of `month` by `build(previous record)` in
        one write (not journaled: closing is not undone by ctrl+z)."""
        with self.storage.transaction():
            previous = self.closures().get(month)
            record = build(previous)
            self._replace(CLOSURES, month, previous is not None, record)
        return record

    # ------------------------------------------------------------------ checks

    def check_entry(self, entry: Entry, known_porteurs: set[str] | None = None) -> None:
        """Refuse an entry that its schema or the configuration would not accept.
        `known_porteurs` spares a caller checking many entries a lookup each."""
        if known_porteurs is None and entry.porteurs:
            known_porteurs = self.existing_porteurs(entry.porteurs)
        problems = entry_problems(entry, self.config, known_porteurs or set())
        if problems:
            first = problems[0]
            if first.startswith("porteur "):
                first += " : créez-le d'abord (citeslab porteur add)"
            raise ValidationFailed(first)
        rec = entry.to_record()
        if not schemas.is_valid("entry", rec):
            problems = schemas.explain("entry", rec)
            raise ValidationFailed("entrée refusée : " + "; ".join(problems))

    def _check_day_totals(self, items: list[Entry], replacing: str | None = None) -> None:
        """Refuse a write that would make a day longer than 24 h (issue 11,
        core.plausibility); checked inside the write's lock, for every path in."""
        if not items:
            return
        added: dict[date, int] = {}
        for e in items:
            added[e.date] = added.get(e.date, 0) + e.minutes
        stored: dict[date, int] = {}
        for e in self.entries(min(added), max(added)):
            if e.date in added and e.id != replacing:
                stored[e.date] = stored.get(e.date, 0) + e.minutes
        for day in sorted(added):
            total = added[day] + stored.get(day, 0)
            if total > MAX_MINUTES:
                raise ValidationFailed(day_refusal(day, total))

    def check_porteur(self, porteur: Porteur, before: Porteur | None = None) -> None:
        """Refuse a porteur its schema or the configuration would not accept.
        Steps `before` held already pass (a file written before the year
        range stays editable; `citeslab check` names them)."""
        cfg = self.config
        if porteur.territory not in cfg.territory_codes:
            raise ValidationFailed(f"territoire « {porteur.territory} » inconnu")
        if porteur.qpv is not None and cfg.qpv(porteur.qpv) is None:
            raise ValidationFailed(f"QPV « {porteur.qpv} » inconnu")
        for cat in porteur.categories:
            if cat not in CATEGORIES:
                raise ValidationFailed(f"catégorie « {cat} » inconnue")
        if porteur.rqth and porteur.rqth_consent_date is None:
            raise ValidationFailed("RQTH : la date du consentement est obligatoire")
        if (problem := consent_problem(porteur, before)) is not None:
            raise ValidationFailed(problem)
        for problem in step_problems(porteur, kept=before.steps if before else ()):
            raise ValidationFailed(f"porteur {porteur.id} : {problem}")
        rec = porteur.to_record()
        if not schemas.stored_is_valid("porteur", rec):
            problems = schemas.explain("porteur", rec, redact=True)
            raise ValidationFailed("porteur refusé : " + "; ".join(problems))

    # ------------------------------------------------------------------ journal

    def _record_change(self, label: str, changes: list[dict[str, Any]]) -> None:
        journal.record_change(self, label, changes)

    def _replace(self, table: str, key: str, before: bool, after: dict[str, Any] | None) -> None:
        """Remove record `key` from `table` (if there) and insert `after` (if any)."""
        t = self.db.table(table)
        if (
            before
            and self.storage.raw_table(table) is not None
            and key in self.storage.table(table)
        ):
            t.remove(doc_ids=_keys([key]))
        if after is not None:
            t.insert(_doc(after, key))

    def _put_entry(self, before: Entry | None, after: Entry | None) -> dict[str, Any]:
        """Replace `before` by `after` (either may be None); the journal change.

        The journal keeps the full image of what was there before (to restore it)
        and only the address of what is there after (to remove it on undo)."""
        if before is not None:
            self._replace(entries_table(before.date), before.id, True, None)
        if after is not None:
            self._replace(
                entries_table(after.date), after.id, before is not None, after.to_record()
            )
        return {
            "kind": "entry",
            "before": before.to_record() if before else None,
            "after": _address(after.id, entries_table(after.date), after.to_record())
            if after
            else None,
        }

    def _put_porteur(self, before: Porteur | None, after: Porteur | None) -> dict[str, Any]:
        if before is not None:
            self._replace(porteurs_table(before.to_record()), before.uuid, True, None)
        address = None
        if after is not None:
            rec = after.to_record()
            table = porteurs_table(rec)
            self._replace(table, after.uuid, before is not None, rec)
            address = _address(after.uuid, table, rec)
        return {
            "kind": "porteur",
            "before": before.to_record() if before else None,
            "after": address,
        }

    def _insert_new(self, docs: dict[str, list[Document]]) -> None:
        """Insert many new records, one TinyDB call per table (imports)."""
        for name, items in docs.items():
            self.db.table(name).insert_multiple(items)

    # ------------------------------------------------------------------ entries

    def add_entry(self, entry: Entry) -> Entry:
        return self.add_entries([entry], label=None)[0]

    def add_entries(
        self,
        entries: Iterable[Entry],
        label: str | None = None,
        new_porteurs: Iterable[Porteur] = (),
    ) -> list[Entry]:
        """Add entries — and the porteurs they introduce — in one atomic write
        and one journal record (import, duplicate); ids must be new."""
        items = list(entries)
        porteurs = list(new_porteurs)
        for p in porteurs:
            self.check_porteur(p)
        if not items and not porteurs:
            return []
        with self.storage.transaction():
            check_open((e.date for e in items), self.closed_months())
            cites = bool(porteurs) or any(e.porteurs for e in items)
            known = self.porteur_ids() if cites else set()
            changes = []
            docs: dict[str, list[Document]] = {}
            for p in porteurs:
                if p.id in known:
                    raise ValidationFailed(f"le porteur {p.id} existe déjà")
                known.add(p.id)
                rec = p.to_record()
                table = porteurs_table(rec)
                docs.setdefault(table, []).append(_doc(rec, p.uuid))
                changes.append(
                    {"kind": "porteur", "before": None, "after": _address(p.uuid, table, rec)}
                )
            existing = set(self.entry_ids()) if len(items) > 1 else set()
            self._check_day_totals(items)
            for e in items:
                self.check_entry(e, known)
                if e.id in existing:
                    raise ValidationFailed(f"{e.described()} existe déjà (même identifiant)")
                existing.add(e.id)
                table = entries_table(e.date)
                rec = e.to_record()
                docs.setdefault(table, []).append(_doc(rec, e.id))
                changes.append(
                    {"kind": "entry", "before": None, "after": _address(e.id, table, rec)}
                )
            self._insert_new(docs)
            text = label or (
                f"ajout de l'entrée du {items[0].date:%d/%m/%Y} ({items[0].type})"
                if len(items) == 1
                else f"ajout de {len(items)} entrées"
            )
            self._record_change(text, changes)
        return items

    def update_entry(self, entry_id: str, **changes: Any) -> Entry:
        with self.storage.transaction():
            before = self.find_entry(entry_id)
            after = before.with_changes(**changes, updated_at=timestamp(self.now()))
            check_open((before.date, after.date), self.closed_months())
            self.check_entry(after)
            self._check_day_totals([after], replacing=before.id)
            change = self._put_entry(before, after)
            self._record_change(
                f"modification de l'entrée du {before.date:%d/%m/%Y} ({before.type})", [change]
            )
        return after

    def delete_entry(self, entry_id: str) -> Entry:
        with self.storage.transaction():
            before = self.find_entry(entry_id)
            check_open((before.date,), self.closed_months())
            change = self._put_entry(before, None)
            self._record_change(
                f"suppression de l'entrée du {before.date:%d/%m/%Y} ({before.type})", [change]
            )
        return before

    def new_entry_id(self) -> str:
        return new_uuid()

    # ------------------------------------------------------------------ porteurs

    def next_porteur_id(self, year: int) -> str:
        """`P-<year>-<n>`: one more than the highest number used that year."""
        highest = 0
        for pid in self.porteur_ids():
            m = PORTEUR_ID.fullmatch(pid)
            if m and int(m.group(1)) == year:
                highest = max(highest, int(m.group(2)))
        return f"P-{year}-{highest + 1:03d}"

    def add_porteur(self, porteur: Porteur) -> Porteur:
        self.check_porteur(porteur)
        with self.storage.transaction():
            if porteur.id in self.porteur_ids():
                raise ValidationFailed(f"le porteur {porteur.id} existe déjà")
            change = self._put_porteur(None, porteur)
            self._record_change(f"ajout du porteur {porteur.id}", [change])
        return porteur

    def update_porteur(self, pid: str, *, label: str | None = None, **changes: Any) -> Porteur:
        with self.storage.transaction():
            before = self.find_porteur(pid)
            after = before.with_changes(**changes, updated_at=timestamp(self.now()))
            self.check_porteur(after, before)
            change = self._put_porteur(before, after)
            self._record_change(label or f"modification du porteur {before.id}", [change])
        return after

    def add_step(self, pid: str, step: PathStep) -> Porteur:
        if step.step not in STEPS:
            raise ValidationFailed(f"étape « {step.step} » inconnue ({', '.join(STEPS)})")
        porteur = self.find_porteur(pid)
        steps = tuple(sorted((*porteur.steps, step), key=lambda s: (s.date, STEPS.index(s.step))))
        return self.update_porteur(
            pid, steps=steps, label=f"étape {step.step} du porteur {porteur.id}"
        )

    # ------------------------------------------------------------------ undo

    def undo(self) -> str | None:
        """Revert the latest change of this store's origin (this window, or the
        command line); its French label, or None when there is nothing to undo.
        Refused (ValidationFailed naming the change) when what it changed was
        changed since by someone else."""
        return journal.undo(self)

    def new_window_origin(self) -> str:
        """Make this store a window's own: its changes, and only them, undoable."""
        self.origin = journal.WINDOW_PREFIX + new_uuid()[:12]
        return self.origin

    # ------------------------------------------------------------------ bulk

    def is_empty(self) -> bool:
        return not self.storage.entry_table_names() and not self.porteur_ids()

    def seed(self, entries: Iterable[Entry], porteurs: Iterable[Porteur]) -> int:
        """Fill an empty file in one write (demo data); not journaled. Only the
        dates are checked (a generator gone too far back), not the configuration."""
        by_month: dict[str, list[Document]] = {}
        count = 0
        porteurs = list(porteurs)
        for p in porteurs:
            for problem in step_problems(p):
                raise ValidationFailed(f"porteur {p.id} : {problem}")
        for e in entries:
            if (too_far := out_of_range(e.date)) is not None:
                raise ValidationFailed(f"entrée de démonstration ({e.type}) : {too_far}")
            by_month.setdefault(entries_table(e.date), []).append(_doc(e.to_record(), e.id))
            count += 1
        with self.storage.transaction():
            if not self.is_empty():
                raise ValidationFailed(
                    f"{self.path} n'est pas vide : les données de démonstration ne "
                    "s'écrivent que dans un fichier neuf (utilisez --db)"
                )
            by_table: dict[str, list[Document]] = {}
            for p in porteurs:
                rec = p.to_record()
                by_table.setdefault(porteurs_table(rec), []).append(_doc(rec, p.uuid))
            for name, docs in by_table.items():
                self.db.table(name).insert_multiple(docs)
            for name, docs in by_month.items():
                self.db.table(name).insert_multiple(docs)
        return count
