"""What several workflows share: checking a typed territory, and a read-only
copy of the store for a worker thread."""

from __future__ import annotations

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config
from citeslab_tui.store import Store


def territory_code(config: Config, code: str | None) -> str | None:
    """A territory as typed (`ccg`, `@CCG`) → its code; None stays None."""
    if code is None:
        return None
    up = code.strip().lstrip("@").upper()
    if up not in config.territory_codes:
        known = ", ".join(config.territory_codes)
        raise CitesLabError(f"territoire « {code} » inconnu (connus : {known})")
    return up


def reader(store: Store) -> Store:
    """A read-only store on the same file, for a worker thread (the UI's store
    stays on the UI thread)."""
    return Store.open(store.path, store.config, readonly=True, now=store.now)
