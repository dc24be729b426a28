"""Where the app keeps its files: platformdirs' user directories (the XDG
variables on Linux), and nothing trusted or executed from the cache directory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from citeslab_tui import paths


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule applies on Linux")
def test_linux_takes_the_xdg_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "st"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "da"))
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # ignored, as the XDG rule says
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    assert paths.state_dir() == tmp_path / "st" / "citeslab"
    assert paths.default_db_path() == tmp_path / "da" / "citeslab" / "citeslab.json"
    assert paths.cache_dir() == tmp_path / "h" / ".cache" / "citeslab"
    assert paths.config_dir() == tmp_path / "h" / ".config" / "citeslab"


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


def test_a_stale_validator_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated module whose fingerprint is not the installed schema's is
    ignored: the schema is compiled in process instead."""
    from citeslab_tui import schemas
    from citeslab_tui.validators import entry

    monkeypatch.setattr(entry, "FINGERPRINT", "stale")
    validate = schemas._compile("entry", "entry", schemas.load_schema("entry"))
    assert validate is not entry.validate
    monkeypatch.undo()
    assert schemas._compile("entry", "entry", schemas.load_schema("entry")) is entry.validate
