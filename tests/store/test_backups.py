"""Backups are ordered by when they were written (a number in the file), not
by the clock: a run with a wrong clock neither becomes the "newest" backup nor
makes the rotation delete the real ones; the wrong clock is said."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store, backups
from tests.fixture_types import Run

from .helpers import make_entry


def clock(moment: datetime) -> Callable[[], datetime]:
    """A `now` that always says `moment`."""
    return lambda: moment


def _writes_on(db_path: Path, config: Config, moments: list[datetime]) -> None:
    for when in moments:
        Store.open(db_path, config, now=clock(when)).add_entry(
            make_entry(note=str(when), minutes=30)
        )


def _real_days(n: int, start: datetime = datetime(2022, 3, 1, 9)) -> list[datetime]:
    return [start + timedelta(days=i) for i in range(n)]


def test_a_run_with_the_clock_in_2031_is_not_the_newest_backup(
    db_path: Path, config: Config
) -> None:
    _writes_on(db_path, config, _real_days(3))
    _writes_on(db_path, config, [datetime(2031, 1, 5, 9)])  # the wrong clock
    _writes_on(db_path, config, _real_days(3, datetime(2022, 3, 4, 9)))
    newest = backups.list_backups(db_path)[0]
    assert "2031" not in newest.name
    assert newest.name.endswith("2022-03-06.json")
    # and restore picks it: the days written after the 2031 run are not lost
    from citeslab_tui.store.check import bytes_are_good

    assert backups.newest_good(db_path, bytes_are_good) == newest


def test_fourteen_wrong_clock_backups_do_not_delete_the_real_ones(
    db_path: Path, config: Config
) -> None:
    future = [datetime(2031, 1, 1, 9) + timedelta(days=i) for i in range(backups.KEEP)]
    _writes_on(db_path, config, _real_days(1) + future)
    real = _real_days(5, datetime(2022, 3, 2, 9))
    _writes_on(db_path, config, real)
    names = [p.name for p in backups.list_backups(db_path)]
    assert len(names) == backups.KEEP
    for day in real[1:]:  # each real day's backup (made before its first write) is kept
        assert any(n.endswith(f"{day.date().isoformat()}.json") for n in names), names
    assert names[0].endswith("2022-03-06.json")


def test_rotation_never_deletes_a_backup_newer_than_the_one_written(
    db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "KEEP", 2)
    _writes_on(db_path, config, _real_days(4))
    kept = backups.list_backups(db_path)
    newest = kept[0]
    # an older state of the file comes back by hand (no restore), and is written
    older = kept[-1].read_bytes()
    db_path.write_bytes(older)
    _writes_on(db_path, config, [datetime(2022, 3, 20, 9)])
    assert newest.exists(), "a newer backup was deleted"


def test_restore_continues_the_numbering_after_every_backup(db_path: Path, config: Config) -> None:
    _writes_on(db_path, config, _real_days(4))
    oldest = backups.list_backups(db_path)[-1]
    backups.restore(db_path, oldest, datetime(2022, 3, 10, 9))
    _writes_on(db_path, config, [datetime(2022, 3, 11, 9)])
    assert backups.list_backups(db_path)[0].name.endswith("2022-03-11.json")


def test_a_clock_earlier_than_the_last_write_is_said(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2031-01-05")
    run("log", "1h atelier @CCG")
    monkeypatch.setenv("CITESLAB_TODAY", "2022-03-01")
    result = run("log", "1h atelier @CCG")
    assert "L'horloge de l'ordinateur semble fausse" in result.stderr
    assert "05/01/2031" in result.stderr
    monkeypatch.setenv("CITESLAB_TODAY", "2031-01-06")
    assert "horloge" not in run("log", "1h atelier @CCG").stderr
