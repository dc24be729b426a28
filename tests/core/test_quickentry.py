"""The quick-entry grammar: tables of lines that parse and lines that are refused,
then hypothesis for the invariants (any text parses or errors, never crashes;
lines built from known parts parse back to those parts)."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeslab_tui import schemas
from citeslab_tui.core.errors import QuickEntryError
from citeslab_tui.core.model import NON_PILLAR_KINDS, Config, Entry
from citeslab_tui.core.quickentry import (
    KINDS,
    EntryDraft,
    completions,
    parse,
    try_parse,
)
from citeslab_tui.core.text import hours as format_minutes

END_OF_DAY = time(23, 59, 59, 999999)


# --------------------------------------------------------------------------- lines that parse

VALID = [
    (
        "9h30-12h permanence @CCG 4p -- 2 RDV pris",
        dict(
            start=time(9, 30),
            end=time(12, 0),
            minutes=150,
            type="permanence",
            pillar="prospection",
            territory="CCG",
            persons=4,
            note="2 RDV pris",
        ),
    ),
    ("2h atelier @CCG 12p", dict(minutes=120, type="atelier", pillar="animation", persons=12)),
    (
        "1,5h entretien +P-2022-014 >adie",
        dict(
            minutes=90,
            type="entretien",
            pillar="preparation_orientation",
            territory="AA",
            porteurs=("P-2022-014",),
            partner="ADIE",
        ),
    ),
    ("45m comité tech @CCG", dict(minutes=45, type="comite_technique", territory="CCG")),
    (
        "1h suivi /animation",
        dict(minutes=60, type="suivi", pillar="animation", pillar_overridden=True),
    ),
    # durations
    ("2h salon", dict(minutes=120, start=None, end=None)),
    ("1h30 salon", dict(minutes=90)),
    ("1h30m salon", dict(minutes=90)),
    ("1h30min salon", dict(minutes=90)),
    ("90min salon", dict(minutes=90)),
    ("45m salon", dict(minutes=45)),
    ("1.5h salon", dict(minutes=90)),
    ("0,25h salon", dict(minutes=15)),
    ("0h05 salon", dict(minutes=5)),
    ("2 h salon", dict(minutes=120)),
    ("90 min salon", dict(minutes=90)),
    ("1,5 h salon", dict(minutes=90)),
    ("2H salon", dict(minutes=120)),
    ("24h salon", dict(minutes=1440)),
    ("1440min salon", dict(minutes=1440)),
    # ranges
    ("09:30-12:00 salon", dict(start=time(9, 30), end=time(12, 0), minutes=150)),
    ("9h-12h30 salon", dict(start=time(9, 0), end=time(12, 30), minutes=210)),
    ("9-12 salon", dict(start=time(9, 0), end=time(12, 0), minutes=180)),
    ("9h30–10h salon", dict(start=time(9, 30), minutes=30)),
    ("22h-24h salon", dict(start=time(22, 0), end=END_OF_DAY, minutes=120)),
    ("0h-24:00 salon", dict(start=time(0, 0), end=END_OF_DAY, minutes=1440)),
    ("salon 14h-14h01", dict(minutes=1)),
    # types: key, prefixes of key or label, several words, accents and case
    ("1h perm", dict(type="permanence")),
    ("1h amorcage", dict(type="amorcage")),
    ("1h Amorçage", dict(type="amorcage")),
    ("1h accompagnement amorçage", dict(type="amorcage")),
    ("1h COMITÉ DE PILOTAGE", dict(type="comite_pilotage")),
    ("1h comite_pil", dict(type="comite_pilotage")),
    ("1h com tech", dict(type="comite_technique")),
    ("1h comm", dict(type="communication")),
    ("1h évènement", dict(type="evenement")),
    ("1h EVENEMENT", dict(type="evenement")),
    ("1h suivi", dict(type="suivi", pillar="referent")),
    ("1h suivi de parcours", dict(type="suivi")),
    ("1h suivi post-création", dict(type="post_creation")),
    ("1h post", dict(type="post_creation")),
    ("1h salon / forum", dict(type="salon")),
    ("1h prospection terrain (hors les murs)", dict(type="terrain")),
    ("1h rencontre presc", dict(type="prescripteur")),
    ("1h atelier de sensibilisation", dict(type="atelier")),
    # territory
    ("1h salon @ccg", dict(territory="CCG")),
    ("1h salon @aa", dict(territory="AA")),
    ("1h salon", dict(territory="AA")),  # the configured default
    ("1h permanence #saint-georges", dict(territory="CCG", qpv="QN07405M")),
    ("1h permanence @AA #QN07405M", dict(territory="AA", qpv="QN07405M")),
    # people
    ("1h atelier 12p", dict(persons=12)),
    ("1h atelier 12 pers", dict(persons=12)),
    ("1h atelier 12 personnes", dict(persons=12)),
    ("1h atelier 12pers", dict(persons=12)),
    ("1h atelier 1 personne", dict(persons=1)),
    ("1h atelier 0p", dict(persons=0)),
    ("1h atelier", dict(persons=0)),
    # porteurs
    ("1h entretien +p-2022-014 +P-2023-100", dict(porteurs=("P-2022-014", "P-2023-100"))),
    ("1h entretien +P-2022-014 +p-2022-014", dict(porteurs=("P-2022-014",))),
    ("1h entretien +P-2022-1234", dict(porteurs=("P-2022-1234",))),
    # partners
    ("1h orientation >ADIE", dict(partner="ADIE")),
    ("1h orientation >init", dict(partner="Initiative Genevois")),
    ("1h orientation >france_act", dict(partner="France Active")),
    ("1h orientation >mission", dict(partner="Mission Locale")),
    ("1h orientation >rezup", dict(partner="Rez'Up")),
    ("1h orientation >réseau", dict(partner="Réseau Entreprendre")),
    ("1h orientation >Mairie_de_Gaillard", dict(partner="Mairie_de_Gaillard")),
    # QPV
    ("1h permanence #qn07401m", dict(qpv="QN07401M", territory="AA")),
    ("1h permanence #helvetia", dict(qpv="QN07402M")),
    ("1h permanence #le-perrier", dict(qpv="QN07401M")),
    ("1h permanence #Saint_Georges", dict(qpv="QN07405M")),
    # pillar
    ("1h suivi /ref", dict(pillar="referent", pillar_overridden=True)),
    ("1h atelier /prép", dict(pillar="preparation_orientation", pillar_overridden=True)),
    ("1h atelier /Référent", dict(pillar="referent")),
    ("1h atelier", dict(pillar="animation", pillar_overridden=False)),
    # the note
    ("1h atelier -- a -- b", dict(note="a -- b")),
    ("1h atelier --", dict(note="")),
    ("1h atelier --[bold]x[/]", dict(note="[bold]x[/]")),
    ("1h atelier -- 12p @AA #zzz", dict(note="12p @AA #zzz", persons=0)),
    ("1h atelier --  ligne 1\nligne 2  ", dict(note="ligne 1\nligne 2")),
    # any order
    ("@CCG 12p atelier 2h", dict(minutes=120, type="atelier", territory="CCG", persons=12)),
    (">adie +P-2022-014 entretien 1h", dict(type="entretien", partner="ADIE")),
]


@pytest.mark.parametrize(("line", "expected"), VALID)
def test_valid_lines(config: Config, line: str, expected: dict[str, object]) -> None:
    draft = parse(line, config)
    for name, value in expected.items():
        assert getattr(draft, name) == value, name


def test_a_leading_separator_makes_the_whole_line_a_note(config: Config) -> None:
    with pytest.raises(QuickEntryError, match="durée manquante"):
        parse("-- tôt ce matin 2h atelier", config)


def test_the_issue_example_in_full(config: Config) -> None:
    line = "9h30-12h permanence @CCG 4p -- 2 RDV pris"
    draft = parse(line, config)
    assert draft == EntryDraft(
        start=time(9, 30),
        end=time(12, 0),
        minutes=150,
        type="permanence",
        pillar="prospection",
        pillar_overridden=False,
        territory="CCG",
        qpv=None,
        persons=4,
        porteurs=(),
        partner=None,
        note="2 RDV pris",
        tokens=draft.tokens,
    )
    assert [(t.kind, t.text, t.start) for t in draft.tokens] == [
        ("plage", "9h30-12h", 0),
        ("type", "permanence", 9),
        ("territoire", "@CCG", 20),
        ("personnes", "4p", 25),
        ("note", "-- 2 RDV pris", 28),
    ]
    assert draft.tokens[0].description == "Plage : 09:30–12:00 (2 h 30)"
    assert draft.tokens[1].description == "Type : Permanence en QPV"
    assert draft.describe() == (
        "2 h 30 (09:30–12:00) · Permanence en QPV · Prospection · CCG · 4 pers. · note : 2 RDV pris"
    )


def test_token_descriptions(config: Config) -> None:
    draft = parse("1,5h entretien @ccg 3 pers +p-2022-014 >adie #saint /ref -- vu", config)
    assert [t.description for t in draft.tokens] == [
        "Durée : 1 h 30",
        "Type : Entretien individuel",
        "Territoire : CCG (Communauté de Communes du Genevois)",
        "Personnes : 3",
        "Porteur : P-2022-014",
        "Partenaire : ADIE",
        "QPV : QN07405M Saint Georges – Route de Thairy",
        "Pilier : Référent de parcours",
        "Note : vu",
    ]
    assert draft.describe() == (
        "1 h 30 · Entretien individuel · Référent de parcours (forcé) · CCG · QPV QN07405M"
        " · 3 pers. · P-2022-014 · partenaire : ADIE · note : vu"
    )


def test_an_unknown_partner_is_kept_as_typed_and_said_so(config: Config) -> None:
    draft = parse("1h orientation >Pôle_Emploi", config)
    assert draft.partner == "Pôle_Emploi"
    assert draft.tokens[-1].description == "Partenaire : Pôle_Emploi (hors liste)"


# --------------------------------------------------------------------------- lines refused

INVALID = [
    ("25h atelier", "« 25h » : une entrée ne peut pas dépasser 24 h", "25h"),
    ("1h com", "« com » est ambigu : comite_technique, comite_pilotage, communication", "com"),
    ("1h comité", "« comité » est ambigu : comite_technique, comite_pilotage", "comité"),
    ("1h xyz", "« xyz » : type d'action inconnu", "xyz"),
    ("atelier", "durée manquante : ajoutez par exemple 1h30 ou 9h-10h30", None),
    ("", "ligne vide", None),
    ("   ", "ligne vide", None),
    ("2h @CCG", "type d'action manquant", None),
    ("1h 2h atelier", "« 2h » : une seule durée ou plage horaire par entrée", "2h"),
    ("9h-10h 1h atelier", "« 1h » : une seule durée ou plage horaire par entrée", "1h"),
    ("0h atelier", "« 0h » : une durée doit faire au moins 1 minute", "0h"),
    ("0min atelier", "au moins 1 minute", "0min"),
    ("1441min atelier", "ne peut pas dépasser 24 h", "1441min"),
    ("24h01 atelier", "ne peut pas dépasser 24 h", "24h01"),
    ("24,5h atelier", "ne peut pas dépasser 24 h", "24,5h"),
    ("99999999999999999999999999h atelier", "ne peut pas dépasser 24 h", None),
    ("1h75 atelier", "les minutes vont de 00 à 59", "1h75"),
    ("1h5 atelier", "durée, plage horaire ou nombre de personnes attendu", "1h5"),
    ("12h-9h atelier", "« 12h-9h » : la fin doit être après le début", "12h-9h"),
    ("9h-9h atelier", "la fin doit être après le début", "9h-9h"),
    ("24h-25h atelier", "heure de début impossible", "24h-25h"),
    ("22h-24h30 atelier", "heure de fin impossible", "22h-24h30"),
    ("9h70-10h atelier", "heure de début impossible", "9h70-10h"),
    ("12 atelier", "« 12 » : nombre sans unité", "12"),
    ("1h atelier 3p 4p", "un seul nombre de personnes", "4p"),
    ("1h atelier 200000p", "100 000 personnes au plus", "200000p"),
    ("1h atelier entretien", "un seul type d'action par entrée", "entretien"),
    ("1h atelier super", "« super » : mot non reconnu (le type est déjà « atelier »)", "super"),
    ("1h atelier @XYZ", "« @XYZ » : territoire inconnu (attendu : @AA, @CCG)", "@XYZ"),
    ("1h atelier @", "territoire inconnu", "@"),
    ("1h atelier @AA @CCG", "un seul territoire", "@CCG"),
    ("1h entretien +P-22-014", "format P-AAAA-NNN", "+P-22-014"),
    ("1h entretien +", "format P-AAAA-NNN", "+"),
    ("1h orientation >", "nom de partenaire attendu", ">"),
    ("1h orientation >france", "« >france » est ambigu : France Active, France Travail", ">france"),
    ("1h orientation >adie >bge", "un seul partenaire", ">bge"),
    ("1h permanence #xyz", "« #xyz » : QPV inconnu (QPV connus : #QN07401M", "#xyz"),
    ("1h permanence #QN07499M", "QPV inconnu", "#QN07499M"),
    ("1h permanence #", "QPV inconnu", "#"),
    ("1h permanence #qn", "est ambigu : QN07401M, QN07402M, QN07405M", "#qn"),
    ("1h permanence #QN07401M #QN07402M", "un seul QPV", "#QN07402M"),
    ("1h atelier /xyz", "« /xyz » : pilier inconnu (attendu : /prospection", "/xyz"),
    ("1h atelier /p", "« /p » est ambigu : prospection, preparation_orientation", "/p"),
    ("1h atelier /ref /anim", "un seul pilier", "/anim"),
    ("1h atelier -- " + "x" * 10_001, "note trop longue", None),
    ("1h atelier [bold]", "« [bold] » : mot non reconnu", "[bold]"),
]


@pytest.mark.parametrize(("line", "message", "token"), INVALID)
def test_invalid_lines(config: Config, line: str, message: str, token: str | None) -> None:
    with pytest.raises(QuickEntryError) as caught:
        parse(line, config)
    assert message in str(caught.value)
    if token is not None:
        assert caught.value.token == token
        assert caught.value.position is not None
        assert line[caught.value.position :].startswith(token)
    result = try_parse(line, config)
    assert isinstance(result, QuickEntryError)
    assert str(result) == str(caught.value)


def test_messages_use_french_quotes_and_name_the_token(config: Config) -> None:
    for line, _, token in INVALID:
        error = try_parse(line, config)
        assert isinstance(error, QuickEntryError)
        if token is not None:
            assert f"« {token}" in str(error)


def test_territory_is_required_without_a_default(config: Config) -> None:
    no_default = config._replace(default_territory=None)
    with pytest.raises(QuickEntryError, match="territoire manquant : ajoutez @AA ou @CCG"):
        parse("1h atelier", no_default)
    assert parse("1h atelier @CCG", no_default).territory == "CCG"
    # the QPV says where the action took place
    assert parse("1h permanence #saint", no_default).territory == "CCG"


def test_a_single_territory_is_implicit(config: Config) -> None:
    only_ccg = config._replace(default_territory=None, territories=config.territories[1:])
    assert parse("1h atelier", only_ccg).territory == "CCG"


# --------------------------------------------------------------------------- to_entry


def test_to_entry_gives_a_valid_record(config: Config) -> None:
    draft = parse("22h-24h atelier @CCG 12p +P-2022-014 >adie #saint -- soirée", config)
    now = datetime(2022, 3, 4, 18, 30, 12, 345)
    entry = draft.to_entry(id="a" * 32, day=date(2022, 3, 4), now=now)
    assert isinstance(entry, Entry)
    assert entry.created_at == entry.updated_at == "2022-03-04T18:30:12"
    record = entry.to_record()
    assert record["start"] == "22:00"
    assert record["end"] == "24:00"
    assert record["minutes"] == 120
    assert record["partner"] == "ADIE"
    assert record["porteurs"] == ["P-2022-014"]
    assert schemas.is_valid("entry", record), schemas.explain("entry", record)
    assert Entry.from_record(record) == entry


# --------------------------------------------------------------------------- completion

COMPLETIONS = [
    ("1h com", ["comite_technique", "comite_pilotage", "communication"]),
    ("1h perm", ["permanence"]),
    ("1h suivi", ["suivi", "post_creation"]),
    ("1h évène", ["evenement"]),
    ("1h comité te", ["technique"]),
    ("1h comité p", ["pilotage"]),
    ("1h atelier co", ["comite_technique", "comite_pilotage", "communication", "conge"]),
    ("1h atelier @", ["@AA", "@CCG"]),
    ("1h atelier @c", ["@CCG"]),
    ("1h atelier >fr", [">france_active", ">france_travail"]),
    ("1h atelier >ad", [">adie"]),
    ("1h atelier #", ["#QN07401M", "#QN07402M", "#QN07405M"]),
    ("1h atelier #saint", ["#QN07405M"]),
    ("1h atelier #qn07402", ["#QN07402M"]),
    ("1h atelier /r", ["/referent"]),
    ("1h atelier /p", ["/prospection", "/preparation_orientation"]),
    ("1h atelier ", []),
    ("", []),
    ("1h atelier -- com", []),
    ("1h atelier 12", []),
    ("1h xyz", []),
]


@pytest.mark.parametrize(("line", "expected"), COMPLETIONS)
def test_completions(config: Config, line: str, expected: list[str]) -> None:
    assert completions(line, config) == expected


def test_completions_of_porteurs_and_used_partners(config: Config) -> None:
    ids = ["P-2022-014", "P-2022-015", "P-2023-001"]
    assert completions("1h entretien +p-2022", config, porteur_ids=ids) == [
        "+P-2022-014",
        "+P-2022-015",
    ]
    assert completions("1h entretien +", config, porteur_ids=ids) == ["+" + i for i in ids]
    used = ["Mairie_de_Gaillard", "ADIE", "Pôle emploi", "Mission Locale"]
    assert completions("1h orientation >ma", config, partners=used) == [">Mairie_de_Gaillard"]
    assert completions("1h orientation >mi", config, partners=used) == [">mission_locale"]


def test_each_completion_parses(config: Config) -> None:
    for line, expected in COMPLETIONS:
        for candidate in expected:
            head = line.rsplit(" ", 1)[0]
            completed = f"{head} {candidate}"
            if "atelier" in head and candidate[0] not in "@>#/":
                continue  # a second type: refused, as it should be
            assert isinstance(parse(completed, config), EntryDraft), completed


# --------------------------------------------------------------------------- properties

LIMITS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "2h",
    "1h30",
    "90min",
    "1,5h",
    "25h",
    "0h",
    "9h30-12h",
    "12h-9h",
    "24h",
    "9-",
    "h",
    "atelier",
    "com",
    "comité",
    "tech",
    "perm",
    "suivi",
    "de",
    "parcours",
    "/",
    "@CCG",
    "@aa",
    "@",
    "@X",
    "12p",
    "12",
    "pers",
    "+P-2022-014",
    "+",
    "+p-1-1",
    ">adie",
    ">",
    ">france",
    ">Zz",
    "#saint-georges",
    "#",
    "#qn",
    "/ref",
    "/p",
    "--",
    "-- note",
    "—",
    "[bold]",
    "[/]",
    "\x00",
    "\n",
    "é",
    "𝟙h",
]


def _check_draft_invariants(line: str, draft: EntryDraft, config: Config) -> None:
    assert 1 <= draft.minutes <= 1440
    assert draft.type in config.type_keys
    assert draft.pillar in (*config.pillar_keys, *NON_PILLAR_KINDS)
    assert (draft.pillar in NON_PILLAR_KINDS) == (config.type_kind(draft.type) != "pillar")
    assert draft.territory in config.territory_codes
    assert draft.qpv is None or config.qpv(draft.qpv) is not None
    assert 0 <= draft.persons <= 100_000
    assert (draft.start is None) == (draft.end is None)
    if draft.start is not None:
        assert draft.end is not None and draft.start < draft.end
    starts = [t.start for t in draft.tokens]
    assert starts == sorted(starts)
    for token in draft.tokens:
        assert token.kind in KINDS
        assert line[token.start : token.end] == token.text
        assert token.description
    summary = draft.describe()
    assert "\n" not in summary and summary


def _check(line: str, config: Config) -> EntryDraft | QuickEntryError:
    result = try_parse(line, config)
    if isinstance(result, QuickEntryError):
        assert str(result)
        if result.position is not None:
            assert 0 <= result.position <= len(line)
    else:
        assert isinstance(result, EntryDraft)
        _check_draft_invariants(line, result, config)
    completions(line, config, porteur_ids=["P-2022-014"], partners=["Zz", "a b"])
    return result


@LIMITS
@given(line=st.text())
def test_any_text_parses_or_errors(config: Config, line: str) -> None:
    _check(line, config)


@LIMITS
@given(line=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_unicode_parses_or_errors(config: Config, line: str) -> None:
    _check(line, config)


@LIMITS
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), max_size=10),
    spaces=st.sampled_from([" ", "  ", "\t"]),
)
def test_near_misses_parse_or_error(config: Config, parts: list[str], spaces: str) -> None:
    _check(spaces.join(parts), config)


TYPE_SPELLINGS = [
    ("perm", "permanence"),
    ("comité tech", "comite_technique"),
    ("COMITE PIL", "comite_pilotage"),
    ("com tech", "comite_technique"),
    ("entretien indiv", "entretien"),
    ("évènement", "evenement"),
    ("post", "post_creation"),
    ("suivi post-création", "post_creation"),
    ("report", "reporting"),
    ("orient", "orientation"),
    ("presc", "prescripteur"),
    ("sal", "salon"),
    ("ter", "terrain"),
    ("atel", "atelier"),
    ("amorcage", "amorcage"),
]
PILLAR_SPELLINGS = [
    ("ref", "referent"),
    ("Référent", "referent"),
    ("prep", "preparation_orientation"),
    ("Prép", "preparation_orientation"),
    ("anim", "animation"),
    ("prosp", "prospection"),
    ("PROSPECTION", "prospection"),
]
QPV_SPELLINGS = [
    ("saint-georges", "QN07405M"),
    ("route-de-thairy", "QN07405M"),
    ("le-perrier", "QN07401M"),
    ("helvetia", "QN07402M"),
    ("le-chalet", "QN07402M"),
]
UNKNOWN_PARTNERS = ["Mairie", "Pôle_emploi", "CCI74", "Emmaüs"]


def _clock_text(minutes: int, style: int) -> str:
    h, m = divmod(minutes, 60)
    if style == 0:
        return f"{h:02d}:{m:02d}"
    return f"{h}h" if m == 0 else f"{h}h{m:02d}"


@st.composite
def timings(draw: st.DrawFn) -> tuple[str, int, int | None]:
    """(text, minutes, start minute-of-day or None)."""
    if draw(st.booleans()):
        start = draw(st.integers(0, 1439))
        end = draw(st.integers(start + 1, 1440))
        style = draw(st.integers(0, 1))
        dash = draw(st.sampled_from("-–"))
        return f"{_clock_text(start, style)}{dash}{_clock_text(end, style)}", end - start, start
    minutes = draw(st.integers(1, 1440))
    h, m = divmod(minutes, 60)
    styles = [f"{minutes}min", f"{minutes}m", f"{minutes} min", f"{h}h{m:02d}", f"{h}h{m:02d}m"]
    if m == 0:
        styles += [f"{h}h", f"{h} h", f"{h}H"]
    if minutes % 6 == 0:
        styles += [f"{h},{m // 6}h", f"{h}.{m // 6}h"]
    return draw(st.sampled_from(styles)), minutes, None


@st.composite
def valid_lines(draw: st.DrawFn, config: Config) -> tuple[str, dict[str, object]]:
    """A line built from known parts, in random order, and what it must give."""
    parts: list[str] = []
    expected: dict[str, object] = {}
    timing, minutes, start = draw(timings())
    parts.append(timing)
    expected["minutes"] = minutes
    if start is not None:
        expected["start"] = time(start // 60, start % 60)
    own = [(t.key, t.key) for t in config.action_types] + [
        (t.label, t.key) for t in config.action_types
    ]
    spelling, type_key = draw(st.sampled_from(own + TYPE_SPELLINGS))
    parts.append(draw(st.sampled_from([spelling, spelling.upper(), spelling.lower()])))
    expected["type"] = type_key
    pillar = config.action_type(type_key).pillar
    expected["pillar_overridden"] = False
    if config.type_kind(type_key) == "pillar" and draw(st.booleans()):
        spelling, pillar = draw(st.sampled_from(PILLAR_SPELLINGS))
        parts.append("/" + spelling)
        expected["pillar_overridden"] = True
    expected["pillar"] = pillar
    territory = None
    if draw(st.booleans()):
        territory = draw(st.sampled_from(config.territory_codes))
        parts.append("@" + draw(st.sampled_from([territory, territory.lower()])))
    qpv = None
    if draw(st.booleans()):
        spelling, qpv = draw(st.sampled_from(QPV_SPELLINGS + [(q, q) for q in ("QN07401M",)]))
        parts.append("#" + draw(st.sampled_from([spelling, spelling.lower()])))
    expected["qpv"] = qpv
    if territory is None and qpv is not None:
        territory = next(t.code for t in config.territories if config.qpv(qpv) in t.qpvs)
    expected["territory"] = territory or config.implicit_territory()
    persons = draw(st.none() | st.integers(0, 100_000))
    if persons is not None:
        unit = draw(st.sampled_from(["p", " pers", " personnes", "pers", " p", "P"]))
        parts.append(f"{persons}{unit}")
    expected["persons"] = persons or 0
    ids = draw(st.lists(st.tuples(st.integers(2000, 2099), st.integers(0, 9999)), max_size=3))
    porteurs = [f"P-{year}-{number:03d}" for year, number in ids]
    for pid in porteurs:
        parts.append("+" + draw(st.sampled_from([pid, pid.lower()])))
    partner = None
    if draw(st.booleans()):
        known = [(p.key, p.label) for p in config.partners] + [("ADIE", "ADIE"), ("bge", "BGE")]
        spelling, partner = draw(st.sampled_from(known + [(u, u) for u in UNKNOWN_PARTNERS]))
        parts.append(">" + spelling)
    expected["partner"] = partner
    order = draw(st.permutations(parts))
    typed = [part[1:].upper() for part in order if part.startswith("+")]
    expected["porteurs"] = tuple(dict.fromkeys(typed))  # in the order typed, once each
    line = draw(st.sampled_from([" ", "  ", "\t"])).join(order)
    note = draw(st.none() | st.text())
    if note is not None:
        line += draw(st.sampled_from([" -- ", " --", "\t-- "])) + note
    expected["note"] = (note or "").strip()
    return line, expected


def test_non_pillar_types_take_no_pillar(config: Config) -> None:
    draft = parse("7h congé", config)
    assert (draft.type, draft.pillar, draft.pillar_label) == ("conge", "absence", "Absence")
    assert parse("2h formation", config).pillar == "formation"
    with pytest.raises(QuickEntryError, match="n'est pas du temps de pilier"):
        parse("2h formation /referent", config)


@LIMITS
@given(data=st.data())
def test_lines_built_from_parts_parse_back(config: Config, data: st.DataObject) -> None:
    line, expected = data.draw(valid_lines(config))
    draft = parse(line, config)
    for name, value in expected.items():
        assert getattr(draft, name) == value, (name, line)
    _check_draft_invariants(line, draft, config)


@LIMITS
@given(note=st.text())
def test_the_note_is_kept_verbatim(config: Config, note: str) -> None:
    draft = parse(f"2h atelier @CCG 12p -- {note}", config)
    assert draft.note == note.strip()
    assert parse(f"2h atelier --{note}", config).note == note.strip()


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "1 min"), (45, "45 min"), (60, "1 h"), (150, "2 h 30"), (65, "1 h 05")],
)
def test_format_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


# --------------------------------------------------------------------------- speed


def test_parse_is_fast_enough_for_every_keypress(config: Config) -> None:
    line = "9h30-12h permanence @CCG 4p +P-2022-014 >adie #saint /ref -- 2 RDV pris"
    parse(line, config)  # builds the tables once
    best = min(_time_parses(line, config) for _ in range(3))
    assert best < 1e-3, f"{best * 1e6:.0f} µs per line"


def _time_parses(line: str, config: Config, count: int = 200) -> float:
    started = clock.perf_counter()
    for _ in range(count):
        parse(line, config)
    return (clock.perf_counter() - started) / count
