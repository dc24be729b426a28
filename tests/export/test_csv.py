"""CSV exports: exact bytes of both dialects, hours exact to the minute,
round trips through the csv module, quoting of awkward notes."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render
from citeslab_tui.export.csvfmt import EXCEL_FR, RFC4180, format_hundredths, hundredths
from tests.export.conftest import make_entry

# 13/07/2022 Wed · 14/07 Thu (Fête nationale) · 15/07 Fri · 16/07 Sat · 17/07 Sun
JULY = Period(date(2022, 7, 13), date(2022, 7, 17))


def july_entries() -> list[Entry]:
    return [
        make_entry("2022-07-13", 90, "terrain", start="09:00", end="10:30"),
        make_entry("2022-07-13", 150, "atelier", territory="CCG", start="09:30", end="12:00"),
        make_entry("2022-07-14", 120, "evenement", territory="CCG"),
        make_entry("2022-07-16", 10, "suivi"),
    ]


def render_one(
    kind: str,
    entries: list[Entry],
    config: Config,
    calendar: WorkingCalendar,
    period: Period = JULY,
    **options: object,
) -> bytes:
    request = ExportRequest(kind, period, date(2022, 7, 18), **options)  # type: ignore[arg-type]
    (file,) = render(request, entries=entries, porteurs=[], config=config, calendar=calendar)
    return file.data


def parse(data: bytes, dialect: str) -> list[list[str]]:
    if dialect == "excel-fr":
        assert data.startswith(b"\xef\xbb\xbf")
        text, delimiter = data[3:].decode("utf-8"), ";"
    else:
        assert not data.startswith(b"\xef\xbb\xbf")
        text, delimiter = data.decode("utf-8"), ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_excel_fr_timesheet_golden_bytes(config: Config, calendar: WorkingCalendar) -> None:
    data = render_one("timesheet", july_entries(), config, calendar)
    zeros = ';"0,00"' * 4  # the absence columns: none here
    expected = (
        "\ufeffDate;Territoire;Prospection (h);Préparation/Orientation (h);Animation (h);"
        "Référent de parcours (h);Formation / réseau CitésLab (h);Total (h);Congé (h);RTT (h);"
        "Arrêt maladie (h);Autre absence (h)\r\n"
        f'2022-07-13;AA;"1,50";"0,00";"0,00";"0,00";"0,00";"1,50"{zeros}\r\n'
        f'2022-07-13;CCG;"0,00";"0,00";"2,50";"0,00";"0,00";"2,50"{zeros}\r\n'
        # a holiday with time on the CCG
        f'2022-07-14;AA;"0,00";"0,00";"0,00";"0,00";"0,00";"0,00"{zeros}\r\n'
        f'2022-07-14;CCG;"0,00";"0,00";"2,00";"0,00";"0,00";"2,00"{zeros}\r\n'
        # a working day with nothing logged
        f'2022-07-15;AA;"0,00";"0,00";"0,00";"0,00";"0,00";"0,00"{zeros}\r\n'
        f'2022-07-15;CCG;"0,00";"0,00";"0,00";"0,00";"0,00";"0,00"{zeros}\r\n'
        # a Saturday with 10 minutes
        f'2022-07-16;AA;"0,00";"0,00";"0,00";"0,17";"0,00";"0,17"{zeros}\r\n'
        f'2022-07-16;CCG;"0,00";"0,00";"0,00";"0,00";"0,00";"0,00"{zeros}\r\n'
    ).encode()
    assert data == expected  # Sunday 17/07: nothing logged, not a working day: absent


def test_rfc4180_timesheet_golden_bytes(config: Config, calendar: WorkingCalendar) -> None:
    data = render_one(
        "timesheet", july_entries(), config, calendar, dialect="rfc4180", territory="CCG"
    )
    assert data == (
        b"date,territory,prospection_h,preparation_orientation_h,animation_h,referent_h,"
        b"formation_h,total_h,conge_h,rtt_h,maladie_h,absence_autre_h\r\n"
        b"2022-07-13,CCG,0.00,0.00,2.50,0.00,0.00,2.50,0.00,0.00,0.00,0.00\r\n"
        b"2022-07-14,CCG,0.00,0.00,2.00,0.00,0.00,2.00,0.00,0.00,0.00,0.00\r\n"
        b"2022-07-15,CCG,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00\r\n"
    )


def test_excel_fr_entries_golden_bytes(config: Config, calendar: WorkingCalendar) -> None:
    e = make_entry(
        "2022-07-13",
        150,
        "atelier",
        territory="CCG",
        start="09:30",
        end="12:00",
        id="ab" * 16,
        qpv="QN07405M",
        persons=12,
        porteurs=("P-2022-014", "P-2022-015"),
        partner="ADIE",
        note='Salle "B"; 2 RDV\n=SOMME(A1)',
    )
    data = render_one("entries", [e], config, calendar)
    assert (
        data
        == (
            "\ufeffIdentifiant;Date;Début;Fin;Heures;Type;Libellé du type;Occurrence;Pilier;"
            "Territoire;QPV;Personnes;Porteurs;Partenaire;Note\r\n"
            f'{"ab" * 16};2022-07-13;09:30;12:00;"2,50";atelier;Atelier de sensibilisation;oui;'
            "animation;CCG;QN07405M;12;P-2022-014 P-2022-015;ADIE;"
            '"Salle ""B""; 2 RDV\n=SOMME(A1)"\r\n'
        ).encode()
    )


def test_rfc4180_entries_header_is_the_issue_s(config: Config, calendar: WorkingCalendar) -> None:
    data = render_one("entries", [], config, calendar, dialect="rfc4180")
    assert data == (
        b"id,date,start,end,hours,type,type_label,occurrence,pillar,territory,qpv,persons,"
        b"porteurs,partner,note\r\n"
    )


def test_every_minute_count_survives_two_decimal_hours() -> None:
    """round(hours × 60) gives the minutes back for every duration of a day."""
    for minutes in range(0, 1441):
        for dialect in (EXCEL_FR, RFC4180):
            text = dialect.hours(minutes)
            value = Decimal(text.replace(",", "."))
            assert value == Decimal(round(minutes / 60, 2)).quantize(Decimal("0.01"))
            assert round(value * 60) == minutes
            assert abs(value * 60 - minutes) <= Decimal("0.2")


def test_hundredths_matches_round() -> None:
    for minutes in range(0, 100_000):
        assert hundredths(minutes) == round(minutes * 100 / 60)
    assert format_hundredths(750) == "7,50"
    assert format_hundredths(5, ".") == "0.05"


def total_index(header: list[str]) -> int:
    """The working-time total: after the pillars and training, before the absences."""
    return header.index("Total (h)" if "Total (h)" in header else "total_h")


def total_column(data: bytes, dialect: str) -> Decimal:
    header, *rows = parse(data, dialect)
    at = total_index(header)
    return sum((Decimal(r[at].replace(",", ".")) for r in rows), Decimal(0))


def test_total_column_adds_up_to_the_report_even_with_odd_minutes(
    config: Config, calendar: WorkingCalendar
) -> None:
    # 100 entries of 1 minute: each 0,0167 h. Rounded one by one they would add
    # up to 2,00 h; the timesheet prints cells that add up to the exact 1,67 h.
    days = [d for d in Period.year(2022).days() if calendar.is_working_day(d)][:100]
    entries = [make_entry(d, 1) for d in days]
    data = render_one(
        "timesheet", entries, config, calendar, period=Period.year(2022), territory="AA"
    )
    assert total_column(data, "excel-fr") == Decimal("1.67")
    at = total_index(parse(data, "excel-fr")[0])
    cells = [r[at] for r in parse(data, "excel-fr")[1:] if r[at] != "0,00"]
    assert len(cells) == 100 and set(cells) <= {"0,01", "0,02"}


odd_entries = st.lists(
    st.builds(
        make_entry,
        st.dates(min_value=date(2022, 1, 1), max_value=date(2022, 3, 31)),
        st.integers(1, 600),
        st.sampled_from(["terrain", "entretien", "atelier", "suivi"]),
        territory=st.sampled_from(["AA", "CCG"]),
    ),
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(odd_entries, st.sampled_from(["excel-fr", "rfc4180"]), st.sampled_from([None, "CCG"]))
def test_timesheet_columns_add_up_exactly(
    config: Config,
    calendar: WorkingCalendar,
    entries: list[Entry],
    dialect: str,
    territory: str | None,
) -> None:
    """Sum of `Total (h)` = the period's hours as the report prints them
    (round(minutes / 60, 2)); each row's total = the sum of its pillar cells;
    each cell within 0,01 h of its exact value."""
    period = Period(date(2022, 1, 1), date(2022, 3, 31))
    data = render_one(
        "timesheet", entries, config, calendar, period=period, dialect=dialect, territory=territory
    )
    minutes = sum(e.minutes for e in entries if territory in (None, e.territory))
    assert total_column(data, dialect) == Decimal(str(round(minutes / 60, 2))).quantize(
        Decimal("0.01")
    )
    exact: dict[tuple[str, str], list[int]] = {}
    keys = ["prospection", "preparation_orientation", "animation", "referent"]
    for e in entries:
        if territory in (None, e.territory):
            day = EXCEL_FR.date(e.date) if dialect == "excel-fr" else e.date.isoformat()
            cell = exact.setdefault((day, e.territory), [0] * 4)
            cell[keys.index(e.pillar)] += e.minutes
    header, *rows = parse(data, dialect)
    at = total_index(header)
    for row in rows:
        values = [Decimal(v.replace(",", ".")) for v in row[2 : at + 1]]
        assert sum(values[:-1]) == values[-1]
        assert all(v in ("0,00", "0.00") for v in row[at + 1 :])  # no absence logged
        values = values[:4] + values[-1:]  # the pillars (no training logged either)
        truth = exact.get((row[0], row[1]), [0] * 4)
        for printed, m in zip(values[:-1], truth, strict=True):
            assert abs(printed - Decimal(m) / 60) < Decimal("0.01")
            assert (printed == 0) == (m == 0)


AWKWARD_NOTES = [
    "simple",
    "point-virgule ; dedans",
    "virgule, dedans",
    "guillemets \"doubles\" et 'simples'",
    "retour\nà la ligne",
    "retour\r\nWindows",
    "  espaces autour  ",
    "",
    "accents éèàç – œ € ⇄",
    "'apostrophe en tête",
    '=HYPERLINK("http://x")',
    "-2",
    "''=1+1",
    "0612345678",
    "1/2",
    "10%",
    "1e5",
    " =1",
    "＝1",
    "\u202eabc",
]


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_entries_round_trip_through_the_csv_module(
    config: Config, calendar: WorkingCalendar, dialect: str
) -> None:
    from citeslab_tui.export.csvfmt import unneutralise

    entries = [
        make_entry(
            "2022-07-13",
            7 + i * 13,
            "atelier",
            territory="CCG",
            note=note,
            partner=note or None,
            persons=i,
        )
        for i, note in enumerate(AWKWARD_NOTES)
    ]
    rows = parse(render_one("entries", entries, config, calendar, dialect=dialect), dialect)
    header, body = rows[0], rows[1:]
    assert len(body) == len(entries)
    col = {name: i for i, name in enumerate(header)}
    hours_col = col["Heures" if dialect == "excel-fr" else "hours"]
    note_col = col["Note" if dialect == "excel-fr" else "note"]
    partner_col = col["Partenaire" if dialect == "excel-fr" else "partner"]
    by_id = {unneutralise(row[0]): row for row in body}  # sorted by date, time, creation
    assert by_id.keys() == {e.id for e in entries}
    for e in entries:
        row = by_id[e.id]
        assert round(Decimal(row[hours_col].replace(",", ".")) * 60) == e.minutes
        assert unneutralise(row[note_col]) == e.note
        assert unneutralise(row[partner_col]) == (e.partner or "")
    total = sum(round(Decimal(r[hours_col].replace(",", ".")) * 60) for r in body)
    assert total == sum(e.minutes for e in entries)
