"""Temporary files left by a process killed in the middle of a write.

An atomic write goes through `.<name>.<pid>.tmp` beside its target (fsutil). A
process killed before the rename leaves that file behind: a partial copy of
the data file, personal data included. The next write (under the lock) removes
the ones whose process is dead; `citeslab check` reports and removes them;
erasure removes them all.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from citeslab_tui.store import backups

_TEMP_RE = re.compile(r"^\..+\.(\d+)\.tmp$")


def temporaries(db_path: Path) -> list[Path]:
    """Temporary files of atomic writes in the data folder and its backups."""
    found = []
    for folder in (db_path.parent, backups.backup_dir(db_path)):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            ours = p.name.startswith((f".{db_path.name}.", f".{db_path.stem}_"))
            if ours and _TEMP_RE.match(p.name):
                found.append(p)
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # (on Windows os.kill would end it)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, not ours
    return True


def stale_temporaries(db_path: Path) -> list[Path]:
    """Temporary files whose writing process is dead (killed mid-write)."""
    out = []
    for p in temporaries(db_path):
        m = _TEMP_RE.match(p.name)
        if m and not _alive(int(m.group(1))):
            out.append(p)
    return out


def remove_stale_temporaries(db_path: Path) -> list[Path]:
    """Delete the temporaries of dead processes; the ones removed."""
    removed = []
    for p in stale_temporaries(db_path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
            removed.append(p)
    return removed
