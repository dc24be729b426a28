"""Two processes writing the same file at the same time lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store

WRITER = r"""
import sys
from datetime import date, timedelta
from pathlib import Path
from citeslab_tui.config import load_config
from citeslab_tui.core.model import Entry, new_uuid
from citeslab_tui.store import Store

store = Store.open(Path(sys.argv[1]), load_config(), lock_timeout=30)
tag = sys.argv[2]
sys.stdin.readline()  # start together
for i in range(100):
    day = date(2022, 1, 3) + timedelta(days=i % 40)
    store.add_entry(Entry(id=new_uuid(), date=day, minutes=30, type="atelier",
                          pillar="animation", territory="CCG", note=f"{tag}{i}",
                          created_at="2022-01-01T00:00:00", updated_at="2022-01-01T00:00:00"))
print("done", flush=True)
"""


def test_two_processes_each_logging_100_entries(tmp_path: Path, config: Config) -> None:
    db = tmp_path / "shared.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in ("a", "b")
    ]
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0 and "done" in out
    entries = Store.open(db, config).entries()
    assert len(entries) == 200
    notes = {e.note for e in entries}
    assert notes == {f"{t}{i}" for t in "ab" for i in range(100)}
