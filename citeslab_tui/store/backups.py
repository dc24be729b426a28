"""Rotating daily backups of the data file, and their restoration.

Before the first write of each day the file as it is on disk is copied to
`<name>.backups/<stem>_<YYYY-MM-DD>.json` (mode 0600). A backup is never
overwritten (one name per day, written with `overwrite=False`), so a broken or
smaller file can never replace a good backup; the newest `KEEP` are kept.

"Newest" is by when a copy was actually written, not by the clock: every write
of the data file numbers it (`_meta.writes`, layout.next_meta), and backups are
ordered by that number (then by name, for copies older than the numbering). A
run with the clock in 2031 therefore names a backup `…_2031-…` but does not make
it the newest, and rotation never deletes a backup newer than the one it has
just written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import orjson

from citeslab_tui.core.errors import StorageError
from citeslab_tui.fsutil import atomic_write, describe_os_error
from citeslab_tui.store.layout import INDEX, META, serialize, write_sequence
from citeslab_tui.store.lock import FileLock

KEEP = 14


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def sequence(path: Path) -> int:
    """The write number recorded in a copy of the data file (0: none, unreadable).
    Reads the first line only when the copy is in our layout."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
            found = write_sequence(head)
            if found == 0 and len(head) == 4096:
                found = write_sequence(head + fh.read())
    except OSError:
        return 0
    return found


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this data file, newest first: by write number, then by name."""
    return [p for _seq, p in _numbered(db_path)]


def _numbered(db_path: Path) -> list[tuple[int, Path]]:
    directory = backup_dir(db_path)
    if not directory.is_dir():
        return []
    stem = db_path.stem
    found = [
        p for p in directory.iterdir() if p.name.startswith(stem + "_") and p.suffix == ".json"
    ]
    numbered = [(sequence(p), p) for p in found]
    return sorted(numbered, key=lambda sp: (sp[0], sp[1].name), reverse=True)


def highest_sequence(db_path: Path) -> int:
    """The highest write number among the backups (0 when none)."""
    return max((seq for seq, _p in _numbered(db_path)), default=0)


def daily_backup(db_path: Path, today: date) -> Path | None:
    """Copy the current file once per day, before it is first rewritten."""
    directory = backup_dir(db_path)
    target = directory / f"{db_path.stem}_{today.isoformat()}.json"
    if target.exists():
        return None
    try:
        data = db_path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(
            f"Sauvegarde impossible ({describe_os_error(exc)}) : rien n'a été écrit."
        ) from exc
    if not data.strip():
        return None
    if not directory.exists():
        try:
            directory.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise StorageError(
                f"Sauvegarde impossible ({describe_os_error(exc)}) : rien n'a été écrit."
            ) from exc
    try:
        atomic_write(target, data, overwrite=False)
    except StorageError:
        if not target.exists():
            raise
        return None  # another process made today's backup meanwhile
    _rotate(db_path, target)
    return target


def _rotate(db_path: Path, written: Path) -> None:
    """Keep the newest KEEP backups; never delete one newer than `written`."""
    numbered = _numbered(db_path)
    mine = next((seq for seq, p in numbered if p == written), 0)
    for seq, old in numbered[KEEP:]:
        if old == written or seq > mine:
            continue
        with contextlib.suppress(OSError):
            old.unlink()


def _current_sequence(db_path: Path) -> int:
    return sequence(db_path) if db_path.exists() else 0


def renumber(data: bytes, writes: int) -> bytes:
    """A data file's bytes with its write number set to `writes` (re-laid out)."""
    # lazy: import cycle (erasure -> storage -> backups)
    from citeslab_tui.store.erasure import parse_file

    tables = parse_file(data)
    if tables is None:
        return data
    tables.pop(INDEX, None)
    meta = tables.get(META, {}).get("1", {})
    tables[META] = {"1": {**meta, "writes": writes}}
    return serialize({name: orjson.dumps(t) for name, t in tables.items()})


def keep_copy(db_path: Path, data: bytes, label: str) -> Path:
    """Keep `data` as a named backup (e.g. before a schema migration)."""
    directory = backup_dir(db_path)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"{db_path.stem}_{label}.json"
    if not target.exists():
        atomic_write(target, data, overwrite=False)
    return target


def newest_good(db_path: Path, is_good: Callable[[bytes], bool]) -> Path | None:
    """The newest backup whose bytes pass `is_good` (a full structural check)."""
    for candidate in list_backups(db_path):
        try:
            if is_good(candidate.read_bytes()):
                return candidate
        except OSError:
            continue
    return None


def restore(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Put `backup` back in place of the data file, with every erasure recorded
    since replayed on it (erasure.replay: a person erased after the backup was
    made does not come back). The current file, broken or not, is kept aside as
    `<name>.broken-<timestamp>` first. Returns that path. Holds the data file's
    lock, so no write runs meanwhile."""
    # lazy: import cycle, see renumber()
    from citeslab_tui.store import erasure

    try:
        data = erasure.replay(db_path, backup.read_bytes())
        # The restored file continues the numbering after every copy: its next
        # backups are the newest, whatever the numbers of the abandoned ones.
        data = renumber(data, max(highest_sequence(db_path), _current_sequence(db_path)) + 1)
    except OSError as exc:
        raise StorageError(
            f"Impossible de lire {backup} ({describe_os_error(exc)}) : rien n'a été restauré."
        ) from exc
    aside = None
    with FileLock(db_path.with_name(db_path.name + ".lock")):
        if db_path.exists():
            stamp = f"{db_path.name}.broken-{now:%Y%m%d-%H%M%S}"
            aside = db_path.with_name(stamp)
            n = 1
            while aside.exists():  # two restores within a second
                n += 1
                aside = db_path.with_name(f"{stamp}-{n}")
            try:
                os.link(db_path, aside)
            except OSError as exc:
                raise StorageError(
                    f"Impossible de mettre de côté {db_path} ({describe_os_error(exc)}) : "
                    "rien n'a été restauré."
                ) from exc
        atomic_write(db_path, data)
    return aside
