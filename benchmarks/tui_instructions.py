"""Instructions executed up to the TUI's first paint, citeslab against an empty
Textual app: a deterministic complement to the wall-clock row of run.py on a
noisy machine (valgrind's callgrind counts instructions; the hash seed is fixed).

    python benchmarks/tui_instructions.py [--entries 10000]

Needs valgrind. Writes a demo history into a temporary folder (XDG_* too), runs
`tui_paint.py` for both apps with CITESLAB_BENCH_EXIT_AT_PAINT=1, prints the
counts and their ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def instructions(args: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind a échoué : {done.stderr[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind absent (apt install valgrind)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="citeslab-ir-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(work / name.lower())
        db = work / "citeslab.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "citeslab_tui",
                "demo",
                "--entries",
                str(options.entries),
                "--db",
                str(db),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        env.update(PYTHONHASHSEED="0", CITESLAB_BENCH_EXIT_AT_PAINT="1")
        paint = [sys.executable, str(HERE / "tui_paint.py")]
        out = str(work / "paint.json")
        for _ in range(2):  # the first run of each writes bytecode and the backup
            empty = instructions([*paint, "empty", out], env)
            ours = instructions([*paint, "citeslab", out, str(db)], env)
    print(f"app vide : {empty / 1e6:.0f} M instructions")
    print(f"citeslab ({options.entries} entrées) : {ours / 1e6:.0f} M instructions")
    print(f"rapport : ×{ours / empty:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
