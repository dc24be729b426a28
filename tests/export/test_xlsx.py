"""The XLSX feuille de temps, read back with openpyxl: sheets, header,
totals, shares, ETP, days off marked, signature blocks."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render
from tests.export.conftest import make_entry

openpyxl = pytest.importorskip("openpyxl")


def entries() -> list[Entry]:
    return [
        make_entry("2022-03-01", 90, "terrain"),  # AA prospection 1,5 h
        make_entry("2022-03-01", 150, "atelier", territory="CCG"),  # CCG animation 2,5 h
        make_entry("2022-03-02", 20, "suivi", territory="CCG"),  # CCG referent
        make_entry("2022-03-05", 45, "salon"),  # Saturday, AA prospection
        make_entry("2022-04-18", 60, "evenement", territory="CCG"),  # lundi de Pâques
        make_entry("2022-04-04", 7, "entretien"),  # AA préparation
    ]


@pytest.fixture
def book(config: Config, calendar: WorkingCalendar) -> Any:
    cfg = config._replace(
        person="Camille Martin", manager="Dominique Durand", manager_title="Directeur de la MED"
    )
    request = ExportRequest(
        "timesheet", Period(date(2022, 3, 1), date(2022, 4, 30)), date(2022, 5, 2), format="xlsx"
    )
    (file,) = render(request, entries=entries(), porteurs=[], config=cfg, calendar=calendar)
    assert file.name == "feuille-de-temps_2022-03-01_2022-04-30.xlsx"
    return openpyxl.load_workbook(io.BytesIO(file.data), data_only=True)


def texts(ws: Any) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find(ws: Any, value: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for c in row:
            if c.value == value:
                return c.row, c.column
    raise AssertionError(f"{value!r} not in {ws.title}")


def test_sheets_summary_then_one_per_month(book: Any) -> None:
    assert book.sheetnames == ["Récapitulatif", "Mars 2022", "Avril 2022"]


def test_header_and_signature_blocks(book: Any) -> None:
    for ws in book.worksheets:
        t = texts(ws)
        assert "Camille Martin" in t
        assert "Maison de l'Economie Développement (MED)" in t
        assert any(s.startswith("Convention CCG ⇄ MED") for s in t)
        assert any(s.startswith("du ") and "/2022 au " in s for s in t)
        assert "Le/la salarié(e)" in t and "Le/la responsable hiérarchique" in t
        assert "Nom : Camille Martin" in t and "Nom : Dominique Durand" in t
        assert t.count("Signature :") == 2
        # job titles under the names; a missing one is a line to fill by hand
        assert "Fonction : Directeur de la MED" in t and "Fonction : " in t
        name_row, name_col = find(ws, "Nom : Dominique Durand")
        assert ws.cell(name_row + 1, name_col).value == "Fonction : Directeur de la MED"
        name_row, name_col = find(ws, "Nom : Camille Martin")
        assert ws.cell(name_row + 1, name_col).value == "Fonction : "


def row_labelled(ws: Any, label: str) -> int:
    """The row whose first cell is `label`."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return int(row[0].row)
    raise AssertionError(f"no row labelled {label!r} in {ws.title}")


def month_totals(ws: Any) -> dict[str, float]:
    """Totals row of a month sheet, keyed by the header of the column."""
    head_row, _ = find(ws, "Date")
    total_row, _ = find(ws, "Total (h)")
    out = {}
    for col in range(3, ws.max_column + 1):
        title = ws.cell(head_row + 1, col).value or ws.cell(head_row, col).value
        value = ws.cell(total_row, col).value
        if title and isinstance(value, (int, float)):
            out[title] = value
    return out


def test_march_totals_read_back(book: Any) -> None:
    ws = book["Mars 2022"]
    totals = month_totals(ws)
    assert totals["Total AA (h)"] == pytest.approx((90 + 45) / 60)
    assert totals["Total CCG (h)"] == pytest.approx((150 + 20) / 60)
    assert totals["Total travail jour (h)"] == pytest.approx(305 / 60)
    # Days as rows: 23 working days of March + the Saturday with time.
    head_row, _ = find(ws, "Date")
    total_row, _ = find(ws, "Total (h)")
    days = [ws.cell(r, 1).value for r in range(head_row + 2, total_row)]
    assert len(days) == 24 and all(isinstance(d, datetime) for d in days)
    saturday = days.index(datetime(2022, 3, 5)) + head_row + 2
    remark_col = find(ws, "Remarque")[1]
    assert ws.cell(saturday, remark_col).value == "samedi"
    # Each day's total equals the sum of its cells.
    day_col = find(ws, "Total travail jour (h)")[1]
    assert sum(ws.cell(r, day_col).value for r in range(head_row + 2, total_row)) == (
        pytest.approx(305 / 60)
    )


def test_absences_apart_and_training_as_work(config: Config, calendar: WorkingCalendar) -> None:
    """Issue 11: training is work (its own column in each territory, in the
    totals and the ETP); absences have their own columns after the day's
    working total and count in no territory."""
    logged = [
        *entries(),
        make_entry("2022-03-08", 420, "conge"),
        make_entry("2022-03-09", 420, "formation"),
    ]
    request = ExportRequest("timesheet", Period.month(2022, 3), date(2022, 5, 2), format="xlsx")
    (file,) = render(request, entries=logged, porteurs=[], config=config, calendar=calendar)
    wb = openpyxl.load_workbook(io.BytesIO(file.data), data_only=True)
    totals = month_totals(wb["Mars 2022"])
    assert totals["Congé (h)"] == pytest.approx(7.0)
    ws = wb["Mars 2022"]
    head, _ = find(ws, "Date")
    total_row, _ = find(ws, "Total (h)")
    training = [
        c
        for c in range(1, ws.max_column + 1)
        if ws.cell(head + 1, c).value == "Formation / réseau CitésLab (h)"
    ]
    assert [ws.cell(total_row, c).value for c in training] == [7.0, 0]  # AA, CCG
    assert totals["Total AA (h)"] == pytest.approx((90 + 45 + 420) / 60)
    assert totals["Total travail jour (h)"] == pytest.approx((305 + 420) / 60)
    assert "Absences (hors temps de travail)" in texts(ws)
    summary = wb["Récapitulatif"]
    row, _ = find(summary, "Total de la période")
    assert summary.cell(row, find(summary, "Absences (h)")[1]).value == pytest.approx(7.0)
    assert summary.cell(row, find(summary, "Total travail (h)")[1]).value == pytest.approx(
        (305 + 420) / 60
    )


def test_holiday_with_time_is_marked(book: Any) -> None:
    ws = book["Avril 2022"]
    row, _ = find(ws, "jour férié")
    assert ws.cell(row, 1).value == datetime(2022, 4, 18)
    assert month_totals(ws)["Total CCG (h)"] == pytest.approx(1.0)


def test_share_and_etp_under_each_territory(book: Any, calendar: WorkingCalendar) -> None:
    ws = book["Mars 2022"]
    share_row = row_labelled(ws, "Part du temps")
    etp_row = row_labelled(ws, "ETP")
    _, ccg_total_col = find(ws, "Total CCG (h)")
    assert ws.cell(share_row, ccg_total_col).value == pytest.approx(170 / 305)
    full_time = 1607 * 60 * 23 / 253  # March 2022: 23 of 253 working days
    assert ws.cell(etp_row, ccg_total_col).value == pytest.approx(170 / full_time)


def test_summary_sheet_totals(book: Any) -> None:
    ws = book["Récapitulatif"]
    row, _ = find(ws, "Total de la période")
    _, total_col = find(ws, "Total travail (h)")
    _, aa_col = find(ws, "AA (h)")
    _, wd_col = find(ws, "Jours ouvrés")
    assert ws.cell(row, total_col).value == pytest.approx(372 / 60)
    assert ws.cell(row, aa_col).value == pytest.approx((90 + 45 + 7) / 60)
    assert ws.cell(row, wd_col).value == 23 + 20  # April 2022: 20 working days
    months = [ws.cell(r, 1).value for r in range(row - 2, row)]
    assert months == ["Mars 2022", "Avril 2022"]


def test_formulas_are_kept_for_the_reader(config: Config, calendar: WorkingCalendar) -> None:
    request = ExportRequest(
        "timesheet", Period.month(2022, 3), date(2022, 5, 2), format="xlsx", territory="CCG"
    )
    (file,) = render(request, entries=entries(), porteurs=[], config=config, calendar=calendar)
    assert file.name == "feuille-de-temps_2022-03_CCG.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(file.data))  # formulas, not values
    ws = wb["Mars 2022"]
    row, _ = find(ws, "Total (h)")
    formulas = [c.value for c in ws[row] if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas and all(f.startswith("=SUM(") for f in formulas)
    assert "AA – Annemasse Agglo" not in texts(ws)  # only the CCG's columns


# --------------------------------------------------------------------------- typed tables


def test_entries_xlsx_has_typed_cells(config: Config, calendar: WorkingCalendar) -> None:
    from datetime import timedelta

    log = [
        make_entry(
            "2022-03-01",
            150,
            "atelier",
            territory="CCG",
            start="09:30",
            end="12:00",
            persons=12,
            note="0612345678",
            partner="=1+1",
        ),
        make_entry(
            "2022-03-02", 60, "suivi", start="23:00", end="24:00", note="1/2", occurrence=False
        ),
    ]
    request = ExportRequest("entries", Period.month(2022, 3), date(2022, 5, 2), format="xlsx")
    (file,) = render(request, entries=log, porteurs=[], config=config, calendar=calendar)
    assert file.name == "journal_2022-03.xlsx" and file.rows == 2
    wb = openpyxl.load_workbook(io.BytesIO(file.data))
    ws = wb["Journal"]
    head_row, _ = find(ws, "Identifiant")
    header = [c.value for c in ws[head_row]]
    first = {h: c for h, c in zip(header, ws[head_row + 1], strict=True)}
    assert first["Date"].value == datetime(2022, 3, 1)
    # Times of day, shown hh:mm ([hh]:mm, so that the end of the day shows 24:00).
    assert first["Début"].value == timedelta(hours=9, minutes=30)
    assert first["Fin"].value == timedelta(hours=12)
    assert first["Heures"].value == pytest.approx(2.5) and first["Heures"].data_type == "n"
    assert first["Personnes"].value == 12
    assert first["Note"].value == "0612345678" and first["Note"].data_type == "s"
    assert first["Partenaire"].value == "=1+1" and first["Partenaire"].data_type == "s"
    assert first["Partenaire"].quotePrefix
    second = {h: c for h, c in zip(header, ws[head_row + 2], strict=True)}
    assert second["Fin"].value == timedelta(days=1)
    assert (first["Occurrence"].value, second["Occurrence"].value) == ("oui", "non")
    assert ws.auto_filter.ref and ws.freeze_panes == f"A{head_row + 1}"
    assert ws.print_title_rows == f"${head_row}:${head_row}"


def test_porteurs_xlsx_has_dates_and_no_rqth(config: Config, calendar: WorkingCalendar) -> None:
    from citeslab_tui.core.model import PathStep, Porteur

    porteur = Porteur(
        uuid="1" * 32,
        id="P-2022-001",
        territory="CCG",
        name="Zoé",
        contact="0612345678",
        notes="secret",
        rqth=True,
        rqth_consent_date=date(2022, 1, 1),
        steps=(PathStep("accueilli", date(2022, 3, 1)),),
        created_at="2022-03-01T00:00:00",
        updated_at="2022-03-01T00:00:00",
    )
    for with_names in (False, True):
        request = ExportRequest(
            "porteurs", Period.year(2022), date(2022, 12, 31), format="xlsx", with_names=with_names
        )
        (file,) = render(request, entries=[], porteurs=[porteur], config=config, calendar=calendar)
        assert file.name.endswith(".xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(file.data))["Porteurs"]
        head_row, _ = find(ws, "Identifiant")
        header = [c.value for c in ws[head_row]]
        row = {h: c.value for h, c in zip(header, ws[head_row + 1], strict=True)}
        assert row["Accueilli le"] == datetime(2022, 3, 1)
        assert row["Résident QPV"] == "non"
        assert ("Contact" in row) == with_names
        if with_names:
            assert row["Contact"] == "0612345678"
        every = " ".join(str(v) for v in texts(ws)).lower()
        assert "rqth" not in every and "secret" not in every
