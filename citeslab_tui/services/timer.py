"""The running timer workflow (`citeslab start | stop | status`, `s` in the
journal): its state is one small JSON file next to the data file (the data
folder by default), private (0600) and written atomically, so a timer survives
closing the terminal and is shared by the CLI and the app.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import orjson

from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import Entry
from citeslab_tui.core.plausibility import DayWarning
from citeslab_tui.core.timer import RunningTimer, TimerError, check_line
from citeslab_tui.core.timer import stop as stop_timer
from citeslab_tui.fsutil import atomic_write
from citeslab_tui.paths import ensure_private_dir
from citeslab_tui.store import Store


def timer_path(data_file: Path) -> Path:
    """`citeslab.json` → `citeslab.timer.json`, beside it."""
    return data_file.with_name(data_file.stem + ".timer.json")


def running(store: Store) -> RunningTimer | None:
    """The timer running for this data file, or None."""
    path = timer_path(store.path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise TimerError("fichier du chronomètre illisible") from exc
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise TimerError(
            "fichier du chronomètre illisible : abandonnez-le (stop --cancel)"
        ) from None
    return RunningTimer.from_record(data)


def _write(store: Store, timer: RunningTimer | None) -> None:
    path = timer_path(store.path)
    if timer is None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return
    ensure_private_dir(path.parent)
    atomic_write(path, orjson.dumps(timer.to_record(), option=orjson.OPT_INDENT_2))


def start(store: Store, line: str, now: datetime) -> RunningTimer:
    """Start a timer for `line` (a quick-entry line without duration). Refuses
    while another runs: one activity at a time."""
    current = running(store)
    if current is not None:
        raise TimerError(f"un chronomètre tourne déjà : {current.describe(now)}")
    timer = RunningTimer(check_line(line, store.config), now.replace(microsecond=0))
    _write(store, timer)
    return timer


@dataclass(frozen=True, slots=True)
class Stopped:
    timer: RunningTimer
    entry: Entry
    warnings: tuple[DayWarning, ...] = ()  # recorded, but worth a look (issue 11)


def stop(store: Store, now: datetime, *, note: str = "", end: time | None = None) -> Stopped:
    """Stop the timer and record its entry with the rules of any logged line
    (services.plausibility: the porteurs' territory, a day above 24 h refused,
    the day's warnings returned; the store's checks: an unknown porteur). A
    refusal leaves the timer running."""
    timer = running(store)
    if timer is None:
        raise TimerError("aucun chronomètre en cours")
    # here: only stop checks a day (holidays, calendar); start and status never do
    from citeslab_tui.services.plausibility import refine

    result = stop_timer(timer, now, store.config, note=note, end=end)
    draft, day = refine(store, result.draft, result.day, now.date())
    if day.refused:
        raise ValidationFailed(day.refused)
    entry = draft.to_entry(id=store.new_entry_id(), day=result.day, now=now)
    store.add_entry(entry)
    _write(store, None)
    return Stopped(timer, entry, day.warnings)


def cancel(store: Store) -> RunningTimer:
    """Abandon the running timer without recording anything."""
    timer = running(store)
    if timer is None:
        raise TimerError("aucun chronomètre en cours")
    _write(store, None)
    return timer
