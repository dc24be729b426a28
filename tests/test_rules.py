"""One source per rule: the limits and the porteur-id shape of core.model are
the ones the JSON Schemas enforce, and the schemas list the fields the model
writes."""

from __future__ import annotations

import re
from datetime import date

from citeslab_tui import schemas
from citeslab_tui.core.dates import FIRST_YEAR, LAST_YEAR
from citeslab_tui.core.model import (
    MAX_MINUTES,
    MAX_NOTE,
    MAX_PARTNER,
    MAX_PERSONS,
    PORTEUR_ID_PATTERN,
    Entry,
    Porteur,
)

# the model's pattern without its capture groups, anchored as JSON Schema wants
ID_IN_SCHEMAS = "^" + PORTEUR_ID_PATTERN.replace("(", "").replace(")", "") + "$"


def test_entry_schema_says_what_the_model_says() -> None:
    props = schemas.load_schema("entry")["properties"]
    assert props["minutes"]["maximum"] == MAX_MINUTES
    assert props["persons"]["maximum"] == MAX_PERSONS
    assert props["partner"]["maxLength"] == MAX_PARTNER
    assert props["note"]["maxLength"] == MAX_NOTE
    assert props["porteurs"]["items"]["pattern"] == ID_IN_SCHEMAS


def test_porteur_schema_id_pattern_is_the_model_s() -> None:
    assert schemas.load_schema("porteur")["properties"]["id"]["pattern"] == ID_IN_SCHEMAS


ENTRY = Entry(
    id="0" * 32,
    date=date(2022, 4, 12),
    minutes=60,
    type="atelier",
    pillar="animation",
    territory="CCG",
    created_at="2022-04-12T10:00:00",
    updated_at="2022-04-12T10:00:00",
)


def test_schemas_list_the_fields_the_model_writes() -> None:
    written = set(ENTRY.to_record())
    assert written <= set(schemas.load_schema("entry")["properties"])
    assert set(schemas.load_schema("entry").get("required", [])) <= written
    porteur = Porteur(
        uuid="0" * 32,
        id="P-2022-001",
        territory="CCG",
        created_at="2022-04-12T10:00:00",
        updated_at="2022-04-12T10:00:00",
    )
    written = set(porteur.to_record())
    assert written <= set(schemas.load_schema("porteur")["properties"])
    assert set(schemas.load_schema("porteur").get("required", [])) <= written


def test_schemas_write_only_the_years_the_date_reader_reads() -> None:
    # core.dates.FIRST_YEAR–LAST_YEAR is the rule; the schemas' date patterns
    # begin with WRITABLE_YEARS, which must mean exactly those years.
    years = [y for y in range(1000, 10000) if re.match(schemas.WRITABLE_YEARS, f"{y}-")]
    assert years == list(range(FIRST_YEAR, LAST_YEAR + 1))
    entry_date = schemas.load_schema("entry")["properties"]["date"]["pattern"]
    steps = schemas.load_schema("porteur")["properties"]["steps"]["items"]
    assert entry_date.startswith(schemas.WRITABLE_YEARS)
    assert steps["properties"]["date"]["pattern"].startswith(schemas.WRITABLE_YEARS)


def test_a_stored_record_may_hold_any_year_a_written_one_may_not() -> None:
    entry = {**ENTRY.to_record(), "date": "1974-01-07"}
    assert not schemas.is_valid("entry", entry)
    assert schemas.stored_is_valid("entry", entry)
    assert schemas.stored_is_valid("entry", {**entry, "date": "2022-01-07"})
    assert not schemas.stored_is_valid("entry", {**entry, "date": "74-01-07"})
    assert schemas.explain("entry", entry) == ["date: « 1974-01-07 » n'a pas le format attendu"]
    assert schemas.explain("entry", entry, stored=True) == []
