"""Short entry ids for people: the shortest prefix of each id that no other id
shares, at least 4 characters (`citeslab list` shows them, `edit` and `delete`
take them). Ids are uuid4 hex: 4 characters tell apart a few hundred entries,
and each extra one multiplies that by 16."""

from __future__ import annotations

from collections.abc import Iterable

MINIMUM = 4


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def short_ids(ids: Iterable[str], minimum: int = MINIMUM) -> dict[str, str]:
    """id → its shortest unique prefix (≥ `minimum`); sorted once, each id
    compared with its two neighbours only."""
    ordered = sorted(set(ids))
    out: dict[str, str] = {}
    for n, item in enumerate(ordered):
        shared = 0
        if n:
            shared = _common(item, ordered[n - 1])
        if n + 1 < len(ordered):
            shared = max(shared, _common(item, ordered[n + 1]))
        out[item] = item[: max(minimum, shared + 1)]
    return out
