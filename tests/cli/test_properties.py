"""Bad input everywhere: any option value, any configuration, any text yields a
result or a French error — never a traceback."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.cli import cli
from citeslab_tui.config import config_from_dict, default_config_path
from citeslab_tui.core.errors import ConfigError

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(max_size=30) | st.sampled_from(
    [
        "2022-02-30",
        "31/12/2022",
        "2022-13",
        "0000-01-01",
        "9999-12-31",
        "-1",
        "CCG",
        "@aa",
        "P-2022-001",
        "ffffff",
        "\x1b[2J",
        "[bold]",
        "",
        " ",
    ]
)


def _assert_clean(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("props") / "db.json"
    runner = CliRunner()
    for line in ("1h atelier @CCG 10p", "2h permanence @CCG -- [/] \x1b[2J", "45m entretien"):
        r = runner.invoke(cli, ["--db", str(db), "log", line, "--date", "2022-03-01"])
        assert r.exit_code == 0, r.output
    return db


@SETTINGS
@given(
    option=st.sampled_from(["--date", "--from", "--to", "--territory"]),
    value=texts,
)
def test_list_options_never_crash(seeded_db: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seeded_db), "list", option, value])
    _assert_clean(result)


@SETTINGS
@given(command=st.sampled_from(["delete", "edit", "porteur show"]), value=texts)
def test_ids_never_crash(seeded_db: Path, command: str, value: str) -> None:
    before = seeded_db.read_bytes()
    args = [*command.split(), value]
    if command == "edit":
        args += ["--minutes", "30"]
    result = CliRunner().invoke(cli, ["--db", str(seeded_db), *args])
    _assert_clean(result)
    if result.exit_code != 0:
        assert seeded_db.read_bytes() == before


@SETTINGS
@given(line=st.text(max_size=60), day=texts)
def test_log_any_text_never_crashes(tmp_path: Path, line: str, day: str) -> None:
    db = tmp_path / "log.json"
    result = CliRunner().invoke(cli, ["--db", str(db), "log", line, "--date", day])
    _assert_clean(result)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5000)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


BASE = json.loads(default_config_path().read_text(encoding="utf-8"))
ALL_PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(ALL_PATHS), value=json_values, delete=st.booleans())
def test_any_configuration_loads_or_is_refused_in_french(
    path: tuple[str | int, ...], value: Any, delete: bool
) -> None:
    data = copy.deepcopy(BASE)
    node = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    try:
        config_from_dict(data)
    except ConfigError as exc:
        assert str(exc).startswith("Configuration refusée")


def test_injected_markup_and_escapes_are_shown_literally(seeded_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seeded_db), "list", "--date", "2022-03-01"])
    assert result.exit_code == 0
    assert "[/]" in result.output
    assert "\x1b" not in result.output
    assert "\\x1b[2J" in result.output
