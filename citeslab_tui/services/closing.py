"""Month closing and the check of a signed timesheet.

`close_month` / `reopen_month` record the month's state in the data file (the
rule itself — a closed month refuses every change to its entries — lives in
core.closing and is applied by the store on each entry write). `verify_file`
reads the fingerprint a timesheet XLSX carries and says whether today's data
still gives the same figures, naming the days that changed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from citeslab_tui.core.closing import closing_record, month_label, read_month
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.fingerprint import changed_days, days_from_months, fingerprint
from citeslab_tui.core.model import timestamp
from citeslab_tui.core.period import Period
from citeslab_tui.store import Store

PREFIX = "citeslab-"  # export.xlsx.PROPERTY_PREFIX (not imported: xlsxwriter stays unloaded)


def close_month(store: Store, month: str) -> dict[str, Any]:
    """Close `month` (`2022-03`): its entries can no longer change."""
    key = read_month(month)
    at = timestamp(store.now())
    return dict(store.set_closure(key, lambda prev: closing_record(prev, key, at, close=True)))


def reopen_month(store: Store, month: str, reason: str) -> dict[str, Any]:
    """Reopen a closed month; the reason is kept with the date."""
    key = read_month(month)
    at = timestamp(store.now())
    return dict(
        store.set_closure(
            key, lambda prev: closing_record(prev, key, at, close=False, reason=reason)
        )
    )


def describe(record: dict[str, Any]) -> str:
    """`mars 2022 : clos le 05/04/2022 10:12` (+ the reopenings and their reasons)."""
    state = "clos" if record["closed"] else "rouvert"
    parts = [f"{month_label(record['month'])} : {state}"]
    for ev in record["events"]:
        when = ev["at"][:16].replace("T", " ")
        day = f"{when[8:10]}/{when[5:7]}/{when[:4]}{when[10:]}"
        if ev["action"] == "close":
            parts.append(f"  clos le {day}")
        else:
            parts.append(f"  rouvert le {day} : {ev.get('reason', '')}")
    return "\n".join(parts)


# ---------------------------------------------------------------------- verify


@dataclass(frozen=True, slots=True)
class Verdict:
    period: Period
    territory: str | None
    recorded: str  # the fingerprint printed on the timesheet
    current: str  # the fingerprint of today's data
    changed: list[date]

    @property
    def conforme(self) -> bool:
        return self.recorded == self.current and not self.changed


def read_properties(path: Path) -> dict[str, str]:
    """The custom document properties of an XLSX file (name → text)."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("docProps/custom.xml")
    except FileNotFoundError:
        raise CitesLabError(f"{path} : fichier introuvable") from None
    except KeyError:
        return {}
    except (OSError, zipfile.BadZipFile):
        raise CitesLabError(f"{path} : ce n'est pas un fichier XLSX lisible") from None
    props: dict[str, str] = {}
    for node in ElementTree.fromstring(data):
        name = node.get("name")
        if name is not None and len(node):
            props[name] = node[0].text or ""
    return props


def verify_file(path: Path, store: Store) -> Verdict:
    """Compare the fingerprint recorded in a timesheet XLSX with today's data."""
    props = read_properties(path)
    recorded = props.get(f"{PREFIX}empreinte")
    span = props.get(f"{PREFIX}periode", "")
    if not recorded or "/" not in span:
        raise CitesLabError(
            f"{path} ne porte pas d'empreinte citeslab (feuille de temps exportée "
            "par une version plus ancienne, ou autre fichier)"
        )
    start, end = span.split("/", 1)
    period = Period(date.fromisoformat(start), date.fromisoformat(end))
    territory = props.get(f"{PREFIX}territoire") or None
    months = {
        name.removeprefix(f"{PREFIX}jours-"): value
        for name, value in props.items()
        if name.startswith(f"{PREFIX}jours-")
    }
    now = fingerprint(store.entries(period.start, period.end), period, territory)
    days = days_from_months(period, months)
    changed = changed_days(days, now.days) if days is not None else []
    return Verdict(period, territory, recorded, now.shown, changed)
