"""The exports opened in LibreOffice Calc (headless), as a French user opens
them: the excel-fr CSV through the import dialog's default options, the XLSX
converted to PDF (what a printer gets). Skipped, with the reason, when
`soffice` is not installed (see libreoffice.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render
from citeslab_tui.export.csvfmt import TEXT_MARK
from tests.export.conftest import make_entry
from tests.export.libreoffice import (
    DEFAULT_CSV_IMPORT,
    Cell,
    LibreOffice,
    needs_soffice,
    read_fods,
)

pytestmark = needs_soffice

TEXTS = [
    "0612345678",
    "1/2",
    "1e5",
    "10%",
    "74100",
    "=1+1 réunion",
    "virgule, dedans",
    "point-virgule ; dedans",
    'guillemets "doubles"',
    "deux\nlignes",
    "12 mai",
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    yield LibreOffice(tmp_path_factory.mktemp("libreoffice"))


def open_csv(office: LibreOffice, folder: Path, data: bytes, name: str) -> list[list[Cell]]:
    path = folder / name
    path.write_bytes(data)
    (rows,) = read_fods(office.convert(path, "fods", DEFAULT_CSV_IMPORT)).values()
    return rows


def shown(cell: Cell) -> str:
    """What the cell shows, without the invisible mark."""
    return cell.text.replace(TEXT_MARK, "")


def no_formula(rows: list[list[Cell]]) -> None:
    formulas = [c.formula for row in rows for c in row if c.formula]
    assert formulas == []


def test_entries_csv_opens_with_numbers_dates_and_text_in_place(
    office: LibreOffice, tmp_path: Path, config: Config, calendar: WorkingCalendar
) -> None:
    entries = [
        make_entry(
            "2022-03-01",
            60 + 15 * i,
            "atelier",
            territory="CCG",
            start="09:30",
            end=None,
            persons=i,
            partner=text,
            note=text,
        )
        for i, text in enumerate(TEXTS)
    ]
    request = ExportRequest("entries", Period.month(2022, 3), date(2022, 12, 31))
    (file,) = render(request, entries=entries, porteurs=[], config=config, calendar=calendar)
    rows = open_csv(office, tmp_path, file.data, "journal.csv")
    header, body = rows[0], rows[1:]
    assert [c.text for c in header][:5] == ["Identifiant", "Date", "Début", "Fin", "Heures"]
    assert len(header) == 15 and len(body) == len(entries)
    no_formula(rows)
    col = {c.text: i for i, c in enumerate(header)}
    by_note = {}
    for row in body:
        assert len(row) <= 15  # nothing split into more cells
        assert row[col["Date"]].type == "date" and row[col["Date"]].value == "2022-03-01"
        assert row[col["Heures"]].type == "float"
        assert row[col["Personnes"]].type == "float"
        assert (row[col["Occurrence"]].type, row[col["Occurrence"]].text) == ("string", "oui")
        by_note[shown(row[col["Note"]])] = row
    assert set(by_note) == {"'" + t if t.startswith("=") else t for t in TEXTS}
    for i, text in enumerate(TEXTS):
        row = by_note["'" + text if text.startswith("=") else text]
        assert float(row[col["Heures"]].value) == pytest.approx((60 + 15 * i) / 60)
        assert row[col["Note"]].type == "string"
        assert row[col["Partenaire"]].type == "string"
        assert shown(row[col["Partenaire"]]) == shown(row[col["Note"]])
    assert by_note["0612345678"][col["Note"]].text.startswith("0612345678")  # keeps its 0


def test_timesheet_csv_adds_up_in_the_spreadsheet(
    office: LibreOffice, tmp_path: Path, config: Config, calendar: WorkingCalendar
) -> None:
    entries = [
        make_entry(f"2022-03-{d:02d}", 25 + d * 7, "entretien", territory=t)
        for d in range(1, 29)
        for t in ("AA", "CCG")
    ]
    request = ExportRequest("timesheet", Period.month(2022, 3), date(2022, 12, 31))
    (file,) = render(request, entries=entries, porteurs=[], config=config, calendar=calendar)
    rows = open_csv(office, tmp_path, file.data, "feuille.csv")
    header, body = rows[0], rows[1:]
    assert len(header) == 12  # 4 pillars, training, total, 4 absence types
    no_formula(rows)
    at = [c.text for c in header].index("Total (h)")
    for row in body:
        assert len(row) == 12
        assert row[0].type == "date"
        assert all(c.type == "float" for c in row[2:])
    total = sum(float(row[at].value) for row in body)
    assert total == pytest.approx(round(sum(e.minutes for e in entries) / 60, 2), abs=1e-9)


def test_porteurs_csv_keeps_phone_numbers_and_categories_whole(
    office: LibreOffice, tmp_path: Path, config: Config, calendar: WorkingCalendar
) -> None:
    porteurs = [
        Porteur(
            uuid=f"{i:032x}",
            id=f"P-2022-{i:03d}",
            territory="CCG",
            name=f"Personne {i}",
            contact=contact,
            categories=("femme", "moins_26"),
            steps=(PathStep("accueilli", date(2022, 3, i)),),
            created_at="2022-03-01T00:00:00",
            updated_at="2022-03-01T00:00:00",
        )
        for i, contact in enumerate(["0612345678", "+33 6 12 34 56 78", "06 12 34 56 78"], 1)
    ]
    request = ExportRequest("porteurs", Period.year(2022), date(2022, 12, 31), with_names=True)
    (file,) = render(request, entries=[], porteurs=porteurs, config=config, calendar=calendar)
    rows = open_csv(office, tmp_path, file.data, "porteurs.csv")
    header, body = rows[0], rows[1:]
    no_formula(rows)
    col = {c.text: i for i, c in enumerate(header)}
    assert [shown(r[col["Contact"]]) for r in body] == [
        "0612345678",
        "'+33 6 12 34 56 78",
        "06 12 34 56 78",
    ]
    assert all(r[col["Contact"]].type == "string" for r in body)
    assert [r[col["Accueilli le"]].type for r in body] == ["date"] * 3
    assert all("," in r[col["Catégories"]].text for r in body)  # one cell, not two


# --------------------------------------------------------------------------- XLSX


def demo_history(config: Config, calendar: WorkingCalendar) -> tuple[list[Entry], list[Porteur]]:
    from citeslab_tui.core.demo import generate

    return generate(
        config, 1500, end=date(2022, 12, 31), is_working_day=calendar.is_working_day, seed=2022
    )


QUARTER = Period(date(2022, 1, 1), date(2022, 3, 31))


@pytest.fixture(scope="module")
def timesheet_pdf(
    office: LibreOffice, tmp_path_factory: pytest.TempPathFactory, calendar: WorkingCalendar
) -> Path:
    from citeslab_tui.config import default_config_path, load_config

    config = load_config(default_config_path())._replace(
        person="Camille Martin & Cie",
        person_title="Cheffe de projet CitésLab",
        manager="Dominique Durand",
        manager_title="Directeur de la MED (Maison de l'Economie)",
    )
    entries, porteurs = demo_history(config, calendar)
    request = ExportRequest("timesheet", QUARTER, date(2022, 12, 31), format="xlsx")
    (file,) = render(request, entries=entries, porteurs=porteurs, config=config, calendar=calendar)
    path = tmp_path_factory.mktemp("pdf") / file.name
    path.write_bytes(file.data)
    return office.convert(path, "pdf")


def test_timesheet_prints_one_page_per_month_and_one_for_the_recap(timesheet_pdf: Path) -> None:
    from tests.export.libreoffice import pdf_pages

    assert pdf_pages(timesheet_pdf) == 1 + 3


def test_every_printed_page_says_what_who_when_and_which_page(timesheet_pdf: Path) -> None:
    from tests.export.libreoffice import pdf_page_texts

    pages = pdf_page_texts(timesheet_pdf)
    titles = ["récapitulatif", "Janvier 2022", "Février 2022", "Mars 2022"]
    periods = [
        "du 01/01/2022 au 31/03/2022",
        "du 01/01/2022 au 31/01/2022",
        "du 01/02/2022 au 28/02/2022",
        "du 01/03/2022 au 31/03/2022",
    ]
    assert len(pages) == 4
    for number, (page, title, period) in enumerate(zip(pages, titles, periods, strict=True), 1):
        head = page.strip().splitlines()[0]  # the printed header, above the sheet
        assert f"Feuille de temps – {title}" in head
        assert "Camille Martin & Cie" in head and period in head
        assert f"Page {number} / 4" in page
        # The signatures are on the page of their table.
        assert "Signature :" in page and "Le/la responsable hiérarchique" in page
        assert "Nom : Dominique Durand" in page
        assert "Fonction : Directeur de la MED (Maison de l'Economie)" in page
        # No label cut: the longest ones are printed whole.
        assert "Communauté de Communes du Genevois" in page
        assert "Préparation / Orientation" in page


def _drop_cached_values(data: bytes) -> bytes:
    """The workbook with every formula's cached value set to 0, so that only a
    recalculation can give the right totals."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v>0</v>", content)
            target.writestr(item, content)
    return out.getvalue()


def test_recalculated_totals_are_the_report_s(
    office: LibreOffice, tmp_path: Path, config: Config, calendar: WorkingCalendar
) -> None:
    from citeslab_tui.core.indicators import report

    entries, porteurs = demo_history(config, calendar)
    request = ExportRequest("timesheet", QUARTER, date(2022, 12, 31), format="xlsx")
    (file,) = render(request, entries=entries, porteurs=porteurs, config=config, calendar=calendar)
    path = tmp_path / "feuille.xlsx"
    path.write_bytes(_drop_cached_values(file.data))
    sheets = read_fods(office.convert(path, "fods"))
    recap = sheets["Récapitulatif"]
    header = next(r for r in recap if r and r[0].text == "Mois")
    total = next(r for r in recap if r and r[0].text == "Total de la période")
    col = {c.text: i for i, c in enumerate(header)}
    assert total[col["Total travail (h)"]].formula  # a formula LibreOffice computed
    rep = report(entries, porteurs, config, QUARTER, date(2022, 12, 31), calendar)
    assert float(total[col["Total travail (h)"]].value) == pytest.approx(rep.minutes_logged / 60)
    absent = [e for e in entries if e.pillar == "absence" and e.date in QUARTER]
    assert absent  # the demo's leave: apart, not in the working time
    assert float(total[col["Absences (h)"]].value) == pytest.approx(
        sum(e.minutes for e in absent) / 60
    )
    for t in rep.territories:
        assert float(total[col[f"{t.code} (h)"]].value) == pytest.approx(t.minutes_logged / 60)
    # Each month's totals row too.
    for name, month in zip(
        ["Janvier 2022", "Février 2022", "Mars 2022"], QUARTER.months(), strict=True
    ):
        rows = sheets[name]
        totals = next(r for r in rows if r and r[0].text == "Total (h)")
        head = next(i for i, r in enumerate(rows) if r and r[0].text == "Date")
        day_col = next(i for i, c in enumerate(rows[head]) if c.text == "Total travail jour (h)")
        in_month = [
            e for e in entries if month.start <= e.date <= month.end and e.pillar != "absence"
        ]
        assert float(totals[day_col].value) == pytest.approx(sum(e.minutes for e in in_month) / 60)


@pytest.mark.parametrize("kind", ["entries", "porteurs"])
def test_typed_xlsx_tables_open_typed_and_print_one_page_wide(
    office: LibreOffice, tmp_path: Path, config: Config, calendar: WorkingCalendar, kind: str
) -> None:
    from tests.export.libreoffice import pdf_page_texts

    entries, porteurs = demo_history(config, calendar)
    request = ExportRequest(kind, Period.month(2022, 3), date(2022, 12, 31), format="xlsx")
    (file,) = render(request, entries=entries, porteurs=porteurs, config=config, calendar=calendar)
    path = tmp_path / file.name
    path.write_bytes(file.data)
    (rows,) = read_fods(office.convert(path, "fods")).values()
    head = next(i for i, r in enumerate(rows) if r and r[0].text == "Identifiant")
    header = [c.text for c in rows[head]]
    body = [r for r in rows[head + 1 :] if r]
    assert len(body) == file.rows
    no_formula(rows)
    date_col = header.index("Date" if kind == "entries" else "Accueilli le")
    assert {r[date_col].type for r in body} == {"date"}
    if kind == "entries":
        assert {r[header.index("Heures")].type for r in body} == {"float"}
        assert {r[header.index("Début")].type for r in body if r[2].text} == {"time"}
    pages = pdf_page_texts(office.convert(path, "pdf"))
    # One page wide: every page holds the last column's header (print titles).
    last = header[-1]
    assert all(last in page for page in pages), [len(p) for p in pages]
