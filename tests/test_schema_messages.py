"""schemas.explain: where a problem is, in terms of the field to fix."""

from __future__ import annotations

import copy
import json
from typing import Any

from citeslab_tui.config import config_problems, default_config_path


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(default_config_path().read_text(encoding="utf-8"))
    return data


def test_a_missing_field_is_placed_at_the_field_itself() -> None:
    data = copy.deepcopy(_example())
    del data["territories"][0]["allocations"][0]["etp"]
    assert ("territories[0].allocations[0].etp", "champ obligatoire « etp » manquant") in (
        config_problems(data)
    )
