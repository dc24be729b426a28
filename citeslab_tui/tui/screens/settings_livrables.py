"""F6 → Conventions: the fields of one livrable — what it measures (metric:
kind, action types, quartiers, hours a week, porteurs' step), whether it is a
comité and how often (governance, cadence), its target per year — and the
buttons that add or remove livrables. Values are checked like every F6 field
(config.config_problems: the schema's message at the field)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from citeslab_tui.tui.widgets.config_field import ConfigField
from citeslab_tui.tui.widgets.row_button import RowButton

METRICS = [
    ("occurrences d'un type (ateliers, comités…)", "count_entries"),
    ("personnes touchées (somme)", "sum_persons"),
    ("semaines de présence (quartiers)", "distinct_weeks"),
    ("porteurs arrivés à une étape", "porteurs_step"),
    ("part des porteurs issus d'un QPV", "qpv_share"),
]
STEP_LABELS = [
    ("accueilli", "accueilli"),
    ("amorçage", "amorcage"),
    ("orienté", "oriente"),
    ("création", "creation"),
    ("sortie", "sortie"),
]
YES_NO = [("oui : comité, avec sa cadence", True), ("non", False)]
# Fields whose change shows or hides other fields.
SHAPING = ("kind", "governance")


def livrable_fields(
    i: int, lv: dict[str, Any], li: int, years: list[str], new: bool
) -> Iterator[Widget]:
    """The fields of livrable `li` of convention `i` (`new`: its key may still
    be chosen, nothing refers to it yet)."""
    where: tuple[str | int, ...] = ("conventions", i, "livrables", li)
    metric = lv.get("metric", {}) if isinstance(lv.get("metric"), dict) else {}
    kind = metric.get("kind")
    yield Static(Text(f"  {lv.get('label', '')}"), classes="subsection")
    yield ConfigField("   libellé", (*where, "label"), lv.get("label"))
    if new:
        yield ConfigField(
            "   clé", (*where, "key"), lv.get("key"), placeholder="minuscules, chiffres, _"
        )
    yield ConfigField("   mesure", (*where, "metric", "kind"), kind, kind="select", options=METRICS)
    if kind in ("count_entries", "sum_persons", "distinct_weeks"):
        yield ConfigField(
            "   types comptés",
            (*where, "metric", "types"),
            ", ".join(metric.get("types", [])),
            kind="list",
            placeholder="clés des types : atelier, permanence",
        )
    if kind == "distinct_weeks":
        yield ConfigField(
            "   quartiers",
            (*where, "metric", "qpvs"),
            ", ".join(metric.get("qpvs", [])),
            kind="list",
            placeholder="codes QPV (vide : tous)",
        )
        yield ConfigField(
            "   heures / semaine",
            (*where, "metric", "min_hours"),
            metric.get("min_hours"),
            kind="number",
            placeholder="vide : une journée (day_hours)",
        )
    if kind == "porteurs_step":
        yield ConfigField(
            "   étape",
            (*where, "metric", "step"),
            metric.get("step"),
            kind="select",
            options=STEP_LABELS,
        )
    governance = bool(lv.get("governance"))
    yield ConfigField(
        "   comité ?", (*where, "governance"), governance, kind="select", options=YES_NO
    )
    if governance:
        yield ConfigField(
            "   tous les (mois)",
            (*where, "cadence_months"),
            lv.get("cadence_months"),
            kind="number",
            placeholder="6 : deux fois par an",
        )
        yield ConfigField(
            "   cadence (texte)",
            (*where, "cadence"),
            lv.get("cadence"),
            kind="optional",
            placeholder="« 3 par an », « semestriel »",
        )
    for year in years:
        yield ConfigField(
            f"   objectif {year}",
            (*where, "targets", year),
            (lv.get("targets") or {}).get(year),
            kind="number",
        )
    yield Horizontal(
        RowButton("− ce livrable", "drop-livrable", i, li),
        classes="row-buttons",
    )


def new_livrable(convention: dict[str, Any], first_type: str | None) -> dict[str, Any]:
    """A livrable to fill in: counts occurrences of the first action type."""
    keys = {lv.get("key") for lv in convention.get("livrables", [])}
    n = len(keys) + 1
    while f"livrable_{n}" in keys:
        n += 1
    metric: dict[str, Any] = {"kind": "count_entries"}
    if first_type:
        metric["types"] = [first_type]
    return {"key": f"livrable_{n}", "label": "Nouveau livrable", "metric": metric, "targets": {}}
