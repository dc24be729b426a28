"""The indicators as an XLSX workbook: the figures of `citeslab report --json`
in typed cells (hours and counts as numbers, shares as percentages), one sheet
per subject, with native Excel charts (xlsxwriter's) for the hours per
territory, the pillar split and the livrables. The first sheet names the
structure, the person, the period, the conventions and the funders.

Like the bilan, nothing here computes a figure: every number is a value of the
report document. The only formula is the livrables' progress (réalisé ÷
objectif), left to the spreadsheet so the reader sees how it is obtained.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from citeslab_tui.export.bilan import field_label, reason_label, render_group, weekday_date
from citeslab_tui.export.csvfmt import starts_dangerously

__all__ = ["SHEETS", "indicators_xlsx"]

SHEETS = ("Synthèse", "Territoires", "Piliers", "Livrables", "Porteurs")
GENERIC = (
    ("publics", "Publics"),
    ("path", "Parcours"),
    ("orientations", "Orientations"),
    ("sorties", "Sorties"),
    ("creations", "Créations"),
    ("governance", "Gouvernance"),
    ("money", "Financement"),
)


def _safe(value: str) -> str:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    return "'" + value if starts_dangerously(value) else value


class _Book:
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.label = wb.add_format({"bold": True})
        self.head = wb.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        self.text = wb.add_format({"border": 1})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.hours = wb.add_format({"num_format": "#,##0.00", "border": 1})
        self.count = wb.add_format({"num_format": "#,##0.##", "border": 1})
        self.share = wb.add_format({"num_format": "0.0%", "border": 1})
        self.points = wb.add_format({"num_format": "+0.0;-0.0;0.0", "border": 1})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy", "border": 1})

    def sheet(self, name: str, widths: Mapping[int, float]) -> Any:
        ws = self.wb.add_worksheet(name)
        ws.set_paper(9)  # A4
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        for col, width in widths.items():
            ws.set_column(col, col, width)
        return ws

    def text_cell(self, ws: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
        ws.write_string(row, col, _safe("" if value is None else str(value)), fmt or self.text)

    def number(self, ws: Any, row: int, col: int, value: Any, fmt: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(row, col, value, fmt)
        else:
            ws.write_blank(row, col, None, fmt)

    def headers(self, ws: Any, row: int, names: list[str]) -> None:
        for col, name in enumerate(names):
            ws.write_string(row, col, name, self.head)


def _label(labels: Mapping[str, Mapping[str, str]], kind: str, key: str) -> str:
    return labels.get(kind, {}).get(key, key)


def _summary(b: _Book, report: Mapping[str, Any], head: Mapping[str, Any]) -> None:
    ws = b.sheet("Synthèse", {0: 34, 1: 70})
    period = report["period"]
    ws.write_string(0, 0, "Indicateurs CitésLab", b.title)
    conventions = " ; ".join(
        f"{c['label']} (du {_fr(c['from'])} au {_fr(c['to'])})" for c in head["conventions"]
    )
    lines = [
        ("CitésLab", head.get("name")),
        ("Structure", head.get("structure")),
        ("Cheffe / chef de projet", head.get("person") or "non renseigné"),
        ("Période", f"du {_fr(period['from'])} au {_fr(period['to'])}"),
        ("Situation au", _fr(period["as_of"])),
        ("Territoire", report.get("territory") or "tous"),
        ("Convention(s)", conventions or "aucune sur la période"),
        ("Avec le soutien de", ", ".join(head["funders"])),
    ]
    row = 2
    for name, value in lines:
        ws.write_string(row, 0, name, b.label)
        b.text_cell(ws, row, 1, value or "", b.wrap)
        row += 1
    row += 1
    b.headers(ws, row, ["Heures", "Valeur"])
    for name, key in (
        ("Heures réalisées", "hours_logged"),
        ("Heures attendues à date", "hours_expected_to_date"),
        ("Heures attendues sur la période", "hours_expected_year"),
    ):
        row += 1
        b.text_cell(ws, row, 0, name)
        b.number(ws, row, 1, report.get(key), b.hours)
    row += 1
    b.text_cell(ws, row, 0, "Jours ouvrés écoulés / de la période")
    wd = report.get("working_days", {})
    b.text_cell(ws, row, 1, f"{wd.get('elapsed')} / {wd.get('period')}")
    days = report.get("days_to_check")
    if isinstance(days, Mapping):
        row += 1
        b.text_cell(ws, row, 0, "Jours à vérifier (feuille « Jours à vérifier »)")
        b.number(ws, row, 1, days.get("count"), b.count)


def _days_to_check(b: _Book, days: Mapping[str, Any]) -> None:
    """Every day `citeslab check` flags in the period: date, hours, reasons
    (no note, no name)."""
    ws = b.sheet("Jours à vérifier", {0: 12, 1: 20, 2: 14, 3: 30, 4: 80})
    ws.set_landscape()
    b.headers(ws, 0, ["Date", "Jour", "Heures saisies", "À vérifier", "Détail"])
    for i, d in enumerate(days.get("days", []), start=1):
        ws.write_datetime(i, 0, _day(d["date"]), b.date)
        b.text_cell(ws, i, 1, weekday_date(d["date"]))
        b.number(ws, i, 2, d.get("hours"), b.hours)
        b.text_cell(ws, i, 3, ", ".join(reason_label(c) for c in d.get("reasons", [])))
        b.text_cell(ws, i, 4, " ; ".join(d.get("messages", [])))
    if not days.get("count"):
        b.text_cell(ws, 1, 0, "Aucun jour à vérifier sur la période.", b.wrap)


def _fr(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _territories(b: _Book, report: Mapping[str, Any]) -> None:
    terr = report.get("territories", {})
    shares = bool(terr) and all("share" in t for t in terr.values())
    names = [
        "Code",
        "Territoire",
        "ETP",
        "Réalisé (h)",
        "Attendu à date (h)",
        "Attendu période (h)",
        "Écart (h)",
        "Écart (jours)",
    ]
    if shares:
        names += [
            "Part du temps",
            "Part allouée",
            "Écart (points)",
            "Dernier mois : part",
            "Dernier mois : allouée",
        ]
    ws = b.sheet("Territoires", {0: 8, 1: 36, **{c: 14 for c in range(2, len(names))}})
    ws.set_landscape()
    b.headers(ws, 0, names)
    for i, (code, t) in enumerate(terr.items(), start=1):
        b.text_cell(ws, i, 0, code)
        b.text_cell(ws, i, 1, t.get("name", code))
        b.number(ws, i, 2, t.get("etp"), b.count)
        for col, key in enumerate(
            ("hours_logged", "hours_expected_to_date", "hours_expected_year", "gap_hours"), 3
        ):
            b.number(ws, i, col, t.get(key), b.hours)
        b.number(ws, i, 7, t.get("gap_days"), b.points)
        if shares:
            b.number(ws, i, 8, t.get("share"), b.share)
            b.number(ws, i, 9, t.get("target_share"), b.share)
            b.number(ws, i, 10, t.get("drift_points"), b.points)
            month = t.get("last_month") or {}
            b.number(ws, i, 11, month.get("share"), b.share)
            b.number(ws, i, 12, month.get("target_share"), b.share)
    last = len(terr)
    if not last:
        return
    chart = b.wb.add_chart({"type": "column"})
    for col, name in ((3, "Réalisé"), (4, "Attendu à date"), (5, "Attendu sur la période")):
        chart.add_series(
            {
                "name": name,
                "categories": ["Territoires", 1, 0, last, 0],
                "values": ["Territoires", 1, col, last, col],
            }
        )
    chart.set_title({"name": "Heures par territoire"})
    chart.set_y_axis({"name": "heures", "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(last + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.2})


def _pillars(b: _Book, report: Mapping[str, Any]) -> None:
    pillars = report.get("pillars", {})
    ws = b.sheet("Piliers", {0: 30, 1: 12, 2: 12, 3: 12, 4: 14})
    b.headers(ws, 0, ["Pilier", "Heures", "Part", "Indicatif", "Écart (points)"])
    for i, p in enumerate(pillars.values(), start=1):
        b.text_cell(ws, i, 0, p.get("label"))
        b.number(ws, i, 1, p.get("hours"), b.hours)
        b.number(ws, i, 2, p.get("share"), b.share)
        b.number(ws, i, 3, p.get("target_share"), b.share)
        b.number(ws, i, 4, p.get("drift_points"), b.points)
    last = len(pillars)
    if not last:
        return
    chart = b.wb.add_chart({"type": "column"})
    for col, name in ((2, "Part réalisée"), (3, "Indicatif")):
        chart.add_series(
            {
                "name": name,
                "categories": ["Piliers", 1, 0, last, 0],
                "values": ["Piliers", 1, col, last, col],
            }
        )
    chart.set_title({"name": "Répartition par pilier"})
    chart.set_y_axis({"num_format": "0%", "min": 0})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(last + 3, 0, chart, {"x_scale": 1.4, "y_scale": 1.2})


def _livrables(b: _Book, report: Mapping[str, Any]) -> None:
    livrables = report.get("livrables", [])
    rule = any("target_rule" in lv for lv in livrables)
    names = [
        "Livrable",
        "Territoire",
        "Du",
        "Au",
        "Objectif",
        "Réalisé",
        "Attendu à date",
        "Projection",
        "Statut",
        "Avancement",
    ]
    if rule:
        names.append("Règle de l'objectif")
    parts = any("denominator" in lv for lv in livrables)  # shares: what they divide
    if parts:
        names += ["Part : numérateur", "Part : dénominateur"]
    ws = b.sheet("Livrables", {0: 40, 1: 10, 2: 11, 3: 11, **{c: 12 for c in range(4, 14)}})
    ws.set_landscape()
    b.headers(ws, 0, names)
    for i, lv in enumerate(livrables, start=1):
        share = lv.get("kind") == "qpv_share"
        fmt = b.share if share else b.count
        b.text_cell(ws, i, 0, lv.get("label"))
        b.text_cell(ws, i, 1, lv.get("territory") or "tous")
        ws.write_datetime(i, 2, _day(lv["from"]), b.date)
        ws.write_datetime(i, 3, _day(lv["to"]), b.date)
        b.number(ws, i, 4, lv.get("target"), fmt)
        b.number(ws, i, 5, lv.get("actual"), fmt)
        b.number(ws, i, 6, None if share else lv.get("expected_to_date"), fmt)
        b.number(ws, i, 7, None if share else lv.get("projection"), fmt)
        b.text_cell(ws, i, 8, lv.get("status") or "—")
        target, actual = lv.get("target"), lv.get("actual")
        if isinstance(target, int | float) and target and isinstance(actual, int | float):
            ws.write_formula(i, 9, f"=F{i + 1}/E{i + 1}", b.share, actual / target)
        else:
            ws.write_blank(i, 9, None, b.share)
        if rule:
            b.text_cell(ws, i, 10, lv.get("target_rule") or "")
        if parts:
            col = 11 if rule else 10
            b.number(ws, i, col, lv.get("numerator"), b.count)
            b.number(ws, i, col + 1, lv.get("denominator"), b.count)
    last = len(livrables)
    if not last:
        return
    chart = b.wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Avancement (réalisé ÷ objectif)",
            "categories": ["Livrables", 1, 0, last, 0],
            "values": ["Livrables", 1, 9, last, 9],
        }
    )
    chart.set_title({"name": "Livrables : réalisé en % de l'objectif (axe limité à 150 %)"})
    chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1.5})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    ws.insert_chart(last + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.0 + 0.08 * last})


def _day(iso: str) -> Any:
    return datetime.combine(date.fromisoformat(iso), datetime.min.time())


def _porteurs(b: _Book, report: Mapping[str, Any], labels: Mapping[str, Mapping[str, str]]) -> None:
    ws = b.sheet("Porteurs", {0: 46, 1: 12})
    row = 0
    q = report.get("qpv_share") or {}
    ws.write_string(row, 0, "Part des porteurs accompagnés issus d'un QPV", b.label)
    row += 1
    for name, key, fmt in (
        ("Issus d'un QPV", "numerator" if "numerator" in q else "qpv_residents", b.count),
        ("Porteurs accompagnés", "denominator" if "denominator" in q else "accompanied", b.count),
        ("Part", "share" if "share" in q else "actual", b.share),
        ("Objectif", "target", b.share),
    ):
        b.text_cell(ws, row, 0, name)
        b.number(ws, row, 1, q.get(key), fmt)
        row += 1
    porteurs = report.get("porteurs", {})
    row += 1
    b.text_cell(ws, row, 0, "Porteurs suivis sur la période", b.label)
    b.number(ws, row, 1, porteurs.get("active"), b.count)
    row += 1
    for title, key, kind in (
        ("Étape atteinte", "by_stage", "stages"),
        ("Publics", "by_category", "categories"),
        ("Résidence", "by_qpv", "qpvs"),
        ("Orientations par partenaire", "orientations", "partners"),
    ):
        row += 1
        b.headers(ws, row, [title, "Nombre"])
        for k, v in porteurs.get(key, {}).items():
            row += 1
            b.text_cell(ws, row, 0, _label(labels, kind, k))
            b.number(ws, row, 1, v, b.count)
        row += 1


def _generic(
    b: _Book, title: str, key: str, value: Any, labels: Mapping[str, Mapping[str, str]]
) -> None:
    """A section the report gives beyond the core figures (money, publics,
    governance…), as the same tables the bilan draws (`export.bilan`)."""
    ws = b.sheet(title[:31], {0: 34, **{c: 16 for c in range(1, 16)}})
    ws.set_landscape()
    names = labels.get("all", {})
    ws.write_string(0, 0, title, b.title)
    row = 1
    for table in render_group(value, key):
        row += 1
        if table["title"]:
            b.text_cell(ws, row, 0, names.get(table["title"], table["title"]), b.label)
            row += 1
        columns = table["columns"]
        if "*" not in columns:
            b.headers(ws, row, [field_label(c) if c not in ("key", "sub") else "" for c in columns])
            row += 1
        for record in table["rows"]:
            for col, c in enumerate(columns):
                field = record["label"] if c == "*" else c
                cell = record.get(field)
                if c in ("key", "sub", "label"):
                    b.text_cell(ws, row, col, names.get(str(cell), cell))
                elif isinstance(cell, int | float) and not isinstance(cell, bool):
                    share = field in ("share", "bpi_share", "target_share", "value_share")
                    b.number(ws, row, col, cell, b.share if share else b.count)
                else:
                    b.text_cell(ws, row, col, "" if cell is None else cell)
            row += 1


def indicators_xlsx(
    report: Mapping[str, Any],
    head: Mapping[str, Any],
    labels: Mapping[str, Mapping[str, str]],
) -> bytes:
    """The workbook of one report document (`report_to_json`), with the header
    block of `export.bilan.header` and the labels of `export.bilan.labels`."""
    # lazy: xlsxwriter only when an XLSX is written (never on a CSV export)
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    wb.set_properties({"title": "Indicateurs CitésLab", "comments": "citeslab"})
    b = _Book(wb)
    _summary(b, report, head)
    _territories(b, report)
    _pillars(b, report)
    _livrables(b, report)
    _porteurs(b, report, labels)
    for key, title in GENERIC:
        if key in report:
            _generic(b, title, key, report[key], labels)
    if isinstance(report.get("days_to_check"), Mapping):
        _days_to_check(b, report["days_to_check"])
    wb.close()
    return buffer.getvalue()
