"""Backups: list them with their state, choose one, put it back in place (the
current file is kept aside)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.store import Store, backups
from citeslab_tui.store.check import bytes_are_good
from citeslab_tui.store.layout import signature


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int
    good: bool


def available(db: Path) -> list[Backup]:
    """The backups of `db`, oldest first, each checked."""
    out = []
    for b in backups.list_backups(db):
        data = b.read_bytes()
        out.append(Backup(b, len(data), bytes_are_good(data)))
    return out


def choose(db: Path, backup: Path | None = None) -> Path:
    """`backup` when it is good, else the newest good one; French error otherwise."""
    chosen = backup if backup else backups.newest_good(db, bytes_are_good)
    if chosen is None:
        raise CitesLabError(f"aucune sauvegarde valide pour {db}")
    if not bytes_are_good(chosen.read_bytes()):
        raise CitesLabError(f"{chosen} n'est pas une sauvegarde valide")
    return chosen


def restore(db: Path, backup: Path, now: datetime) -> Path | None:
    """Put `backup` in place of `db`; where the replaced file was kept, if any."""
    return backups.restore(db, backup, now)


def recover(store: Store, now: datetime) -> tuple[Path, Path | None]:
    """Put the newest good backup in place of the store's broken file and open
    it again (erasures recorded since are replayed by backups.restore): the
    backup used, and where the broken file was kept."""
    chosen = choose(store.path)
    aside = restore(store.path, chosen, now)
    store.storage.thaw()
    store.refresh()
    return chosen, aside


def good_again(db: Path, last_seen: object) -> tuple[bool, object]:
    """Whether a data file that went bad is a whole, good file again (restored
    from another terminal), and what to pass next time: it is read and checked
    again only when it changed on disk."""
    try:
        seen = signature(db)
        good = seen != last_seen and bytes_are_good(db.read_bytes())
    except OSError:
        return False, None
    return good, seen
