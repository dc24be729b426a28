"""Types of the shared fixtures whose value is a function, so that a test can
annotate its arguments (`run: Run`) and mypy checks how the test calls them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from click.testing import Result


class Run(Protocol):
    """tests/conftest.run: `citeslab --db <tmp file> ARGS…` through click's
    CliRunner, the exit code checked (`code=`, 0 by default)."""

    def __call__(self, *args: str, code: int = ..., db: Path = ...) -> Result: ...


# pytest-textual-snapshot's fixture: compare(app, terminal_size=…, run_before=…,
# press=…). Its own annotation, Callable[[str | PurePath], bool], leaves out the
# keyword arguments every snapshot test passes.
SnapCompare = Callable[..., bool]
