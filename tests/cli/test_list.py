"""`citeslab list` for people and for pipes: short ids that `edit` and
`delete` accept, nothing identifying cut at 80 columns, plain lines when piped."""

from __future__ import annotations

import re

import pytest

from citeslab_tui.core.shortid import short_ids
from tests.fixture_types import Run


def test_short_ids_are_the_shortest_unique_prefixes() -> None:
    ids = ["abcd0000", "abcd1111", "abce2222", "ffff0000"]
    assert short_ids(ids) == {
        "abcd0000": "abcd0",
        "abcd1111": "abcd1",
        "abce2222": "abce",
        "ffff0000": "ffff",
    }
    assert short_ids([]) == {}
    assert short_ids(["0123456789"]) == {"0123456789": "0123"}


def test_short_ids_of_a_few_among_many_follow_the_same_rule() -> None:
    import random

    rng = random.Random(7)
    everything = [f"{rng.getrandbits(128):032x}" for _ in range(3000)]
    everything += ["abcd0000", "abcd0001", "abce0000", "0123456789"]
    full = short_ids(everything)
    shown = [*rng.sample(everything, 40), "abcd0000", "abce0000", "0123456789"]
    assert short_ids(shown, everything) == {i: full[i] for i in shown}
    assert short_ids(["abcd0000", "abce0000"], everything) == {
        "abcd0000": "abcd0000",
        "abce0000": "abce",
    }
    # An id shown but absent from `among` is still told apart from it.
    assert short_ids(["abcd0002"], ["abcd0000"]) == {"abcd0002": "abcd0002"}
    assert short_ids([], everything) == {}


def test_list_at_80_columns_shows_full_short_ids_that_edit_accepts(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citeslab_tui.cli import entries as module

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(module, "_is_terminal", lambda: True)
    for n in range(6):
        run(
            "log",
            f"1h{n:02d} comite technique @CCG 4p -- une note assez longue pour être coupée",
            "--date",
            "2026-11-24",
        )
    out = run("list", "--date", "2026-11-24").output
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    rows = [line for line in lines if re.match(r"^[0-9a-f]{4,} ", line)]
    assert len(rows) == 6
    for row in rows:
        assert "24/11/2026" in row and "comite_technique" in row and "CCG" in row
    short = rows[0].split()[0]
    run("edit", short, "--minutes", "30")
    listed = run("list", "--date", "2026-11-24", "--json").output
    assert '"minutes": 30' in listed
    run("delete", short)
    assert short not in run("list", "--date", "2026-11-24").output


def test_piped_list_is_plain_tab_separated_and_not_cut(run: Run) -> None:
    note = "une note très longue " * 10
    run("log", f"2h atelier @CCG 12p -- {note}", "--date", "2026-11-24")
    out = run("list", "--date", "2026-11-24").output  # CliRunner: not a terminal
    header, line = out.splitlines()[:2]
    assert header.split("\t")[:3] == ["id", "date", "debut"]
    cells = line.split("\t")
    assert cells[1] == "2026-11-24" and cells[5] == "atelier" and cells[-1] == note.strip()
    run("delete", cells[0])


def test_empty_list_in_a_terminal_says_so(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from citeslab_tui.cli import entries as module

    monkeypatch.setattr(module, "_is_terminal", lambda: True)
    run("log", "1h atelier @CCG", "--date", "2026-11-24")
    assert run("list", "--date", "2026-11-25").output == "Aucune entrée sur cette période.\n"


def test_an_empty_list_reads_no_id(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every id of the file is read only to shorten the ids shown: a day with
    nothing to show (the usual `citeslab list` of a morning) reads none."""
    from citeslab_tui.store.store import Store

    run("log", "1h atelier @CCG", "--date", "2026-11-24")

    def no_read(self: Store) -> list[str]:
        raise AssertionError("entry_ids read for an empty list")

    monkeypatch.setattr(Store, "entry_ids", no_read)
    assert run("list", "--date", "2026-11-25").output.splitlines() == [
        "id\tdate\tdebut\tfin\tminutes\ttype\tpilier\tterritoire\tqpv\tpersonnes\tporteurs\tpartenaire\tnote"
    ]
    with pytest.raises(AssertionError):
        run("list", "--date", "2026-11-24")
