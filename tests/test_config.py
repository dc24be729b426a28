"""Configuration version 2: dated allocations, non-pillar types, and the
migration of version 1 files (a backup is kept when the user's file is upgraded)."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from citeslab_tui.config import (
    CONFIG_VERSION,
    config_from_dict,
    default_config_path,
    load_config,
    migrate,
)
from citeslab_tui.core.errors import ConfigError
from citeslab_tui.core.model import Allocation


def _default() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(default_config_path().read_text(encoding="utf-8"))
    return data


def _v1() -> dict[str, Any]:
    """The shipped configuration as it was written in version 1."""
    data = _default()
    data["config_version"] = 1
    for t in data["territories"]:
        t["etp"] = t.pop("allocations")[0]["etp"]
    data["action_types"] = [t for t in data["action_types"] if "kind" not in t]
    data.pop("day_hours")
    data.pop("max_day_hours")
    return data


def test_default_is_current_version_and_dates_the_ccg() -> None:
    data = _default()
    assert data["config_version"] == CONFIG_VERSION == 2
    cfg = config_from_dict(data)
    ccg = cfg.territory("CCG")
    assert ccg.allocations == (Allocation(0.2, date(2021, 9, 1), date(2023, 5, 9), "ccg-med"),)
    assert ccg.etp_on(date(2021, 8, 31)) == 0 and ccg.etp_on(date(2023, 5, 9)) == 0.2
    assert cfg.territory("AA").allocations == (Allocation(0.8),)
    kinds = {t.key: t.kind for t in cfg.action_types}
    assert kinds["conge"] == kinds["rtt"] == kinds["maladie"] == "absence"
    assert kinds["formation"] == "formation" and kinds["atelier"] == "pillar"
    assert (cfg.day_hours, cfg.max_day_hours) == (7, 10)


def test_migrate_v1_keeps_etp_undated_and_adds_absence_types() -> None:
    old = _v1()
    new = migrate(old)
    assert old["config_version"] == 1 and "etp" in old["territories"][0]  # not mutated
    assert new["config_version"] == 2
    assert [t["allocations"] for t in new["territories"]] == [[{"etp": 0.8}], [{"etp": 0.2}]]
    keys = [t["key"] for t in new["action_types"]]
    assert keys[-5:] == ["formation", "conge", "rtt", "maladie", "absence_autre"]
    cfg = config_from_dict(old)  # a v1 dict is migrated on the way in
    assert cfg.territory("CCG").allocations == (Allocation(0.2),)
    assert migrate(new) is new


def test_migrate_keeps_a_user_type_of_the_same_key() -> None:
    old = _v1()
    old["action_types"].append({"key": "formation", "label": "Ma formation", "pillar": "animation"})
    types = {t["key"]: t for t in migrate(old)["action_types"]}
    assert types["formation"]["label"] == "Ma formation"


def test_user_v1_file_is_upgraded_once_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    raw = json.dumps(_v1(), ensure_ascii=False, indent=1).encode()
    path.write_bytes(raw)
    cfg = load_config(path)
    assert cfg.territory("CCG").etp == 0.2
    backup = tmp_path / "config.json.v1.bak"
    assert backup.read_bytes() == raw
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    upgraded = json.loads(path.read_text(encoding="utf-8"))
    assert upgraded["config_version"] == 2
    assert upgraded["territories"][1]["allocations"] == [{"etp": 0.2}]
    # Read again: already v2, nothing rewritten, the backup stays the v1 file.
    before = path.read_bytes()
    load_config(path)
    assert path.read_bytes() == before and backup.read_bytes() == raw


def test_unwritable_v1_file_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citeslab_tui import config
    from citeslab_tui.core.errors import StorageError

    def refuse(*args: object, **kwargs: object) -> None:
        raise StorageError("lecture seule")

    monkeypatch.setattr(config, "atomic_write", refuse)
    path = tmp_path / "config.json"
    path.write_text(json.dumps(_v1()), encoding="utf-8")
    assert load_config(path).territory("AA").etp == 0.8
    assert json.loads(path.read_text(encoding="utf-8"))["config_version"] == 1


def _with_allocations(ccg: list[dict[str, Any]]) -> dict[str, Any]:
    data = _default()
    data["territories"][1]["allocations"] = ccg
    return data


@pytest.mark.parametrize(
    ("allocations", "message"),
    [
        ([{"etp": 0.3}], "la somme des ETP (1.1) dépasse 1 ETP"),
        (
            [{"etp": 0.2, "from": "2022-01-01"}, {"etp": 0.1, "from": "2022-06-01"}],
            "la somme des ETP le 01/06/2022 (1.1) dépasse 1 ETP",
        ),
        ([{"etp": 0.2, "from": "2022-05-01", "to": "2022-04-01"}], "la fin précède le début"),
        ([{"etp": 0.2, "from": "2022-02-30"}], "« 2022-02-30 » n'est pas une date"),
        ([{"etp": 0.2, "convention": "nope"}], "convention « nope » inconnue"),
    ],
)
def test_allocation_problems(allocations: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ConfigError, match="Configuration refusée") as info:
        config_from_dict(_with_allocations(allocations))
    assert message in str(info.value)


def test_allocation_dates_come_from_its_convention() -> None:
    cfg = config_from_dict(_with_allocations([{"etp": 0.2, "convention": "ccg-med"}]))
    assert cfg.territory("CCG").allocations[0][1:3] == (date(2021, 9, 1), date(2023, 5, 9))


def test_successive_allocations_may_sum_to_one_each_day() -> None:
    ok = [{"etp": 0.2, "to": "2022-05-31"}, {"etp": 0.2, "from": "2022-06-01"}]
    assert config_from_dict(_with_allocations(ok)).territory("CCG").etp == 0.2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "absence", "pillar": "animation"}, "un type « absence » n'a pas de pilier"),
        ({"kind": "pillar"}, "obligatoire pour un type de pilier"),
    ],
)
def test_action_type_kind_problems(change: dict[str, str], message: str) -> None:
    data = _default()
    data["action_types"].append({"key": "x", "label": "X", **change})
    with pytest.raises(ConfigError) as info:
        config_from_dict(data)
    assert message in str(info.value)


def test_funders_are_optional_and_default_to_bpifrance_and_the_territories() -> None:
    data = _default()
    assert config_from_dict(data).funder_names() == (
        "Bpifrance",
        "Annemasse Agglo",
        "Communauté de Communes du Genevois",
    )
    data.pop("funders")  # a file written before the field stays valid
    data["territories"][0]["name"] = "Agglo renommée"
    assert config_from_dict(data).funder_names() == (
        "Bpifrance",
        "Agglo renommée",
        "Communauté de Communes du Genevois",
    )
    data["funders"] = ["Bpifrance", "Région Auvergne-Rhône-Alpes"]
    assert config_from_dict(data).funder_names() == ("Bpifrance", "Région Auvergne-Rhône-Alpes")


@pytest.mark.parametrize(
    ("funders", "message"),
    [([], "funders"), (["Bpifrance", "Bpifrance"], "funders"), ([""], "funders[0]")],
)
def test_funders_problems(funders: list[str], message: str) -> None:
    data = _default()
    data["funders"] = funders
    with pytest.raises(ConfigError, match="Configuration refusée") as info:
        config_from_dict(data)
    assert message in str(info.value)


# ------------------------------------------------- comités and presence quartier

DATA = Path(__file__).parent / "data"


def _file(name: str) -> dict[str, Any]:
    """A configuration as shipped by an earlier version (git history): version 1
    (04e399e), and version 2 before the comités and the presence quartier (48e5fbf)."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _livrables(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {lv["key"]: lv for lv in data["conventions"][0]["livrables"]}


@pytest.mark.parametrize("name", ["config-v1-shipped.json", "config-v2-before-comites.json"])
def test_an_old_shipped_file_gains_the_livrables_of_a_new_user(name: str) -> None:
    """What a user who upgrades sees is what a new user sees: the COPIL livrable,
    the cadences of the comités, the presence quartier — in the same order."""
    old = _file(name)
    new = migrate(old)
    assert "governance" not in _livrables(old)["comites_techniques"]  # not mutated
    fresh = config_from_dict(_default()).conventions[0].livrables
    upgraded = config_from_dict(new).conventions[0].livrables
    # part_qpv's stage: the shipped file says `accueilli`, the old one nothing (the same).
    assert [lv._replace(metric=lv.metric._replace(step=None)) for lv in upgraded] == [
        lv._replace(metric=lv.metric._replace(step=None)) for lv in fresh
    ]
    assert migrate(new) is new  # completed once


def test_completion_keeps_what_the_user_set() -> None:
    old = _file("config-v1-shipped.json")
    conv = old["conventions"][0]
    livrables = _livrables(old)
    livrables["comites_techniques"] |= {
        "label": "COTECH",
        "targets": {"2022": 2, "2023": 4},
        "cadence_months": 6,
    }
    livrables["presence_qpv"]["territory"] = "AA"  # Saint-Georges is not an AA quartier
    conv["territory"] = "CCG"
    new = _livrables(migrate(old))
    cotech = new["comites_techniques"]
    assert (cotech["label"], cotech["targets"], cotech["cadence_months"]) == (
        "COTECH",
        {"2022": 2, "2023": 4},
        6,
    )
    assert cotech["governance"] is True and "cahier des charges" in cotech["cadence"]
    # COPIL: once a year for the years the comités techniques have a target.
    assert new["comites_pilotage"]["targets"] == {"2022": 1, "2023": 1}
    assert new["comites_pilotage"]["governance"] is True
    assert "qpvs" not in new["presence_qpv"]["metric"]  # any AA quartier, as before
    config_from_dict(migrate(old))  # valid


def test_a_user_s_own_copil_is_not_doubled_nor_a_removed_one_restored() -> None:
    old = _file("config-v1-shipped.json")
    old["conventions"][0]["livrables"].append(
        {
            "key": "copil",
            "label": "COPIL",
            "territory": "CCG",
            "metric": {"kind": "count_entries", "types": ["comite_pilotage"]},
        }
    )
    new = migrate(old)
    keys = list(_livrables(new))
    assert "comites_pilotage" not in keys and keys.count("copil") == 1
    # A current file whose COPIL the user removed: nothing comes back.
    current = _default()
    current["conventions"][0]["livrables"] = [
        lv for lv in current["conventions"][0]["livrables"] if lv["key"] != "comites_pilotage"
    ]
    assert migrate(current) is current
    # Comités techniques without a yearly target: no COPIL target to derive.
    old = _file("config-v1-shipped.json")
    cotech = _livrables(old)["comites_techniques"]
    cotech["targets_stated"] = cotech.pop("targets")
    assert "comites_pilotage" not in _livrables(migrate(old))
    config_from_dict(old)  # valid
    # Nor when the user set the comités techniques apart from governance.
    old = _file("config-v2-before-comites.json")
    _livrables(old)["comites_techniques"]["governance"] = False
    assert migrate(old) is old


def test_a_v2_file_from_before_the_comites_is_rewritten_once_with_a_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.json"
    raw = (DATA / "config-v2-before-comites.json").read_bytes()
    path.write_bytes(raw)
    cfg = load_config(path)
    assert "comites_pilotage" in {lv.key for lv in cfg.conventions[0].livrables}
    assert (tmp_path / "config.json.v2.bak").read_bytes() == raw
    upgraded = json.loads(path.read_text(encoding="utf-8"))
    assert upgraded["config_version"] == 2
    assert _livrables(upgraded)["presence_qpv"]["metric"]["qpvs"] == ["QN07405M"]
    before = path.read_bytes()
    load_config(path)
    assert path.read_bytes() == before


def test_a_malformed_old_file_is_left_to_the_schema() -> None:
    old = _file("config-v1-shipped.json")
    old["conventions"][0]["livrables"][2]["targets"] = 3
    old["territories"][0]["qpvs"] = 7
    new = migrate(old)
    assert new["config_version"] == 2
    with pytest.raises(ConfigError, match="Configuration refusée"):
        config_from_dict(old)
