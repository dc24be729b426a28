"""Load and validate the configuration of a CitésLab.

The configuration is data (schemas/config.schema.json): pillars, action types,
territories with their dated ETP allocations and QPVs, partners, conventions
with their livrables and money. The default is the CitésLab Genevois of
DOMAIN.md, shipped in the package; `citeslab config init` copies it where the
user can edit it.

Versions: `config_version` 2 dates the allocations (`territories[].allocations`
with `from`/`to`, the CCG's 0.2 ETP lasting as long as its convention) and
adds non-pillar action types (absences, training). A version 1 file is
migrated when read (`migrate`): its undated `etp` becomes one allocation open
on both sides, and the shipped absence/training types are added. A version 1
file, or a version 2 one written before the comités existed, also gains what a
new user's configuration has (`_complete_governance`: the comité de pilotage,
the cadences of the comités, the presence quartier) without losing anything the
user set. The user's own file is rewritten once, after a copy of the old one
(`config.json.v1.bak`, `config.json.v2.bak`) is kept beside it.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from citeslab_tui import schemas
from citeslab_tui.core.errors import ConfigError, StorageError
from citeslab_tui.core.model import (
    KIND_PILLAR,
    NON_PILLAR_KINDS,
    STEPS,
    ActionType,
    Allocation,
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
from citeslab_tui.fsutil import atomic_write
from citeslab_tui.paths import config_dir, ensure_private_dir

CONFIG_ENV = "CITESLAB_CONFIG"
CONFIG_VERSION = 2


def default_config_path() -> Path:
    """The configuration shipped with the package."""
    return Path(__file__).resolve().parent / "data" / "default-config.json"


def user_config_path() -> Path:
    """Where the user's own configuration lives (`citeslab config init` writes it)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()

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
    migrated = migrate(data)
    config = config_from_dict(migrated, source=str(path))
    if migrated is not data and path.resolve() != default_config_path():
        _upgrade_file(path, raw, migrated, data.get("config_version"))
    return config


def _non_pillar_types() -> list[dict[str, Any]]:
    """The absence and training types of the shipped catalogue."""
    shipped = orjson.loads(default_config_path().read_bytes())
    return [t for t in shipped["action_types"] if t.get("kind", "pillar") != "pillar"]


def migrate(data: Any) -> Any:
    """A configuration in the current version: `data` itself when it already is
    (or is not a configuration at all, left for the schema to reject), else an
    upgraded copy. Version 1 → 2 (`_v1_to_v2`), then, for a version 1 file or
    a version 2 one written before the comités existed, `_complete_governance`."""
    if not isinstance(data, dict):
        return data
    new = _v1_to_v2(data) if data.get("config_version") == 1 else data
    return _complete_governance(new)


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: each territory's undated `etp` becomes one allocation open
    on both sides (it held "from the first entry on", and a report never counts
    before its period), and the shipped absence and training types are added
    when their keys are free."""
    new = dict(data)
    new["config_version"] = CONFIG_VERSION
    territories = []
    for t in data.get("territories", []):
        if isinstance(t, dict) and "etp" in t and "allocations" not in t:
            t = {
                ("allocations" if k == "etp" else k): ([{"etp": v}] if k == "etp" else v)
                for k, v in t.items()
            }
        territories.append(t)
    new["territories"] = territories
    types = list(data.get("action_types", []))
    keys = {t.get("key") for t in types if isinstance(t, dict)}
    types += [t for t in _non_pillar_types() if t["key"] not in keys]
    new["action_types"] = types
    return new


_COTECH, _COPIL = "comites_techniques", "comites_pilotage"
_GOVERNANCE_KEYS = ("governance", "cadence_months", "cadence_phases", "cadence")


def _shipped_livrables() -> dict[str, dict[str, Any]]:
    """The livrables of the shipped conventions, by key."""
    shipped = orjson.loads(default_config_path().read_bytes())
    return {
        lv["key"]: lv for conv in shipped.get("conventions", []) for lv in conv.get("livrables", [])
    }


def _complete_governance(data: dict[str, Any]) -> dict[str, Any]:
    """Give a configuration written before the comités and the presence quartier
    existed (version 1, or an early version 2) the livrables a new user gets,
    without changing anything the user set.

    Which conventions: those with a `comites_techniques` livrable (the shipped
    key, so the shipped convention or one made from it with `convention new
    --from`) that has no `governance` key. Every file written since carries that
    key (true on the shipped comités, and a user may set it false): such a file
    is never completed again, so a comité de pilotage the user removed stays
    removed. For those conventions only, and only where a value is absent:
    - `comites_techniques` gains the shipped `governance`, `cadence_months` and
      `cadence` (its label, territory and targets stay the user's);
    - a `comites_pilotage` livrable is added after it when no livrable of the
      convention counts the `comite_pilotage` type and that type exists: the
      shipped one, on the comités techniques' territory, with a target of one a
      year for each year the comités techniques have a target (the convention's
      "une fois par an"; none when they have no yearly target);
    - a presence livrable of the shipped key (`presence_qpv`) with no `qpvs`
      gains the shipped quartier(s) when they are quartiers of its territory
      (otherwise it keeps counting any quartier).
    Returns `data` itself when nothing is to be done (or when `data` is too
    malformed to read: the schema then says what is wrong), else a completed
    copy."""
    try:
        return _completed(data)
    except (TypeError, AttributeError, KeyError):
        return data


def _completed(data: dict[str, Any]) -> dict[str, Any]:
    conventions = data.get("conventions")
    if not isinstance(conventions, list):
        return data
    template: dict[str, dict[str, Any]] = {}
    type_keys = {t.get("key") for t in data.get("action_types", []) if isinstance(t, dict)}
    territory_qpvs = {
        t.get("code"): {q.get("code") for q in t.get("qpvs", []) if isinstance(q, dict)}
        for t in data.get("territories", [])
        if isinstance(t, dict)
    }
    out: list[Any] = []
    changed = False
    for conv in conventions:
        livrables: list[Any] = conv.get("livrables") or [] if isinstance(conv, dict) else []
        cotech = next(
            (lv for lv in livrables if isinstance(lv, dict) and lv.get("key") == _COTECH),
            None,
        )
        if cotech is None or "governance" in cotech:
            out.append(conv)
            continue
        template = template or _shipped_livrables()
        new_livrables: list[Any] = []
        for lv in livrables:
            if lv is cotech:
                shipped_cotech = template[_COTECH]
                new_livrables.append(
                    cotech
                    | {
                        k: shipped_cotech[k]
                        for k in _GOVERNANCE_KEYS
                        if k in shipped_cotech and k not in cotech
                    }
                )
                copil = template[_COPIL]
                counted = {
                    t
                    for other in livrables
                    if isinstance(other, dict) and isinstance(other.get("metric"), dict)
                    for t in other["metric"].get("types", [])
                }
                keys = {other.get("key") for other in livrables if isinstance(other, dict)}
                copil_type = "comite_pilotage"
                years = cotech.get("targets") or {}
                if (
                    years
                    and _COPIL not in keys
                    and copil_type not in counted
                    and copil_type in type_keys
                ):
                    new_livrables.append(
                        {
                            **copil,
                            "territory": cotech.get("territory"),
                            "targets": {year: 1 for year in years},
                        }
                    )
                continue
            metric = lv.get("metric") if isinstance(lv, dict) else None
            shipped = template.get(str(lv.get("key"))) if isinstance(lv, dict) else None
            if (
                isinstance(metric, dict)
                and shipped is not None
                and metric.get("kind") == "distinct_weeks"
                and "qpvs" not in metric
                and shipped["metric"].get("qpvs")
                and set(shipped["metric"]["qpvs"]) <= territory_qpvs.get(lv.get("territory"), set())
            ):
                lv = {**lv, "metric": {**metric, "qpvs": list(shipped["metric"]["qpvs"])}}
            new_livrables.append(lv)
        out.append({**conv, "livrables": new_livrables})
        changed = True
    return {**data, "conventions": out} if changed else data


def _upgrade_file(path: Path, raw: bytes, migrated: dict[str, Any], version: Any) -> None:
    """Rewrite the user's file in the current version after keeping the old one
    (`NAME.v1.bak`, or `NAME.v2.bak` for a version 2 file completed with the
    comités; never overwritten), through `save_config` (atomic, and a copy in
    `config.json.backups/` too). A file that cannot be written stays as it is:
    it is migrated again at every read, which is correct, only slower."""
    backup = path.with_name(f"{path.name}.v{version if isinstance(version, int) else 1}.bak")
    try:
        if not backup.exists():
            atomic_write(backup, raw, mode=0o600, overwrite=False)
        save_config(migrated, path)
    except (StorageError, ConfigError, OSError):
        pass


def config_from_dict(data: Any, *, source: str = "configuration") -> Config:
    """Validate a parsed configuration (schema, then cross-references); a
    version 1 configuration is migrated first (see `migrate`)."""
    data = migrate(data)
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
    problems += _allocation_problems(data)
    share = sum(p["share"] for p in data["pillars"])
    if abs(share - 1) > 1e-6:
        problems.append(f"pillars: la somme des parts indicatives ({round(share, 4)}) doit faire 1")
    for key in pillar_keys:
        if key in NON_PILLAR_KINDS:
            problems.append(f"pillars: « {key} » est réservé (type d'action hors pilier)")
    for i, t in enumerate(data["action_types"]):
        kind = t.get("kind", KIND_PILLAR)
        if kind == KIND_PILLAR and "pillar" not in t:
            problems.append(f"action_types[{i}].pillar: obligatoire pour un type de pilier")
        elif kind == KIND_PILLAR and t["pillar"] not in pillar_keys:
            problems.append(f"action_types[{i}].pillar: pilier « {t['pillar']} » inconnu")
        elif kind != KIND_PILLAR and "pillar" in t:
            problems.append(f"action_types[{i}].pillar: un type « {kind} » n'a pas de pilier")
    for name in ("day_hours", "max_day_hours"):
        if name in data and data[name] > 24:
            problems.append(f"{name}: {data[name]} h dépasse 24 h")
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
            for q in metric.get("qpvs", []):
                if q not in qpv_codes:
                    problems.append(f"{lwhere}.metric.qpvs: QPV « {q} » inconnu")
            phases = lv.get("cadence_phases", [])
            for pi, phase in enumerate(phases[:-1]):
                if "for_months" not in phase:
                    problems.append(
                        f"{lwhere}.cadence_phases[{pi}].for_months: obligatoire"
                        " (seule la dernière période dure jusqu'à la fin)"
                    )
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


def _allocation_problems(data: dict[str, Any]) -> list[str]:
    """Dated allocations: real dates in order, known conventions, and at no day
    more than 1 ETP over all territories (checked at every allocation start,
    the only days a sum can grow)."""
    problems: list[str] = []
    conventions = {c["key"]: c for c in data.get("conventions", [])}
    spans: list[tuple[float, date | None, date | None]] = []
    for ti, t in enumerate(data["territories"]):
        for ai, a in enumerate(t["allocations"]):
            where = f"territories[{ti}].allocations[{ai}]"
            conv = a.get("convention")
            if conv is not None and conv not in conventions:
                problems.append(f"{where}.convention: convention « {conv} » inconnue")
            start, end = _allocation_bounds(a, conventions)
            for name in ("from", "to"):
                if name in a and _date(a[name]) is None:
                    problems.append(f"{where}.{name}: « {a[name]} » n'est pas une date")
            if start and end and end < start:
                problems.append(f"{where}.to: la fin précède le début")
            spans.append((a["etp"], start, end))
    starts = sorted({s for _, s, _ in spans if s is not None})
    for day in [None, *starts]:
        total = sum(
            etp
            for etp, s, e in spans
            if (s is None or (day is not None and s <= day))
            and (e is None or day is None or day <= e)
        )
        if total > 1 + 1e-9:
            when = f" le {day:%d/%m/%Y}" if day else ""
            problems.append(
                f"territories: la somme des ETP{when} ({round(total, 4)}) dépasse 1 ETP"
            )
            break
    return problems


def _allocation_bounds(
    a: dict[str, Any], conventions: dict[str, Any]
) -> tuple[date | None, date | None]:
    """`from`/`to` of an allocation; a missing one is its convention's, if named."""
    conv = conventions.get(a.get("convention", ""), {})
    start = a.get("from", conv.get("start"))
    end = a.get("to", conv.get("end"))
    return (_date(start) if start else None, _date(end) if end else None)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _years(mapping: dict[str, Any]) -> dict[int, Any]:
    return {int(k): v for k, v in mapping.items()}


def _territory(t: dict[str, Any], conventions: dict[str, Any]) -> Territory:
    allocations = []
    for a in t["allocations"]:
        start, end = _allocation_bounds(a, conventions)
        allocations.append(Allocation(a["etp"], start, end, a.get("convention")))
    return Territory(
        t["code"],
        t["name"],
        max(a.etp for a in allocations),
        tuple(Qpv(q["code"], q["name"], q.get("commune", "")) for q in t.get("qpvs", [])),
        tuple(allocations),
    )


def _build(data: dict[str, Any]) -> Config:
    conv_dicts = {c["key"]: c for c in data.get("conventions", [])}
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
                    qpvs=tuple(lv["metric"].get("qpvs", ())),
                    min_hours=lv["metric"].get("min_hours"),
                ),
                targets=_years(lv.get("targets", {})),
                targets_stated=_years(lv.get("targets_stated", {})),
                target_per_week=lv.get("target_per_week"),
                prorate=lv.get("prorate", True),
                governance=lv.get("governance", False),
                cadence_months=lv.get("cadence_months"),
                cadence_phases=tuple(
                    (ph["months"], ph.get("for_months")) for ph in lv.get("cadence_phases", ())
                ),
                cadence=lv.get("cadence", ""),
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
            ActionType(
                t["key"],
                t["label"],
                t.get("pillar", t.get("kind", KIND_PILLAR)),
                t.get("kind", KIND_PILLAR),
            )
            for t in data["action_types"]
        ),
        territories=tuple(_territory(t, conv_dicts) for t in data["territories"]),
        partners=tuple(Partner(p["key"], p["label"]) for p in data.get("partners", [])),
        conventions=tuple(conventions),
        default_territory=data.get("default_territory"),
        structure=data.get("structure", ""),
        person=data.get("person", ""),
        manager=data.get("manager", ""),
        day_hours=data.get("day_hours", 7.0),
        max_day_hours=data.get("max_day_hours", 10.0),
        person_title=data.get("person_title", ""),
        manager_title=data.get("manager_title", ""),
        funders=tuple(data.get("funders", ())),
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


def config_problems(data: Any) -> list[tuple[str, str]]:
    """Every problem of a configuration being edited, as (path, French message)
    pairs (`("territories[1].etp", "1.4 n'est pas entre 0 et 1")`): the schema's
    first, then — once the structure is right — the cross-checks. Empty when
    `data` would be accepted by `save_config`. Used to validate as one types."""
    if schemas.is_valid("config", data):
        lines = semantic_problems(data)
    else:
        lines = schemas.explain("config", data) or ["(racine): configuration invalide"]
    out = []
    for line in lines:
        path, _, message = line.partition(": ")
        out.append((path, message) if message else ("", path))
    return out
