"""Crash safety: a writing process killed with SIGKILL at random moments never
leaves a broken file, and every write it acknowledged is there afterwards.

The default run kills 12 times; `pytest -m slow` runs the 200-kill version."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from citeslab_tui.store.check import check_file

WRITER = r"""
import sys
from datetime import date, timedelta
from pathlib import Path
from citeslab_tui.config import load_config
from citeslab_tui.core.model import Entry, new_uuid
from citeslab_tui.store import Store

store = Store.open(Path(sys.argv[1]), load_config())
day = date(2022, 1, 3)
i = 0
while True:
    i += 1
    e = Entry(id=new_uuid(), date=day + timedelta(days=i % 60), minutes=30 + i % 90,
              type="entretien", pillar="preparation_orientation", territory="AA",
              note=f"n{i}", created_at="2022-01-01T00:00:00", updated_at="2022-01-01T00:00:00")
    store.add_entry(e)
    if i % 7 == 0:
        store.update_entry(e.id, minutes=15)
        print("U" + e.id, flush=True)
    if i % 11 == 0:
        store.undo()
        print("X", flush=True)
        continue
    print("A" + e.id, flush=True)
"""


def _kill_rounds(tmp_path: Path, config: Config, rounds: int, seed: int) -> int:
    rng = random.Random(seed)
    db = tmp_path / "crash.json"
    expected: dict[str, int | None] = {}
    kills = 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is up: its first write is acknowledged
        time.sleep(rng.random() * 0.3)  # then kill it at a random moment
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        out = first + rest
        kills += 1
        last_added: str | None = None
        for line in out.splitlines():
            if line.startswith("A"):
                expected[line[1:]] = None
                last_added = line[1:]
            elif line.startswith("U"):
                expected[line[1:]] = 15
            elif line == "X" and last_added:
                # undo reverted the last change: an update (minutes back) or an add
                pass
        problems, _summary = check_file(db, config)
        assert problems == [], problems
        store = Store.open(db, config)
        for name in store.storage.entry_table_names():  # the ids lines are right, and used
            assert store.storage.table_ids(name) == list(store.storage.table(name)), name
        present = {e.id: e for e in store.entries()}
        missing = [i for i in expected if i not in present]
        assert not missing, f"acknowledged writes lost after kill {kills}: {missing[:3]}"
    assert len(expected) > rounds, "the writer should have acknowledged writes before the kills"
    return kills


def test_sigkill_during_writes_loses_nothing(tmp_path: Path, config: Config) -> None:
    assert _kill_rounds(tmp_path, config, rounds=12, seed=1) == 12


@pytest.mark.slow
def test_sigkill_200_times(tmp_path: Path, config: Config) -> None:
    assert _kill_rounds(tmp_path, config, rounds=200, seed=2) == 200


ERASER = r"""
import sys, time
from datetime import datetime, timedelta
from pathlib import Path
from citeslab_tui.config import load_config
from citeslab_tui.core.model import Porteur, new_uuid
from citeslab_tui.store import Store
from citeslab_tui.store.privacy import forget_porteurs

start = int(sys.argv[2])
clock = [datetime(2022, 3, 1, 9) + timedelta(days=start)]
store = Store.open(Path(sys.argv[1]), load_config(), now=lambda: clock[0])
i = start
while True:
    i += 1
    clock[0] += timedelta(hours=7)  # a new day now and then: new backups
    pid = f"P-2022-{i:04d}"
    stamp = "2022-01-01T00:00:00"
    store.add_porteur(Porteur(uuid=new_uuid(), id=pid, territory="AA", name=f"Secret{i:05d}x",
                              contact=f"joindre{i:05d}@example.org", created_at=stamp,
                              updated_at=stamp))
    print("P" + pid, flush=True)
    forget_porteurs(store, [pid])
    print(f"F{i:05d}", flush=True)
"""


def _erase_rounds(tmp_path: Path, config: Config, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    db = tmp_path / "erase.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    erased: list[str] = []
    start = 0
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", ERASER, str(db), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        time.sleep(rng.random() * 0.4)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        lines = (first + rest).splitlines()
        erased += [line[1:] for line in lines if line.startswith("F")]
        start += 1000
        problems, _summary = check_file(db, config)
        assert problems == [], problems
        for path in [p for p in tmp_path.rglob("*") if p.is_file()]:
            data = path.read_bytes()
            leaked = [n for n in erased if f"Secret{n}x".encode() in data]
            assert not leaked, f"{path.name} still holds erased names {leaked[:3]}"
    assert erased, "the eraser should have acknowledged erasures"
    # the next write removes what the killed writers left behind
    store = Store.open(db, config)
    store.add_porteur(Store.open(db, config).porteurs()[0]._replace(uuid="f" * 32, id="P-2023-001"))
    assert not list(tmp_path.rglob("*.tmp"))


def test_sigkill_during_erasures_never_brings_an_erased_name_back(
    tmp_path: Path, config: Config
) -> None:
    _erase_rounds(tmp_path, config, rounds=5, seed=3)


@pytest.mark.slow
def test_sigkill_during_erasures_60_times(tmp_path: Path, config: Config) -> None:
    _erase_rounds(tmp_path, config, rounds=60, seed=4)
