"""Load and validate the configuration of a CitésLab.

The configuration is data (schemas/config.schema.json): pillars, action types,
territories with their ETP shares and QPVs, partners, conventions with their
livrables and money. The default is the CitésLab Genevois of DOMAIN.md, shipped
in the package; `citeslab config init` copies it where the user can edit it.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from citeslab_tui import schemas
from citeslab_tui.core.errors import ConfigError
from citeslab_tui.core.model import (
    STEPS,
    ActionType,
    Config,
    Convention,
    Livrable,
    Metric,
    Partner,
    Pillar,
    Qpv,
    Territory,
    YearMoney,
)

CONFIG_ENV = "CITESLAB_CONFIG"


def default_config_path() -> Path:
    """The configuration shipped with the package."""
    return Path(__file__).resolve().parent / "data" / "default-config.json"


def user_config_path() -> Path:
    """Where the user's own configuration lives (`citeslab config init` writes it)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from citeslab_tui.paths import config_dir

    return config_dir() / "config.json"


def active_config_path() -> Path:
    """The user's configuration when it exists, else the shipped default."""
    path = user_config_path()
    if path.exists() or os.environ.get(CONFIG_ENV):
        return path
    return default_config_path()


def load_config(path: Path | None = None) -> Config:
    """Read, validate and build the configuration. Raises ConfigError (French)."""
    path = path or active_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"Configuration introuvable : {path}") from None
    except OSError as exc:
        raise ConfigError(f"Configuration illisible : {path} ({exc.strerror})") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"Configuration {path} : JSON invalide ({exc})") from None
    return config_from_dict(data, source=str(path))


def config_from_dict(data: Any, *, source: str = "configuration") -> Config:
    """Validate a parsed configuration (schema, then cross-references)."""
    if not schemas.is_valid("config", data):
        problems = schemas.explain("config", data) or ["configuration invalide"]
        raise ConfigError(_problems_message(source, problems))
    problems = semantic_problems(data)
    if problems:
        raise ConfigError(_problems_message(source, problems))
    return _build(data)


def _problems_message(source: str, problems: list[str]) -> str:
    lines = [f"Configuration refusée ({source}) :"]
    lines += [f"  - {p}" for p in problems[:20]]
    if len(problems) > 20:
        lines.append(f"  … et {len(problems) - 20} autre(s) problème(s)")
    return "\n".join(lines)


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    dups = []
    for v in values:
        if v in seen and v not in dups:
            dups.append(v)
        seen.add(v)
    return dups


def semantic_problems(data: dict[str, Any]) -> list[str]:
    """What a schema cannot say: unique keys, references that exist, ETP ≤ 1."""
    problems: list[str] = []
    pillar_keys = [p["key"] for p in data["pillars"]]
    type_keys = [t["key"] for t in data["action_types"]]
    codes = [t["code"] for t in data["territories"]]
    for what, values in (
        ("pillars", pillar_keys),
        ("action_types", type_keys),
        ("territories", codes),
    ):
        for dup in _duplicates(values):
            problems.append(f"{what}: « {dup} » apparaît plusieurs fois")
    total_etp = sum(t["etp"] for t in data["territories"])
    if total_etp > 1 + 1e-9:
        problems.append(f"territories: la somme des ETP ({round(total_etp, 4)}) dépasse 1 ETP")
    share = sum(p["share"] for p in data["pillars"])
    if abs(share - 1) > 1e-6:
        problems.append(f"pillars: la somme des parts indicatives ({round(share, 4)}) doit faire 1")
    for i, t in enumerate(data["action_types"]):
        if t["pillar"] not in pillar_keys:
            problems.append(f"action_types[{i}].pillar: pilier « {t['pillar']} » inconnu")
    qpv_codes = [q["code"] for t in data["territories"] for q in t.get("qpvs", [])]
    for dup in _duplicates(qpv_codes):
        problems.append(f"territories: QPV « {dup} » déclaré plusieurs fois")
    default = data.get("default_territory")
    if default is not None and default not in codes:
        problems.append(f"default_territory: territoire « {default} » inconnu")
    for ci, conv in enumerate(data.get("conventions", [])):
        where = f"conventions[{ci}]"
        start, end = _date(conv["start"]), _date(conv["end"])
        if start is None:
            problems.append(f"{where}.start: « {conv['start']} » n'est pas une date")
        if end is None:
            problems.append(f"{where}.end: « {conv['end']} » n'est pas une date")
        if start and end and end < start:
            problems.append(f"{where}.end: la fin précède le début")
        if conv.get("territory") not in (None, *codes):
            problems.append(f"{where}.territory: territoire « {conv['territory']} » inconnu")
        keys = [lv["key"] for lv in conv.get("livrables", [])]
        for dup in _duplicates(keys):
            problems.append(f"{where}.livrables: « {dup} » apparaît plusieurs fois")
        for li, lv in enumerate(conv.get("livrables", [])):
            lwhere = f"{where}.livrables[{li}]"
            if lv.get("territory") not in (None, *codes):
                problems.append(f"{lwhere}.territory: territoire « {lv['territory']} » inconnu")
            metric = lv["metric"]
            kind = metric["kind"]
            if kind in ("count_entries", "sum_persons", "distinct_weeks"):
                if not metric.get("types"):
                    problems.append(f"{lwhere}.metric.types: obligatoire pour « {kind} »")
                for t in metric.get("types", []):
                    if t not in type_keys:
                        problems.append(f"{lwhere}.metric.types: type « {t} » inconnu")
            if kind == "porteurs_step" and metric.get("step") not in STEPS:
                problems.append(f"{lwhere}.metric.step: obligatoire pour « porteurs_step »")
            if (
                not lv.get("targets")
                and not lv.get("target_per_week")
                and not lv.get("targets_stated")
            ):
                problems.append(f"{lwhere}: aucun objectif (targets ou target_per_week)")
            if kind == "qpv_share":
                for year, value in lv.get("targets", {}).items():
                    if value > 1:
                        problems.append(
                            f"{lwhere}.targets.{year}: {value} n'est pas une part entre 0 et 1"
                        )
    return problems


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _years(mapping: dict[str, Any]) -> dict[int, Any]:
    return {int(k): v for k, v in mapping.items()}


def _build(data: dict[str, Any]) -> Config:
    conventions = []
    for conv in data.get("conventions", []):
        livrables = tuple(
            Livrable(
                key=lv["key"],
                label=lv["label"],
                territory=lv.get("territory"),
                metric=Metric(
                    kind=lv["metric"]["kind"],
                    types=tuple(lv["metric"].get("types", ())),
                    step=lv["metric"].get("step"),
                ),
                targets=_years(lv.get("targets", {})),
                targets_stated=_years(lv.get("targets_stated", {})),
                target_per_week=lv.get("target_per_week"),
                prorate=lv.get("prorate", True),
            )
            for lv in conv.get("livrables", [])
        )
        conventions.append(
            Convention(
                key=conv["key"],
                label=conv["label"],
                start=date.fromisoformat(conv["start"]),
                end=date.fromisoformat(conv["end"]),
                territory=conv.get("territory"),
                parties=tuple(conv.get("parties", ())),
                money={
                    year: YearMoney(m.get("cost"), m.get("subsidy"), m.get("net"))
                    for year, m in _years(conv.get("money", {})).items()
                },
                livrables=livrables,
            )
        )
    return Config(
        name=data["name"],
        annual_hours=data["annual_hours"],
        pillars=tuple(
            Pillar(p["key"], p["label"], p["share"], p.get("short", p["label"]))
            for p in data["pillars"]
        ),
        action_types=tuple(
            ActionType(t["key"], t["label"], t["pillar"]) for t in data["action_types"]
        ),
        territories=tuple(
            Territory(
                t["code"],
                t["name"],
                t["etp"],
                tuple(Qpv(q["code"], q["name"], q.get("commune", "")) for q in t.get("qpvs", [])),
            )
            for t in data["territories"]
        ),
        partners=tuple(Partner(p["key"], p["label"]) for p in data.get("partners", [])),
        conventions=tuple(conventions),
        default_territory=data.get("default_territory"),
        structure=data.get("structure", ""),
        person=data.get("person", ""),
        manager=data.get("manager", ""),
    )


# ---------------------------------------------------------------------- saving

CONFIG_BACKUPS_KEEP = 20


def config_backup_dir(path: Path) -> Path:
    """`config.json.backups/` beside the configuration (like the data file's)."""
    return path.with_name(path.name + ".backups")


def read_config_data(path: Path | None = None) -> dict[str, Any]:
    """The configuration as plain JSON data, for editing (the user's file, else
    a copy of the shipped default). Raises ConfigError (French)."""
    path = path or active_config_path()
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(f"Configuration introuvable : {path}") from None
    except OSError as exc:
        raise ConfigError(f"Configuration illisible : {path} ({exc.strerror})") from None
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"Configuration {path} : JSON invalide ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"Configuration {path} : un objet JSON est attendu")
    return data


def save_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate `data`, then write it as the user's configuration with the same
    guarantees as the data file: temporary file, fsync, rename, fsync of the
    folder, mode 0600 (fsutil.atomic_write), after a copy of the previous
    version in `config.json.backups/` (the newest CONFIG_BACKUPS_KEEP kept).

    Raises ConfigError with the schema's French message and path
    (`territories[1].etp: 1.4 n'est pas entre 0 et 1`) before anything is
    written; a failed write (StorageError) leaves the previous file intact."""
    from datetime import datetime

    from citeslab_tui.fsutil import atomic_write
    from citeslab_tui.paths import ensure_private_dir

    path = path or user_config_path()
    config = config_from_dict(data, source=str(path))
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    ensure_private_dir(path.parent)
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise ConfigError(f"Configuration illisible : {path} ({exc.strerror})") from None
    if previous == payload:
        return config
    if previous is not None:
        backups = config_backup_dir(path)
        ensure_private_dir(backups)
        stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S.%f")
        atomic_write(backups / f"{path.stem}_{stamp}{path.suffix}", previous, overwrite=False)
        old = sorted(backups.glob(f"{path.stem}_*{path.suffix}"))
        for extra in old[: max(0, len(old) - CONFIG_BACKUPS_KEEP)]:
            with contextlib.suppress(OSError):
                extra.unlink()
    atomic_write(path, payload, mode=0o600)
    return config


def config_signature(path: Path | None = None) -> tuple[str, int, int] | None:
    """What tells that the configuration changed on disk (path, mtime, size):
    the app compares it every second and reloads when it moves."""
    path = path or active_config_path()
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_mtime_ns, st.st_size)
