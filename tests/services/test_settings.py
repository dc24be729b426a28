"""Saving the configuration (atomic, backed up, validated first) and the
commands that change it: `citeslab config set`, `citeslab convention new`."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from citeslab_tui.config import (
    config_backup_dir,
    default_config_path,
    load_config,
    read_config_data,
    save_config,
    user_config_path,
)
from citeslab_tui.core.errors import ConfigError
from citeslab_tui.services.settings import new_convention, parse_value, set_value
from tests.fixture_types import Run


def test_save_writes_a_private_file_and_backs_up_the_previous_one() -> None:
    target = user_config_path()
    data = read_config_data(default_config_path())
    save_config(data)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not config_backup_dir(target).exists()  # nothing before: nothing to keep
    first = target.read_bytes()
    save_config({**data, "person": "Camille Martin"})
    (backup,) = config_backup_dir(target).iterdir()
    assert backup.read_bytes() == first
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert load_config(target).person == "Camille Martin"
    assert not list(target.parent.glob(".*.tmp"))


def test_a_refused_configuration_writes_nothing() -> None:
    target = user_config_path()
    data = read_config_data(default_config_path())
    save_config(data)
    before = target.read_bytes()
    bad = set_value(data, "territories.CCG.allocations.0.etp", 1.4)
    with pytest.raises(
        ConfigError, match=r"territories\[1\]\.allocations\[0\]\.etp: 1.4 n'est pas entre 0 et 1"
    ):
        save_config(bad)
    assert target.read_bytes() == before
    assert not config_backup_dir(target).exists()


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("territories.CCG.etp", ("territories", 1, "etp")),
        ("territories[1].etp", ("territories", 1, "etp")),
        ("territories.1.etp", ("territories", 1, "etp")),
        ("conventions.ccg-med.end", ("conventions", 0, "end")),
        ("person", ("person",)),
    ],
)
def test_dotted_keys(key: str, path: tuple[str | int, ...]) -> None:
    data = read_config_data(default_config_path())
    changed = set_value(data, key, "X")
    node: Any = changed
    for part in path:
        node = node[part]
    assert node == "X"
    assert data != changed  # the original is untouched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.3", 0.3),
        ("0,3", 0.3),
        ("12", 12),
        ("true", True),
        ("Camille", "Camille"),
        ('"0.3"', "0.3"),
        ('["a"]', ["a"]),
    ],
)
def test_values_read_as_json_or_text(text: str, value: object) -> None:
    assert parse_value(text) == value


def test_unknown_key_is_refused() -> None:
    data = read_config_data(default_config_path())
    with pytest.raises(ConfigError, match="aucun élément « ZZ »"):
        set_value(data, "territories.ZZ.etp", 1)


def test_new_convention_copies_targets_and_prorates_money() -> None:
    data = read_config_data(default_config_path())
    out, key = new_convention(data, "ccg-med", date(2024, 1, 1), date(2026, 6, 30))
    assert key == "ccg-med-2024-2026"
    cfg = save_config(out)
    conv = next(c for c in cfg.conventions if c.key == key)
    assert (conv.start, conv.end) == (date(2024, 1, 1), date(2026, 6, 30))
    assert conv.money[2024].cost == 15280 and conv.money[2025].subsidy == 3900
    assert conv.money[2026].cost == round(15280 * 181 / 365)  # 1 Jan → 30 Jun 2026
    ateliers = next(lv for lv in conv.livrables if lv.key == "ateliers")
    assert ateliers.targets == {2024: 6, 2025: 6, 2026: 6}
    qpv = next(lv for lv in conv.livrables if lv.key == "part_qpv")
    assert qpv.targets[2026] == 0.35  # the latest target of the source
    # The CCG's 0.2 ETP is allocated again over the new convention's dates.
    ccg = cfg.territory("CCG")
    assert ccg.etp_on(date(2023, 12, 31)) == 0 and ccg.etp_on(date(2024, 1, 1)) == 0.2
    assert ccg.etp_on(date(2026, 6, 30)) == 0.2 and ccg.etp_on(date(2026, 7, 1)) == 0


def test_cli_config_set_and_refusal(run: Run) -> None:
    target = user_config_path()
    out = run("config", "set", "person", "Camille Martin").output
    assert "Enregistré" in out
    assert json.loads(target.read_text())["person"] == "Camille Martin"
    before = target.read_bytes()
    result = run("config", "set", "territories.CCG.allocations.0.etp", "1.4", code=1)
    assert "territories[1].allocations[0].etp: 1.4 n'est pas entre 0 et 1" in result.stderr
    assert target.read_bytes() == before


def test_cli_convention_new(run: Run) -> None:
    out = run(
        "convention", "new", "--from", "ccg-med", "--start", "2024-01-01", "--end", "31/12/2025"
    ).output
    assert "ccg-med-2024-2025" in out and "du 01/01/2024 au 31/12/2025" in out
    keys = [c.key for c in load_config(user_config_path()).conventions]
    assert keys == ["ccg-med", "ccg-med-2024-2025"]
    err = run(
        "convention",
        "new",
        "--from",
        "nope",
        "--start",
        "2024-01-01",
        "--end",
        "2024-12-31",
        code=1,
    ).stderr
    assert "convention « nope » inconnue" in err


def test_cli_reads_the_saved_file(run: Run, tmp_path: Path) -> None:
    run("config", "set", "name", "CitésLab Test")
    assert "CitésLab Test" in run("config", "show").output


def test_timesheet_export_warns_before_writing(run: Run, tmp_path: Path) -> None:
    err = run("export", "timesheet", "--year", "2024", "-o", str(tmp_path / "a.csv")).stderr
    assert "Attention : le nom de la personne (salarié·e) n'est pas renseigné" in err
    assert "Attention : le nom du ou de la responsable n'est pas renseigné" in err
    assert "aucune convention ne couvre la période du 01/01/2024 au 31/12/2024" in err
    run("config", "set", "person", "Camille Martin")
    run("config", "set", "manager", "Dominique Roux")
    err = run(
        "export", "timesheet", "--year", "2023", "--territory", "CCG", "-o", str(tmp_path / "b.csv")
    ).stderr
    assert err.strip() == (
        "Attention : les conventions ne couvrent que du 01/01/2023 au 09/05/2023 de cette "
        "période (citeslab config set, ou F6 dans l'application)."
    )
    assert (
        run("export", "timesheet", "--month", "2022-03", "-o", str(tmp_path / "c.csv")).stderr == ""
    )


def test_a_version_1_file_is_upgraded_through_save_config_with_backups() -> None:
    """The v1 → v2 upgrade (issue 11's migration) is written by save_config:
    atomic, 0600, the old bytes kept beside it and in the backups folder."""
    data = read_config_data(default_config_path())
    v1 = {**data, "config_version": 1, "person": "Camille Martin"}
    for t in v1["territories"]:
        t["etp"] = t.pop("allocations")[0]["etp"]
    v1["action_types"] = [t for t in v1["action_types"] if t.get("kind", "pillar") == "pillar"]
    target = user_config_path()
    target.parent.mkdir(parents=True)
    old = json.dumps(v1).encode()
    target.write_bytes(old)
    cfg = load_config(target)
    assert cfg.person == "Camille Martin"
    upgraded = json.loads(target.read_text())
    assert upgraded["config_version"] == 2
    assert upgraded["territories"][1]["allocations"] == [{"etp": 0.2}]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.with_name("config.json.v1.bak").read_bytes() == old
    (kept,) = config_backup_dir(target).iterdir()
    assert kept.read_bytes() == old
    again = target.read_bytes()
    load_config(target)  # already version 2: nothing rewritten
    assert target.read_bytes() == again
    assert len(list(config_backup_dir(target).iterdir())) == 1
