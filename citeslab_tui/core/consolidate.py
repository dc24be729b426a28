"""Totals over several people's reports: the manager's consolidated view.

Works on the `citeslab report --json` documents (`indicators.report_to_json`),
never on entries: each person's figures are those of their own report, and the
totals are plain sums of them, so a reader can add the columns by hand.

- Territories: hours logged, expected over the period and expected to date are
  summed per territory code; the gap is logged − expected to date.
- Livrables: per key, `actual` and `target` are summed for count livrables;
  for shares (`qpv_share`) the numerators and denominators are summed and the
  share is their quotient (a mean of shares would weigh a person with 2
  porteurs like one with 200).
- Hours logged in total, and per pillar; the days to check, counted.
"""

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["consolidate", "qpv_parts"]


def _add(into: dict[str, Any], key: str, value: Any) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        into[key] = round(into.get(key, 0) + value, 2)


def _share_parts(lv: Mapping[str, Any]) -> tuple[int, int] | None:
    """(numerator, denominator) of a share livrable, when the report gives them."""
    num, den = lv.get("numerator"), lv.get("denominator")
    if isinstance(num, int) and isinstance(den, int):
        return num, den
    return None


def qpv_parts(share: Mapping[str, Any]) -> tuple[int, int]:
    """(porteurs from a QPV, porteurs counted) of a report's `qpv_share`, in
    either layout (`numerator`/`denominator`, or `qpv_residents`/`accompanied`)."""
    num = share.get("numerator", share.get("qpv_residents", 0))
    den = share.get("denominator", share.get("accompanied", 0))
    return (num if isinstance(num, int) else 0), (den if isinstance(den, int) else 0)


def consolidate(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Totals per territory, per pillar and per livrable over `reports`."""
    territories: dict[str, dict[str, Any]] = {}
    pillars: dict[str, dict[str, Any]] = {}
    livrables: dict[str, dict[str, Any]] = {}
    hours_logged = 0.0
    days_to_check = 0
    qpv: dict[str, Any] = {"numerator": 0, "denominator": 0}
    for rep in reports:
        hours_logged += rep.get("hours_logged", 0.0)
        days = rep.get("days_to_check")
        if isinstance(days, Mapping) and isinstance(days.get("count"), int):
            days_to_check += days["count"]
        num, den = qpv_parts(rep.get("qpv_share") or {})
        qpv["numerator"] += num
        qpv["denominator"] += den
        for code, t in rep.get("territories", {}).items():
            row = territories.setdefault(code, {"name": t.get("name", code), "people": 0})
            row["people"] += 1
            for key in ("hours_logged", "hours_expected_year", "hours_expected_to_date"):
                _add(row, key, t.get(key))
        for key, p in rep.get("pillars", {}).items():
            prow = pillars.setdefault(key, {"label": p.get("label", key), "hours": 0.0})
            _add(prow, "hours", p.get("hours"))
        for lv in rep.get("livrables", []):
            key = lv["key"]
            lrow = livrables.setdefault(
                key,
                {"label": lv.get("label", key), "kind": lv.get("kind"), "people": 0},
            )
            lrow["people"] += 1
            parts = _share_parts(lv)
            if lv.get("kind") == "qpv_share":
                if parts is not None:
                    _add(lrow, "numerator", parts[0])
                    _add(lrow, "denominator", parts[1])
                continue
            for field in ("actual", "target"):
                _add(lrow, field, lv.get(field))
    for row in territories.values():
        row["gap_hours"] = round(
            row.get("hours_logged", 0.0) - row.get("hours_expected_to_date", 0.0), 2
        )
    total_pillars = sum(p["hours"] for p in pillars.values())
    for prow in pillars.values():
        prow["share"] = round(prow["hours"] / total_pillars, 4) if total_pillars else None
    for lrow in livrables.values():
        if lrow.get("kind") == "qpv_share":
            n, d = lrow.get("numerator"), lrow.get("denominator")
            lrow["actual"] = round(n / d, 4) if n is not None and d else None
    return {
        "people": len(reports),
        "hours_logged": round(hours_logged, 2),
        "days_to_check": days_to_check,
        "territories": territories,
        "pillars": pillars,
        "livrables": livrables,
        "qpv_share": qpv
        | {
            "share": round(qpv["numerator"] / qpv["denominator"], 4) if qpv["denominator"] else None
        },
    }
