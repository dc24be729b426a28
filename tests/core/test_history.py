"""The quick-entry history: distinct lines, newest last, notes kept or not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeslab_tui.core.history import MAX_LINES, Cursor, History


def test_lines_are_kept_once_newest_last() -> None:
    h = History().remember("2h atelier @CCG").remember(" 1h  suivi ").remember("2h atelier @CCG")
    assert h.lines == ("1h suivi", "2h atelier @CCG")
    assert h.remember("   ") == h


def test_without_notes_the_note_is_never_kept() -> None:
    h = History(keep_notes=False).remember("1h entretien +P-2022-001 -- Mme Dupont, RSA")
    assert h.lines == ("1h entretien +P-2022-001",)
    kept = History().remember("1h suivi -- M. Martin").remember("1h suivi -- Mme Durand")
    assert kept.lines == ("1h suivi -- M. Martin", "1h suivi -- Mme Durand")
    assert kept.with_notes(False).lines == ("1h suivi",)  # switching off cleans what was kept


def test_search_ignores_accents_and_case_newest_first() -> None:
    h = History(("2h comité tech @CCG", "1h suivi", "3h permanence @CCG", "2h Comite pilotage"))
    assert h.search("comite") == ["2h Comite pilotage", "2h comité tech @CCG"]
    assert h.search("ccg perm") == ["3h permanence @CCG"]
    assert h.search("") == list(reversed(h.lines))


def test_the_cursor_walks_back_and_returns_to_the_draft() -> None:
    cursor = Cursor(["a", "b"], draft="typing")
    assert [cursor.older(), cursor.older(), cursor.older()] == ["b", "a", None]
    assert [cursor.newer(), cursor.newer(), cursor.newer()] == ["b", "typing", None]


@given(st.lists(st.text(max_size=30), max_size=60), st.booleans())
def test_history_invariants(lines: list[str], keep_notes: bool) -> None:
    h = History(keep_notes=keep_notes)
    for line in lines:
        h = h.remember(line)
    assert len(h.lines) == len(set(h.lines)) <= MAX_LINES
    assert all(line.strip() for line in h.lines)
    if not keep_notes:
        assert all(" --" not in f" {line}" for line in h.lines)
