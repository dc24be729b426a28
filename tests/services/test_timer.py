"""services.timer.stop records with the rules of any logged line (issue 11's
plausibility): the day's warnings come back, a day above 24 h is refused and
the timer keeps running."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from citeslab_tui.core.errors import ValidationFailed
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.services import timer as timers
from citeslab_tui.store import Store

DAY = date(2026, 11, 30)


def test_stop_returns_the_days_warnings(db_path: Path, config: Config) -> None:
    store = Store.open(db_path, config, now=lambda: datetime(2026, 11, 30, 12, 0))
    timers.start(store, "permanence @AA #saint-georges", datetime(2026, 11, 30, 10, 0))
    stopped = timers.stop(store, datetime(2026, 11, 30, 12, 0))
    assert stopped.entry.minutes == 120 and stopped.entry.territory == "AA"
    assert [w.code for w in stopped.warnings] == ["qpv_autre_territoire"]
    assert timers.running(store) is None


def test_a_day_above_24_hours_is_refused_and_the_timer_keeps_running(
    db_path: Path, config: Config
) -> None:
    store = Store.open(db_path, config, now=lambda: datetime(2026, 11, 30, 23, 0))
    stamp = "2026-11-30T08:00:00"
    store.seed(
        [
            Entry(
                id=f"{1:032x}",
                date=DAY,
                minutes=23 * 60,
                type="suivi",
                pillar="referent",
                territory="AA",
                created_at=stamp,
                updated_at=stamp,
            )
        ],
        [],
    )
    timers.start(store, "suivi @AA", datetime(2026, 11, 30, 21, 0))
    with pytest.raises(ValidationFailed, match="24 h"):
        timers.stop(store, datetime(2026, 11, 30, 23, 0))
    assert timers.running(store) is not None
    assert len(store.entries(DAY, DAY)) == 1
