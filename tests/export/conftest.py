"""Fixtures for the export tests: a working calendar, an entry factory."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest

from citeslab_tui.config import default_config_path, load_config
from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.model import Config, Entry

YEARS = range(2020, 2026)


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(YEARS), years=YEARS)


_counter = iter(range(1, 10**9))


@functools.cache
def _default_config() -> Config:
    return load_config(default_config_path())


def make_entry(
    day: str | date,
    minutes: int,
    type: str = "entretien",
    pillar: str | None = None,
    territory: str = "AA",
    *,
    start: str | None = None,
    end: str | None = None,
    **fields: Any,
) -> Entry:
    """An Entry built directly (no store); pillar defaults from the default config."""
    config = _default_config()
    n = next(_counter)
    return Entry(
        id=fields.pop("id", f"{n:032x}"),
        date=date.fromisoformat(day) if isinstance(day, str) else day,
        minutes=minutes,
        type=type,
        pillar=pillar or config.action_type(type).pillar,
        territory=territory,
        start=time.fromisoformat(start) if start else None,
        end=_time(end),
        created_at=fields.pop("created_at", f"2022-01-01T00:00:{n % 60:02d}"),
        updated_at=fields.pop("updated_at", "2022-01-01T00:00:00"),
        **fields,
    )


def _time(text: str | None) -> time | None:
    if text == "24:00":
        return time(23, 59, 59, 999999)  # the model's end of day
    return time.fromisoformat(text) if text else None


@pytest.fixture
def entry() -> Callable[..., Entry]:
    return make_entry
