"""The consolidated view as rich tables, for `citeslab report --db a --db b`
and for the read-only consolidated dashboard (`citeslab --db a --db b`): each
person's hours per territory and livrables side by side, then the totals
(`core.consolidate`). Figures are those of each file's report; presentation
follows `present` (hours `1 222,75`, shares with one decimal)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from citeslab_tui.present import count, num, pct

if TYPE_CHECKING:
    from rich.console import RenderableType

    from citeslab_tui.core.period import Period
    from citeslab_tui.services.bilan import Consolidated


def _hours(value: float | None) -> str:
    return "—" if value is None else num(value)


def consolidated_tables(result: Consolidated, period: Period, as_of: date) -> list[RenderableType]:
    # lazy: rich only when the tables are drawn (`--json` never loads it)
    from rich.table import Table
    from rich.text import Text

    people = result.people
    totals: dict[str, Any] = result.totals or {}
    out: list[RenderableType] = [
        Text(
            f"Consolidé — {len(people)} fichier(s), du {period.start:%d/%m/%Y} au "
            f"{period.end:%d/%m/%Y}, arrêté au {as_of:%d/%m/%Y}",
            style="bold",
        )
    ]
    for failed, why in result.failures:
        out.append(Text(f"Non lu : {failed.name} ({why})", style="bold red"))

    t = Table(
        title="Heures réalisées par territoire",
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    t.add_column("Territoire", no_wrap=True)
    for p in people:
        t.add_column(Text(p.label), justify="right", max_width=14, overflow="ellipsis")
    for head in ("Total", "Attendu", "Écart"):
        t.add_column(head, justify="right", no_wrap=True)
    for code, row in totals.get("territories", {}).items():
        cells = [_hours(p.report["territories"].get(code, {}).get("hours_logged")) for p in people]
        expected, gap = row.get("hours_expected_to_date"), row.get("gap_hours")
        t.add_row(code, *cells, _hours(row.get("hours_logged")), _hours(expected), _hours(gap))
    t.add_row(
        Text("Total", style="bold"),
        *[_hours(p.report["hours_logged"]) for p in people],
        _hours(totals.get("hours_logged")),
        "",
        "",
    )
    out += [Text(""), t]

    if totals.get("livrables"):
        lt = Table(
            title="Livrables (réalisé)",
            title_justify="left",
            box=None,
            header_style="bold",
            pad_edge=False,
        )
        lt.add_column("Livrable", ratio=1, overflow="fold", min_width=14)
        for p in people:
            lt.add_column(Text(p.label), justify="right", max_width=14, overflow="ellipsis")
        lt.add_column("Total", justify="right", no_wrap=True)
        lt.add_column("Objectif", justify="right", no_wrap=True)
        for key, row in totals["livrables"].items():
            share = row.get("kind") == "qpv_share"
            cells = []
            for p in people:
                mine = next((lv for lv in p.report["livrables"] if lv["key"] == key), None)
                if mine is None:
                    cells.append("—")
                else:
                    cells.append(share_parts(mine) if share else count(mine.get("actual")))
            if share:
                lt.add_row(Text(row["label"]), *cells, share_parts(row), "—")
            else:
                lt.add_row(
                    Text(row["label"]), *cells, count(row.get("actual")), count(row.get("target"))
                )
        out += [Text(""), lt]
    days = totals.get("days_to_check")
    if days:
        each = ", ".join(
            f"{p.label} {count((p.report.get('days_to_check') or {}).get('count'))}" for p in people
        )
        out += [Text(""), Text(f"Jours à vérifier (citeslab check) : {count(days)} ({each})")]
    q = totals.get("qpv_share")
    if q:
        out += [
            Text(""),
            Text(
                f"Part des porteurs accompagnés issus d'un QPV (tous fichiers) : "
                f"{pct(q['share'])} ({q['numerator']} sur {q['denominator']})"
            ),
        ]
    return out


def share_parts(row: Mapping[str, Any]) -> str:
    """`31 % (12/39)`: a share livrable with what it divides, when given."""
    n, d = row.get("numerator"), row.get("denominator")
    parts = f" ({n}/{d})" if isinstance(n, int | float) and isinstance(d, int | float) else ""
    return f"{pct(row.get('actual'), 0)}{parts}"
