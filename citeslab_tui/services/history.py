"""The quick-entry history on disk: one JSON file next to the data file (the
data folder by default), private (0600), written atomically. Shared by the app
(↑/↓, ctrl+r) and the CLI (`citeslab log` adds its line too).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson

from citeslab_tui.core.errors import StorageError
from citeslab_tui.core.history import History
from citeslab_tui.fsutil import atomic_write
from citeslab_tui.paths import ensure_private_dir


def history_path(data_file: Path) -> Path:
    """`citeslab.json` → `citeslab.history.json`, beside it."""
    return data_file.with_name(data_file.stem + ".history.json")


def load(data_file: Path) -> History:
    """The history, or an empty one when the file is missing or unreadable (a
    history is a convenience: it never stops logging)."""
    try:
        data = orjson.loads(history_path(data_file).read_bytes())
        lines = tuple(line for line in data["lines"] if isinstance(line, str))
        return History(lines, bool(data.get("keep_notes", True)))
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return History()


def save(data_file: Path, history: History) -> None:
    path = history_path(data_file)
    ensure_private_dir(path.parent)
    data = {"version": 1, "keep_notes": history.keep_notes, "lines": list(history.lines)}
    atomic_write(path, orjson.dumps(data, option=orjson.OPT_INDENT_2))


def remember(data_file: Path, line: str) -> History:
    """Add a logged line; a failure to write the history is not the user's problem."""
    history = load(data_file).remember(line)
    with contextlib.suppress(StorageError):
        save(data_file, history)
    return history


def set_keep_notes(data_file: Path, keep: bool) -> History:
    history = load(data_file).with_notes(keep)
    save(data_file, history)
    return history
