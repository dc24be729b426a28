"""The XLSX feuille de temps, ready to print, sign and send to a funder.

One sheet per month — days as rows, territories × pillars as columns, a totals
row, the share of each territory in the whole working time and the resulting
ETP, the split per pillar — preceded by a summary sheet (`Récapitulatif`) with
the months as rows. Every sheet carries a header naming the person, the
structure, the convention(s) and the period, and signature blocks for the
employee and the manager.

Hours are stored exactly (`minutes / 60`) and shown with 2 decimals; totals are
`SUM` formulas whose cached value is computed from the integer minutes, so a
reader sees the formula and a program reading the file gets the exact total
without recalculating. Text goes through `write_string` (never parsed as a
formula) and is neutralised like in the CSV files. Written in memory
(xlsxwriter), then atomically by the caller.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from citeslab_tui.core.model import Config
from citeslab_tui.core.period import Period
from citeslab_tui.export.csvfmt import starts_dangerously

if TYPE_CHECKING:
    from citeslab_tui.core.fingerprint import Fingerprint
    from citeslab_tui.core.timesheet import MonthSheet, Timesheet, Totals

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
SUMMARY_SHEET = "Récapitulatif"


def month_sheet_name(span: Period) -> str:
    """`Mars 2022` (a sheet name: ≤ 31 characters, no forbidden character)."""
    return f"{MONTHS_FR[span.start.month - 1].capitalize()} {span.start.year}"


def conventions_label(config: Config, period: Period, territory: str | None) -> str:
    """The conventions this timesheet refers to: those overlapping the period
    (and concerning the territory, when one is asked)."""
    labels = [
        f"{c.label} (du {c.start:%d/%m/%Y} au {c.end:%d/%m/%Y})"
        for c in config.conventions
        if period.clamp(Period(c.start, c.end)) is not None
        and (territory is None or c.territory in (None, territory))
    ]
    return " ; ".join(labels) if labels else "Aucune convention sur cette période"


def _hours(minutes: int) -> float:
    return minutes / 60


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.label = wb.add_format({"bold": True})
        self.head = wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
             "align": "center", "valign": "vcenter"}
        )  # fmt: skip
        self.text = wb.add_format({"border": 1})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy", "border": 1})
        self.hours = wb.add_format({"num_format": "0.00", "border": 1})
        self.total_label = wb.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        self.total = wb.add_format(
            {"num_format": "0.00", "bold": True, "border": 1, "bg_color": "#F2F2F2"}
        )
        self.share = wb.add_format({"num_format": "0.0%", "border": 1})
        self.etp = wb.add_format({"num_format": "0.000", "border": 1})
        self.off_date = wb.add_format({"num_format": "dd/mm/yyyy", "border": 1, "italic": True,
                                       "bg_color": "#FFF2CC"})  # fmt: skip
        self.off_text = wb.add_format({"border": 1, "italic": True, "bg_color": "#FFF2CC"})
        self.sign = wb.add_format({"top": 1})


def neutralise(value: str) -> str:
    return "'" + value if starts_dangerously(value.lstrip("'")) else value


def _text(ws: Any, row: int, col: int, value: str, fmt: Any = None) -> None:
    ws.write_string(row, col, neutralise(value), fmt)


def _header(ws: Any, f: _Formats, title: str, ts: Timesheet, span: Period, config: Config) -> int:
    """The block naming who, where, which convention and when; returns the next row."""
    territory = (
        "Tous (" + ", ".join(ts.territories) + ")"
        if ts.territory is None
        else f"{ts.territory} – {_territory_name(config, ts.territory)}"
    )
    lines = [
        ("Salarié(e)", config.person),
        ("Structure", config.structure or config.name),
        ("CitésLab", config.name),
        ("Convention", conventions_label(config, ts.period, ts.territory)),
        ("Période", f"du {span.start:%d/%m/%Y} au {span.end:%d/%m/%Y}"),
        ("Territoires", territory),
    ]
    _text(ws, 0, 0, title, f.title)
    for i, (label, value) in enumerate(lines, start=1):
        _text(ws, i, 0, f"{label} :", f.label)
        _text(ws, i, 2, value)
    return len(lines) + 2


def _territory_name(config: Config, code: str) -> str:
    try:
        return config.territory(code).name
    except KeyError:
        return code


def _pillar_label(config: Config, key: str) -> str:
    try:
        return config.pillar(key).label
    except KeyError:
        return key


def _signatures(ws: Any, f: _Formats, row: int, config: Config, right_col: int) -> None:
    right_col = max(right_col, 4)
    blocks = [
        (0, "Le/la salarié(e)", config.person),
        (right_col, "Le/la responsable hiérarchique", config.manager),
    ]
    for col, title, name in blocks:
        _text(ws, row, col, title, f.label)
        _text(ws, row + 1, col, f"Nom : {name}")
        _text(ws, row + 2, col, "Date :")
        _text(ws, row + 3, col, "Signature :")
        for c in range(col, col + 3):
            ws.write_blank(row + 7, c, None, f.sign)


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def _sum(ws: Any, row: int, col: int, first: int, last: int, value: float, fmt: Any) -> None:
    """`=SUM(...)` over rows first..last of `col`, with its cached value."""
    if last < first:
        ws.write_number(row, col, 0, fmt)
        return
    ws.write_formula(row, col, f"=SUM({_cell(first, col)}:{_cell(last, col)})", fmt, value)


def _split_blocks(
    ws: Any, f: _Formats, row: int, ts: Timesheet, totals: Totals, config: Config
) -> int:
    """Per territory: hours, share of all working time, ETP; then per pillar."""
    _text(ws, row, 0, "Répartition par territoire", f.label)
    row += 1
    for col, title in enumerate(["Territoire", "", "Heures", "Part du temps", "ETP"]):
        _text(ws, row, col, title, f.head)
    row += 1
    for code in totals.by_territory:
        minutes = totals.by_territory[code]
        if code not in ts.territories and not minutes:
            continue
        _text(ws, row, 0, code, f.text)
        _text(ws, row, 1, _territory_name(config, code), f.text)
        ws.write_number(row, 2, _hours(minutes), f.hours)
        _number_or_blank(ws, row, 3, totals.territory_share(code), f.share)
        _number_or_blank(ws, row, 4, totals.etp(code), f.etp)
        row += 1
    _text(ws, row, 0, "Total", f.total_label)
    ws.write_blank(row, 1, None, f.total_label)
    ws.write_number(row, 2, _hours(totals.all_minutes), f.total)
    _number_or_blank(ws, row, 3, 1.0 if totals.all_minutes else None, f.share)
    etp_all = totals.all_minutes / totals.full_time_minutes if totals.full_time_minutes else None
    _number_or_blank(ws, row, 4, etp_all, f.etp)
    row += 2
    scope = "tous territoires" if ts.territory is None else ts.territory
    _text(ws, row, 0, f"Répartition par pilier ({scope})", f.label)
    row += 1
    for col, title in enumerate(["Pilier", "", "Heures", "Part", "Part indicative"]):
        _text(ws, row, col, title, f.head)
    row += 1
    for key in ts.pillars:
        _text(ws, row, 0, _pillar_label(config, key), f.text)
        ws.write_blank(row, 1, None, f.text)
        ws.write_number(row, 2, _hours(totals.by_pillar.get(key, 0)), f.hours)
        _number_or_blank(ws, row, 3, totals.pillar_share(key), f.share)
        try:
            indicative: float | None = config.pillar(key).share
        except KeyError:
            indicative = None
        _number_or_blank(ws, row, 4, indicative, f.share)
        row += 1
    return row + 1


def _number_or_blank(ws: Any, row: int, col: int, value: float | None, fmt: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def _month_sheet(wb: Any, f: _Formats, ts: Timesheet, month: MonthSheet, config: Config) -> None:
    ws = wb.add_worksheet(month_sheet_name(month.period))
    row = _header(ws, f, f"Feuille de temps – {month_sheet_name(month.period)}", ts,
                  month.period, config)  # fmt: skip
    pillars, territories = ts.pillars, ts.territories
    block = len(pillars) + 1  # pillars + territory total
    first_col = 2
    day_total_col = first_col + block * len(territories)
    remark_col = day_total_col + 1

    # Two header rows: territories (merged), then pillars.
    _text(ws, row, 0, "Date", f.head)
    _text(ws, row, 1, "Jour", f.head)
    ws.write_blank(row + 1, 0, None, f.head)
    ws.write_blank(row + 1, 1, None, f.head)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block
        title = neutralise(f"{code} – {_territory_name(config, code)}")
        if block > 1:
            ws.merge_range(row, col, row, col + block - 1, title, f.head)
        else:
            ws.write_string(row, col, title, f.head)
        for p_index, key in enumerate(pillars):
            _text(ws, row + 1, col + p_index, f"{_pillar_label(config, key)} (h)", f.head)
        _text(ws, row + 1, col + len(pillars), f"Total {code} (h)", f.head)
    _text(ws, row, day_total_col, "Total jour (h)", f.head)
    ws.write_blank(row + 1, day_total_col, None, f.head)
    _text(ws, row, remark_col, "Remarque", f.head)
    ws.write_blank(row + 1, remark_col, None, f.head)
    ws.set_row(row + 1, 45)
    ws.repeat_rows(row, row + 1)
    ws.freeze_panes(row + 2, 2)
    row += 2

    # One line per day, territories side by side.
    first_data = row
    by_day: dict[date, dict[str, tuple[int, ...]]] = {}
    kinds: dict[date, str] = {}
    for r in month.rows:
        by_day.setdefault(r.day, {})[r.territory] = r.minutes
        kinds[r.day] = r.kind
    empty = (0,) * len(pillars)
    for day, per_territory in by_day.items():
        kind = kinds[day]
        ws.write_datetime(row, 0, datetime(day.year, day.month, day.day),
                          f.date if not kind else f.off_date)  # fmt: skip
        ws.write_string(row, 1, WEEKDAYS_FR[day.weekday()], f.text if not kind else f.off_text)
        day_minutes = 0
        for t_index, code in enumerate(territories):
            col = first_col + t_index * block
            values = per_territory.get(code, empty)
            for p_index, m in enumerate(values):
                ws.write_number(row, col + p_index, _hours(m), f.hours)
            total = sum(values)
            day_minutes += total
            ws.write_formula(
                row, col + len(pillars),
                f"=SUM({_cell(row, col)}:{_cell(row, col + len(pillars) - 1)})",
                f.total, _hours(total),
            )  # fmt: skip
        cols = [_cell(row, first_col + i * block + len(pillars)) for i in range(len(territories))]
        ws.write_formula(row, day_total_col, "=" + "+".join(cols), f.total, _hours(day_minutes))
        _text(ws, row, remark_col, kind, f.off_text if kind else f.text)
        row += 1
    last_data = row - 1

    # Totals row.
    totals = month.totals
    _text(ws, row, 0, "Total (h)", f.total_label)
    ws.write_blank(row, 1, None, f.total_label)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block
        for p_index, key in enumerate(pillars):
            value = _hours(totals.by_cell.get((code, key), 0))
            _sum(ws, row, col + p_index, first_data, last_data, value, f.total)
        _sum(ws, row, col + len(pillars), first_data, last_data,
             _hours(totals.by_territory.get(code, 0)), f.total)  # fmt: skip
    _sum(ws, row, day_total_col, first_data, last_data, _hours(totals.minutes), f.total)
    row += 1
    # Share of all working time and resulting ETP, under each territory's total.
    _text(ws, row, 0, "Part du temps", f.label)
    _text(ws, row + 1, 0, "ETP", f.label)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block + len(pillars)
        _number_or_blank(ws, row, col, totals.territory_share(code), f.share)
        _number_or_blank(ws, row + 1, col, totals.etp(code), f.etp)
    whole = totals.minutes / totals.all_minutes if totals.all_minutes else None
    _number_or_blank(ws, row, day_total_col, whole, f.share)
    _number_or_blank(ws, row + 1, day_total_col, totals.etp(), f.etp)
    row += 3
    _text(ws, row, 0, f"Jours ouvrés du mois : {totals.working_days}")
    row += 2
    row = _split_blocks(ws, f, row, ts, totals, config)
    _signatures(ws, f, row + 1, config, remark_col - 3)

    ws.set_column(0, 0, 11)
    ws.set_column(1, 1, 6)
    ws.set_column(first_col, day_total_col, 10)
    ws.set_column(remark_col, remark_col, 12)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _summary_sheet(wb: Any, f: _Formats, ts: Timesheet, config: Config) -> None:
    ws = wb.add_worksheet(SUMMARY_SHEET)
    row = _header(ws, f, "Feuille de temps – récapitulatif", ts, ts.period, config)
    territories = ts.territories
    header = ["Mois", "Jours ouvrés"]
    header += [f"{code} (h)" for code in territories]
    header += ["Total (h)"]
    header += [f"Part {code}" for code in territories]
    header += [f"ETP {code}" for code in territories]
    for col, title in enumerate(header):
        _text(ws, row, col, title, f.head)
    row += 1
    first_data = row
    hours_col = 2
    total_col = hours_col + len(territories)
    for month in ts.months:
        t = month.totals
        _text(ws, row, 0, month_sheet_name(month.period), f.text)
        ws.write_number(row, 1, t.working_days, f.text)
        for i, code in enumerate(territories):
            ws.write_number(row, hours_col + i, _hours(t.by_territory.get(code, 0)), f.hours)
        ws.write_formula(
            row, total_col,
            f"=SUM({_cell(row, hours_col)}:{_cell(row, total_col - 1)})",
            f.total, _hours(t.minutes),
        )  # fmt: skip
        for i, code in enumerate(territories):
            _number_or_blank(ws, row, total_col + 1 + i, t.territory_share(code), f.share)
            _number_or_blank(ws, row, total_col + 1 + len(territories) + i, t.etp(code), f.etp)
        row += 1
    last_data = row - 1
    totals = ts.totals
    _text(ws, row, 0, "Total de la période", f.total_label)
    _sum(ws, row, 1, first_data, last_data, totals.working_days, f.total_label)
    for i, code in enumerate(territories):
        _sum(ws, row, hours_col + i, first_data, last_data,
             _hours(totals.by_territory.get(code, 0)), f.total)  # fmt: skip
    _sum(ws, row, total_col, first_data, last_data, _hours(totals.minutes), f.total)
    for i, code in enumerate(territories):
        _number_or_blank(ws, row, total_col + 1 + i, totals.territory_share(code), f.share)
        _number_or_blank(ws, row, total_col + 1 + len(territories) + i, totals.etp(code), f.etp)
    row += 2
    _text(
        ws, row, 0,
        "Part du temps = heures du territoire ÷ heures de tous les territoires. "
        f"ETP = heures ÷ ({config.annual_hours:g} h × jours ouvrés de la période "
        "÷ jours ouvrés de l'année).",
    )  # fmt: skip
    row += 2
    row = _split_blocks(ws, f, row, ts, totals, config)
    _signatures(ws, f, row + 1, config, len(header) - 3)
    ws.set_column(0, 0, 18)
    ws.set_column(1, len(header), 12)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


PROPERTY_PREFIX = "citeslab-"


def _fingerprint(wb: Any, fp: Fingerprint) -> None:
    """What `citeslab verify` reads back: the period, the territory, the
    fingerprint and each month's day digests as custom document properties,
    and the fingerprint in every sheet's printed footer (on the signed paper)."""
    wb.set_custom_property(f"{PROPERTY_PREFIX}periode", f"{fp.period.start}/{fp.period.end}")
    wb.set_custom_property(f"{PROPERTY_PREFIX}territoire", fp.territory or "")
    wb.set_custom_property(f"{PROPERTY_PREFIX}empreinte", fp.shown)
    for month, digests in fp.month_digests().items():
        wb.set_custom_property(f"{PROPERTY_PREFIX}jours-{month}", digests)
    footer = f"&L&8Empreinte des données : {fp.shown} (citeslab verify)&R&8Page &P / &N"
    for ws in wb.worksheets():
        ws.set_footer(footer)


def timesheet_xlsx(ts: Timesheet, config: Config, fp: Fingerprint | None = None) -> bytes:
    """The workbook's bytes: the summary sheet, then one sheet per month; with
    `fp`, the fingerprint of the data (see core.fingerprint)."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_numbers": False})  # fmt: skip
    wb.set_properties(
        {"title": "Feuille de temps", "subject": ts.period.label, "author": config.person,
         "company": config.structure}
    )  # fmt: skip
    f = _Formats(wb)
    _summary_sheet(wb, f, ts, config)
    for month in ts.months:
        _month_sheet(wb, f, ts, month, config)
    if fp is not None:
        _fingerprint(wb, fp)
    wb.close()
    return buffer.getvalue()
