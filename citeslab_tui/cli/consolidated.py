"""`citeslab report --db a.json --db b.json …`: each person's figures side by
side and the totals per territory and livrable, as French tables
(`present_consolidated`) or JSON. Thin over `services.bilan.gather`; the
figures of each column are those of that file's own `citeslab report`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from citeslab_tui.cli.common import console, print_json, today

if TYPE_CHECKING:
    from citeslab_tui.core.period import Period


def report_many(
    paths: Sequence[Path], period: Period, as_of: date, territory: str | None, as_json: bool
) -> None:
    from citeslab_tui.services.bilan import consolidated_json, gather

    result = gather(paths, period, as_of, territory=territory, today=today())
    if as_json:
        for failed, why in result.failures:
            click.echo(f"Non lu : {failed} ({why})", err=True)
        print_json(consolidated_json(result))
        return
    _render(result, period, as_of, console())


def _render(result: Any, period: Period, as_of: date, out: Any) -> None:
    from citeslab_tui.present_consolidated import consolidated_tables

    for part in consolidated_tables(result, period, as_of):
        out.print(part)
