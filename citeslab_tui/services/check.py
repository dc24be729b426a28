"""`check`: validate the whole data file (schemas, references)."""

from __future__ import annotations

from pathlib import Path

from citeslab_tui.core.model import Config
from citeslab_tui.store.check import check_file


def check(path: Path, config: Config) -> tuple[list[str], str]:
    """(problems in French, one-line summary) for the data file at `path`."""
    return check_file(path, config)
