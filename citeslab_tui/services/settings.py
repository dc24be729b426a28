"""Changing the configuration: one value by its dotted key (`citeslab config
set`, the F6 forms), a new convention copied from an existing one, a whole
section replaced. Every change is validated against the schema and written by
`config.save_config` (atomic, backed up); on a refusal nothing is written and
the French message names the path (`territories[1].etp: …`).
"""

from __future__ import annotations

import copy
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from citeslab_tui.config import (
    CONFIG_ENV,
    default_config_path,
    migrate,
    read_config_data,
    save_config,
    user_config_path,
)
from citeslab_tui.core.errors import ConfigError
from citeslab_tui.core.model import Config
from citeslab_tui.services.demo import write_demo
from citeslab_tui.store import Store

if TYPE_CHECKING:
    from citeslab_tui.store import Store

# Which field names a list item by (so `territories.CCG.etp` works).
_ITEM_KEYS = ("key", "code")


def editable_data() -> dict[str, Any]:
    """The configuration as data, ready to change: the user's own file, or a
    copy of the shipped default (saved to the user's file on the first change)."""
    path = user_config_path()
    data: dict[str, Any] = migrate(
        read_config_data(path if path.exists() else default_config_path())
    )
    return data


def parse_value(text: str) -> Any:
    """A value typed on the command line: JSON when it reads as JSON (numbers,
    true/false, null, lists, objects, "quoted text"), else the text itself. A
    French decimal comma is accepted in a number (`0,8`)."""
    stripped = text.strip()
    if re.fullmatch(r"-?\d+,\d+", stripped):
        stripped = stripped.replace(",", ".")
    try:
        return orjson.loads(stripped)
    except orjson.JSONDecodeError:
        return text


def _split_key(key: str) -> list[str]:
    """`territories[1].etp` or `territories.1.etp` or `territories.CCG.etp`."""
    parts = [p for p in re.split(r"\.|\[|\]", key.strip()) if p != ""]
    if not parts:
        raise ConfigError("clé vide : donnez par exemple « person » ou « territories.CCG.etp »")
    return parts


def _child(node: Any, part: str, where: str) -> tuple[Any, Any]:
    """The child of `node` named `part` and the index/key to reach it."""
    if isinstance(node, dict):
        if part not in node:
            raise ConfigError(f"{where or '(racine)'} : pas de champ « {part} »")
        return node[part], part
    if isinstance(node, list):
        if part.isdigit():
            index = int(part)
            if index >= len(node):
                raise ConfigError(f"{where} : pas d'élément {index} (il y en a {len(node)})")
            return node[index], index
        for index, item in enumerate(node):
            if isinstance(item, dict) and any(item.get(k) == part for k in _ITEM_KEYS):
                return item, index
        raise ConfigError(f"{where} : aucun élément « {part} »")
    raise ConfigError(f"{where} : « {part} » ne désigne rien ici")


def set_value(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with the value at the dotted `key` replaced (the last
    part may name a new field of an object; lists are reached by index or by an
    item's key/code). Nothing is validated here: `apply` does it."""
    parts = _split_key(key)
    out = copy.deepcopy(data)
    node: Any = out
    where = ""
    for part in parts[:-1]:
        node, step = _child(node, part, where)
        where = f"{where}[{step}]" if isinstance(step, int) else f"{where}.{step}".lstrip(".")
    last = parts[-1]
    if isinstance(node, dict):
        node[last] = value
    elif isinstance(node, list):
        _, index = _child(node, last, where)
        node[index] = value
    else:
        raise ConfigError(f"{where} : « {last} » ne désigne rien ici")
    return out


def apply(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate and save `data` as the user's configuration; the new Config."""
    return save_config(data, path or user_config_path())


def set_and_save(key: str, text: str, path: Path | None = None) -> Config:
    """`citeslab config set KEY VALUE`."""
    data = migrate(read_config_data(path)) if path else editable_data()
    return apply(set_value(data, key, parse_value(text)), path)


def _year_share(year: int, start: date, end: date) -> float:
    """The calendar share of `year` inside start..end (days, both ends included)."""
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    days_in_year = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return max(0, (last - first).days + 1) / days_in_year


def new_convention(
    data: dict[str, Any], source: str, start: date, end: date, key: str | None = None
) -> tuple[dict[str, Any], str]:
    """A copy of `data` with a new convention copied from `source` — parties,
    territory, livrables — running from `start` to `end`. Returns the data and
    the new convention's key.

    Values per year are carried to the new years so the user only adjusts them:
    a livrable's annual target is the source's latest one (the program prorates
    targets itself); the money of the source's fullest year (its highest cost)
    is prorated by calendar days for a partial year, as the convention does
    (15 280 € × share of the year), rounded to the euro. Targets stated for one
    partial year of the source (`targets_stated`) are not copied. Each ETP
    allocation tied to the source is repeated for the new convention (dated by
    it), so the territory expects hours again over the new period."""
    if end < start:
        raise ConfigError("la fin de la convention précède son début")
    conventions = data.get("conventions", [])
    found = [c for c in conventions if c.get("key") == source]
    if not found:
        known = ", ".join(c.get("key", "?") for c in conventions) or "aucune"
        raise ConfigError(f"convention « {source} » inconnue (connues : {known})")
    old = found[0]
    taken = {c.get("key") for c in conventions}
    if key is None:
        base = re.sub(r"[-_]?\d{4}([-_]\d{4})?$", "", source) or "convention"
        base = f"{base}-{start.year}" + ("" if start.year == end.year else f"-{end.year}")
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-v{n}", n + 1
    if key in taken:
        raise ConfigError(f"la convention « {key} » existe déjà")
    years = range(start.year, end.year + 1)
    new = copy.deepcopy(old)
    new["key"] = key
    new["label"] = f"{old['label'].split(' (')[0]} ({start.year}–{end.year})"
    new["start"], new["end"] = start.isoformat(), end.isoformat()
    money = old.get("money") or {}
    if money:
        fullest = max(money.values(), key=lambda m: m.get("cost", 0))
        new["money"] = {
            str(y): {k: round(v * _year_share(y, start, end)) for k, v in fullest.items()}
            for y in years
        }
    for lv in new.get("livrables", []):
        lv.pop("targets_stated", None)
        targets = lv.get("targets")
        if targets:
            latest = targets[max(targets, key=int)]
            lv["targets"] = {str(y): latest for y in years}
    out = copy.deepcopy(data)
    out.setdefault("conventions", []).append(new)
    # The ETP the source convention funded is funded again, dated by the new one.
    for territory in out.get("territories", []):
        allocations = territory.get("allocations", [])
        allocations += [
            {"etp": a["etp"], "convention": key}
            for a in list(allocations)
            if a.get("convention") == source
        ]
    return out, key


# ---------------------------------------------------------------------- first run


def is_first_run(store: Any) -> bool:
    """No configuration of one's own and no data yet: the app opens its welcome.
    (Someone with data but no configuration file has been working with the
    shipped example: they are not new.)"""
    return not os.environ.get(CONFIG_ENV) and not user_config_path().exists() and store.is_empty()


def example_data() -> dict[str, Any]:
    """The shipped CitésLab Genevois configuration, as data to start from."""
    data: dict[str, Any] = migrate(read_config_data(default_config_path()))
    return data


def demo_path(db: Path) -> Path:
    """The demo data go beside the real file, never into it."""
    return db.with_name(f"{db.stem}-demo{db.suffix}")


def open_demo(db: Path, config: Config, today: date, now: Any) -> Any:
    """The demo data file beside `db`, filled with a made-up history the first
    time (services.demo: the conventions' years, on to today), opened for the app."""
    store = Store.open(demo_path(db), config, now=now)
    if store.is_empty():
        write_demo(store, today, seed=1, to_today=True)
    return store


# ---------------------------------------------------------------- action types
# "Counted or not" is not a field of its own: a type counts toward a livrable
# when the livrable's metric names it (`metric.types`), which is what the
# indicators read. F6 shows and edits that same list, per type.

TYPE_METRICS = ("count_entries", "sum_persons", "distinct_weeks")


def _type_livrables(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every livrable (of every convention) whose metric counts action types."""
    return [
        lv
        for conv in data.get("conventions", [])
        for lv in conv.get("livrables", [])
        if isinstance(lv.get("metric"), dict) and lv["metric"].get("kind") in TYPE_METRICS
    ]


def counting_livrables(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The livrables a type may count toward, as (key, label), each key once
    (the same livrable in several conventions is one choice)."""
    seen: dict[str, str] = {}
    for lv in _type_livrables(data):
        seen.setdefault(lv["key"], lv.get("label", lv["key"]))
    return list(seen.items())


def counted_by(data: dict[str, Any], type_key: str) -> list[str]:
    """The keys of the livrables that count `type_key` (empty: its hours only)."""
    return [
        k
        for k, _ in counting_livrables(data)
        if any(
            lv["key"] == k and type_key in lv["metric"].get("types", [])
            for lv in _type_livrables(data)
        )
    ]


def set_counted(data: dict[str, Any], type_key: str, livrables: list[str]) -> dict[str, Any]:
    """A copy of `data` where `type_key` counts toward exactly `livrables`
    (every convention's livrable of that key). A livrable left with no type is
    refused: it would count nothing."""
    out = copy.deepcopy(data)
    for lv in _type_livrables(out):
        types = list(lv["metric"].get("types", []))
        if lv["key"] in livrables and type_key not in types:
            types.append(type_key)
        elif lv["key"] not in livrables and type_key in types:
            types.remove(type_key)
            if not types:
                raise ConfigError(
                    f"« {lv.get('label', lv['key'])} » ne compterait plus aucun type "
                    f"d'action : donnez-lui d'abord un autre type que « {type_key} »"
                )
        lv["metric"]["types"] = types
    return out


def add_action_type(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A copy of `data` with a new action type (a free key, first pillar)."""
    out = copy.deepcopy(data)
    types = out.setdefault("action_types", [])
    keys = {t.get("key") for t in types}
    n = len(types) + 1
    while f"type_{n}" in keys:
        n += 1
    key = f"type_{n}"
    pillar = next(iter(p["key"] for p in out.get("pillars", [])), None)
    item: dict[str, Any] = {"key": key, "label": "Nouveau type", "kind": "pillar"}
    if pillar:
        item["pillar"] = pillar
    types.append(item)
    return out, key


def remove_action_type(data: dict[str, Any], key: str, entries_using: int) -> dict[str, Any]:
    """A copy of `data` without the type `key`, and without it in the
    livrables that counted it. Refused while entries use it (they would point
    at nothing) or when a livrable counts only it."""
    if entries_using:
        raise ConfigError(
            f"« {key} » sert à {entries_using} entrée(s) : il ne peut pas être retiré "
            "(changez son libellé, ou le type de ces entrées d'abord)"
        )
    out = set_counted(data, key, [])
    out["action_types"] = [t for t in out.get("action_types", []) if t.get("key") != key]
    if not out["action_types"]:
        raise ConfigError("il faut au moins un type d'action")
    return out


def entries_of_type(store: Store, key: str) -> int:
    """How many entries of the data file have the type `key`."""
    return sum(1 for e in store.entries() if e.type == key)
