"""The user directories read on Linux without platformdirs are exactly the ones
platformdirs gives, whatever the XDG variables and HOME say."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from citeslab_tui import paths

KINDS = ("data", "config", "state", "cache")
VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def expected(kind: str) -> Path:
    dirs = platformdirs.PlatformDirs(paths.APP, appauthor=False)
    return Path(getattr(dirs, f"user_{kind}_dir"))


@pytest.mark.parametrize("xdg", ["absolute", "unset", "empty", "relative"])
@pytest.mark.parametrize("home", ["absolute", "unset", "empty", "relative"])
def test_user_dirs_match_platformdirs(
    xdg: str, home: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = {"absolute": None, "empty": "", "relative": "rel/dir"}
    for var in VARS:
        if xdg == "unset":
            monkeypatch.delenv(var, raising=False)
        elif xdg != "absolute":  # absolute: the test's private folders (conftest)
            monkeypatch.setenv(var, values[xdg] or "")
    if home == "unset":
        monkeypatch.delenv("HOME", raising=False)
    elif home == "absolute":
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
    else:
        monkeypatch.setenv("HOME", values[home] or "")
    for kind in KINDS:
        assert getattr(paths, f"{kind}_dir")() == expected(kind), kind


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is read directly on Linux only")
def test_linux_takes_the_xdg_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "st"))
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert paths.state_dir() == tmp_path / "st" / "citeslab"
    assert paths.cache_dir() == tmp_path / "h" / ".cache" / "citeslab"
    monkeypatch.setenv("HOME", "relative-home")
    assert paths._linux_dir("cache") is None  # platformdirs decides


def test_validation_trusts_nothing_in_the_cache_dir() -> None:
    """Schemas compile in process from the installed files: loading the
    configuration and validating a table leave the cache directory untouched
    (no executed bytecode, no marker that would skip validation)."""
    from citeslab_tui import schemas
    from citeslab_tui.config import load_config

    load_config()
    load_config()
    assert schemas.table_is_valid("entry", {})
    cache = paths.cache_dir()
    assert not cache.exists() or not any(cache.rglob("*"))


def test_shipped_validators_are_generated_from_the_installed_schemas() -> None:
    """citeslab_tui/validators/ is fastjsonschema's code for schemas/, as
    `python -m citeslab_tui.schemas` writes it (run it after changing a schema)."""
    from citeslab_tui import schemas

    folder = Path(schemas.__file__).parent / "validators"
    for module, source in schemas.generated_sources().items():
        shipped = (folder / f"{module}.py").read_text(encoding="utf-8")
        assert shipped == source, f"validators/{module}.py: python -m citeslab_tui.schemas"


def test_a_stale_validator_is_not_used(monkeypatch) -> None:
    """A generated module whose fingerprint is not the installed schema's is
    ignored: the schema is compiled in process instead."""
    from citeslab_tui import schemas
    from citeslab_tui.validators import entry

    monkeypatch.setattr(entry, "FINGERPRINT", "stale")
    validate = schemas._compile("entry", "entry", schemas.load_schema("entry"))
    assert validate is not entry.validate
    monkeypatch.undo()
    assert schemas._compile("entry", "entry", schemas.load_schema("entry")) is entry.validate
