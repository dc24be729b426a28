"""`import entries`: either dialect, every bad row reported with its line
number and nothing written, existing ids skipped, export → import gives the
same entries and the same report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.indicators import report, report_to_json
from citeslab_tui.core.model import Config, Entry
from citeslab_tui.core.period import Period
from citeslab_tui.export import ExportRequest, render
from citeslab_tui.export.importer import ImportRejected, import_entries, parse_entries
from citeslab_tui.store import Store
from tests.export.conftest import make_entry

NOW = datetime(2022, 9, 1, 12, 0, 0)
YEAR = Period.year(2022)


def history() -> list[Entry]:
    """A small history with everything an entry can hold, awkward notes included."""
    return [
        make_entry(
            "2022-03-01",
            150,
            "permanence",
            territory="CCG",
            start="09:30",
            end="12:00",
            qpv="QN07405M",
            persons=4,
            note="2 RDV pris",
        ),
        make_entry(
            "2022-03-01",
            1,
            "suivi",
            start="13:00",
            end="13:01",
            note='note ; avec "guillemets"\net retour',
        ),
        make_entry(
            "2022-03-02",
            7,
            "atelier",
            territory="CCG",
            persons=12,
            partner="ADIE",
            note='=HYPERLINK("http://x")',
        ),
        make_entry(
            "2022-03-04",
            120,
            "atelier",
            territory="CCG",
            persons=3,
            occurrence=False,
            note="préparation support",
        ),
        make_entry("2022-03-05", 1440, "evenement", "referent", start="00:00", end="24:00"),
        make_entry("2022-04-11", 89, "orientation", partner="+33 6 00 00 00 00", note="-2"),
        make_entry("2022-12-31", 61, "reporting", territory="CCG", note="@SUM(A1)"),
    ]


def export_entries(
    entries: list[Entry], config: Config, calendar: WorkingCalendar, dialect: str
) -> bytes:
    request = ExportRequest("entries", YEAR, date(2023, 1, 2), dialect=dialect)
    (file,) = render(request, entries=entries, porteurs=[], config=config, calendar=calendar)
    return file.data


def same(a: Entry, b: Entry) -> bool:
    return a.with_changes(created_at="", updated_at="") == b.with_changes(
        created_at="", updated_at=""
    )


def same_entries(a: list[Entry] | tuple[Entry, ...], b: list[Entry] | tuple[Entry, ...]) -> bool:
    """Same entries, whatever the order (exports sort by date and time)."""
    left, right = {e.id: e for e in a}, {e.id: e for e in b}
    return (
        len(a) == len(b)
        and left.keys() == right.keys()
        and all(same(left[k], right[k]) for k in left)
    )


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_export_then_parse_gives_the_same_entries(
    config: Config, calendar: WorkingCalendar, dialect: str
) -> None:
    source = history()
    data = export_entries(source, config, calendar, dialect)
    result = parse_entries(data, config, set(), now=lambda: NOW)
    assert result.dialect == dialect
    assert result.rows == 7 and result.skipped == 0
    assert same_entries(source, result.entries)
    assert {e.created_at for e in result.entries} == {"2022-09-01T12:00:00"}


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_export_import_into_an_empty_store_gives_the_same_report(
    config: Config, calendar: WorkingCalendar, store: Store, tmp_path: Path, dialect: str
) -> None:
    source = history()
    path = tmp_path / "journal.csv"
    path.write_bytes(export_entries(source, config, calendar, dialect))
    result = import_entries(
        path,
        config,
        {e.id for e in store.entries()},
        known_porteurs={p.id for p in store.porteurs()},
    )
    store.add_entries(result.entries)
    assert same_entries(source, store.entries())
    before = report_to_json(report(source, [], config, YEAR, date(2022, 12, 31), calendar))
    after = report_to_json(report(store.entries(), [], config, YEAR, date(2022, 12, 31), calendar))
    assert after == before
    # The preparation entry stayed time around the atelier: one atelier held.
    ateliers = next(lv for lv in after["livrables"] if lv["key"] == "ateliers")
    assert ateliers["actual"] == 1
    # The same file again adds nothing.
    again = import_entries(path, config, {e.id for e in store.entries()})
    assert again.entries == () and again.skipped == 7


def test_bad_rows_are_all_reported_with_their_line_numbers(
    config: Config, calendar: WorkingCalendar
) -> None:
    lines = export_entries(history(), config, calendar, "excel-fr").decode("utf-8-sig")
    rows = lines.split("\r\n")
    # rows[0] header (line 1); rows[1] (line 2); rows[2] spans lines 3-4 (a note
    # with a newline); rows[3] line 5; rows[4] line 6; rows[5] line 7; rows[6] line 8;
    # rows[7] line 9.
    rows[1] = rows[1].replace(";permanence;", ";permanense;")
    rows[3] = rows[3].replace("2022-03-02", "2022-02-31")
    rows[4] = rows[4].replace(";non;", ";peut-être;")
    rows[6] = rows[6].replace(';"1,48";', ';"0,01";')
    rows[7] = rows[7].replace(";CCG;", ";XYZ;").replace(";61;", ";61;")
    data = ("\ufeff" + "\r\n".join(rows)).encode()
    with pytest.raises(ImportRejected) as caught:
        parse_entries(data, config, set(), source="journal.csv")
    problems = dict(caught.value.problems)
    assert set(problems) == {2, 5, 6, 8, 9}
    assert "permanense" in problems[2] and "inconnu" in problems[2]
    assert "2022-02-31" in problems[5]
    assert problems[6] == "occurrence « peut-être » : oui ou non attendu"
    assert "0,01" in problems[8] and "minutes" in problems[8]
    assert "XYZ" in problems[9]
    message = str(caught.value)
    assert message.startswith("Import refusé (journal.csv) : 5 ligne(s) en erreur")
    assert "rien n'a été importé" in message
    assert "ligne 5 : date « 2022-02-31 » invalide" in message


def test_a_rejected_import_writes_nothing(
    config: Config, calendar: WorkingCalendar, store: Store, tmp_path: Path
) -> None:
    good = export_entries(history(), config, calendar, "rfc4180").decode()
    bad = good + "ffffffffffffffffffffffffffffffff,2022-05-01,,,2.00,nimporte,,,,AA,,0,,,\r\n"
    path = tmp_path / "j.csv"
    path.write_text(bad, encoding="utf-8")
    before = store.path.read_bytes() if store.path.exists() else None
    with pytest.raises(ImportRejected) as caught:
        import_entries(path, config, set())
    assert caught.value.problems == [(10, "type d'action « nimporte » inconnu")]
    assert store.entries() == []
    assert (store.path.read_bytes() if store.path.exists() else None) == before


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"hours": "abc"}, "heures « abc » illisibles"),
        ({"hours": "0"}, "une entrée dure de 1 minute à 24 h"),
        ({"hours": "24,02"}, "une entrée dure de 1 minute à 24 h"),
        ({"hours": "1,01"}, "pas un nombre entier de minutes"),
        ({"hours": ""}, "heures manquantes"),
        ({"date": ""}, "date manquante"),
        ({"date": "2022-13-01"}, "date « 2022-13-01 » invalide"),
        ({"start": "25:00"}, "heure de début « 25:00 » invalide"),
        ({"start": "12:00", "end": "11:00"}, "l'heure de fin doit suivre l'heure de début"),
        ({"type": ""}, "type d'action manquant"),
        ({"pillar": "autre"}, "pilier « autre » inconnu"),
        ({"qpv": "QN99999Z"}, "QPV « QN99999Z » inconnu"),
        ({"persons": "-1"}, "un nombre entier entre 0 et 100000"),
        ({"persons": "2,5"}, "un nombre entier entre 0 et 100000"),
        ({"porteurs": "P-22-1"}, "mal formé"),
        ({"id": "pas-un-id"}, "identifiant « pas-un-id » invalide"),
        ({"occurrence": "peut-être"}, "occurrence « peut-être » : oui ou non attendu"),
    ],
)
def test_each_kind_of_bad_cell_is_named(config: Config, cells: dict[str, str], reason: str) -> None:
    row = {
        "id": "",
        "date": "2022-03-01",
        "start": "",
        "end": "",
        "hours": "1.00",
        "type": "entretien",
        "pillar": "",
        "territory": "AA",
        "qpv": "",
        "persons": "0",
        "porteurs": "",
        "partner": "",
        "note": "",
        "occurrence": "",
    } | cells
    data = (";".join(row) + "\r\n" + ";".join(row.values()) + "\r\n").encode()
    with pytest.raises(ImportRejected) as caught:
        parse_entries(data, config, set())
    ((line, text),) = caught.value.problems
    assert line == 2 and reason in text


def test_a_hand_made_log_is_accepted(config: Config) -> None:
    """No id (new ones are made), times only (minutes from them), pillar and
    territory by default, hours as H:MM, Windows-1252 from a French spreadsheet."""
    text = (
        "Date;Début;Fin;Heures;Type;Territoire;Note\r\n"
        "01/03/2022;09:30;12:00;;permanence;CCG;Saint-Georges\r\n"
        "02/03/2022;;;1:30;entretien;;café\r\n"
        "\r\n"
    )
    result = parse_entries(text.encode("cp1252"), config, set())
    first, second = result.entries
    assert (first.minutes, first.pillar, first.territory) == (150, "prospection", "CCG")
    assert (second.minutes, second.territory, second.note) == (90, "AA", "café")
    assert len(first.id) == 32 and first.id != second.id
    # No Occurrence column: each entry is the occurrence, as typed without `prépa`.
    assert first.occurrence and second.occurrence


@pytest.mark.parametrize(
    ("cell", "occurrence"),
    [
        ("oui", True),
        ("NON", False),
        ("Vrai", True),
        ("FAUX", False),
        ("true", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("", True),
        (" non ", False),
    ],
)
def test_the_occurrence_cell_reads_yes_no_as_a_spreadsheet_may_rewrite_it(
    config: Config, cell: str, occurrence: bool
) -> None:
    text = f"Date;Heures;Type;Territoire;Occurrence\r\n2022-03-02;2,00;atelier;CCG;{cell}\r\n"
    (entry,) = parse_entries(text.encode(), config, set()).entries
    assert entry.occurrence is occurrence


def test_unknown_porteurs_are_refused_when_the_caller_knows_them(config: Config) -> None:
    text = "date,hours,type,porteurs\r\n2022-03-01,1.00,entretien,P-2022-001 P-2022-002\r\n"
    with pytest.raises(ImportRejected) as caught:
        parse_entries(text.encode(), config, set(), known_porteurs={"P-2022-001"})
    assert caught.value.unknown_porteurs == ("P-2022-002",)
    assert "--create-porteurs" in str(caught.value)
    ok = parse_entries(text.encode(), config, set(), known_porteurs=None)
    assert ok.entries[0].porteurs == ("P-2022-001", "P-2022-002")


def test_duplicate_ids_in_the_file_are_refused(config: Config) -> None:
    row = "aa" * 16 + ",2022-03-01,1.00,entretien\r\n"
    data = ("id,date,hours,type\r\n" + row + row).encode()
    with pytest.raises(ImportRejected) as caught:
        parse_entries(data, config, set())
    assert caught.value.problems == [(3, f"identifiant {'aa' * 16} déjà présent ligne 2")]


def test_file_level_problems(config: Config, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="fichier vide"):
        parse_entries(b"", config, set())
    with pytest.raises(ImportRejected, match="colonne « couleur » inconnue"):
        parse_entries(b"date,hours,type,couleur\r\n", config, set())
    with pytest.raises(ImportRejected, match="obligatoire"):
        parse_entries(b"date;type\r\n", config, set())
    with pytest.raises(CitesLabError, match="introuvable"):
        import_entries(tmp_path / "absent.csv", config, set())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_import_or_fail_in_french(config: Config, data: bytes) -> None:
    try:
        parse_entries(b"date;heures;type;note\r\n" + data, config, set())
        parse_entries(data, config, set())
    except CitesLabError as exc:
        assert str(exc)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 1440), st.text(max_size=40), st.text(max_size=20)),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from(["excel-fr", "rfc4180"]),
)
def test_any_note_and_duration_round_trip(
    config: Config, calendar: WorkingCalendar, rows: list[tuple[int, str, str]], dialect: str
) -> None:
    entries = [
        make_entry("2022-06-01", minutes, "entretien", note=note, partner=partner or None)
        for minutes, note, partner in rows
    ]
    result = parse_entries(export_entries(entries, config, calendar, dialect), config, set())
    assert same_entries(entries, result.entries)


CONVERTIBLE = [
    "0612345678",
    "74100",
    "1/2",
    "1e5",
    "10%",
    "1,5",
    "12345678901234567890",
    "12 mai",
    "VRAI",
    "2022-03-09",
    "09:30",
    "0612345678\u2060",
    " =1",
    "＝1",
    "\u202eabc",
    "'0612",
]


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_text_a_spreadsheet_would_convert_comes_back_exactly(
    config: Config, calendar: WorkingCalendar, tmp_path: Path, dialect: str
) -> None:
    """Phone numbers, postcodes, fractions… are written so that a spreadsheet
    keeps them as text (an invisible WORD JOINER after them), and `citeslab
    import` gives back exactly what was typed."""
    entries = [
        make_entry("2022-06-01", 30 + i, "entretien", note=text, partner=text)
        for i, text in enumerate(CONVERTIBLE)
    ]
    data = export_entries(entries, config, calendar, dialect)
    assert "0612345678\u2060".encode() in data  # the mark is in the file
    path = tmp_path / "journal.csv"
    path.write_bytes(data)
    result = import_entries(path, config, set())
    assert same_entries(entries, result.entries)


COUNTED = ["atelier", "comite_technique", "comite_pilotage", "evenement", "permanence"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(COUNTED),
            st.dates(date(2022, 1, 3), date(2022, 1, 30)),
            st.sampled_from(["AA", "CCG"]),
            st.integers(30, 480),
            st.integers(0, 20),
            st.booleans(),
        ),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["excel-fr", "rfc4180"]),
)
def test_export_import_keeps_occurrences_and_livrable_counts(
    config: Config,
    calendar: WorkingCalendar,
    rows: list[tuple[str, date, str, int, int, bool]],
    dialect: str,
) -> None:
    """Whatever mix of occurrences and time around them: the import gives back
    the same flags, hence the same livrables held (never preparation turned
    into ateliers)."""
    entries = [
        make_entry(
            day,
            minutes,
            kind,
            territory=territory,
            persons=persons,
            occurrence=held,
            qpv="QN07405M" if territory == "CCG" else None,
        )
        for kind, day, territory, minutes, persons, held in rows
    ]
    result = parse_entries(export_entries(entries, config, calendar, dialect), config, set())
    assert same_entries(entries, result.entries)
    as_of = date(2022, 12, 31)

    def counts(log: list[Entry] | tuple[Entry, ...]) -> dict[str, object]:
        figures = report_to_json(report(log, [], config, YEAR, as_of, calendar))
        return {lv["key"]: lv["actual"] for lv in figures["livrables"]}

    assert counts(result.entries) == counts(entries)
