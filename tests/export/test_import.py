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
from citeslab_tui.export import ExportRequest, ImportRejected, import_entries, render
from citeslab_tui.export.importer import parse_entries
from tests.export.conftest import make_entry

NOW = datetime(2022, 9, 1, 12, 0, 0)
YEAR = Period.year(2022)


def history() -> list[Entry]:
    """A small history with everything an entry can hold, awkward notes included."""
    return [
        make_entry("2022-03-01", 150, "permanence", territory="CCG", start="09:30", end="12:00",
                   qpv="QN07405M", persons=4, note="2 RDV pris"),
        make_entry("2022-03-01", 1, "suivi", start="13:00", end="13:01",
                   note='note ; avec "guillemets"\net retour'),
        make_entry("2022-03-02", 7, "atelier", territory="CCG", persons=12, partner="ADIE",
                   note="=HYPERLINK(\"http://x\")"),
        make_entry("2022-03-05", 1440, "evenement", "referent", start="00:00", end="24:00"),
        make_entry("2022-04-11", 89, "orientation", partner="+33 6 00 00 00 00", note="-2"),
        make_entry("2022-12-31", 61, "reporting", territory="CCG", note="@SUM(A1)"),
    ]  # fmt: skip


def export_entries(entries: list[Entry], config: Config, calendar: WorkingCalendar,
                   dialect: str) -> bytes:  # fmt: skip
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
    assert result.rows == 6 and result.skipped == 0
    assert same_entries(source, result.entries)
    assert {e.created_at for e in result.entries} == {"2022-09-01T12:00:00"}


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_export_import_into_an_empty_store_gives_the_same_report(
    config: Config, calendar: WorkingCalendar, store, tmp_path: Path, dialect: str
) -> None:
    source = history()
    path = tmp_path / "journal.csv"
    path.write_bytes(export_entries(source, config, calendar, dialect))
    result = import_entries(path, config, {e.id for e in store.entries()},
                            known_porteurs={p.id for p in store.porteurs()})  # fmt: skip
    store.add_entries(result.entries)
    assert same_entries(source, store.entries())
    before = report_to_json(report(source, [], config, YEAR, date(2022, 12, 31), calendar))
    after = report_to_json(report(store.entries(), [], config, YEAR, date(2022, 12, 31), calendar))
    assert after == before
    # The same file again adds nothing.
    again = import_entries(path, config, {e.id for e in store.entries()})
    assert again.entries == () and again.skipped == 6


def test_bad_rows_are_all_reported_with_their_line_numbers(
    config: Config, calendar: WorkingCalendar
) -> None:
    lines = export_entries(history(), config, calendar, "excel-fr").decode("utf-8-sig")
    rows = lines.split("\r\n")
    # rows[0] header (line 1); rows[1] (line 2); rows[2] spans lines 3-4 (a note
    # with a newline); rows[3] line 5; rows[4] line 6; rows[5] line 7; rows[6] line 8.
    rows[1] = rows[1].replace(";permanence;", ";permanense;")
    rows[3] = rows[3].replace("2022-03-02", "2022-02-31")
    rows[5] = rows[5].replace(';"1,48";', ';"0,01";')
    rows[6] = rows[6].replace(";CCG;", ";XYZ;").replace(";61;", ";61;")
    data = ("\ufeff" + "\r\n".join(rows)).encode()
    with pytest.raises(ImportRejected) as caught:
        parse_entries(data, config, set(), source="journal.csv")
    problems = dict(caught.value.problems)
    assert set(problems) == {2, 5, 7, 8}
    assert "permanense" in problems[2] and "inconnu" in problems[2]
    assert "2022-02-31" in problems[5]
    assert "0,01" in problems[7] and "minutes" in problems[7]
    assert "XYZ" in problems[8]
    message = str(caught.value)
    assert message.startswith("Import refusé (journal.csv) : 4 ligne(s) en erreur")
    assert "rien n'a été importé" in message
    assert "ligne 5 : date « 2022-02-31 » invalide" in message


def test_a_rejected_import_writes_nothing(
    config: Config, calendar: WorkingCalendar, store, tmp_path: Path
) -> None:
    good = export_entries(history(), config, calendar, "rfc4180").decode()
    bad = good + "ffffffffffffffffffffffffffffffff,2022-05-01,,,2.00,nimporte,,,AA,,0,,,\r\n"
    path = tmp_path / "j.csv"
    path.write_text(bad, encoding="utf-8")
    before = store.path.read_bytes() if store.path.exists() else None
    with pytest.raises(ImportRejected) as caught:
        import_entries(path, config, set())
    assert caught.value.problems == [(9, "type d'action « nimporte » inconnu")]
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
    ],
)
def test_each_kind_of_bad_cell_is_named(config: Config, cells: dict[str, str], reason: str) -> None:
    row = {"id": "", "date": "2022-03-01", "start": "", "end": "", "hours": "1.00",
           "type": "entretien", "pillar": "", "territory": "AA", "qpv": "", "persons": "0",
           "porteurs": "", "partner": "", "note": ""} | cells  # fmt: skip
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


CONVERTIBLE = ["0612345678", "74100", "1/2", "1e5", "10%", "1,5", "12345678901234567890",
               "12 mai", "VRAI", "2022-03-09", "09:30", "0612345678\u2060", " =1", "＝1",
               "\u202eabc", "'0612"]  # fmt: skip


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
