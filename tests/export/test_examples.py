"""The example exports committed in `exports/exemples/`, made from the fictional
history of `citeslab demo`: they show funders the formats, and serve as golden
files — the exports of that history must give exactly these bytes.

After a deliberate change of format (or of the demo generator), rewrite them
with `CITESLAB_UPDATE_EXAMPLES=1 pytest tests/export/test_examples.py` and
review the diff before committing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.demo import generate
from citeslab_tui.core.model import Config
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "exemples"
AS_OF = date(2022, 12, 31)
MARCH = Period.month(2022, 3)
# (sub-folder, kind, period, options)
PLAN: list[tuple[str, str, Period, dict[str, object]]] = [
    ("excel-fr", "timesheet", MARCH, {"territory": "CCG"}),
    ("excel-fr", "timesheet", MARCH, {}),
    ("excel-fr", "entries", MARCH, {}),
    ("excel-fr", "indicators", Period.year(2022), {}),
    ("excel-fr", "porteurs", Period.year(2022), {}),
    ("rfc4180", "timesheet", MARCH, {}),
    ("rfc4180", "entries", MARCH, {}),
    ("rfc4180", "indicators", Period.year(2022), {}),
    ("rfc4180", "porteurs", Period.year(2022), {}),
    ("xlsx", "timesheet", Period(date(2022, 1, 1), date(2022, 3, 31)), {"format": "xlsx"}),
    ("xlsx", "entries", MARCH, {"format": "xlsx"}),
    ("xlsx", "porteurs", Period.year(2022), {"format": "xlsx"}),
]


def build(config: Config, calendar: WorkingCalendar) -> dict[str, bytes]:
    config = config._replace(
        person="Camille Martin",
        person_title="Cheffe de projet CitésLab",
        manager="Dominique Durand",
        manager_title="Directeur de la MED",
    )
    entries, porteurs = generate(
        config, 1500, end=AS_OF, is_working_day=calendar.is_working_day, seed=2022
    )
    out = {}
    for folder, kind, period, options in PLAN:
        dialect = folder if folder != "xlsx" else "excel-fr"
        request = ExportRequest(kind, period, AS_OF, dialect=dialect, **options)  # type: ignore[arg-type]
        for file in render(
            request, entries=entries, porteurs=porteurs, config=config, calendar=calendar
        ):
            out[f"{folder}/{file.name}"] = file.data
    return out


def test_examples_are_what_the_demo_history_exports(
    config: Config, calendar: WorkingCalendar
) -> None:
    made = build(config, calendar)
    if os.environ.get("CITESLAB_UPDATE_EXAMPLES") == "1":
        for name, data in made.items():
            path = EXAMPLES / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for name, data in made.items():
        path = EXAMPLES / name
        assert path.exists(), f"{name} missing: run with CITESLAB_UPDATE_EXAMPLES=1"
        if name.endswith(".xlsx"):
            continue  # the workbook records its creation time: shown, not compared
        assert path.read_bytes() == data, f"{name} differs from the committed example"


@pytest.mark.parametrize("name", ["excel-fr/feuille-de-temps_2022-03_CCG.csv"])
def test_the_ccg_example_reads_like_the_issue_says(name: str) -> None:
    data = (EXAMPLES / name).read_bytes()
    assert data.startswith(
        "\ufeffDate;Territoire;Prospection (h);Préparation/Orientation (h);Animation (h);"
        "Référent de parcours (h);Formation / réseau CitésLab (h);Total (h);Congé (h);RTT (h);"
        "Arrêt maladie (h);Autre absence (h)\r\n".encode()
    )
    body = data.decode("utf-8-sig").split("\r\n")[1:-1]
    assert len(body) >= 23  # the 23 working days of March 2022, and any day off with time
    assert all(line.count(";") == 11 and line.split(";")[1] == "CCG" for line in body)
    # The person's RTT on Friday 25/03 is on the CCG sheet too, apart from the work.
    assert '2022-03-25;CCG;"0,00";"0,00";"0,00";"0,00";"0,00";"0,00";"0,00";"7,00"' in body[18]
