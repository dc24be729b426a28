"""SVG snapshots of the four main screens at 100×32, with the fixed history of
conftest.py and today frozen on 12/04/2022. Regenerate with
`pytest tests/tui/test_snapshots.py --snapshot-update`, then open the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.pilot import Pilot

from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp
from tests.fixture_types import SnapCompare

SIZE = (100, 32)


async def _settle(pilot: Pilot[object]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _go(*keys: str) -> Callable[[Pilot[object]], object]:
    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.press(*keys)
        await _settle(pilot)
        await _settle(pilot)

    return run_before


def test_journal(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go(*"1h entretien @CCG"))


def test_dashboard(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("f3"))


def test_dashboard_80x24(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    """At 80 columns a manager still reads each territory's share against its
    allocation, the last month's and the gap whole (issue 11)."""
    assert snap_compare(app, terminal_size=(80, 24), run_before=_go("f3"))


def test_porteurs(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("f4"))


def test_help(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("f1"))


def test_entry_form(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("tab", "e"))


def test_settings(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("f6"))


def test_settings_territories(snap_compare: SnapCompare, app: CitesLabApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_go("f6", "right"))


def test_journal_with_a_running_timer(
    snap_compare: SnapCompare, app: CitesLabApp, seeded: Store, fixed_now: datetime
) -> None:
    """80×24: the timer's line under the title (started 80 minutes before the
    frozen clock) and ^s in the footer."""
    from datetime import timedelta

    from citeslab_tui.services import timer

    timer.start(seeded, "atelier @CCG 12p", fixed_now - timedelta(minutes=80))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_go())
