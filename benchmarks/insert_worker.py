"""Persisted insert inside the app: `Store.add_entry` vs TinyDB's default JSONStorage.

Run by `benchmarks/run.py` in a fresh process per history size:

    python benchmarks/insert_worker.py CITESLAB_DB TINYDB_FILE COUNT DAY OUT_JSON

Both files already hold the same number of entries. Each database is opened
once, one untimed insert warms it up (for citeslab: the day's backup copy and the
validators), then COUNT inserts of each are timed alternately, in process, around
the insert call only. Both write through fsync (ours: temporary file, fsync,
rename, fsync of the directory; TinyDB 4: rewrite in place, flush, fsync).
Writes the timings (seconds) as JSON to OUT_JSON.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
from tinydb import TinyDB

from citeslab_tui.config import load_config
from citeslab_tui.core.model import new_uuid
from citeslab_tui.core.quickentry import parse
from citeslab_tui.store import Store

QUICK_ENTRY = "1h atelier @CCG"


def main(argv: list[str]) -> int:
    db, tiny_path, count, day_text, out = argv
    day = date.fromisoformat(day_text)
    config = load_config()
    store = Store.open(Path(db), config)
    draft = parse(QUICK_ENTRY, config)
    tiny = TinyDB(tiny_path)
    table = tiny.table("entries")

    counter = iter(range(10**6))

    def new_entry():  # built outside the timed region
        # Spread over a week of the same month: 20 hours on one day would be
        # refused by the 24-hour rule (and would not be a real day anyway).
        when = day + timedelta(days=next(counter) % 7)
        return draft.to_entry(id=new_uuid(), day=when, now=datetime.now())

    store.add_entry(new_entry())  # warm-up
    table.insert(new_entry().to_record())
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(int(count)):
        entry = new_entry()
        t0 = time.perf_counter()
        store.add_entry(entry)
        ours.append(time.perf_counter() - t0)
        record = new_entry().to_record()
        t0 = time.perf_counter()
        table.insert(record)
        theirs.append(time.perf_counter() - t0)
    tiny.close()
    Path(out).write_bytes(orjson.dumps({"citeslab": ours, "tinydb": theirs}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
