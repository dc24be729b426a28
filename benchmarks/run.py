"""Benchmark citeslab against Watson and Timewarrior (issue 6, "Benchmark").

    /work/venv/bin/python benchmarks/run.py                     # 10k, 50k, 100k; 5 runs
    /work/venv/bin/python benchmarks/run.py --sizes 10000 --runs 5
    /work/venv/bin/python benchmarks/run.py --write             # also update BENCHMARKS.md

Run it with the Python of the venv where citeslab-tui is installed (it starts
`citeslab` from the same bin/ directory). Peers: Watson (`td-watson`, found on
PATH, in $WATSON or in /work/peers-venv/bin) and Timewarrior (`timew` on PATH);
a missing peer is reported as "absent".

For each size, `citeslab demo --entries N` writes a history into a temporary
directory; the same entries (same days, times and years) are then written as
Watson frames and Timewarrior monthly files, so the three tools hold the same
history. Every command is run once untimed (warm caches, citeslab's daily backup),
then `--runs` rounds: each round restores the files, then runs each operation
with the tools in turn (the order rotates from one round to the next). Wall time
of the whole process is measured; the table shows medians. Peers run with TZ=UTC.
At `--daily-size` (20 000 by default) every day-to-day command is also timed
alone against issue 10's budget (≤ 150 ms median): log, list, edit, delete,
undo, report, porteur list/add, status/start/stop, history, exports, check,
--help.
citeslab runs with XDG_* directories inside the temporary directory, so nothing
of the user's is read or touched.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MARK_START = "<!-- bench:start (written by benchmarks/run.py --write) -->"
MARK_END = "<!-- bench:end -->"
TIMEW_SPECIALS = set(' "+-/()<^!=~_%')
ADD_TEXT = "1h atelier @CCG"
NOT_YET = "pas encore mesurable"


# --------------------------------------------------------------------------- tools


@dataclass
class Tools:
    citeslab: str
    watson: str | None
    timew: str | None


def find_tools() -> Tools:
    citeslab = Path(sys.executable).with_name("citeslab")
    if not citeslab.exists():
        found = shutil.which("citeslab")
        if not found:
            sys.exit("citeslab introuvable : lancez ce script avec le Python du venv du projet")
        citeslab = Path(found)
    watson_candidates = [
        os.environ.get("WATSON"),
        shutil.which("watson"),
        "/work/peers-venv/bin/watson",
    ]
    return Tools(
        citeslab=str(citeslab),
        watson=_working(watson_candidates, "--version"),
        timew=_working([os.environ.get("TIMEW"), shutil.which("timew")], "--version"),
    )


def _working(candidates: list[str | None], flag: str) -> str | None:
    for c in candidates:
        if not c or not Path(c).exists():
            continue
        try:
            done = subprocess.run([c, flag], capture_output=True, timeout=60)
        except OSError:
            continue
        if done.returncode == 0:
            return c
    return None


def tool_version(cmd: str | None) -> str:
    if cmd is None:
        return "absent"
    out = subprocess.run([cmd, "--version"], capture_output=True, text=True).stdout
    return out.strip().splitlines()[0] if out.strip() else "?"


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def load_average() -> str:
    """The 1-minute load average, French decimals ("?" where unknown): the
    machine is shared, so a figure says how calm it was."""
    try:
        return f"{os.getloadavg()[0]:.1f}".replace(".", ",")
    except OSError:
        return "?"


# --------------------------------------------------------------------------- histories


@dataclass
class History:
    size: int
    root: Path
    year: int  # last full year of the history
    add_day: date
    db: Path  # live citeslab file
    pristine_db: Path
    watson_dir: Path
    timew_dir: Path
    tinydb: Path
    intervals: int = 0
    first: date | None = None
    last: date | None = None
    extra: dict[str, str] = field(default_factory=dict)


def citeslab_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        path = workdir / "xdg" / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(path)
    env.pop("CITESLAB_DB", None)
    env.pop("CITESLAB_TODAY", None)
    # An installed package has its bytecode; with this set, every module edited since
    # its last .pyc would be compiled again on each run. The warm-up writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def peer_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["TZ"] = "UTC"
    env.update(extra)
    return env


def read_entries(path: Path) -> list[dict]:
    """Our data file is one JSON object of tables; `entries/YYYY-MM` hold entries."""
    tables = orjson.loads(path.read_bytes())
    out = [
        rec
        for name, table in tables.items()
        if name.startswith("entries/")
        for rec in table.values()
    ]
    out.sort(key=lambda r: (r["date"], r["start"] or "09:00"))
    return out


def interval(rec: dict) -> tuple[datetime, datetime]:
    day = date.fromisoformat(rec["date"])
    hh, mm = (int(x) for x in (rec["start"] or "09:00").split(":"))
    start = datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)
    return start, start + timedelta(minutes=rec["minutes"])


def _epoch(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).replace(tzinfo=UTC).timestamp())


def write_watson(entries: list[dict], directory: Path) -> None:
    """`frames`: [start, stop, project, id, tags, updated_at]; `state`: {}."""
    directory.mkdir(parents=True, exist_ok=True)
    frames = []
    for rec in entries:
        start, stop = interval(rec)
        frames.append(
            [
                int(start.timestamp()),
                int(stop.timestamp()),
                rec["type"],
                rec["id"],
                [rec["pillar"], rec["territory"]],
                _epoch(rec["updated_at"] or rec["created_at"]),
            ]
        )
    frames.sort(key=lambda f: f[0])
    (directory / "frames").write_bytes(orjson.dumps(frames))
    (directory / "state").write_text("{}")


def _timew_tag(tag: str) -> str:
    if any(c in TIMEW_SPECIALS for c in tag):
        return '"' + tag.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return tag


def write_timew(entries: list[dict], directory: Path) -> None:
    """`timewarrior.cfg` (empty), `data/YYYY-MM.data` (one interval a line, UTC) and
    `data/tags.data` (tag counts, as Timewarrior keeps it; without it the first
    command rebuilds it by reading every month).

    (Timewarrior refuses dates before 1969; `citeslab demo` writes none before
    2000, however many entries are asked.)"""
    data = directory / "data"
    data.mkdir(parents=True, exist_ok=True)
    (directory / "timewarrior.cfg").write_text("")
    months: dict[str, list[tuple[datetime, str]]] = {}
    counts: dict[str, int] = {}
    for rec in entries:
        start, stop = interval(rec)
        tags = (rec["type"], rec["pillar"], rec["territory"])
        for t in tags:
            counts[t] = counts.get(t, 0) + 1
        text = " ".join(_timew_tag(t) for t in tags)
        line = f"inc {start:%Y%m%dT%H%M%SZ} - {stop:%Y%m%dT%H%M%SZ} # {text}"
        months.setdefault(f"{start:%Y-%m}", []).append((start, line))
    for month, lines in months.items():
        lines.sort(key=lambda x: x[0])
        (data / f"{month}.data").write_text("".join(line + "\n" for _, line in lines))
    body = ",\n".join(f'  {json.dumps(t)}:{{"count":{n}}}' for t, n in sorted(counts.items()))
    (data / "tags.data").write_text("{\n" + body + "\n}")


def write_tinydb(entries: list[dict], path: Path) -> None:
    """TinyDB's default JSONStorage file: {"entries": {"1": record, …}}."""
    table = {str(i): rec for i, rec in enumerate(entries, 1)}
    path.write_text(json.dumps({"entries": table}))


def make_history(size: int, workdir: Path, tools: Tools, env: dict[str, str]) -> History:
    root = workdir / f"h{size}"
    pristine = root / "pristine"
    pristine.mkdir(parents=True, exist_ok=True)
    pdb = pristine / "citeslab.json"
    t0 = time.perf_counter()
    run_checked([tools.citeslab, "demo", "--entries", str(size), "--db", str(pdb)], env)
    demo_s = time.perf_counter() - t0
    entries = read_entries(pdb)
    first, last = date.fromisoformat(entries[0]["date"]), date.fromisoformat(entries[-1]["date"])
    year = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    if year < first.year:
        sys.exit(f"historique de {size} entrées trop court (pas d'année complète)")
    write_watson(entries, pristine / "watson")
    write_timew(entries, pristine / "timew")
    write_tinydb(entries, root / "tinydb.json")
    live = root / "live"
    live.mkdir(exist_ok=True)
    h = History(
        size=size,
        root=root,
        year=year,
        add_day=date(year, 6, 16),
        db=live / "citeslab.json",
        pristine_db=pdb,
        watson_dir=live / "watson",
        timew_dir=live / "timew",
        tinydb=root / "tinydb.json",
        intervals=len(entries),
        first=first,
        last=last,
    )
    h.extra["demo_s"] = f"{demo_s:.1f}"
    h.extra["file_mb"] = f"{pdb.stat().st_size / 1e6:.1f}"
    restore(h)
    return h


def restore(h: History) -> None:
    """Put the pristine files back (citeslab: only the data file, so that the day's
    backup taken at warm-up stays and is not taken again)."""
    shutil.copyfile(h.pristine_db, h.db)
    for name in ("watson", "timew"):
        live = h.root / "live" / name
        shutil.rmtree(live, ignore_errors=True)
        shutil.copytree(h.root / "pristine" / name, live)


# --------------------------------------------------------------------------- running


class CommandFailed(RuntimeError):
    pass


def run_checked(cmd: list[str], env: dict[str, str]) -> float:
    """Run a command, output to /dev/null; wall seconds. Raises on a non-zero exit."""
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise CommandFailed(
            f"{' '.join(cmd)} → code {done.returncode}: "
            f"{done.stderr.decode(errors='replace')[-600:]}"
        )
    return elapsed


@dataclass
class Op:
    name: str
    cmds: dict[str, list[list[str]]]  # tool -> commands (timed together)
    envs: dict[str, dict[str, str]]


def operations(h: History, tools: Tools, env: dict[str, str], out_dir: Path) -> list[Op]:
    y, d = h.year, h.add_day
    db = ["--db", str(h.db)]
    out = ["-o", str(out_dir), "--force"]
    wenv = peer_env(WATSON_DIR=str(h.watson_dir))
    tenv = peer_env(TIMEWARRIORDB=str(h.timew_dir))
    ops = [
        Op(
            "add",
            {"citeslab": [[tools.citeslab, "log", ADD_TEXT, "--date", d.isoformat(), *db]]},
            {"citeslab": env},
        ),
        Op(
            "report",
            {"citeslab": [[tools.citeslab, "report", "--year", str(y), "--json", *db]]},
            {"citeslab": env},
        ),
        Op(
            "export",
            {
                "citeslab": [
                    [tools.citeslab, "export", kind, "--year", str(y), *out, *db]
                    for kind in ("timesheet", "entries")
                ]
            },
            {"citeslab": env},
        ),
    ]
    if tools.watson:
        ops[0].cmds["watson"] = [
            [tools.watson, "add", "-f", f"{d} 21:00", "-t", f"{d} 21:30", "atelier", "+CCG"]
        ]
        report = f"--no-color report --from {y}-01-01 --to {y}-12-31 -G"
        ops[1].cmds["watson"] = [[tools.watson, *report.split()]]
        for op in ops[:2]:
            op.envs["watson"] = wenv
    if tools.timew:
        ops[0].cmds["timewarrior"] = [
            [tools.timew, "track", f"{d}T21:00", "-", f"{d}T21:30", "atelier", "CCG"]
        ]
        ops[1].cmds["timewarrior"] = [[tools.timew, "summary", f"{y}-01-01", "-", f"{y + 1}-01-01"]]
        for op in ops[:2]:
            op.envs["timewarrior"] = tenv
    return ops


def bench_commands(
    h: History, tools: Tools, env: dict[str, str], runs: int, log
) -> dict[tuple[str, str], list[float]]:
    """Rounds of the CLI operations, tools alternating; {(op, tool): [seconds]}."""
    out_dir = h.root / "exports"
    out_dir.mkdir(exist_ok=True)
    ops = operations(h, tools, env, out_dir)
    samples: dict[tuple[str, str], list[float]] = {}
    failed: set[tuple[str, str]] = set()
    # warm-up: every command once (page cache, citeslab's daily backup, validators)
    for op in ops:
        for tool, cmds in op.cmds.items():
            try:
                for cmd in cmds:
                    run_checked(cmd, op.envs[tool])
            except CommandFailed as exc:
                log(f"  ÉCHEC {op.name}/{tool}: {exc}")
                failed.add((op.name, tool))
    for r in range(runs):
        restore(h)
        for op in ops:
            tools_order = list(op.cmds)
            k = r % len(tools_order)
            for tool in tools_order[k:] + tools_order[:k]:
                if (op.name, tool) in failed:
                    continue
                try:
                    total = sum(run_checked(cmd, op.envs[tool]) for cmd in op.cmds[tool])
                except CommandFailed as exc:
                    log(f"  ÉCHEC {op.name}/{tool}: {exc}")
                    failed.add((op.name, tool))
                    continue
                samples.setdefault((op.name, tool), []).append(total)
        log(f"  tour {r + 1}/{runs} fait")
    for key in failed:
        samples[key] = []
    return samples


BUDGET_S = 0.150  # issue 10: every CLI command ≤ 150 ms (median) at 20 000 entries
# `check` validates every record of the file on purpose: the one stated exception.
BUDGET_EXCEPTIONS = {"check": "exception : valide tout le fichier"}


@dataclass
class Daily:
    label: str  # as typed, without --db
    args: list[str]
    setup: list[list[str]] = field(default_factory=list)  # untimed, after the restore
    changes: bool = False  # writes: the file is restored before each run
    rewind_timer: bool = False  # the timer the setup started began 30 min ago
    gauge: list[str] | None = None  # not citeslab: this Python command instead


# The machine's speed at the time of the measure, timed in the same rounds as the
# commands: the interpreter alone, and the interpreter importing click (what any
# click command pays before its own first line). On this shared virtual machine
# the same command takes from one to two times as long from one hour to the next;
# these two rows say which it was.
GAUGES = [
    Daily("python -c pass", [], gauge=["-c", "pass"]),
    Daily('python -c "import click"', [], gauge=["-c", "import click"]),
]


def entry_prefix(h: History) -> str:
    """Eight characters of the id of the report year's first June entry (`edit`
    and `delete` take a prefix, as `citeslab list` shows them)."""
    june = f"{h.year}-06"
    for rec in read_entries(h.pristine_db):
        if rec["date"].startswith(june):
            return str(rec["id"][:8])
    raise SystemExit(f"aucune entrée en juin {h.year}")


def daily_commands(h: History, out_dir: Path) -> list[Daily]:
    """Every day-to-day CLI command, at the report year of the history."""
    y, d = str(h.year), h.add_day.isoformat()
    prefix = entry_prefix(h)
    out = ["-o", str(out_dir), "--force"]
    log = ["log", ADD_TEXT, "--date", d]
    start = ["start", "atelier @CCG 12p"]
    return [
        Daily(f'log "{ADD_TEXT}" --date {d}', log, changes=True),
        Daily("list", ["list"]),
        Daily("list --week", ["list", "--week"]),
        Daily(f"list --date {d}", ["list", "--date", d]),
        Daily(f"edit {prefix} --minutes 45", ["edit", prefix, "--minutes", "45"], changes=True),
        Daily(f"delete {prefix}", ["delete", prefix], changes=True),
        Daily("undo", ["undo"], [log], changes=True),
        Daily(f"report --year {y}", ["report", "--year", y]),
        Daily(f"report --year {y} --json", ["report", "--year", y, "--json"]),
        Daily("porteur list", ["porteur", "list"]),
        Daily(
            "porteur add --territory CCG", ["porteur", "add", "--territory", "CCG"], changes=True
        ),
        Daily("status", ["status"]),
        Daily(f'start "{start[1]}"', start, changes=True),
        Daily(
            "stop",
            ["stop"],
            [start],
            changes=True,
            rewind_timer=True,  # stop records nothing under a minute
        ),
        Daily("history", ["history"]),
        Daily(f"export entries --year {y}", ["export", "entries", "--year", y, *out]),
        Daily(f"export timesheet --year {y}", ["export", "timesheet", "--year", y, *out]),
        Daily("check", ["check"]),
        Daily("--help", ["--help"]),
    ]


def bench_daily(
    h: History, tools: Tools, env: dict[str, str], runs: int, log
) -> dict[str, list[float]]:
    """Every day-to-day command, `runs` rounds, each timed alone (wall time of
    the process); a command that writes starts from the pristine file (and no
    running timer), its setup run untimed. {label: [seconds]}."""
    out_dir = h.root / "exports"
    out_dir.mkdir(exist_ok=True)
    timer = h.db.with_name(h.db.stem + ".timer.json")  # services/timer.timer_path
    db = ["--db", str(h.db)]

    def once(c: Daily) -> float:
        if c.changes:
            restore(h)
            timer.unlink(missing_ok=True)
        for setup in c.setup:
            run_checked([tools.citeslab, *setup, *db], env)
        if c.rewind_timer:
            record = orjson.loads(timer.read_bytes())
            started = datetime.fromisoformat(record["started"]) - timedelta(minutes=30)
            record["started"] = started.isoformat()
            timer.write_bytes(orjson.dumps(record))
        if c.gauge is not None:
            return run_checked([sys.executable, *c.gauge], env)
        return run_checked([tools.citeslab, *c.args, *db], env)

    commands = [*GAUGES, *daily_commands(h, out_dir)]
    samples: dict[str, list[float]] = {}
    for c in commands:  # warm-up: bytecode, page cache, the day's backup
        once(c)
    for r in range(runs):
        k = r % len(commands)
        for c in commands[k:] + commands[:k]:
            samples.setdefault(c.label, []).append(once(c))
        log(f"  commandes du quotidien : tour {r + 1}/{runs} fait")
    restore(h)
    timer.unlink(missing_ok=True)
    return samples


def daily_notes() -> dict[str, str]:
    """label → what is said after it in the table (the setup of the command)."""
    return {
        "undo": "après un `log`",
        "stop": "après un `start` 30 min plus tôt",
    }


def daily_rows(samples: dict[str, list[float]]) -> list[list[str]]:
    rows = []
    notes = daily_notes()
    gauges = {g.label for g in GAUGES}
    for label, xs in samples.items():
        median = statistics.median(xs)
        name = label.split()[0]
        if label in gauges:
            rows.append(
                [
                    f"`{label}` (référence : vitesse de la machine)",
                    f"{median:.3f} s",
                    f"{min(xs):.3f}–{max(xs):.3f}",
                    "—",
                    "—",
                ]
            )
            continue
        if name in BUDGET_EXCEPTIONS:
            budget, met = BUDGET_EXCEPTIONS[name], "—"
        else:
            budget = f"≤ {BUDGET_S * 1000:.0f} ms"
            met = "oui" if median <= BUDGET_S else "**non**"
        rows.append(
            [
                f"`citeslab {label}`" + (f" ({notes[label]})" if label in notes else ""),
                f"{median:.3f} s",
                f"{min(xs):.3f}–{max(xs):.3f}",
                budget,
                met,
            ]
        )
    return rows


def bench_insert(h: History, env: dict[str, str], count: int) -> dict[str, list[float]]:
    restore(h)
    tiny = h.root / "tinydb-live.json"
    shutil.copyfile(h.tinydb, tiny)
    out = h.root / "insert.json"
    cmd = [
        sys.executable,
        str(HERE / "insert_worker.py"),
        str(h.db),
        str(tiny),
        str(count),
        h.add_day.isoformat(),
        str(out),
    ]
    run_checked(cmd, env)
    return orjson.loads(out.read_bytes())


def bench_tui(h: History, env: dict[str, str], runs: int) -> dict[str, list[float]] | None:
    """Process start → first paint (and → settled), empty app vs citeslab, alternating."""
    restore(h)
    out = h.root / "tui.json"
    samples: dict[str, list[float]] = {}
    for r in range(runs + 1):  # the first round is a warm-up
        order = ["empty", "citeslab"] if r % 2 == 0 else ["citeslab", "empty"]
        for mode in order:
            out.unlink(missing_ok=True)
            cmd = [sys.executable, str(HERE / "tui_paint.py"), mode, str(out)]
            if mode == "citeslab":
                cmd.append(str(h.db))
            t0 = time.monotonic()
            done = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
            if done.returncode == 3:
                return None
            if done.returncode != 0 or not out.exists():
                raise CommandFailed(
                    f"tui_paint {mode}: code {done.returncode}: "
                    f"{done.stderr.decode(errors='replace')[-600:]}"
                )
            marks = json.loads(out.read_text())
            if r:
                samples.setdefault(f"{mode}.paint", []).append(marks["paint"] - t0)
                samples.setdefault(f"{mode}.settled", []).append(marks["settled"] - t0)
    return samples


# --------------------------------------------------------------------------- startup


def bench_help(tools: Tools, env: dict[str, str], runs: int) -> list[float]:
    cmd = [tools.citeslab, "--help"]
    run_checked(cmd, env)
    return [run_checked(cmd, env) for _ in range(max(runs, 10))]


_IMPORT_RE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_times(args: list[str], env: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """(module, self µs, cumulative µs, depth) from `python -X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], env=env, capture_output=True, text=True
    )
    rows = []
    for line in done.stderr.splitlines():
        m = _IMPORT_RE.match(line)
        if m:
            rows.append((m.group(4), int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2))
    return rows


def import_report(h: History | None, env: dict[str, str]) -> dict:
    """Top offenders of `import citeslab_tui.cli`, and what each command imports."""
    # two warm-ups so that .pyc files exist
    for _ in range(2):
        import_times(["-c", "import citeslab_tui.cli"], env)
    rows = import_times(["-c", "import citeslab_tui.cli"], env)
    total = sum(c for _, _, c, depth in rows if depth == 0)
    # packages (and our own modules) by cumulative time, the entry module itself aside
    roots = [
        (m, c)
        for m, _, c, _ in rows
        if m != "citeslab_tui.cli" and ("." not in m or m.startswith("citeslab_tui."))
    ]
    top_level = sorted(roots, key=lambda x: -x[1])[:10]
    by_self = sorted(((m, s) for m, s, _, _ in rows), key=lambda x: -x[1])[:8]
    result = {
        "total_ms": total / 1000,
        "top_cumulative": top_level,
        "top_self": by_self,
        "commands": [],
    }
    if h is None:
        return result
    restore(h)
    y = str(h.year)
    db = ["--db", str(h.db)]
    out = str(h.root / "exports")
    commands = {
        "citeslab --help": ["--help"],
        "citeslab log": ["log", ADD_TEXT, "--date", h.add_day.isoformat(), *db],
        "citeslab report --json": ["report", "--year", y, "--json", *db],
        "citeslab report": ["report", "--year", y, *db],
        **{
            f"citeslab export {kind}": ["export", kind, "--year", y, "-o", out, "--force", *db]
            for kind in ("timesheet", "entries")
        },
    }
    watched = (
        "textual",
        "rich.console",
        "jsonschema",
        "fastjsonschema",
        "tinydb",
        "openpyxl",
        "platformdirs",
        "holidays",
    )
    for label, args in commands.items():
        rows = import_times(["-m", "citeslab_tui", *args], env)
        cum = {m: c for m, _, c, _ in rows}  # each module appears once: its first import
        result["commands"].append(
            {
                "command": label,
                "import_ms": sum(c for _, _, c, d in rows if d == 0) / 1000,
                "heavy": {w: round(cum[w] / 1000, 1) if w in cum else None for w in watched},
            }
        )
    return result


# --------------------------------------------------------------------------- table

TARGETS = {
    "add": "≤ 0,25 s à 10k, ≤ 1 s à 100k ; plus rapide que Watson",
    "report": "plus rapide que Watson ; ≤ 3× Timewarrior à 100k",
    "insert": "≥ 5× plus rapide que TinyDB à 10k et 50k",
    "tui": "≤ 1,5× l'app Textual vide",
    "export": "≤ 1 s à 100k",
}
LABELS = {
    "add": "ajout d'une entrée (CLI)",
    "report": "bilan annuel",
    "insert": "insertion persistée (dans l'app)",
    "tui": "TUI : premier affichage",
    "export": "export timesheet + entries (1 an)",
}


def nice(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def med(xs: list[float] | None) -> float | None:
    return statistics.median(xs) if xs else None


def fmt_s(x: float | None, unit: str = "s") -> str:
    if x is None:
        return "—"
    if unit == "ms":
        return f"{x * 1000:.1f} ms"
    return f"{x:.3f} s"


def verdict(op: str, size: int, ours: float | None, watson, timew, base=None) -> tuple[str, str]:
    """(target text for this size, met?)"""
    if ours is None:
        return TARGETS[op], "—"
    checks: list[tuple[str, bool | None]] = []
    if op == "add":
        if size == 10_000:
            checks.append(("≤ 0,25 s", ours <= 0.25))
        if size == 100_000:
            checks.append(("≤ 1 s", ours <= 1.0))
        checks.append(("< Watson", None if watson is None else ours < watson))
    elif op == "report":
        checks.append(("< Watson", None if watson is None else ours < watson))
        if size == 100_000:
            checks.append(("≤ 3× Timewarrior", None if timew is None else ours <= 3 * timew))
    elif op == "insert":
        if size in (10_000, 50_000):
            checks.append(("≥ 5× TinyDB", None if base is None else base / ours >= 5))
        else:
            checks.append(("(sans objectif à cette taille)", None))
    elif op == "tui":
        checks.append(("≤ 1,5× app vide", None if base is None else ours <= 1.5 * base))
    elif op == "export":
        if size == 100_000:
            checks.append(("≤ 1 s", ours <= 1.0))
        else:
            checks.append(("(objectif à 100k seulement)", None))
    target = " ; ".join(t for t, _ in checks)
    states = [ok for _, ok in checks if ok is not None]
    if not states:
        return target, "—"
    return target, "oui" if all(states) else "**non**"


def build_rows(results: dict) -> list[list[str]]:
    rows = []
    for op in ("add", "report", "insert", "tui", "export"):
        for size in results["sizes"]:
            r = results["by_size"][str(size)]
            if op in ("add", "report", "export"):
                s = r["commands"]
                ours = med(s.get(f"{op}/citeslab"))
                w = med(s.get(f"{op}/watson"))
                t = med(s.get(f"{op}/timewarrior"))
                target, met = verdict(op, size, ours, w, t)
                peers = [
                    "—" if op == "export" else fmt_s(v) if results["tools"][key] else "absent"
                    for key, v in (("watson", w), ("timewarrior", t))
                ]
                rows.append([LABELS[op], nice(size), fmt_s(ours), *peers, target, met])
            elif op == "insert":
                ins = r.get("insert")
                ours, tiny = med(ins and ins["citeslab"]), med(ins and ins["tinydb"])
                target, met = verdict(op, size, ours, None, None, tiny)
                ratio = (
                    f" (TinyDB {fmt_s(tiny, 'ms')}, ×{tiny / ours:.0f})" if ours and tiny else ""
                )
                rows.append(
                    [LABELS[op], nice(size), fmt_s(ours, "ms") + ratio, "—", "—", target, met]
                )
            elif op == "tui":
                if "tui" not in r:
                    continue
                tui = r["tui"]
                if tui is None:
                    rows.append(
                        [LABELS[op], nice(size), NOT_YET, "—", "—", TARGETS["tui"], NOT_YET]
                    )
                    continue
                ours, empty = med(tui["citeslab.paint"]), med(tui["empty.paint"])
                target, met = verdict(op, size, ours, None, None, empty)
                rows.append(
                    [
                        LABELS[op],
                        nice(size),
                        f"{fmt_s(ours)} (app vide {fmt_s(empty)}, ×{ours / empty:.2f})",
                        "—",
                        "—",
                        target,
                        met,
                    ]
                )
    return rows


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Mesuré le {results['date']} — {results['runs']} tours (médianes), "
        f"{results['inserts']} insertions par taille.",
        "",
        f"- Machine : {m['cpu']}, {m['cores']} cœurs, {m['memory']} de mémoire, {m['os']}",
        f"- Python {m['python']} ; citeslab {results['versions']['citeslab']} ; "
        f"Watson : {results['versions']['watson']} ; Timewarrior : {results['versions']['timew']}",
        "- Historiques : "
        + "; ".join(
            nice(s) + f" entrées du {r['first']} au {r['last']} "
            f"(fichier {r['file_mb']} Mo, bilan sur {r['year']})"
            for s, r in ((s, results["by_size"][str(s)]) for s in results["sizes"])
        ),
        "",
        "| opération | taille | citeslab | watson | timewarrior | objectif | atteint ? |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in build_rows(results)]
    lines += ["", "Dispersion (min – max des tours) :", ""]
    for size in results["sizes"]:
        r = results["by_size"][str(size)]
        parts = []
        for key, xs in sorted(r["commands"].items()):
            if xs:
                parts.append(f"{key} {min(xs):.3f}–{max(xs):.3f}")
        ins = r.get("insert")
        if ins:
            parts.append(
                f"insert/citeslab {min(ins['citeslab']) * 1000:.1f}–"
                f"{max(ins['citeslab']) * 1000:.1f} ms"
            )
            parts.append(
                f"insert/tinydb {min(ins['tinydb']) * 1000:.1f}–{max(ins['tinydb']) * 1000:.1f} ms"
            )
        tui = r.get("tui")
        if tui:
            for key in ("citeslab.paint", "empty.paint", "citeslab.settled", "empty.settled"):
                parts.append(
                    f"tui/{key} {min(tui[key]):.3f}–{max(tui[key]):.3f} (médiane "
                    f"{med(tui[key]):.3f})"
                )
        lines.append(f"- {nice(size)} : " + " ; ".join(parts))
    for size in results["sizes"]:
        daily = results["by_size"][str(size)].get("daily")
        if not daily:
            continue
        lines += [
            "",
            f"Commandes du quotidien à {nice(size)} entrées (budget de l'issue 10 : ≤ 150 ms "
            f"en médiane ; {results['runs']} tours, chaque commande seule, sortie vers "
            "`/dev/null` ; une commande qui écrit repart du fichier initial, sa préparation "
            "— le `log` avant `undo`, le `start` avant `stop` — hors chronométrage) :",
            "",
            "| commande | médiane | min – max | budget | tenu ? |",
            "|---|---|---|---|---|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in daily_rows(daily)]
    if results.get("load"):
        lines += ["", f"Charge de la machine (moyenne sur 1 min) : {results['load']}."]
    imp = results["imports"]
    lines += [
        "",
        f"Démarrage : `citeslab --help` {fmt_s(med(results['help']))} (médiane de "
        f"{len(results['help'])}) ; `import citeslab_tui.cli` {imp['total_ms']:.1f} ms "
        "(`python -X importtime`).",
        "",
        "Les plus coûteux à `import citeslab_tui.cli` — cumulé : "
        + ", ".join(f"{n} {c / 1000:.1f} ms" for n, c in imp["top_cumulative"])
        + " ; propre : "
        + ", ".join(f"{n} {c / 1000:.1f} ms" for n, c in imp["top_self"]),
        "",
    ]
    if imp["commands"]:
        watched = list(imp["commands"][0]["heavy"])
        lines += [
            "Imports par commande (ms d'import cumulés ; — = non importé) :",
            "",
            "| commande | imports | " + " | ".join(watched) + " |",
            "|---|---|" + "---|" * len(watched),
        ]
        for c in imp["commands"]:
            cells = ["—" if v is None else f"{v}" for v in c["heavy"].values()]
            lines.append(
                f"| `{c['command']}` | {c['import_ms']:.0f} ms | " + " | ".join(cells) + " |"
            )
        lines.append("")
        lines.append("(Temps mesurés sous `-X importtime`, un peu plus lents que sans.)")
    lines += ["", "Relancer :", "", "```sh", results["command"], "```"]
    return "\n".join(lines)


def write_benchmarks_md(text: str) -> Path:
    path = REPO / "BENCHMARKS.md"
    block = f"{MARK_START}\n{text}\n{MARK_END}"
    if path.exists():
        old = path.read_text()
        if MARK_START in old and MARK_END in old:
            head, rest = old.split(MARK_START, 1)
            _, tail = rest.split(MARK_END, 1)
            path.write_text(head + block + tail)
            return path
    path.write_text(f"# Mesures de performance\n\n{block}\n")
    return path


# --------------------------------------------------------------------------- main


def rerun_command(args: argparse.Namespace) -> str:
    """The command line that measures the same thing again (and updates the file)."""
    parts = [".venv/bin/python benchmarks/run.py"]  # the README's virtual environment
    if args.sizes != "10000,50000,100000":
        parts.append(f"--sizes {args.sizes}")
    if args.runs != 5:
        parts.append(f"--runs {args.runs}")
    if args.inserts != 20:
        parts.append(f"--inserts {args.inserts}")
    if args.tui_size != 10_000:
        parts.append(f"--tui-size {args.tui_size}")
    if args.daily_size != 20_000:
        parts.append(f"--daily-size {args.daily_size}")
    return " ".join([*parts, "--write"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="tailles d'historique")
    ap.add_argument("--runs", type=int, default=5, help="tours par mesure (≥ 5 conseillé)")
    ap.add_argument("--inserts", type=int, default=20, help="insertions chronométrées")
    ap.add_argument("--tui-size", type=int, default=10_000, help="taille pour la mesure TUI")
    ap.add_argument(
        "--daily-size",
        type=int,
        default=20_000,
        help="taille pour les commandes du quotidien (budget de 150 ms ; 0 : aucune)",
    )
    ap.add_argument("--write", action="store_true", help="met à jour BENCHMARKS.md")
    ap.add_argument("--keep", action="store_true", help="garde le dossier temporaire")
    ap.add_argument("--json", dest="json_out", help="écrit aussi les mesures brutes (JSON)")
    ap.add_argument("--render", metavar="JSON", help="réaffiche des mesures écrites par --json")
    args = ap.parse_args()
    if args.render:
        text = markdown(orjson.loads(Path(args.render).read_bytes()))
        print(text)
        if args.write:
            print(f"écrit : {write_benchmarks_md(text)}", file=sys.stderr)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    tools = find_tools()
    workdir = Path(tempfile.mkdtemp(prefix="citeslab-bench-"))
    env = citeslab_env(workdir)
    mach = machine()
    log(f"Machine : {mach['cpu']}, {mach['cores']} cœurs, Python {mach['python']}")
    log(f"Watson : {tools.watson or 'absent'} ; Timewarrior : {tools.timew or 'absent'}")
    results: dict = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": mach,
        "runs": args.runs,
        "inserts": args.inserts,
        "sizes": sizes,
        "tools": {"watson": tools.watson is not None, "timewarrior": tools.timew is not None},
        "versions": {
            "citeslab": tool_version(tools.citeslab).replace("citeslab ", ""),
            "watson": tool_version(tools.watson),
            "timew": tool_version(tools.timew),
        },
        "by_size": {},
        "command": rerun_command(args),
        "load": load_average(),
    }
    smallest: History | None = None
    try:
        for size in sizes:
            log(f"[{size}] historique…")
            h = make_history(size, workdir, tools, env)
            smallest = smallest or h
            log(f"[{size}] {h.intervals} entrées {h.first} → {h.last}, bilan {h.year}")
            r: dict = {"year": h.year, "first": str(h.first), "last": str(h.last), **h.extra}
            r["commands"] = {
                f"{op}/{tool}": xs
                for (op, tool), xs in bench_commands(h, tools, env, args.runs, log).items()
            }
            log(f"[{size}] insertions…")
            r["insert"] = bench_insert(h, env, args.inserts)
            if size == args.tui_size:
                log(f"[{size}] TUI…")
                r["tui"] = bench_tui(h, env, args.runs)
            if size == args.daily_size:
                log(f"[{size}] commandes du quotidien…")
                r["daily"] = bench_daily(h, tools, env, args.runs, log)
            results["by_size"][str(size)] = r
        log("démarrage et imports…")
        results["help"] = bench_help(tools, env, args.runs)
        results["imports"] = import_report(smallest, env)
    finally:
        if args.keep:
            log(f"dossier gardé : {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["load"] = f"{results['load']} au début, {load_average()} à la fin"
    text = markdown(results)
    print(text)
    if args.json_out:
        Path(args.json_out).write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    if args.write:
        log(f"écrit : {write_benchmarks_md(text)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
