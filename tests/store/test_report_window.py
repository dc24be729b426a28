"""The store's windowed reads (entries and porteurs of a period) give exactly
the report that the whole history gives: the CLI relies on it for speed."""

from __future__ import annotations

from datetime import date

import pytest

from citeslab_tui.core.demo import generate
from citeslab_tui.core.indicators import inputs, report, report_to_json
from citeslab_tui.core.model import Config
from citeslab_tui.core.period import Period
from citeslab_tui.core.publics import with_named
from citeslab_tui.holiday_cache import calendar_for
from citeslab_tui.store import Store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Store:
    cal = calendar_for(range(2018, 2024))
    entries, porteurs = generate(
        config, 4000, end=date(2023, 3, 31), is_working_day=cal.is_working_day, seed=7
    )
    store = Store.open(tmp_path_factory.mktemp("w") / "db.json", config)
    store.seed(entries, porteurs)
    return store


@pytest.mark.parametrize(
    ("period", "as_of"),
    [
        (Period.year(2022), date(2022, 6, 30)),
        (Period.year(2021), date(2021, 1, 15)),
        (Period(date(2021, 9, 1), date(2023, 5, 9)), date(2023, 3, 1)),
        (Period.month(2022, 3), date(2022, 12, 31)),
        (Period.year(2022), date(2023, 2, 1)),
        (Period.year(2022), date(2021, 11, 30)),
    ],
)
def test_windowed_report_equals_full_report(
    demo_store: Store, config: Config, period: Period, as_of: date
) -> None:
    cal = calendar_for(range(2018, 2024))
    full = report(demo_store.entries(), demo_store.porteurs(), config, period, as_of, cal)
    needs = inputs(period, as_of)
    fresh = Store.open(demo_store.path, config, readonly=True)  # raw-record filter path
    window = needs.porteur_range
    for source in (fresh, demo_store):  # then the filter over cached porteurs
        entries = source.entries_in(needs.entry_ranges)
        # Porteurs found by their steps, plus those an entry of the window names
        # (what services.report and the exports read).
        porteurs = with_named(source.porteurs(*window), entries, window, source.porteurs)
        windowed = report(entries, porteurs, config, period, as_of, cal)
        assert report_to_json(windowed) == report_to_json(full)
    assert full.minutes_logged > 0 or as_of < period.start
