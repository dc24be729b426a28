"""Tests never touch the user's real directories: every run points the data
file, the configuration, the state (logs) and the cache at a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from citeslab_tui.config import default_config_path, load_config
from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from tests.fixture_types import Run

# Property tests check invariants, not speed: on a loaded 2-core CI machine an
# example may take longer than hypothesis' default 200 ms deadline, which would
# fail a run for a reason that says nothing about the code. Tests that set their
# own settings keep them; every other one inherits this profile.
settings.register_profile("citeslab", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("citeslab")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("CITESLAB_DB", str(tmp_path / "citeslab.json"))
    monkeypatch.delenv("CITESLAB_CONFIG", raising=False)
    monkeypatch.delenv("CITESLAB_TODAY", raising=False)
    yield


@pytest.fixture(scope="session")
def config() -> Config:
    """The shipped default configuration (CitésLab Genevois)."""
    return load_config(default_config_path())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "citeslab.json"


@pytest.fixture
def fixed_now() -> datetime:
    return datetime(2022, 4, 12, 18, 30, 0)


@pytest.fixture
def store(db_path: Path, config: Config, fixed_now: datetime) -> Store:
    return Store.open(db_path, config, now=lambda: fixed_now)


@pytest.fixture
def today() -> date:
    return date(2022, 4, 12)


@pytest.fixture
def run(db_path: Path) -> Run:
    """Invoke `citeslab --db <tmp file> ARGS…` through click's CliRunner and
    check the exit code (`code=`, 0 by default); the test sees the Result."""
    from click.testing import CliRunner, Result

    from citeslab_tui.cli import cli

    runner = CliRunner()

    def invoke(*args: str, code: int = 0, db: Path = db_path) -> Result:
        result = runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
        assert result.exit_code == code, (result.output, result.stderr)
        return result

    return invoke
