"""'Counted or not' per action type: read from and written to the livrables'
own `metric.types` (what the indicators count), never a second list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from citeslab_tui.config import config_problems, default_config_path, read_config_data
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.errors import ConfigError
from citeslab_tui.services.settings import (
    add_action_type,
    counted_by,
    counting_livrables,
    remove_action_type,
    set_counted,
)


def example() -> dict[str, Any]:
    from citeslab_tui.config import migrate

    data: dict[str, Any] = migrate(read_config_data(default_config_path()))
    return data


def test_counted_by_reads_the_livrables() -> None:
    data = example()
    keys = [k for k, _ in counting_livrables(data)]
    assert "ateliers" in keys and "personnes_sensibilisees" in keys
    assert set(counted_by(data, "atelier")) == {"ateliers", "personnes_sensibilisees"}
    assert counted_by(data, "terrain") == []


def test_set_counted_changes_every_convention_and_the_indicators_follow() -> None:
    from citeslab_tui.config import config_from_dict
    from citeslab_tui.core.calendar import french_holidays
    from citeslab_tui.core.indicators import report
    from citeslab_tui.core.model import Entry
    from citeslab_tui.core.period import Period

    calendar = WorkingCalendar(french_holidays(range(2022, 2023)), years=range(2022, 2023))
    data = example()
    after = set_counted(data, "terrain", ["ateliers"])
    assert counted_by(after, "terrain") == ["ateliers"]
    assert counted_by(data, "terrain") == []  # a copy
    for conv in after["conventions"]:
        for lv in conv.get("livrables", []):
            if lv["key"] == "ateliers":
                assert lv["metric"]["types"] == ["atelier", "terrain"]
    assert config_problems(after) == []
    # the report counts a terrain entry as an atelier held
    day = date(2022, 3, 1)
    entry = Entry(
        id="0" * 32,
        date=day,
        minutes=60,
        type="terrain",
        pillar="prospection",
        territory="CCG",
        created_at="2022-03-01T10:00:00",
        updated_at="2022-03-01T10:00:00",
    )
    for cfg, held in ((config_from_dict(data), 0), (config_from_dict(after), 1)):
        rep = report([entry], [], cfg, Period.year(2022), date(2022, 12, 31), calendar)
        ateliers = next(lv for lv in rep.livrables if lv.key == "ateliers")
        assert ateliers.actual == held


def test_a_livrable_left_with_no_type_is_refused() -> None:
    with pytest.raises(ConfigError, match="ne compterait plus aucun type"):
        set_counted(example(), "evenement", [])


def test_add_and_remove_a_type() -> None:
    before = len(example()["action_types"])
    data, key = add_action_type(example())
    assert key == f"type_{before + 1}" and data["action_types"][-1]["pillar"] == "prospection"
    assert config_problems(data) == []
    data = set_counted(data, key, ["ateliers"])
    back = remove_action_type(data, key, entries_using=0)
    assert key not in {t["key"] for t in back["action_types"]}
    assert counted_by(back, key) == []
    assert config_problems(back) == []
    with pytest.raises(ConfigError, match="sert à 3 entrée"):
        remove_action_type(data, key, entries_using=3)
    with pytest.raises(ConfigError, match="ne compterait plus aucun type"):
        remove_action_type(data, "evenement", entries_using=0)
