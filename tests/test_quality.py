"""The project's own checks, run with the tests so that CI runs them too:
formatting and lint (ruff) on everything, typing (mypy, configured in
pyproject.toml: strict on the whole package and on the tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "format", "--check", "--quiet", "."],
        ["ruff", "check", "--quiet", "."],
        ["mypy", "--no-error-summary"],  # files = citeslab_tui and tests
    ],
    ids=["ruff-format", "ruff-check", "mypy"],
)
def test_code_checks(command: list[str], tmp_path: Path) -> None:
    extra = ["--cache-dir", str(tmp_path / "cache")] if command[0] == "mypy" else []
    done = subprocess.run(
        [sys.executable, "-m", *command, *extra], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_cli_command_is_importable_without_textual() -> None:
    code = (
        "import sys\n"
        "from citeslab_tui.cli import LAZY_COMMANDS\n"
        "import importlib\n"
        "for target in LAZY_COMMANDS.values():\n"
        "    mod = target.split(':')[0]\n"
        "    if mod.endswith('tui_cmd'):\n"
        "        continue\n"
        "    importlib.import_module(mod)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_mypy_is_strict_for_every_layer_and_the_tests(tmp_path: Path) -> None:
    """The configuration keeps `strict = true` for the whole package and the
    tests: an unannotated function in any layer, or a test whose fixture
    argument has no type, is an error (a per-module override that relaxed one
    of them would make this fail)."""
    layers = ("core", "store", "export", "services", "cli", "tui", "")
    probes = {
        str(Path("citeslab_tui", layer)): "def half(value):\n    return value / 2\n"
        for layer in layers
    }
    probes["tests"] = "def test_probe(run) -> None:\n    run('list')\n"
    probes["tests/tui"] = "def helper(pilot: object):\n    return pilot\n"
    for where, code in probes.items():
        folder = tmp_path / where
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
        (folder / "probe.py").write_text(code)
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache")]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *config, "citeslab_tui", "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    reported = {
        line.split("/probe.py")[0] for line in done.stdout.splitlines() if "/probe.py" in line
    }
    assert done.stdout.count("[no-untyped-def]") == len(probes), done.stdout + done.stderr
    assert reported == set(probes), done.stdout
