"""Working days: DOMAIN.md's worked numbers, and the on-disk holiday cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from citeslab_tui.core.calendar import WorkingCalendar, french_holidays
from citeslab_tui.core.period import Period
from citeslab_tui.holiday_cache import CACHE_NAME, calendar_for, holidays_for


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(french_holidays(range(2020, 2026)), years=range(2020, 2026))


@pytest.mark.parametrize(("year", "days"), [(2021, 254), (2022, 253), (2023, 251)])
def test_working_days_in_year(cal: WorkingCalendar, year: int, days: int) -> None:
    assert cal.working_days_in_year(year) == days
    assert cal.working_days(Period.year(year)) == days


def test_eleven_holidays_a_year_in_metropolitan_france() -> None:
    days = french_holidays([2022])
    assert len(days) == 11
    assert date(2022, 6, 6) in days  # lundi de Pentecôte
    assert date(2022, 4, 15) not in days  # Vendredi saint: Alsace-Moselle only
    assert date(2022, 12, 26) not in days  # Saint-Étienne: Alsace-Moselle only


def test_partial_convention_years(cal: WorkingCalendar) -> None:
    # DOMAIN.md: 2021 from 01/09: 86 of 254; 2023 to 09/05: 89 of 251.
    assert cal.working_days_between(date(2021, 9, 1), date(2021, 12, 31)) == 86
    assert cal.working_days(Period(date(2023, 1, 1), date(2023, 5, 9))) == 89


def test_is_working_day(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(date(2022, 6, 30))  # a Thursday
    assert not cal.is_working_day(date(2022, 7, 2))  # Saturday
    assert not cal.is_working_day(date(2022, 7, 14))  # Fête nationale, a Thursday
    assert not cal.is_working_day(date(2022, 5, 26))  # Ascension


def test_between_edges(cal: WorkingCalendar) -> None:
    assert cal.working_days_between(date(2022, 6, 30), date(2022, 6, 29)) == 0
    assert cal.working_days_between(date(2022, 6, 30), date(2022, 6, 30)) == 1
    assert cal.working_days_between(date(2022, 7, 2), date(2022, 7, 3)) == 0


def test_counts_agree_with_day_by_day(cal: WorkingCalendar) -> None:
    start = date(2021, 12, 20)
    for length in range(0, 80, 3):
        end = start + timedelta(days=length)
        slow = sum(1 for d in Period(start, end).days() if cal.is_working_day(d))
        assert cal.working_days_between(start, end) == slow


def test_uncovered_year_is_refused() -> None:
    cal = WorkingCalendar(french_holidays([2022]), years=[2022])
    with pytest.raises(ValueError):
        cal.working_days_in_year(2023)


def test_cache_equals_library(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    first = holidays_for([2021, 2022], path=path)
    assert first == french_holidays([2021, 2022])
    assert path.exists()
    # A second call reads the file, and adds a new year to it.
    assert holidays_for([2022, 2023], path=path) == french_holidays([2022, 2023])
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(stored["years"]) == ["2021", "2022", "2023"]
    assert path.stat().st_mode & 0o077 == 0


def test_calendar_for_uses_default_cache_dir() -> None:
    cal = calendar_for([2022])
    assert cal.working_days_in_year(2022) == 253
    from citeslab_tui.paths import cache_dir

    assert (cache_dir() / CACHE_NAME).exists()


@pytest.mark.parametrize("content", ["", "{", "[]", '{"format": 1, "library": "x"}', "\x00\xff"])
def test_corrupt_cache_is_recomputed(tmp_path: Path, content: str) -> None:
    path = tmp_path / "holidays.json"
    path.write_text(content, encoding="latin-1")
    assert holidays_for([2022], path=path) == french_holidays([2022])


def test_tampered_cache_from_same_library_is_not_trusted_blindly(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    holidays_for([2022], path=path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["years"]["2022"] = "not a list"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert holidays_for([2022], path=path) == french_holidays([2022])


def test_unwritable_cache_never_crashes(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    path = blocker / "sub" / "holidays.json"  # parent is a file: cannot be created
    assert holidays_for([2022], path=path) == french_holidays([2022])


def test_second_command_does_not_import_holidays(tmp_path: Path) -> None:
    code = (
        "import sys; from citeslab_tui.holiday_cache import calendar_for;"
        "c = calendar_for([2022]); assert c.working_days_in_year(2022) == 253;"
        "print('holidays' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    env = {
        "XDG_CACHE_HOME": str(tmp_path),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
