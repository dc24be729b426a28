"""Accent- and case-insensitive matching of typed words against the keys and
labels of the configuration (action types, pillars, partners, QPVs).

At the end of the day nobody types « Comité technique » with its accent and
capital: « comite tech », « COMITÉ_TECH » and « com tech » must all find it. Both
sides are reduced to *words* (casefolded, accents stripped, every run of
punctuation or underscores a separator), then compared word by word: each typed
word must begin the word of the spelling at the same place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeslab_tui.core.model import Config

_SEPARATORS = re.compile(r"[\W_]+")

Words = tuple[str, ...]


@lru_cache(maxsize=4096)
def norm_words(text: str) -> Words:
    """`« Comité_Technique »` → `("comite", "technique")`; punctuation only → `()`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_SEPARATORS.sub(" ", bare).split())


def slug(text: str) -> str:
    """`« Saint Georges – Route de Thairy »` → `saint-georges-route-de-thairy`."""
    return "-".join(norm_words(text))


def is_prefix(words: Words, spelling: Words) -> bool:
    """Each typed word begins the spelling's word at the same place."""
    if not words or len(words) > len(spelling):
        return False
    return all(target.startswith(word) for word, target in zip(words, spelling, strict=False))


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the user may name: `value` is what a match returns; `spellings`
    are its normalised names, the most authoritative first (the key)."""

    value: str
    spellings: tuple[Words, ...]

    @classmethod
    def of(cls, value: str, *names: str) -> Choice:
        spellings = tuple(dict.fromkeys(w for w in map(norm_words, names) if w))
        return cls(value, spellings)


def match(words: Words, choices: Sequence[Choice]) -> list[str]:
    """The values `words` designates, in the configuration's order.

    An exact spelling wins over prefixes (`amorcage` is a type key, even though it
    also begins another type's label), a key over a label; otherwise every
    choice with a spelling that `words` begins. An empty list: nothing matches;
    several: the words are ambiguous.
    """
    if not words:
        return []
    for rank in (0, None):  # exact keys first, then any exact spelling
        for choice in choices:
            spellings = choice.spellings[:1] if rank == 0 else choice.spellings
            if words in spellings:
                return [choice.value]
    found = [c.value for c in choices if any(is_prefix(words, s) for s in c.spellings)]
    return list(dict.fromkeys(found))


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True, slots=True)
class ConfigIndex:
    """The configuration, prepared for matching what is typed (quick entry,
    autocompletion); built once per Config object by `config_index`."""

    types: tuple[Choice, ...]
    type_labels: dict[str, str]
    type_pillars: dict[str, str]
    max_type_words: int
    pillars: tuple[Choice, ...]
    pillar_labels: dict[str, str]
    partners: tuple[Choice, ...]
    partner_labels: dict[str, str]  # key → label
    territories: dict[str, str]  # casefolded code → code
    territory_names: dict[str, str]
    qpvs: tuple[Choice, ...]
    qpv_names: dict[str, str]
    qpv_territory: dict[str, str]
    type_examples: tuple[str, ...]


_INDEXES: dict[int, tuple[Config, ConfigIndex]] = {}


def config_index(config: Config) -> ConfigIndex:
    """The matching tables of `config`, built on first use (parse runs on every
    keypress: normalising every label each time would be wasted work)."""
    # Config holds dicts (conventions), so it is not hashable: cache by identity,
    # keeping the object alive so that its id cannot be reused.
    cached = _INDEXES.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    index = _build_index(config)
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(config)] = (config, index)
    return index


def _build_index(config: Config) -> ConfigIndex:
    types = tuple(Choice.of(t.key, t.key, t.label) for t in config.action_types)
    qpvs = []
    for q in config.all_qpvs():
        name = norm_words(q.name)
        suffixes = [name[i:] for i in range(len(name))]  # `#helvetia` finds its QPV too
        qpvs.append(Choice(q.code, (norm_words(q.code), *suffixes)))
    keys = [t.key for t in config.action_types]
    examples = [k for k in ("atelier", "entretien", "permanence") if k in keys] or keys[:3]
    return ConfigIndex(
        types=types,
        type_labels={t.key: t.label for t in config.action_types},
        type_pillars={t.key: t.pillar for t in config.action_types},
        max_type_words=max((len(s) for c in types for s in c.spellings), default=1),
        pillars=tuple(Choice.of(p.key, p.key, p.label) for p in config.pillars),
        pillar_labels={p.key: p.label for p in config.pillars},
        partners=tuple(Choice.of(p.key, p.key, p.label) for p in config.partners),
        partner_labels={p.key: p.label for p in config.partners},
        territories={t.code.casefold(): t.code for t in config.territories},
        territory_names={t.code: t.name for t in config.territories},
        qpvs=tuple(qpvs),
        qpv_names={q.code: q.name for q in config.all_qpvs()},
        qpv_territory={q.code: t.code for t in config.territories for q in t.qpvs},
        type_examples=tuple(examples),
    )
