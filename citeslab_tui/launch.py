"""The `citeslab` console script, and what every entry point shares: "today",
"now", and turning an error into one French line with an exit code.

Every argument list goes to the click CLI (`citeslab_tui.cli`); bare `citeslab`
(or `citeslab --db FILE`) is its group without a subcommand, which opens the app.

No import of click, Textual or the store at module level: this module is on the
path of every command, `citeslab --help` included (see cli/__init__.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from citeslab_tui.core.errors import CitesLabError

TODAY_ENV = "CITESLAB_TODAY"


def today() -> date:
    """Today, or $CITESLAB_TODAY (YYYY-MM-DD) for tests and demos."""
    forced = os.environ.get(TODAY_ENV)
    if forced:
        try:
            day = date.fromisoformat(forced[:10])
        except ValueError:
            day = None
        # the weeks, months and years around "today" must exist: not 9999-12-31
        if day is None or len(forced) != 10 or not 1900 <= day.year <= 2999:
            raise CitesLabError(
                f"{TODAY_ENV}={forced[:20]!r} n'est pas une date AAAA-MM-JJ entre 1900 et 2999"
            )
        return day
    return date.today()


def now() -> datetime:
    real = datetime.now()
    return datetime.combine(today(), real.time()) if os.environ.get(TODAY_ENV) else real


def fail(error: BaseException) -> int:
    """Say what went wrong in one French line on stderr (never a traceback, never
    record contents) and give the exit code; re-raise what is not an error."""
    if isinstance(error, CitesLabError):
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    if isinstance(error, KeyboardInterrupt):
        print("Interrompu.", file=sys.stderr)
        return 130
    if isinstance(error, BrokenPipeError):
        return 1
    if isinstance(error, Exception):  # the last line of defence
        # lazy, here and below: see the module docstring
        from citeslab_tui.crashlog import log_unexpected

        print(log_unexpected(error), file=sys.stderr)
        return 1
    raise error


def start_tui(db: Path) -> int:
    """Open the store, build the app and run it; the app's return code is ours."""
    from citeslab_tui.config import load_config
    from citeslab_tui.store import Store
    from citeslab_tui.tui.app import make_app

    today()  # a bad $CITESLAB_TODAY is said here, not as a crash inside the app
    store = Store.open(db, load_config(), now=now)
    from citeslab_tui.services.settings import is_first_run

    app = make_app(store, today=today, first_run=is_first_run(store))
    app.run()
    return app.return_code or 0


def start_consolidated(paths: Sequence[Path]) -> int:
    """The read-only dashboard over several data files (`--db a --db b`)."""
    from citeslab_tui.tui.consolidated import ConsolidatedApp

    today()  # a bad $CITESLAB_TODAY is said here
    app = ConsolidatedApp(paths, today=today)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `citeslab` and `python -m citeslab_tui`."""
    from citeslab_tui.cli import main as cli_main  # the CLI imports this module

    return int(cli_main(list(sys.argv[1:] if argv is None else argv)))
