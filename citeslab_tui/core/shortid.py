"""Short entry ids for people: the shortest prefix of each id that no other id
shares, at least 4 characters (`citeslab list` shows them, `edit` and `delete`
take them). Ids are uuid4 hex: 4 characters tell apart a few hundred entries,
and each extra one multiplies that by 16."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

MINIMUM = 4


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def short_ids(
    ids: Iterable[str], among: Iterable[str] | None = None, minimum: int = MINIMUM
) -> dict[str, str]:
    """id → its shortest prefix (≥ `minimum`) that no other id of `among`
    (default: `ids` themselves) shares. Only ids sharing the first `minimum`
    characters of a wanted id can lengthen its prefix: those are sorted, and
    each wanted id is placed among them by bisection and compared with its two
    neighbours only — shortening the few ids a list shows costs little even
    among 20 000."""
    wanted = set(ids)
    if among is None:
        ordered = sorted(wanted)
    else:
        heads = {i[:minimum] for i in wanted}
        ordered = sorted(wanted.union([i for i in among if i[:minimum] in heads]))
    out: dict[str, str] = {}
    for item in wanted:
        n = bisect_left(ordered, item)  # ordered[n] is item: it was added above
        shared = _common(item, ordered[n - 1]) if n else 0
        if n + 1 < len(ordered):
            shared = max(shared, _common(item, ordered[n + 1]))
        out[item] = item[: max(minimum, shared + 1)]
    return out
