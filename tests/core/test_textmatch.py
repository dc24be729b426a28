"""Suggestions for what was mistyped: the edit distance, the nearest names of
types, territories, QPVs, partners and porteurs, and the quick-entry messages
that carry them (« vouliez-vous dire communication ? »)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeslab_tui.core.errors import QuickEntryError
from citeslab_tui.core.model import Config
from citeslab_tui.core.quickentry import parse, try_parse
from citeslab_tui.core.textmatch import (
    config_index,
    did_you_mean,
    distance,
    norm_words,
    suggest,
    tolerance,
    unknown_porteurs,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", 0),
        ("abc", "", 3),
        ("comunication", "communication", 1),  # a letter left out
        ("ateleir", "atelier", 1),  # two letters swapped: one edit
        ("kitten", "sitting", 3),
        ("reunion", "reseau", 5),
    ],
)
def test_distance(a: str, b: str, expected: int) -> None:
    assert distance(a, b) == expected
    assert distance(b, a) == expected


def test_distance_stops_at_its_limit() -> None:
    assert distance("reunion", "prescripteur", 2) == 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "2h comunication",
            "« comunication » : type d'action inconnu (vouliez-vous dire communication ?)",
        ),
        ("1h comunic", "vouliez-vous dire communication ?"),  # a typo in a prefix
        ("1h ATELEIR", "vouliez-vous dire atelier ?"),
        ("1h entretein", "vouliez-vous dire entretien ?"),
        (
            "1h comite tecnique",
            "« comite tecnique » : type d'action inconnu (vouliez-vous dire comite_technique ?)",
        ),
        ("1h suvi", "vouliez-vous dire suivi ou post_creation ?"),
        # a pillar typed where a type was expected: its types
        (
            "2h preparation",
            "« Préparation / Orientation » est un pilier ; "
            "ses types : entretien, amorcage, orientation",
        ),
        (
            "1h atelier @CGG",
            "« @CGG » : territoire inconnu (vouliez-vous dire @CCG ? attendu : @AA, @CCG)",
        ),
        ("1h atelier @genevois", "vouliez-vous dire @CCG ?"),
        (
            "1h atelier #sant-georges",
            "QPV inconnu (vouliez-vous dire #QN07405M (Saint Georges – Route de Thairy) ?)",
        ),
    ],
)
def test_typos_get_the_nearest_names(config: Config, line: str, message: str) -> None:
    with pytest.raises(QuickEntryError) as raised:
        parse(line, config)
    assert message in str(raised.value)


@pytest.mark.parametrize("line", ["2h reunion", "1h xyz", "1h zz"])
def test_nothing_close_gives_no_guess(config: Config, line: str) -> None:
    """A wrong guess is worse than none: difflib would offer « orientation » for
    « reunion »; here the usual examples stay."""
    message = str(try_parse(line, config))
    assert "vouliez-vous" not in message
    assert "un type comme atelier, entretien, permanence" in message


def test_a_qpv_name_typed_in_words_is_the_qpv(config: Config) -> None:
    draft = parse("2h atelier #saint georges 12p", config)
    assert (draft.qpv, draft.territory, draft.persons) == ("QN07405M", "CCG", 12)
    assert [t.text for t in draft.tokens if t.kind == "qpv"] == ["#saint georges"]
    assert parse("1h atelier #le chalet", config).qpv == "QN07402M"
    assert parse("1h #saint atelier", config).qpv == "QN07405M"  # stops at the type


def test_a_partner_near_a_known_one_is_kept_and_questioned(config: Config) -> None:
    draft = parse("1h orientation >adei", config)
    assert draft.partner == "adei"
    assert draft.hints == ("partenaire « adei » hors liste : vouliez-vous dire ADIE ?",)
    assert draft.describe().endswith("⚠ partenaire « adei » hors liste : vouliez-vous dire ADIE ?")
    assert parse("1h orientation >Pôle_Emploi", config).hints == ()


def test_unknown_porteurs() -> None:
    known = ["P-2026-001", "P-2026-018", "P-2025-100"]
    assert unknown_porteurs(["P-2026-018"], known, "F4 pour le créer") is None
    assert unknown_porteurs(["P-2026-018", "P-2026-019"], known, "F4 pour le créer") == (
        "porteur « P-2026-019 » inconnu : vouliez-vous dire P-2026-018 ? sinon F4 pour le créer"
    )
    assert unknown_porteurs(["P-2030-555"], known, "F4 pour le créer") == (
        "porteur « P-2030-555 » inconnu : F4 pour le créer"
    )


def test_did_you_mean() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["a", "b", "c"]) == "vouliez-vous dire a, b ou c ?"


# --------------------------------------------------------------------------- properties


def _one_edit(word: str, data: st.DataObject) -> str:
    """`word` with one typo: a letter dropped, added, replaced, or two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    kind = data.draw(st.sampled_from(["drop", "add", "replace", "swap"]))
    at = data.draw(st.integers(0, len(word) - (2 if kind == "swap" else 1)))
    letter = data.draw(st.sampled_from(letters))
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "add":
        return word[:at] + letter + word[at:]
    if kind == "replace":
        return word[:at] + letter + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_one_typo_in_a_type_key_suggests_it(config: Config, data: st.DataObject) -> None:
    """Any single typo in a type's key of 5 letters or more either still names a
    type (a prefix, maybe ambiguous) or is answered with that key among the
    suggestions."""
    keys = [t.key for t in config.action_types if len(t.key) >= 5 and "_" not in t.key]
    key = data.draw(st.sampled_from(keys))
    typo = _one_edit(key, data)
    result = try_parse(f"1h {typo} @AA", config)
    if isinstance(result, QuickEntryError) and "ambigu" not in str(result):
        assert key in suggest(typo, config_index(config).types, limit=10), str(result)
        assert "vouliez-vous dire" in str(result) and key in str(result)


@settings(max_examples=200, deadline=None)
@given(typed=st.text(max_size=30))
def test_suggestions_are_known_and_close(config: Config, typed: str) -> None:
    """Whatever is typed, suggestions are configured values within the tolerance."""
    index = config_index(config)
    for choices in (index.types, index.territory_choices, index.qpvs, index.partners):
        values = {c.value for c in choices}
        found = suggest(typed, choices)
        assert len(found) <= 3 and set(found) <= values
        text = " ".join(norm_words(typed))
        if found and tolerance(text) == 0:  # too short for a typo: only exact words
            spellings = {w for c in choices if c.value in found for s in c.spellings for w in s}
            assert text in spellings or text in {" ".join(s) for c in choices for s in c.spellings}


@given(a=st.text(max_size=12), b=st.text(max_size=12), c=st.text(max_size=12))
def test_distance_is_a_distance(a: str, b: str, c: str) -> None:
    assert distance(a, b) == distance(b, a)
    assert (distance(a, b) == 0) == (a == b)
    assert distance(a, b) <= max(len(a), len(b))
    assert distance(a, b, 2) == min(distance(a, b), 3)
