"""Formula injection: text that a spreadsheet would run (`=HYPERLINK(...)`,
`+1`, `-2`, `@SUM`, a leading tab, CR or LF, whitespace before a sign, the
full-width `＝`, a bidi control) comes out neutralised in every text column of
every export — from the user's notes as from the configuration. And the one
rule (`neutralise`) is undone exactly by the import, over all of Unicode's
control and format characters."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import sys
import unicodedata
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeslab_tui.config import config_from_dict, default_config_path
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, neutralise, render, unneutralise
from citeslab_tui.export.csvfmt import (
    FORMULA_SIGNS,
    TEXT_MARK,
    convertible,
    starts_dangerously,
)
from tests.export.conftest import make_entry

PAYLOADS = [
    '=HYPERLINK("http://evil.example","clic")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\tcmd",
    "\rcmd",
    "\ncmd",
    " =1+1",
    "\u3000@x",
    "＝1+1",
    "＋1",
    "－1",
    "＠x",
    "\u202egpj.exe",
    "\u200b=1",
    "\u2212 2",
]


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


def evil_entries() -> list[Entry]:
    return [
        make_entry("2022-03-01", 60, "atelier", territory="CCG", note=p, partner=p)
        for p in PAYLOADS
    ] + [make_entry("2022-03-05", 30, "suivi", note="  espace devant, pas de signe")]


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
    evil_config: Config, calendar: WorkingCalendar, kind: str, options: dict[str, Any], dialect: str
) -> None:
    request = ExportRequest(kind, Period.year(2022), date(2022, 12, 31), dialect=dialect, **options)
    (file,) = render(
        request,
        entries=evil_entries(),
        porteurs=evil_porteurs(),
        config=evil_config,
        calendar=calendar,
    )
    rows = csv_cells(file.data)
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not starts_dangerously(cell), (kind, cell)
    # The payloads are there, neutralised, not dropped (where the export carries them).
    flat = {cell for row in rows for cell in row}
    if kind in ("entries", "porteurs") or kind == "indicators":
        present = {unneutralise(c) for c in flat if c.startswith("'")}
        assert present, "no neutralised payload found"
    if kind == "entries":
        assert {"'" + p for p in PAYLOADS} <= flat
        assert "  espace devant, pas de signe" in flat
    if kind == "porteurs" and options.get("with_names"):
        assert "'" + PAYLOADS[0] in flat


def test_porteurs_never_carry_rqth_or_notes(evil_config: Config, calendar: WorkingCalendar) -> None:
    for with_names in (False, True):
        for dialect in ("excel-fr", "rfc4180"):
            request = ExportRequest(
                "porteurs",
                Period.year(2022),
                date(2022, 12, 31),
                dialect=dialect,
                with_names=with_names,
            )
            (file,) = render(
                request, entries=[], porteurs=evil_porteurs(), config=evil_config, calendar=calendar
            )
            text = file.data.decode("utf-8-sig").lower()
            assert "rqth" not in text and "handicap" not in text
            header = csv_cells(file.data)[0]
            assert not any("note" in h.lower() for h in header)
            assert any(h.lower() in ("nom", "name") for h in header) == with_names


def test_xlsx_timesheet_has_no_formula_but_its_own_sums(  # and no visible apostrophe
    evil_config: Config, calendar: WorkingCalendar
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    request = ExportRequest(
        "timesheet", Period(date(2022, 3, 1), date(2022, 4, 30)), date(2022, 12, 31), format="xlsx"
    )
    (file,) = render(
        request, entries=evil_entries(), porteurs=[], config=evil_config, calendar=calendar
    )
    wb = openpyxl.load_workbook(io.BytesIO(file.data))
    ours = re.compile(r"^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+(\+[A-Z]+\d+)*)$")
    seen_payload = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert ours.match(str(cell.value)), cell.value
                elif isinstance(cell.value, str) and starts_dangerously(cell.value):
                    # Text as typed, protected by the cell's hidden quote prefix.
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.value)
                    seen_payload |= cell.value in PAYLOADS
    assert seen_payload


def test_formula_signs_are_every_nfkc_form_of_the_four_signs() -> None:
    derived = {
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if unicodedata.normalize("NFKC", c) in ("=", "+", "-", "@")
    }
    assert derived | {"\u2212"} == FORMULA_SIGNS


CONTROLS_AND_FORMATS = [
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf")
]
WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
DANGER = st.sampled_from(sorted(FORMULA_SIGNS) + CONTROLS_AND_FORMATS)
# Texts built to hit every branch: signs, controls and format characters,
# whitespace, apostrophes, word joiners, digits and separators, anywhere.
PIECES = st.one_of(
    DANGER,
    st.sampled_from(WHITESPACE),
    st.sampled_from(["'", TEXT_MARK, "0612345678", "1/2", "1e5", "10%", "1,5", " mai ", "vrai"]),
    st.text(max_size=5),
)
TEXTS = st.lists(PIECES, max_size=6).map("".join)


@given(st.one_of(TEXTS, st.text(max_size=30)))
def test_neutralise_is_undone_exactly(text: str) -> None:
    out = neutralise(text)
    assert not starts_dangerously(out)
    assert not convertible(out)
    assert unneutralise(out) == text


@given(DANGER, st.text(max_size=10))
def test_every_control_format_or_sign_start_gets_an_apostrophe(first: str, rest: str) -> None:
    text = first + rest
    assert neutralise(text) == "'" + text


@given(st.sampled_from(WHITESPACE), DANGER, st.text(max_size=10))
def test_whitespace_before_a_dangerous_start_gets_an_apostrophe(
    space: str, first: str, rest: str
) -> None:
    text = space * 2 + first + rest
    assert neutralise(text) == "'" + text


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"]), max_size=30))
def test_ordinary_text_is_left_alone(text: str) -> None:
    if not starts_dangerously(text.lstrip("'")) and not convertible(text):
        assert neutralise(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "0612345678",
        "74100",
        "1/2",
        "1e5",
        "10%",
        "10 %",
        "1,5",
        "1.5",
        "12345678901234567890",
        "12 mai",
        "mai 2022",
        "2022-03-09",
        "09:30",
        "(5)",
        "5 €",
        "VRAI",
        "false",
    ],
)
def test_text_a_spreadsheet_would_convert_gets_the_invisible_mark(text: str) -> None:
    assert neutralise(text) == text + TEXT_MARK
    assert unneutralise(text + TEXT_MARK) == text


@pytest.mark.parametrize(
    "text", ["P-2022-001", "QN07405M", "AA", "Réunion du 12 mai", "1er rendez-vous", "rue 12"]
)
def test_words_with_figures_are_left_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_gets_one_apostrophe(payload: str) -> None:
    assert neutralise(payload) == "'" + payload
