"""French public holidays kept in a small JSON file in the user's cache directory.

Importing the `holidays` library costs about 0.2 s, more than everything else a
CLI command does; the holidays of a year never change once known, so the first
command computes them and the following ones read them back. The cache is a
convenience only: any problem with it (missing, unreadable, corrupt, written by
another version of the library, not writable) falls back to computing the
holidays, and is never reported.

The file records a fingerprint of the installed `holidays` library (its French
module's size and modification time, read without importing it), so that an
upgrade that learns about a change in the law is picked up.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.fsutil import atomic_write
from citeslab_tui.paths import cache_dir, ensure_private_dir

CACHE_NAME = "holidays-fr.json"
FORMAT = 1


def _cache_path() -> Path:
    return cache_dir() / CACHE_NAME


def _fingerprint() -> str:
    """Identifies the installed `holidays` library without importing it."""
    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.submodule_search_locations:
            return "?"
        module = Path(next(iter(spec.submodule_search_locations))) / "countries" / "france.py"
        st = module.stat()
        return f"{st.st_size}:{st.st_mtime_ns}"
    except Exception:  # any oddity simply disables reuse of the cache
        return "?"


def _read(path: Path, fingerprint: str) -> dict[int, frozenset[date]]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("library") != fingerprint:
            return {}
        return {
            int(year): frozenset(date.fromisoformat(d) for d in days)
            for year, days in data["years"].items()
        }
    except Exception:  # corrupt or foreign file: recompute
        return {}


def _write(path: Path, fingerprint: str, known: dict[int, frozenset[date]]) -> None:
    doc = {
        "format": FORMAT,
        "library": fingerprint,
        "years": {
            str(year): sorted(d.isoformat() for d in days) for year, days in sorted(known.items())
        },
    }
    with contextlib.suppress(Exception):
        ensure_private_dir(path.parent)
        atomic_write(path, json.dumps(doc, indent=1).encode("utf-8"), mode=0o600)


def holidays_for(years: Iterable[int], *, path: Path | None = None) -> frozenset[date]:
    """The French public holidays of `years`, from the cache when it has them."""
    wanted = set(years)
    if not wanted:
        return frozenset()
    fingerprint = _fingerprint()
    try:
        path = path or _cache_path()
    except Exception:
        return french_holidays(wanted)
    known = _read(path, fingerprint) if fingerprint != "?" else {}
    missing = wanted - known.keys()
    if missing:
        computed = french_holidays(missing)
        for year in missing:
            known[year] = frozenset(d for d in computed if d.year == year)
        if fingerprint != "?":
            _write(path, fingerprint, known)
    result: set[date] = set()
    for year in wanted:
        result |= known[year]
    return frozenset(result)


def calendar_for(years: Iterable[int], *, path: Path | None = None) -> WorkingCalendar:
    """A working calendar covering `years` (and only them)."""
    wanted = frozenset(years)
    return WorkingCalendar(holidays_for(wanted, path=path), years=wanted)


__all__ = ["calendar_for", "holidays_for"]
