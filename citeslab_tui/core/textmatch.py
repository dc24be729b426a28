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
    territory_choices: tuple[Choice, ...]  # code, name: for suggestions
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
        territory_choices=tuple(Choice.of(t.code, t.code, t.name) for t in config.territories),
        territory_names={t.code: t.name for t in config.territories},
        qpvs=tuple(qpvs),
        qpv_names={q.code: q.name for q in config.all_qpvs()},
        qpv_territory={q.code: t.code for t in config.territories for q in t.qpvs},
        type_examples=tuple(examples),
    )


# --------------------------------------------------------------------------- suggestions
#
# « comunication » should answer « vouliez-vous dire communication ? ». The
# candidates are a few dozen short names (types, territories, QPVs, partners,
# porteur ids), so an exact edit distance written here costs microseconds and no
# dependency. difflib was tried and rejected: its ratio counts shared blocks, not
# edits, and proposes « orientation » for « reunion » and « reporting » for
# « preparation » — wrong guesses are worse than none. rapidfuzz computes the
# same distance as below, only faster, which a list this size does not need.


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance (insertions, deletions, substitutions, and swaps of two
    neighbouring letters — the common typo), optimal string alignment.

    With `limit`, any answer above it is returned as `limit + 1` (early exit)."""
    if a == b:
        return 0
    cap = (limit if limit is not None else max(len(a), len(b))) + 1
    if abs(len(a) - len(b)) >= cap:
        return cap
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) >= cap:
            return cap
        previous2, previous = previous, current
    return min(previous[-1], cap)


def tolerance(typed: str) -> int:
    """How many edits a word of this length may be off and still be suggested:
    none below 3 letters, 1 up to 6, 2 up to 11, then 3."""
    n = len(typed)
    return 0 if n < 3 else 1 if n <= 6 else 2 if n <= 11 else 3


def _closeness(typed: str, spelling: Words) -> int:
    """Edits between `typed` (normalised words joined by spaces) and the spelling,
    its beginning (the grammar accepts prefixes: `comunic`; one edit only, or
    `reunion` would find `rencon…`), or one of its words (`genevois` → the CCG)."""
    limit = tolerance(typed)
    joined = " ".join(spelling)
    best = distance(typed, joined, limit)
    if len(typed) >= 5:
        for k in (len(typed) - 1, len(typed), len(typed) + 1):
            if 0 < k < len(joined) and distance(typed, joined[:k], 1) <= 1:
                best = min(best, 1)
    if " " not in typed and len(spelling) > 1:
        for word in spelling:
            best = min(best, distance(typed, word, limit))
    return best


def suggest(typed: str, choices: Sequence[Choice], limit: int = 3) -> list[str]:
    """The values of `choices` closest to `typed` (accents, case and punctuation
    ignored), at most `limit`, nearest first then in the configuration's order;
    `[]` when nothing is close enough to be a typo."""
    words = norm_words(typed)
    if not words:
        return []
    text = " ".join(words)
    allowed = tolerance(text)
    if len(text) < 3:  # too short to tell a typo (`un` is a word of a label)
        return []
    scored: list[tuple[int, int, str]] = []
    for order, choice in enumerate(choices):
        best = min((_closeness(text, s) for s in choice.spellings), default=allowed + 1)
        if best <= allowed:
            scored.append((best, order, choice.value))
    scored.sort()
    if not scored:
        return []
    nearest = scored[0][0]
    found = [value for d, _, value in scored if d == nearest]
    return list(dict.fromkeys(found))[:limit]


def did_you_mean(names: Sequence[str]) -> str:
    """`vouliez-vous dire a ?`, `vouliez-vous dire a ou b ?`; empty for no name."""
    if not names:
        return ""
    items = list(names)
    text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ou " + items[-1]
    return f"vouliez-vous dire {text} ?"


def pillar_types(typed: str, config: Config) -> tuple[str, list[str]] | None:
    """When a word typed as a type names a pillar instead (`preparation`,
    `animation`): the pillar's label and its types' keys."""
    index = config_index(config)
    words = norm_words(typed)
    found = match(words, index.pillars) or suggest(typed, index.pillars, limit=1)
    if len(found) != 1:
        return None
    keys = [t.key for t in config.action_types if t.pillar == found[0]]
    return index.pillar_labels[found[0]], keys


def unknown_porteurs(cited: Sequence[str], known: Sequence[str], create_hint: str) -> str | None:
    """Why the porteurs cited by a line cannot be recorded, or None: the first
    unknown id, the nearest known ones, and how to create it (`create_hint`: the
    TUI says F4, the CLI its command)."""
    known_set = set(known)
    for pid in cited:
        if pid in known_set:
            continue
        near = [p for p in known if distance(pid, p, 1) <= 1][:3]
        close = f"{did_you_mean(near)} sinon " if near else ""
        return f"porteur « {pid} » inconnu : {close}{create_hint}"
    return None
