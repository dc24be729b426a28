"""Time to first paint of the TUI, headless, against an empty Textual app.

Run by `benchmarks/run.py`, which notes `time.monotonic()` just before starting
this process (CLOCK_MONOTONIC is shared by all processes on Linux):

    python benchmarks/tui_paint.py empty OUT_JSON
    python benchmarks/tui_paint.py citeslab OUT_JSON DB

`App.run` is wrapped so that it runs headless (120×40) with an autopilot that,
once the app is ready, asks `call_after_refresh` for a callback: the moment that
callback runs is the first paint. It then waits for the app's workers and pending
messages ("settled"), and exits. The citeslab app starts exactly as `citeslab`
without a subcommand does (`citeslab_tui.launch.main(["--db", DB])`, the
console script: the store, `make_app`). Exit code 3 when `citeslab_tui.tui.app.make_app` does not
exist yet. Writes {"paint": t, "settled": t} (monotonic seconds) to OUT_JSON.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

from textual.app import App

MARKS: dict[str, float] = {}
_original_run = App.run


def _headless_run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
    async def autopilot(pilot: Any) -> None:
        painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.call_after_refresh(lambda: painted.set_result(time.monotonic()))
        MARKS["paint"] = await painted
        if os.environ.get("CITESLAB_BENCH_EXIT_AT_PAINT"):  # tui_instructions.py
            os._exit(0)
        await self.workers.wait_for_complete()
        await pilot.pause()
        MARKS["settled"] = time.monotonic()
        self.exit()

    kwargs.update(headless=True, size=(120, 40), auto_pilot=autopilot)
    return _original_run(self, *args, **kwargs)


def main(argv: list[str]) -> int:
    mode, out = argv[0], argv[1]
    App.run = _headless_run  # type: ignore[method-assign]
    if mode == "empty":
        from textual.app import ComposeResult
        from textual.widgets import Footer, Header

        class Empty(App[None]):  # the reference of issue 10's budget
            def compose(self) -> ComposeResult:
                yield Header()
                yield Footer()

        Empty().run()
    else:
        try:
            import citeslab_tui.tui.app  # noqa: F401
        except ImportError:
            return 3
        from citeslab_tui.launch import main as citeslab_main

        citeslab_main(["--db", argv[2]])
    if "paint" not in MARKS:
        return 4
    with open(out, "w") as fh:
        json.dump(MARKS, fh)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
