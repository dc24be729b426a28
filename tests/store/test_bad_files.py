"""Hand-edited files that the schema's patterns let through, and entry points
fed absurd values: a French message naming the record and the field, never
"Erreur inattendue"."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from citeslab_tui.core.errors import DataFileError
from citeslab_tui.core.model import Config
from citeslab_tui.store import Store, backups
from citeslab_tui.store.check import check_file
from tests.fixture_types import Run

from .helpers import make_entry, make_porteur


def _edit(db_path: Path, old: bytes, new: bytes) -> None:
    data = db_path.read_bytes()
    assert old in data
    db_path.write_bytes(data.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (b'"date":"2022-02-28"', b'"date":"2022-02-30"', "champ date"),
        (
            b'"rqth_consent_date":"2022-03-01"',
            b'"rqth_consent_date":"2022-99-99"',
            "rqth_consent_date",
        ),
        (
            b'"step":"accueilli","date":"2022-02-01"',
            b'"step":"accueilli","date":"2022-13-01"',
            "steps[0].date",
        ),
    ],
    ids=["entry-february-30", "consent-month-99", "step-month-13"],
)
def test_impossible_date_is_named_by_check_refused_by_commands_and_restore_works(
    run: Run,
    db_path: Path,
    config: Config,
    old: bytes,
    new: bytes,
    field: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from citeslab_tui.core.model import PathStep

    store = Store.open(db_path, config)
    store.add_porteur(
        make_porteur(
            rqth=True,
            rqth_consent_date=date(2022, 3, 1),
            steps=(PathStep("accueilli", date(2022, 2, 1)),),
        )
    )
    store.add_entry(make_entry(date(2022, 2, 28)))
    backups.keep_copy(db_path, db_path.read_bytes(), "bonne")
    _edit(db_path, old, new)
    problems, _ = check_file(db_path, config)
    assert len(problems) == 1 and field in problems[0]
    with pytest.raises(DataFileError):
        Store.open(db_path, config).entries()
        Store.open(db_path, config).porteurs()
    reading = (
        ["porteur", "list"]
        if "steps" in field or "rqth" in field
        else ["list", "--from", "2022-01-01", "--to", "2022-12-31"]
    )
    for args in (reading, ["report", "--year", "2022"]):  # commands that read the damaged table
        result = run(*args, code=1)
        assert "Fichier de données refusé" in result.output and "inattendue" not in result.output
    err = run("check", code=1).output
    assert field in err and "inattendue" not in err
    assert "Restauré" in run("restore", "--yes").output
    assert len(Store.open(db_path, config).entries()) == 1


def test_entry_ending_before_it_starts_is_named_by_check(db_path: Path, config: Config) -> None:
    from datetime import time

    Store.open(db_path, config).add_entry(make_entry(start=time(9, 0), end=time(10, 0)))
    _edit(db_path, b'"end":"10:00"', b'"end":"08:00"')
    problems, _ = check_file(db_path, config)
    assert problems and "champ end" in problems[0] and "ne suit pas" in problems[0]


def test_check_reports_a_table_edited_since_its_checksum(db_path: Path, config: Config) -> None:
    Store.open(db_path, config).add_entry(make_entry(note="abc"))
    _edit(db_path, b'"note":"abc"', b'"note":"abd"')  # same length: the index still fits
    problems, _ = check_file(db_path, config)
    assert any("entries/2022-03" in p and "somme de contrôle" in p for p in problems)
    _edit(db_path, b'"note":"abd"', b'"note":"longer"')  # the index no longer fits
    problems, _ = check_file(db_path, config)
    assert any("index du fichier incohérent" in p for p in problems)
    Store.open(db_path, config).add_entry(make_entry())  # a write makes it consistent again
    assert check_file(db_path, config)[0] == []


def test_porteur_ids_are_bounded_and_the_next_id_still_works(run: Run) -> None:
    huge = "P-2024-" + "9" * 5000
    result = run("porteur", "add", "--id", huge, "--territory", "CCG", code=1)
    assert "format incorrect" in result.output and "inattendue" not in result.output
    run("porteur", "add", "--id", "P-2024-999999999", "--territory", "CCG")
    # the next id of that year is one more; beyond nine digits it is refused, not a crash
    result = run("porteur", "add", "--territory", "CCG", "--accueilli", "2024-01-02", code=1)
    assert "inattendue" not in result.output


def test_import_cells_of_5000_digits_are_refused_line_by_line(run: Run, tmp_path: Path) -> None:
    n = "9" * 5000
    csv = tmp_path / "imp.csv"
    csv.write_text(
        "date;heures;type;territoire;personnes;porteurs\n"
        f"2022-03-01;1;atelier;CCG;{n};\n"
        f"2022-03-01;{n};atelier;CCG;1;\n"
        f"2022-03-01;1;atelier;CCG;1;P-2024-{n}\n",
        encoding="utf-8",
    )
    out = run("import", "entries", str(csv), code=1).output
    assert "ligne 2" in out and "ligne 3" in out and "ligne 4" in out
    assert "inattendue" not in out


def test_a_today_at_the_end_of_time_is_refused_in_french(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "9999-12-31")
    result = run("list", "--week", code=1)
    assert "CITESLAB_TODAY" in result.output and "inattendue" not in result.output


def test_meta_of_the_wrong_type_is_refused(db_path: Path, config: Config) -> None:
    Store.open(db_path, config).add_entry(make_entry())
    whole = orjson.loads(db_path.read_bytes())
    whole["_meta"]["1"]["writes"] = "3"
    del whole["_index"]
    db_path.write_bytes(orjson.dumps(whole))
    problems, _ = check_file(db_path, config)
    assert problems and "_meta" in problems[0]


def test_check_names_duplicated_ids_and_references_the_configuration_lacks(
    db_path: Path, config: Config
) -> None:
    from datetime import date

    from citeslab_tui.core.model import PathStep

    twice = "ab" * 16
    entries = [
        make_entry(date(2022, 3, 1), id=twice),
        make_entry(date(2022, 4, 1), id=twice),  # same id in another month's table
        make_entry(date(2022, 5, 2), territory="ZZ", porteurs=("P-2022-099",)),
    ]
    porteurs = [
        make_porteur("P-2022-001", steps=(PathStep("accueilli", date(2022, 3, 1)),)),
        make_porteur("P-2022-001", steps=(PathStep("accueilli", date(2023, 3, 1)),)),
    ]
    Store.open(db_path, config).seed(entries, porteurs)
    problems, summary = check_file(db_path, config)
    assert problems == [
        "entrée abababab du 01/04/2022 : identifiant en double",
        "entrée "
        + entries[2].id[:8]
        + " du 02/05/2022 : territoire « ZZ » absent de la configuration",
        f"entrée {entries[2].id[:8]} du 02/05/2022 : porteur P-2022-099 inconnu",
        "porteur P-2022-001 : identifiant en double",
    ]
    assert summary.startswith("3 entrée(s) sur 3 mois, 2 porteur(s)")
