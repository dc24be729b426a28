"""`check`: validate the whole data file (schemas, references), then list the
days accepted with a warning (issue 11) — from one reading of the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from citeslab_tui.core.model import Config
from citeslab_tui.core.plausibility import DayCheck
from citeslab_tui.services.plausibility import days_to_verify
from citeslab_tui.store.check import check_and_read


def check(path: Path, config: Config, today: date) -> tuple[list[str], str, list[DayCheck]]:
    """(problems in French, one-line summary, days to verify) for the data file
    at `path`. The days are looked for only in a file without problems, among
    the entries the check has just read."""
    problems, summary, store = check_and_read(path, config)
    days = days_to_verify(store, today) if store is not None and not problems else []
    return problems, summary, days
