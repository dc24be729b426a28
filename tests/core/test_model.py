"""Records survive the trip to the data file and back, field by field: the
readers build them positionally for speed, so a field read into the wrong slot
must fail here."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeslab_tui import schemas
from citeslab_tui.core.dates import FIRST_YEAR, LAST_YEAR
from citeslab_tui.core.model import (
    CATEGORIES,
    PROFILES,
    SORTIE_REASONS,
    Entry,
    PathStep,
    Porteur,
)

LIMITS = settings(max_examples=200, deadline=None)

hex_ids = st.text("0123456789abcdef", min_size=32, max_size=32)
days = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))  # the years written
any_days = st.dates(date(1970, 1, 1), date(2099, 12, 31))
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
stamps = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat())
codes = st.sampled_from(["AA", "CCG", "MED"])
porteur_ids = st.from_regex(r"P-20[0-9]{2}-[0-9]{3}", fullmatch=True)
minutes_of_day = st.integers(0, 23 * 60 + 59).map(lambda m: time(m // 60, m % 60))
day_ends = st.one_of(minutes_of_day, st.just(time(23, 59, 59, 999999)))  # 24:00


entries = st.builds(
    Entry,
    id=hex_ids,
    date=days,
    minutes=st.integers(1, 24 * 60),
    type=st.sampled_from(["atelier", "permanence", "rdv_individuel"]),
    pillar=st.sampled_from(["animation", "prospection", "preparation"]),
    territory=codes,
    start=st.none() | minutes_of_day,
    end=st.none() | day_ends,
    qpv=st.none() | st.from_regex(r"QN074[0-9]{2}M", fullmatch=True),
    persons=st.integers(0, 500),
    porteurs=st.lists(porteur_ids, max_size=3, unique=True).map(tuple),
    partner=st.none() | words.filter(bool),
    note=words,
    created_at=stamps,
    updated_at=stamps,
)

steps = st.builds(
    PathStep,
    step=st.sampled_from(["accueilli", "amorcage", "oriente", "creation", "sortie"]),
    date=days,
    partner=st.none() | words.filter(bool),
    reason=st.none() | st.sampled_from(["desamorce", "emploi"]),
)

porteurs = st.builds(
    Porteur,
    uuid=hex_ids,
    id=porteur_ids,
    territory=codes,
    qpv_resident=st.booleans(),
    qpv=st.none() | st.from_regex(r"QN074[0-9]{2}M", fullmatch=True),
    name=st.none() | words,
    contact=st.none() | words,
    profile=st.none() | st.sampled_from(["intentionniste", "en_activite"]),
    categories=st.lists(st.sampled_from(["femme", "dld"]), unique=True).map(tuple),
    rqth=st.booleans(),
    rqth_consent_date=st.none() | any_days,
    steps=st.lists(steps, max_size=4).map(tuple),
    notes=words,
    forgotten_at=st.none() | stamps,
    created_at=stamps,
    updated_at=stamps,
).map(lambda p: p.with_changes(rqth=p.rqth and p.rqth_consent_date is not None))


@LIMITS
@given(entries)
def test_an_entry_reads_back_as_written(entry: Entry) -> None:
    record = entry.to_record()
    assert schemas.is_valid("entry", record), schemas.explain("entry", record)
    assert Entry.from_record(record) == entry


@LIMITS
@given(porteurs)
def test_a_porteur_reads_back_as_written(porteur: Porteur) -> None:
    record = porteur.to_record()
    assert schemas.is_valid("porteur", record), schemas.explain("porteur", record)
    assert Porteur.from_record(record) == porteur


def test_every_field_lands_in_its_own_slot() -> None:
    """Distinct values in every field, so a swap of two same-typed fields shows."""
    entry = Entry(
        id="1" * 32,
        date=date(2022, 3, 4),
        minutes=90,
        type="atelier",
        pillar="animation",
        territory="CCG",
        start=time(9, 0),
        end=time(10, 30),
        qpv="QN07401M",
        persons=7,
        porteurs=("P-2022-001",),
        partner="ADIE",
        note="n",
        created_at="2022-03-04T18:00:00",
        updated_at="2022-03-05T09:00:00",
    )
    record = entry.to_record()
    assert schemas.is_valid("entry", record), schemas.explain("entry", record)
    back = Entry.from_record(record)
    assert back._asdict() == entry._asdict()


def test_every_porteur_field_lands_in_its_own_slot() -> None:
    """Porteur.from_record is positional too: distinct values everywhere."""
    porteur = Porteur(
        uuid="2" * 32,
        id="P-2022-014",
        territory="CCG",
        qpv_resident=True,
        qpv="QN07405M",
        name="Nom",
        contact="06",
        profile=next(iter(PROFILES)),
        categories=(next(iter(CATEGORIES)),),
        rqth=True,
        rqth_consent_date=date(2022, 3, 1),
        steps=(PathStep("sortie", date(2022, 3, 2), "ADIE", next(iter(SORTIE_REASONS))),),
        notes="n",
        forgotten_at="2023-01-01T00:00:00",
        created_at="2022-03-02T18:00:00",
        updated_at="2022-03-03T09:00:00",
        project_qpv=True,
    )
    record = porteur.to_record()
    assert schemas.is_valid("porteur", record), schemas.explain("porteur", record)
    assert Porteur.from_record(record)._asdict() == porteur._asdict()


@given(entries)
def test_entries_are_immutable_and_change_by_copy(entry: Entry) -> None:
    with pytest.raises(AttributeError):
        entry.minutes = 1  # type: ignore[misc]
    later = entry.with_changes(minutes=entry.minutes + 1)
    assert later.minutes == entry.minutes + 1
    assert later.with_changes(minutes=entry.minutes) == entry
    with pytest.raises(ValueError):
        entry.with_changes(no_such_field=1)
