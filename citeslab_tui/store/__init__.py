"""The only code that touches the data file: storage, backups, the Store."""

from citeslab_tui.store.store import Store

__all__ = ["Store"]
