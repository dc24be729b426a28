"""The project's own checks, run with the tests so that CI runs them too:
formatting and lint (ruff) on everything, typing (mypy, configured in
pyproject.toml: strict on the whole package, every test body checked)."""

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


def test_mypy_is_strict_for_every_layer(tmp_path: Path) -> None:
    """The configuration keeps `strict = true` for the whole package: an
    unannotated function in any layer is an error (a per-module override that
    relaxed one layer would make this fail)."""
    layers = ("core", "store", "export", "services", "cli", "tui", "")
    for layer in layers:
        folder = tmp_path / "citeslab_tui" / layer
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
        (folder / "probe.py").write_text("def half(value):\n    return value / 2\n")
    config = ["--config-file", str(ROOT / "pyproject.toml")]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *config, "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=tmp_path / "citeslab_tui",
        capture_output=True,
        text=True,
    )
    assert done.stdout.count("[no-untyped-def]") == len(layers), done.stdout + done.stderr
