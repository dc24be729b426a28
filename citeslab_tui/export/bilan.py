"""The bilan: one self-contained HTML file a manager or a funder reads (and
prints on A4 portrait), built from the figures of `citeslab report --json`.

Nothing here computes a figure: every number shown is a value of a report
document (`core.indicators.report_to_json`), of the month reports of the same
period, or of `core.consolidate.consolidate` over several reports. Sections are
drawn when their keys exist in the report, so new figures of the report (money,
publics, path…) appear as soon as the report gives them.

Templates are Jinja2 (package data in `export/templates/`), charts are drawn by
pygal as inline SVG (no script, no external style sheet or font: the file opens
offline). The points d'attention compare report figures with fixed thresholds
(`ATTENTION_POINTS`) and say which figures they compare.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.etree import ElementTree

from citeslab_tui.core.indicators import OUTSIDE_QPV, PARTNER_UNSPECIFIED, QPV_UNSPECIFIED
from citeslab_tui.core.model import CATEGORIES, PROFILES, SORTIE_REASONS, STAGE_LABELS
from citeslab_tui.core.numbers import count, decimal_hours, euros, number, percent, signed
from citeslab_tui.core.period import Period as P
from citeslab_tui.core.plausibility import REASON_LABELS, day_label

if TYPE_CHECKING:
    from markupsafe import Markup

    from citeslab_tui.core.model import Config
    from citeslab_tui.core.period import Period

__all__ = [
    "ATTENTION_POINTS",
    "Failure",
    "Source",
    "attention_points",
    "header",
    "labels",
    "render_bilan",
]

# Thresholds of the points d'attention, in points of percentage.
ATTENTION_POINTS = 10.0
LATE = "en retard"
BPI_SHARE_MAX = 0.30

MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)

# French labels of the report's field names, for the sections drawn generically
# (money, publics, path… as the report gives them).
FIELD_LABELS: dict[str, str] = {
    "cost": "Coût",
    "bpi_subsidy": "Subvention Bpifrance",
    "subsidy": "Subvention Bpifrance",
    "net": "Net",
    "hourly_cost": "Coût horaire",
    "hours_expected": "Heures allouées",
    "expected_hours": "Heures allouées",
    "value_share": "Valeur des heures ÷ coût",
    "hours_logged": "Heures réalisées",
    "value_logged": "Valeur des heures réalisées",
    "bpi_share": "Part Bpifrance",
    "year": "Année",
    "convention": "Convention",
    "territory": "Territoire",
    "numerator": "Issus d'un QPV",
    "denominator": "Porteurs accompagnés",
    "share": "Part",
    "target": "Objectif",
    "actual": "Réalisé",
    "status": "Statut",
    "label": "Libellé",
    "count": "Nombre",
    "held": "Tenus",
    "hours": "Heures",
    "from": "Du",
    "to": "Au",
    "target_rule": "Règle de l'objectif",
    "cadence": "Cadence",
    "cadence_months": "Cadence (mois)",
    "next_due": "Prochain attendu",
    "overdue": "En retard",
    "counted": "Porteurs accompagnés",
    "from_qpv": "Issus d'un QPV",
    "rqth": "RQTH (agrégé)",
    "rqth_rule": "Règle de publication RQTH",
    "by_category": "Publics",
    "by_profile": "Profil (triple cible)",
    "by_stage": "Au stade",
    "reached": "Étape atteinte",
    "creations": "Créations",
}
SHARE_FIELDS = frozenset({"share", "bpi_share", "target_share"})


class Source(NamedTuple):
    """One person's figures: the report of the period and those of its months."""

    label: str  # the person (or the file name when the configuration names nobody)
    file: str  # the data file's name, without its folder
    header: Mapping[str, Any]  # name, structure, person, conventions, funders
    report: Mapping[str, Any]  # `report --json` of the period
    months: Sequence[
        tuple[date, Mapping[str, Any]]
    ]  # (first day, its hours as `report --json` gives them)
    labels: Mapping[str, Mapping[str, str]]  # key → French label, per kind


class Failure(NamedTuple):
    file: str
    message: str


# --------------------------------------------------------------------------- context


def funders(config: Config) -> list[str]:
    """Who supports the action, named on every document: the configuration's
    `funders` (by default Bpifrance and the collectivités of its territories)."""
    return list(config.funder_names())


def header(config: Config, period: Period) -> dict[str, Any]:
    """Who and what the bilan is about: the structure, the person, the
    conventions overlapping the period and the funders (`funders`)."""
    conventions = [
        {
            "label": c.label,
            "from": c.start.isoformat(),
            "to": c.end.isoformat(),
            "parties": list(c.parties),
        }
        for c in config.conventions
        if period.clamp(P(c.start, c.end)) is not None
    ]
    names = funders(config)
    return {
        "name": config.name,
        "structure": config.structure,
        "person": config.person,
        "conventions": conventions,
        "funders": names,
    }


def labels(config: Config) -> dict[str, dict[str, str]]:
    """French labels of the keys the report uses, per kind (and all merged)."""
    kinds = {
        "stages": dict(STAGE_LABELS),
        "categories": dict(CATEGORIES),
        "profiles": dict(PROFILES) | {"non_precise": "Non précisé"},
        "sorties": dict(SORTIE_REASONS),
        "partners": {p.key: p.label for p in config.partners}
        | {PARTNER_UNSPECIFIED: "Non précisé"},
        "qpvs": {q.code: f"{q.code} {q.name}" for q in config.all_qpvs()}
        | {OUTSIDE_QPV: "Hors QPV", QPV_UNSPECIFIED: "QPV non précisé"},
        "territories": {t.code: t.name for t in config.territories},
        "types": {t.key: t.label for t in config.action_types},
        "pillars": {p.key: p.label for p in config.pillars},
        "conventions": {c.key: c.label for c in config.conventions},
    }
    # Action types first: a step (`amorcage`) reads as a step, not as the type.
    order = ["types", *(k for k in kinds if k != "types")]
    merged: dict[str, str] = dict(FIELD_LABELS)
    for kind in order:
        merged.update(kinds[kind])
    kinds["all"] = merged
    return kinds


# --------------------------------------------------------------------------- numbers


def fr_date(text: str | None) -> str:
    if not text:
        return "—"
    return date.fromisoformat(text).strftime("%d/%m/%Y")


def fr_value(key: str, value: Any) -> str:
    """A value of a generically drawn section, by the name of its field."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        if key in SHARE_FIELDS:
            return percent(value)
        if key.startswith("hours"):
            return decimal_hours(value)
        return count(value)
    return str(value)


# How a figure is shown, by the name the template gives (`data-format`): a test
# reads every `data-figure` of the bilan back through these.
FORMATS: dict[str, Callable[..., str]] = {
    "hours": decimal_hours,
    "pct": percent,
    "pct0": lambda v: percent(v, 0),
    "count": count,
    "num": number,
    "signed": signed,
    "signed_h": lambda v: signed(v, 2) + ("" if v is None else " h"),
    "eur": lambda v: euros(v, 2),
    "value": fr_value,
}


# The money lines of the bilan, in order, with how each is written.
MONEY_FIELDS = (
    ("cost", "eur"),
    ("bpi_subsidy", "eur"),
    ("net", "eur"),
    ("expected_hours", "hours"),
    ("hourly_cost", "eur"),
    ("hours_logged", "hours"),
    ("value_logged", "eur"),
    ("value_share", "pct"),
    ("bpi_share", "pct"),
)


# --------------------------------------------------------------------------- points d'attention


def attention_points(report: Mapping[str, Any]) -> list[str]:
    """The short list a manager reads first, each point citing the report's
    figures it compares:
    - a territory whose share of the logged time is more than 10 points below
      its allocated share (when the report gives shares), or whose logged hours
      are more than 10 % below those expected to date;
    - a livrable whose status is « en retard »;
    - a pillar drifting more than 10 points from the indicative split;
    - the QPV share below its target, Bpifrance's share above 30 % of the cost,
      the report's own money warnings, a comité overdue;
    - the days to check, when the report lists them."""
    points: list[str] = []
    limit = ATTENTION_POINTS
    for code, t in report.get("territories", {}).items():
        share, target = t.get("share"), t.get("target_share")
        if isinstance(share, int | float) and isinstance(target, int | float):
            if (target - share) * 100 > limit:
                points.append(
                    f"{code} : {percent(share, 0)} du temps réalisé pour une part allouée "
                    f"de {percent(target, 0)} ({number((share - target) * 100, 1)} points)."
                )
            continue
        logged, expected = t.get("hours_logged", 0.0), t.get("hours_expected_to_date", 0.0)
        if expected and (expected - logged) > expected * limit / 100:
            points.append(
                f"{code} : {decimal_hours(logged)} réalisées pour "
                f"{decimal_hours(expected)} attendues à date ({signed(t.get('gap_hours'), 2)} h)."
            )
    for lv in report.get("livrables", []):
        if lv.get("status") == LATE:
            points.append(
                f"Livrable en retard : {lv.get('label')} — {count(lv.get('actual'))} "
                f"réalisé(s) pour {count(lv.get('expected_to_date'))} attendu(s) à date "
                f"(objectif {count(lv.get('target'))})."
            )
    for key, p in report.get("pillars", {}).items():
        drift = p.get("drift_points")
        if isinstance(drift, int | float) and abs(drift) > limit:
            points.append(
                f"Pilier {p.get('label', key)} : {percent(p.get('share'), 0)} du temps pour "
                f"{percent(p.get('target_share'), 0)} indicatifs "
                f"({signed(drift)} points)."
            )
    q = report.get("qpv_share") or {}
    share = q.get("share", q.get("actual"))
    target = q.get("target")
    if isinstance(share, int | float) and isinstance(target, int | float) and share < target:
        points.append(
            f"Part des porteurs issus d'un QPV : {percent(share, 0)} pour un objectif "
            f"de {percent(target, 0)}."
        )
    for row in _rows(report.get("money")):
        bpi = row.get("bpi_share")
        if isinstance(bpi, int | float) and bpi > BPI_SHARE_MAX:
            points.append(
                f"Part Bpifrance de {percent(bpi)} au-delà des 30 % du budget "
                f"({row.get('convention', '')} {row.get('year', '')})."
            )
    for row in _rows(report.get("money")):
        for warning in row.get("warnings") or []:
            points.append(f"Financement : {warning}")
    for g in report.get("governance") or []:
        if isinstance(g, Mapping) and g.get("overdue"):
            points.append(
                f"{g.get('label')} : {count(g.get('held'))} tenu(s), le prochain était "
                f"attendu le {fr_date(g.get('next_due'))}."
            )
    days = report.get("days_to_check") or {}
    if isinstance(days, Mapping) and days.get("count"):
        counts: dict[str, int] = {}
        for d in days.get("days", []):
            for code in d.get("reasons", []):
                counts[code] = counts.get(code, 0) + 1
        detail = " ; ".join(f"{reason_label(c)} : {count(n)}" for c, n in counts.items())
        points.append(
            f"{count(days['count'])} jour(s) à vérifier ({detail}) : "
            "les premiers sous la synthèse, tous dans « citeslab check »."
        )
    return points


# How many days to check the bilan lists (the count gives them all): few
# enough that the first page still holds them under the points d'attention.
DAYS_LISTED = 6


def reason_label(code: str) -> str:
    """`journée chargée`: the short name of a plausibility code."""
    return REASON_LABELS.get(code, code)


def weekday_date(text: str) -> str:
    """`samedi 16/04/2022`."""
    return day_label(date.fromisoformat(text))


def _rows(value: Any, path: str = "") -> list[dict[str, Any]]:
    """The records of a generically drawn section: a list of dicts, or a dict of
    dicts (its keys kept under `key`), possibly nested one level (key → year).
    Each record keeps under `_path` where it is in the report."""
    if isinstance(value, list):
        return [
            {"_path": f"{path}.{i}", **v} for i, v in enumerate(value) if isinstance(v, Mapping)
        ]
    if not isinstance(value, Mapping):
        return []
    out: list[dict[str, Any]] = []
    for key, item in value.items():
        if not isinstance(item, Mapping):
            continue
        if item and all(isinstance(v, Mapping) for v in item.values()):
            out += [
                {"_path": f"{path}.{key}.{sub}", "key": key, "sub": sub, **v}
                for sub, v in item.items()
            ]
        else:
            out.append({"_path": f"{path}.{key}", "key": key, **item})
    return out


# --------------------------------------------------------------------------- charts


def _style() -> Any:
    # lazy (pygal, markupsafe, jinja2, here and below): the CSV/XLSX exports use
    # this module (header, labels) and never load them
    # lazy (pygal, markupsafe, jinja2, here and below): the CSV/XLSX exports use
    # this module (header, labels) and never load them
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#999",
        font_family="'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
        label_font_size=12,
        major_label_font_size=12,
        value_font_size=11,
        legend_font_size=12,
        title_font_size=14,
        colors=("#1f5fa8", "#f0a030", "#7aa6d6", "#4c9a2a", "#b84a62", "#6d5ba8"),
    )


def _svg(chart: Any) -> Markup:
    """The chart's SVG element, without pygal's comments (they name its site)
    nor its script (the configuration of its tooltips, whose code we don't load:
    the bilan runs no script)."""
    from markupsafe import Markup

    tree = chart.render_tree()
    for parent in tree.iter():
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.endswith("script"):
                parent.remove(child)
    return Markup(ElementTree.tostring(tree, encoding="unicode"))


def _chart(kind: str, title: str, formatter: Callable[[Any], str], **options: Any) -> Any:
    import pygal

    cls = getattr(pygal, kind)
    return cls(
        title=title,
        style=_style(),
        js=[],
        disable_xml_declaration=True,
        width=options.pop("width", 760),
        height=options.pop("height", 320),
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        value_formatter=formatter,
        print_values=options.pop("print_values", False),
        truncate_legend=-1,
        truncate_label=-1,
        **options,
    )


def _hours_fmt(v: Any) -> str:
    """Axis graduations in whole hours (the tables give the hundredths)."""
    return "—" if v is None else f"{number(v, 0)} h"


def _pct_fmt(v: Any) -> str:
    return "—" if v is None else f"{number(v, 0)} %"


def territory_chart(report: Mapping[str, Any]) -> Markup | None:
    terr = report.get("territories", {})
    if not terr:
        return None
    chart = _chart("Bar", "Heures par territoire", _hours_fmt)
    chart.x_labels = list(terr)
    chart.add("Réalisé", [t.get("hours_logged") for t in terr.values()])
    chart.add("Attendu à date", [t.get("hours_expected_to_date") for t in terr.values()])
    chart.add("Attendu sur la période", [t.get("hours_expected_year") for t in terr.values()])
    return _svg(chart)


def territory_share_chart(report: Mapping[str, Any]) -> Markup | None:
    terr = report.get("territories", {})
    if not terr or not all("share" in t and "target_share" in t for t in terr.values()):
        return None
    chart = _chart("Bar", "Part du temps par territoire", _pct_fmt, range=(0, 100))
    chart.x_labels = list(terr)
    chart.add("Part réalisée", [_pct(t.get("share")) for t in terr.values()])
    chart.add("Part allouée", [_pct(t.get("target_share")) for t in terr.values()])
    return _svg(chart)


def _pct(share: Any) -> float | None:
    return None if share is None else share * 100


def monthly_chart(months: Sequence[tuple[date, Mapping[str, Any]]]) -> Markup | None:
    if not months:
        return None
    chart = _chart("Bar", "Heures par mois", _hours_fmt, x_label_rotation=0)
    chart.x_labels = [f"{MONTHS_SHORT[d.month - 1]} {d:%y}" for d, _ in months]
    chart.add("Réalisé", [r.get("hours_logged") for _, r in months])
    chart.add("Attendu", [r.get("hours_expected_year") for _, r in months])
    return _svg(chart)


def pillar_chart(report: Mapping[str, Any]) -> Markup | None:
    pillars = report.get("pillars", {})
    if not pillars:
        return None
    chart = _chart("Bar", "Répartition par pilier", _pct_fmt)
    chart.x_labels = [p.get("label", k) for k, p in pillars.items()]
    chart.add("Part réalisée", [_pct(p.get("share")) for p in pillars.values()])
    chart.add("Indicatif", [_pct(p.get("target_share")) for p in pillars.values()])
    return _svg(chart)


LIVRABLE_CHART_CAP = 150.0  # % of the target: one livrable at 1 200 % would flatten the others


def livrables_chart(report: Mapping[str, Any]) -> Markup | None:
    rows = [
        lv
        for lv in report.get("livrables", [])
        if isinstance(lv.get("target"), int | float) and lv["target"] > 0
    ]
    if not rows:
        return None
    rows.reverse()  # pygal draws the first row at the bottom: keep the table's order
    cap = LIVRABLE_CHART_CAP
    chart = _chart(
        "HorizontalBar",
        f"Livrables en % de l'objectif (barres limitées à {cap:.0f} %)",
        _pct_fmt,
        height=max(260, 60 + 44 * len(rows)),
        range=(0, cap),
        y_labels=[0, 25, 50, 75, 100, 125, 150],
    )
    chart.x_labels = [lv.get("label", lv["key"]) for lv in rows]
    chart.add("Réalisé", [_ratio(lv.get("actual"), lv["target"], cap) for lv in rows])
    chart.add(
        "Attendu à date", [_ratio(lv.get("expected_to_date"), lv["target"], cap) for lv in rows]
    )
    return _svg(chart)


def _ratio(value: Any, target: float, cap: float) -> float | None:
    """`value` in % of `target`, drawn no longer than `cap` (the table gives the figure)."""
    if not isinstance(value, int | float):
        return None
    return min(round(value / target * 100, 1), cap)


def people_chart(sources: Sequence[Source], totals: Mapping[str, Any]) -> Markup | None:
    codes = list(totals.get("territories", {}))
    if not codes:
        return None
    chart = _chart("StackedBar", "Heures réalisées par territoire et par personne", _hours_fmt)
    chart.x_labels = codes
    for s in sources:
        terr = s.report.get("territories", {})
        chart.add(s.label, [terr.get(c, {}).get("hours_logged") for c in codes])
    return _svg(chart)


# --------------------------------------------------------------------------- document


TEMPLATES = Path(__file__).resolve().parent / "templates"
COMPILED = TEMPLATES / "compiled"
STAMP = COMPILED / "stamp.json"
TEMPLATE_NAMES = ("bilan.html.j2", "bilan.css")


def _stamp() -> dict[str, str]:
    """What the shipped compiled templates were made from: the Jinja2 version
    and a digest of each source template."""
    import jinja2

    digests = {n: hashlib.sha256((TEMPLATES / n).read_bytes()).hexdigest() for n in TEMPLATE_NAMES}
    return {"jinja2": jinja2.__version__, **digests}


def _environment(*, compiled: bool = True) -> Any:
    """The Jinja2 environment of the bilan. Compiling the template takes about
    0.15 s, a sixth of the bilan's budget, so the package ships it compiled
    (Jinja2's `compile_templates`, loaded by its `ModuleLoader`, like the rest
    of the package's code); when the stamp does not match the sources or the
    installed Jinja2, the sources are compiled as usual."""
    from jinja2 import (
        Environment,
        FileSystemLoader,
        ModuleLoader,
        StrictUndefined,
        select_autoescape,
    )

    loader: Any = FileSystemLoader(TEMPLATES)
    if compiled:
        try:
            if json.loads(STAMP.read_text(encoding="utf-8")) == _stamp():
                loader = ModuleLoader(COMPILED)
        except (OSError, ValueError):
            pass
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        hours=decimal_hours,
        pct=percent,
        count=count,
        signed=signed,
        num=number,
        day=fr_date,
        weekday=weekday_date,
        reason=reason_label,
    )
    env.globals.update(
        MONEY_FIELDS=MONEY_FIELDS,
        fr_value=fr_value,
        field_label=field_label,
        FORMATS=FORMATS,
        DAYS_LISTED=DAYS_LISTED,
    )
    return env


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def compile_templates() -> None:
    """Rewrite the shipped compiled templates and their stamp (run
    `python -m citeslab_tui.export.bilan` after changing a template)."""
    shutil.rmtree(COMPILED, ignore_errors=True)
    _environment(compiled=False).compile_templates(
        str(COMPILED), zip=None, filter_func=lambda name: name in TEMPLATE_NAMES
    )
    (COMPILED / "__init__.py").write_text(
        '"""Generated by `python -m citeslab_tui.export.bilan`: do not edit."""\n',
        encoding="utf-8",
    )
    STAMP.write_text(json.dumps(_stamp(), indent=1) + "\n", encoding="utf-8")


def _section(s: Source, index: int) -> dict[str, Any]:
    """What the template draws for one person (the `index`th source)."""
    r = s.report
    generic = {}
    for key, title in (("creations", "Créations"),):
        if key in r:
            generic[key] = {"title": title, "value": r[key]}
    return {
        "source": s,
        "report": r,
        "attention": attention_points(r),
        "charts": {
            "territories": territory_chart(r),
            "shares": territory_share_chart(r),
            "months": monthly_chart(s.months),
            "pillars": pillar_chart(r),
            "livrables": livrables_chart(r),
        },
        "generic": generic,
        "labels": s.labels,
        "prefix": f"files.{index}.report.",
        "months_prefix": f"files.{index}.months.",
    }


def render_bilan(
    sources: Sequence[Source],
    failures: Sequence[Failure] = (),
    totals: Mapping[str, Any] | None = None,
    *,
    generated: date,
) -> str:
    """The bilan as one HTML document (a string). With several sources, a
    consolidated part (each person side by side and the totals) comes first."""
    env = _environment()
    people = [_section(s, i) for i, s in enumerate(sources)]
    consolidated = None
    if totals is not None and len(sources) > 1:
        consolidated = {"totals": totals, "chart": people_chart(sources, totals)}
    first = sources[0] if sources else None
    return str(
        env.get_template("bilan.html.j2").render(
            people=people,
            failures=failures,
            consolidated=consolidated,
            period=first.report.get("period") if first else None,
            generated=generated,
            grouped=render_group,
        )
    )


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def render_group(value: Any, path: str, title: str | None = None) -> list[dict[str, Any]]:
    """A generically drawn section as tables: [{"title", "columns", "rows"}].
    A mapping of numbers is a table of counts; a list of records, or a mapping
    of records sharing their fields, is one table; other mappings give one
    table per item. Each row keeps its place in the report under `_path`."""
    if isinstance(value, Mapping) and all(_numeric(v) for v in value.values()):
        rows = [{"_path": path, "label": k, k: v} for k, v in value.items()]
        return [{"title": title, "columns": ["label", "*"], "rows": rows}] if rows else []
    if isinstance(value, Mapping):
        items = [v for v in value.values() if isinstance(v, Mapping)]
        same_fields = (
            len(items) == len(value)
            and len({tuple(v) for v in items}) == 1
            and all(not isinstance(x, Mapping) for v in items for x in v.values())
        )
        if not same_fields:
            tables: list[dict[str, Any]] = []
            scalars = [
                {"_path": path, "label": k, k: v}
                for k, v in value.items()
                if not isinstance(v, Mapping | list)
            ]
            if scalars:
                tables.append({"title": title, "columns": ["label", "*"], "rows": scalars})
            for k, v in value.items():
                if isinstance(v, Mapping | list):
                    tables += render_group(v, f"{path}.{k}", str(k))
            return tables
    rows = _rows(value, path)
    if not rows:
        return []
    columns: list[str] = []
    for row in rows:
        for k in row:
            if k not in columns and k != "_path" and not isinstance(row[k], Mapping | list):
                columns.append(k)
    return [{"title": title, "columns": columns, "rows": rows}]


if __name__ == "__main__":
    compile_templates()
