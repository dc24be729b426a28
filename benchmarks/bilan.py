"""Benchmark of the bilan and the consolidated report (issue 14's budgets).

    .venv/bin/python benchmarks/bilan.py              # 5 runs
    .venv/bin/python benchmarks/bilan.py --runs 9 --entries 2000 --files 10

Writes `--files` demo histories of `--entries` entries each (`citeslab demo`,
ending 2022-12-31, different seeds) into a temporary directory, then times the
whole command as a user waits for it (process start to exit, wall clock):
- `citeslab bilan` on one file, over the period holding all its entries
  (budget 1 s);
- `citeslab bilan` with every file (`--db` × files), consolidated (budget 2 s);
- `citeslab report --json` with every file, for comparison.
Each command runs once untimed first (warm caches, holidays cache). XDG
directories point inside the temporary directory: nothing of the user's is read.
Prints the medians and exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "citeslab"
END = "2022-12-31"


def run(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--files", type=int, default=10)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citeslab-bench-") as tmp:
        root = Path(tmp)
        env = dict(os.environ)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(root / var.lower())
        env.pop("CITESLAB_CONFIG", None)
        env["CITESLAB_TODAY"] = END
        dbs = []
        for i in range(opts.files):
            db = root / f"personne{i + 1:02d}.json"
            run(
                ["demo", "--entries", str(opts.entries), "--seed", str(100 + i), "--db", str(db)],
                env,
            )
            dbs.append(db)
        # The period holding every entry of the first file (demo histories end on END).
        import orjson

        data = orjson.loads(dbs[0].read_bytes())
        days = sorted(
            rec["date"]
            for name, table in data.items()
            if name.startswith("entries")
            for rec in table.values()
        )
        period = ["--period", days[0], END, "--as-of", END]
        out = root / "bilan.html"
        many = [a for db in dbs for a in ("--db", str(db))]
        cases = [
            (
                f"bilan, 1 fichier ({len(days)} entrées, {days[0]} → {END})",
                1.0,
                ["bilan", *period, "--db", str(dbs[0]), "-o", str(out), "--force"],
            ),
            (
                f"bilan consolidé, {opts.files} fichiers × {opts.entries} entrées",
                2.0,
                ["bilan", *period, *many, "-o", str(out), "--force"],
            ),
            (
                f"report --json consolidé, {opts.files} fichiers",
                2.0,
                ["report", "--from", days[0], "--to", END, "--as-of", END, "--json", *many],
            ),
        ]
        failed = False
        print(f"{'commande':<62} {'médiane':>8} {'budget':>7}")
        for label, budget, args in cases:
            run(args, env)  # warm-up
            times = [run(args, env) for _ in range(opts.runs)]
            median = statistics.median(times)
            ok = median <= budget
            failed |= not ok
            print(f"{label:<62} {median:>7.3f}s {budget:>6.1f}s {'ok' if ok else 'DÉPASSÉ'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
