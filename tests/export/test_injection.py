"""Formula injection: text that a spreadsheet would run (`=HYPERLINK(...)`,
`+1`, `-2`, `@SUM`, a leading tab or CR) comes out neutralised in every text
column of every export — from the user's notes as from the configuration."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeslab_tui.config import config_from_dict, default_config_path
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, PathStep, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, neutralise, render, unneutralise
from citeslab_tui.export.csvfmt import FORMULA_STARTS
from tests.export.conftest import make_entry

PAYLOADS = ['=HYPERLINK("http://evil.example","clic")', "+1", "-2", "@SUM(A1:A9)",
            "\tcmd", "\rcmd"]  # fmt: skip
STARTS = tuple(FORMULA_STARTS)


@pytest.fixture(scope="module")
def evil_config() -> Config:
    """The default configuration with a payload in every free label."""
    data = json.loads(default_config_path().read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["person"] = PAYLOADS[3]
    data["structure"] = PAYLOADS[0]
    data["manager"] = PAYLOADS[2]
    data["name"] = PAYLOADS[1]
    data["pillars"][2]["label"] = PAYLOADS[2]
    data["action_types"][7]["label"] = PAYLOADS[0]  # atelier
    data["territories"][1]["name"] = PAYLOADS[1]
    data["partners"][0]["label"] = PAYLOADS[3]  # adie
    conv = data["conventions"][0]
    conv["label"] = PAYLOADS[4]
    conv["livrables"][0]["label"] = PAYLOADS[5]
    return config_from_dict(data)


def evil_entries() -> list:
    return [
        make_entry("2022-03-01", 60, "atelier", territory="CCG", note=p, partner=p)
        for p in PAYLOADS
    ] + [make_entry("2022-03-05", 30, "suivi", note="  =espace devant n'est pas une formule")]


def evil_porteurs() -> list[Porteur]:
    return [
        Porteur(
            uuid=f"{i:032x}",
            id=f"P-2022-{i:03d}",
            territory="CCG",
            name=p,
            contact=p,
            notes=p,
            rqth=True,
            rqth_consent_date=date(2022, 1, 1),
            steps=(
                PathStep("accueilli", date(2022, 3, 1)),
                PathStep("oriente", date(2022, 3, 2), partner=p),
            ),
            created_at="2022-03-01T00:00:00",
            updated_at="2022-03-01T00:00:00",
        )
        for i, p in enumerate(PAYLOADS, start=1)
    ]


def csv_cells(data: bytes) -> list[list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return list(csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=";"))
    return list(csv.reader(io.StringIO(data.decode(), newline=""), delimiter=","))


CASES = [
    ("timesheet", {}),
    ("entries", {}),
    ("indicators", {}),
    ("porteurs", {}),
    ("porteurs", {"with_names": True}),
]


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
@pytest.mark.parametrize(("kind", "options"), CASES)
def test_no_cell_of_any_csv_export_starts_like_a_formula(
    evil_config: Config, calendar: WorkingCalendar, kind: str, options: dict, dialect: str
) -> None:
    request = ExportRequest(kind, Period.year(2022), date(2022, 12, 31), dialect=dialect,
                            **options)  # fmt: skip
    (file,) = render(request, entries=evil_entries(), porteurs=evil_porteurs(),
                     config=evil_config, calendar=calendar)  # fmt: skip
    rows = csv_cells(file.data)
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(STARTS), (kind, cell)
    # The payloads are there, neutralised, not dropped (where the export carries them).
    flat = {cell for row in rows for cell in row}
    if kind in ("entries", "porteurs") or kind == "indicators":
        present = {unneutralise(c) for c in flat if c.startswith("'")}
        assert present, "no neutralised payload found"
    if kind == "entries":
        assert {"'" + p for p in PAYLOADS} <= flat
        assert "  =espace devant n'est pas une formule" in flat
    if kind == "porteurs" and options.get("with_names"):
        assert "'" + PAYLOADS[0] in flat


def test_porteurs_never_carry_rqth_or_notes(evil_config: Config, calendar: WorkingCalendar) -> None:
    for with_names in (False, True):
        for dialect in ("excel-fr", "rfc4180"):
            request = ExportRequest("porteurs", Period.year(2022), date(2022, 12, 31),
                                    dialect=dialect, with_names=with_names)  # fmt: skip
            (file,) = render(request, entries=[], porteurs=evil_porteurs(), config=evil_config,
                             calendar=calendar)  # fmt: skip
            text = file.data.decode("utf-8-sig").lower()
            assert "rqth" not in text and "handicap" not in text
            header = csv_cells(file.data)[0]
            assert not any("note" in h.lower() for h in header)
            assert any(h.lower() in ("nom", "name") for h in header) == with_names


def test_xlsx_timesheet_has_no_formula_but_its_own_sums(
    evil_config: Config, calendar: WorkingCalendar
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    request = ExportRequest("timesheet", Period(date(2022, 3, 1), date(2022, 4, 30)),
                            date(2022, 12, 31), format="xlsx")  # fmt: skip
    (file,) = render(request, entries=evil_entries(), porteurs=[], config=evil_config,
                     calendar=calendar)  # fmt: skip
    wb = openpyxl.load_workbook(io.BytesIO(file.data))
    ours = re.compile(r"^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+(\+[A-Z]+\d+)*)$")
    seen_payload = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert ours.match(str(cell.value)), cell.value
                elif isinstance(cell.value, str):
                    assert not cell.value.startswith(STARTS), (ws.title, cell.value)
                    seen_payload |= cell.value.startswith("'")
    assert seen_payload


@given(st.text(max_size=30))
def test_neutralise_is_undone_exactly(text: str) -> None:
    out = neutralise(text)
    assert not out.startswith(STARTS)
    assert unneutralise(out) == text
    if text and not text.startswith((*STARTS, "'")):
        assert out == text  # ordinary text is left alone


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_gets_one_apostrophe(payload: str) -> None:
    assert neutralise(payload) == "'" + payload
