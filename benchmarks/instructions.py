"""Instructions executed by one `citeslab` command, for several copies of the
package: how the speed-ups of issue 10 were judged one by one (BENCHMARKS.md,
« Accélérations jugées »). valgrind's callgrind counts instructions, the hash seed
is fixed: the count is the same from one run to the next, whatever the load of
the machine (a wall clock on a shared 2-core machine is not).

    python benchmarks/instructions.py "report --year 2025 --json --db D" DIR_A DIR_B

Each DIR holds a copy of `citeslab_tui/` (and `schemas/`), one with the speed-up,
one without; it is put first on PYTHONPATH. Run from a folder that holds no
`citeslab_tui/` (the current folder comes first on sys.path). Needs valgrind.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys


def instructions(args: list[str], pythonpath: str) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": pythonpath}
    command = [sys.executable, "-m", "citeslab_tui", *args]
    subprocess.run(command, env=env, capture_output=True, check=False)  # bytecode, backups
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind a échoué : {done.stderr[-500:]}")
    return int(found.group(1))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    args = shlex.split(argv[0])
    for folder in argv[1:]:
        print(f"{folder}\t{instructions(args, folder) / 1e6:.1f} M instructions", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
