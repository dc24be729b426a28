"""Paths that are not what they should be get French messages naming them;
a symlinked data file keeps its link; one rule makes every text shown on a
terminal safe (property tests over the Cc, Cf, Zl, Zp and Cs categories)."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeslab_tui.core.model import Config
from citeslab_tui.core.text import HIDDEN_CATEGORIES, hidden_characters, printable
from citeslab_tui.store import Store
from tests.fixture_types import Run

from .helpers import make_entry

HIDDEN = [
    chr(cp)
    for cp in range(sys.maxunicode + 1)
    if unicodedata.category(chr(cp)) in HIDDEN_CATEGORIES and chr(cp) not in "\n\t"
]


def test_the_hidden_set_covers_escapes_and_bidi_controls() -> None:
    for ch in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u200f", "\u2028", "\ufeff"):
        assert ch in HIDDEN


@pytest.mark.parametrize("one_line", [False, True])
def test_no_hidden_character_survives_printable(one_line: bool) -> None:
    text = "a".join(HIDDEN)
    shown = printable(text, one_line=one_line)
    assert not [ch for ch in shown if unicodedata.category(ch) in HIDDEN_CATEGORIES - {"Cc"}]
    assert not [ch for ch in shown if unicodedata.category(ch) == "Cc" and ch not in "\n"]
    assert "\\u202e" in shown and "\\x1b" in shown


@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "L", "N", "Zs"])))
def test_printable_leaves_nothing_a_terminal_would_interpret(text: str) -> None:
    shown = printable(text, one_line=True)
    assert all(unicodedata.category(ch) not in HIDDEN_CATEGORIES for ch in shown), shown
    assert hidden_characters(shown) == []


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"])))
def test_printable_text_is_left_as_it_is(text: str) -> None:
    assert printable(text) == text.replace("\t", "    ")


def test_symlinked_data_file_is_written_through(
    db_path: Path, config: Config, tmp_path: Path
) -> None:
    target = tmp_path / "vrai" / "donnees.json"
    target.parent.mkdir()
    Store.open(target, config).add_entry(make_entry(note="un"))
    link = tmp_path / "lien.json"
    link.symlink_to(target)
    Store.open(link, config).add_entry(make_entry(note="deux"))
    assert link.is_symlink()
    assert len(Store.open(target, config).entries()) == 2


def test_lock_path_that_is_a_directory_is_named_in_french(run: Run, db_path: Path) -> None:
    run("log", "1h atelier @CCG")
    lock = db_path.with_name(db_path.name + ".lock")
    lock.unlink()
    lock.mkdir()
    out = run("log", "1h atelier @CCG", code=1).output
    assert str(lock) in out and "c'est un dossier" in out and "inattendue" not in out


def test_a_file_in_the_path_is_named_in_french(run: Run, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    out = run("log", "1h atelier @CCG", db=tmp_path / "f" / "x.json", code=1).output
    assert "n'est pas un dossier" in out and "inattendue" not in out


def test_db_on_a_directory_is_a_french_message_and_exit_1(run: Run, tmp_path: Path) -> None:
    out = run("list", db=tmp_path, code=1).output
    assert "un fichier de données est attendu, pas un dossier" in out
    assert "Usage" not in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_data_file_is_named(run: Run, db_path: Path) -> None:
    run("log", "1h atelier @CCG")
    db_path.chmod(0)
    out = run("list", code=1).output
    assert str(db_path) in out and "permission refusée" in out


def test_a_line_starting_with_a_dash_is_a_line(run: Run) -> None:
    out = run("log", "-- note", code=1).output
    assert "durée manquante" in out  # parsed as a quick-entry line, not an option
    run("log", "1h atelier @CCG -- -x")


def test_file_too_big_for_the_filesystem_is_said(
    db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from citeslab_tui.core.errors import StorageError

    store = Store.open(db_path, config)
    store.add_entry(make_entry())

    def too_big(fd: int, data: bytes) -> NoReturn:
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(os, "write", too_big)
    with pytest.raises(StorageError) as refused:
        store.add_entry(make_entry())
    assert "fichier trop grand" in str(refused.value) and str(db_path) in str(refused.value)


@pytest.mark.parametrize("bad", ["\x1b]0;titre\x07", "Atelier \u202eelbat"])
def test_config_show_and_report_print_labels_escaped(
    bad: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson

    from citeslab_tui.config import default_config_path

    data = orjson.loads(default_config_path().read_bytes())
    data["pillars"][0]["label"] = bad
    data["territories"][0]["name"] = bad
    data["name"] = bad
    path = tmp_path / "config.json"
    path.write_bytes(orjson.dumps(data))
    monkeypatch.setenv("CITESLAB_CONFIG", str(path))
    run("log", "1h permanence @AA", "--date", "2022-03-01")
    for args in (["config", "show"], ["report", "--year", "2022"]):
        out = run(*args).output
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, args
        assert "\\x1b" in out or "\\u202e" in out
