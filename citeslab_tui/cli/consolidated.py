"""`citeslab report --db a.json --db b.json …`: each person's figures side by
side and the totals per territory and livrable, as French tables or JSON.
Thin over `services.bilan.gather`; the figures of each column are those of
that file's own `citeslab report`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from citeslab_tui.cli.common import console, print_json

if TYPE_CHECKING:
    from citeslab_tui.core.period import Period


def _num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def _count(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else _num(value, 2)


def report_many(
    paths: Sequence[Path], period: Period, as_of: date, territory: str | None, as_json: bool
) -> None:
    from citeslab_tui.services.bilan import consolidated_json, gather

    result = gather(paths, period, as_of, territory=territory)
    if as_json:
        for failed, why in result.failures:
            click.echo(f"Non lu : {failed} ({why})", err=True)
        print_json(consolidated_json(result))
        return
    _render(result, period, as_of, console())


def _render(result: Any, period: Period, as_of: date, out: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    people = result.people
    totals = result.totals
    out.print(
        Text(
            f"Consolidé — {len(people)} fichier(s), du {period.start:%d/%m/%Y} au "
            f"{period.end:%d/%m/%Y}, arrêté au {as_of:%d/%m/%Y}",
            style="bold",
        )
    )
    for failed, why in result.failures:
        out.print(Text(f"Non lu : {failed.name} ({why})", style="bold red"))

    t = Table(title="Heures réalisées par territoire", title_justify="left", box=None,
              header_style="bold", pad_edge=False)  # fmt: skip
    t.add_column("Territoire", no_wrap=True)
    for p in people:
        t.add_column(Text(p.label), justify="right", max_width=14, overflow="ellipsis")
    for head in ("Total", "Attendu", "Écart"):
        t.add_column(head, justify="right", no_wrap=True)
    for code, row in totals["territories"].items():
        cells = [_num(p.report["territories"].get(code, {}).get("hours_logged")) for p in people]
        t.add_row(code, *cells, _num(row.get("hours_logged")),
                  _num(row.get("hours_expected_to_date")), _num(row.get("gap_hours")))  # fmt: skip
    t.add_row(Text("Total", style="bold"), *[_num(p.report["hours_logged"]) for p in people],
              _num(totals["hours_logged"]), "", "")  # fmt: skip
    out.print()
    out.print(t)

    if totals["livrables"]:
        lt = Table(title="Livrables (réalisé)", title_justify="left", box=None,
                   header_style="bold", pad_edge=False)  # fmt: skip
        lt.add_column("Livrable", ratio=1, overflow="fold", min_width=14)
        for p in people:
            lt.add_column(Text(p.label), justify="right", max_width=14, overflow="ellipsis")
        lt.add_column("Total", justify="right", no_wrap=True)
        lt.add_column("Objectif", justify="right", no_wrap=True)
        for key, row in totals["livrables"].items():
            cells = []
            for p in people:
                mine = next((lv for lv in p.report["livrables"] if lv["key"] == key), None)
                if mine is None:
                    cells.append("—")
                elif row.get("kind") == "qpv_share":
                    share = mine.get("actual")
                    cells.append("—" if share is None else f"{_num(share * 100, 0)} %")
                else:
                    cells.append(_count(mine.get("actual")))
            if row.get("kind") == "qpv_share":
                share = row.get("actual")
                total = "—" if share is None else f"{_num(share * 100, 0)} %"
                lt.add_row(Text(row["label"]), *cells, total, "—")
            else:
                lt.add_row(Text(row["label"]), *cells, _count(row.get("actual")),
                           _count(row.get("target")))  # fmt: skip
        out.print()
        out.print(lt)
    q = totals["qpv_share"]
    share = "—" if q["share"] is None else f"{_num(q['share'] * 100, 1)} %"
    out.print()
    out.print(
        f"Part des porteurs accompagnés issus d'un QPV (tous fichiers) : {share} "
        f"({q['numerator']} sur {q['denominator']})",
        markup=False,
    )
