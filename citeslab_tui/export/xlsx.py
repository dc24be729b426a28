"""XLSX exports: the feuille de temps (ready to print, sign and send to a
funder), and typed tables (entries log, porteurs register) — the format a
person opens; CSV stays for scripts and for funders who ask for CSV.

Cells are typed: text as text (`write_string`: never parsed, never a formula),
numbers as numbers with number formats a French spreadsheet shows as `1,50`,
dates as dates, times as times. A text that would start like a formula gets
the cell's hidden "quote prefix" flag (what typing `'` first does), so editing
it later does not run it either; nothing is added to the text itself.

**The timesheet** is a summary sheet (`Récapitulatif`, months as rows) and one
sheet per month: the day table (days as rows, territories × pillars and
training as columns, the day's working total, then the absences apart, a
totals row, each territory's share of the working time and ETP),
the split per territory and per pillar to its right, the signature blocks
under it. Each sheet prints on ONE A4 landscape page (fit to page): the
signatures never leave their table. Columns are as wide as their longest text
(headers wrap at word boundaries), the table's two header rows are the print
titles, and every printed page carries the title, the person, the period and
the page number in its header and footer. This is checked by rendering the
file with LibreOffice (tests/export/test_libreoffice.py).

Hours are stored exactly (`minutes / 60`) and shown with 2 decimals; totals are
`SUM` formulas whose cached value is computed from the integer minutes, so a
reader sees the formula and a program reading the file gets the exact total
without recalculating. Written in memory (xlsxwriter), then atomically by the
caller.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from citeslab_tui.core.dates import MONTHS, WEEKDAYS
from citeslab_tui.core.model import Config, Entry, PathStep, Porteur
from citeslab_tui.core.period import Period
from citeslab_tui.export.csvfmt import starts_dangerously
from citeslab_tui.export.tables import (
    ENTRY_FIELDS,
    ENTRY_HEADERS_FR,
    porteur_values,
    porteurs_header,
)

if TYPE_CHECKING:
    from citeslab_tui.core.fingerprint import Fingerprint
    from citeslab_tui.core.timesheet import MonthSheet, Timesheet, Totals

SUMMARY_SHEET = "Récapitulatif"
# Number formats are stored in the file's (English) syntax; a French
# spreadsheet shows them with its own separators: 1 234,50 · 12,5 % · 09/03/2022.
HOURS_FORMAT = "#,##0.00"
SHARE_FORMAT = "0.0%"
ETP_FORMAT = "0.000"
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "[hh]:mm"  # [hh]: the end of the day shows 24:00
INTEGER_FORMAT = "0"
A4 = 9
# A porteur with every dated step: which register columns hold dates.
_SAMPLE_PORTEUR = Porteur(
    uuid="0" * 32,
    id="P-2000-001",
    territory="-",
    steps=tuple(
        PathStep(step, date(2000, 1, 1))
        for step in ("accueilli", "amorcage", "oriente", "creation", "sortie")
    ),
    created_at="2000-01-01T00:00:00",
    updated_at="2000-01-01T00:00:00",
)
_ROW_HEIGHT = 15.0  # points, Calibri 11
_MAX_WIDTH = 60.0  # characters: longer texts wrap


def month_sheet_name(span: Period) -> str:
    """`Mars 2022` (a sheet name: ≤ 31 characters, no forbidden character)."""
    return f"{MONTHS[span.start.month - 1].capitalize()} {span.start.year}"


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


def period_label(period: Period) -> str:
    return f"du {period.start:%d/%m/%Y} au {period.end:%d/%m/%Y}"


def _hours(minutes: int) -> float:
    return minutes / 60


# --------------------------------------------------------------------------- sizing


def text_width(text: str, *, bold: bool = False) -> float:
    """The width of `text` in Calibri 11, in column units (the width of `0`);
    a little generous, so that a label is never cut. For a multi-line text,
    the longest line."""
    if len(text) > 2 * _MAX_WIDTH:
        return _MAX_WIDTH  # wraps anyway
    widest = 0.0
    for line in text.split("\n"):
        width = 0.0
        for char in line:
            if char in "il.,;:'|!ftjrI ()[]-":
                width += 0.55
            elif char in "mwMW@%":
                width += 1.45
            elif char.isupper() or unicodedata.east_asian_width(char) in "WF":
                width += 1.15
            else:
                width += 0.95
        widest = max(widest, width)
    return widest * (1.1 if bold else 1.0)


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width` wide, wrapped at spaces."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        current = 0.0
        for word in paragraph.split(" "):
            w = text_width(word, bold=bold)
            space = text_width(" ") if current else 0.0
            if current and current + space + w > width - 1:
                lines += 1
                current = w
            else:
                current += space + w
    return lines


# --------------------------------------------------------------------------- writing


class Styles:
    """Formats of one workbook, made once per set of properties."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}

    def __call__(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self.wb.add_format(props)
        return made


BORDER: dict[str, Any] = {"border": 1, "border_color": "#808080"}
HEAD: dict[str, Any] = {
    **BORDER,
    "bold": True,
    "bg_color": "#DDEBF7",
    "text_wrap": True,
    "align": "center",
    "valign": "vcenter",
}
HEAD_LINE: dict[str, Any] = {**HEAD, "text_wrap": False}  # headers kept on one line
CELL: dict[str, Any] = {**BORDER, "valign": "top"}  # a row of a typed table
WRAPPED: dict[str, Any] = {**CELL, "text_wrap": True}
TOTAL: dict[str, Any] = {**BORDER, "bold": True, "bg_color": "#F2F2F2"}
OFF: dict[str, Any] = {**BORDER, "italic": True, "bg_color": "#FFF2CC"}


class Sheet:
    """A worksheet that knows how wide its columns must be: every text,
    number or date written with `measure` widens its column to fit; wrapped
    texts (headers) count by their longest word and get the rows they need."""

    def __init__(self, styles: Styles, ws: Any) -> None:
        self.styles = styles
        self.ws = ws
        self.widths: dict[int, float] = {}
        self.wrapped: list[tuple[int, int, str, bool]] = []  # row, col, text, bold
        self.last_row = 0
        self.last_col = 0

    def _seen(self, row: int, col: int) -> None:
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)

    def measure(self, col: int, width: float) -> None:
        self.widths[col] = max(self.widths.get(col, 0.0), width)

    def text(
        self,
        row: int,
        col: int,
        value: str,
        props: dict[str, Any] | None = None,
        *,
        measure: bool = True,
    ) -> None:
        props = dict(props or {})
        if starts_dangerously(value.lstrip("'")) or value.startswith("'"):
            props["quote_prefix"] = True
        self.ws.write_string(row, col, value, self.styles(**props) if props else None)
        self._seen(row, col)
        bold = bool(props.get("bold"))
        if props.get("text_wrap"):
            longest = max((text_width(w, bold=bold) for w in value.split()), default=0.0)
            self.measure(col, min(longest + 1.5, _MAX_WIDTH))
            self.wrapped.append((row, col, value, bold))
        elif measure:
            self.measure(col, min(text_width(value, bold=bold) + 1.5, _MAX_WIDTH))

    def number(
        self, row: int, col: int, value: float | None, props: dict[str, Any], shown: str = ""
    ) -> None:
        """A number (blank when None); `shown` is how wide it prints."""
        if value is None:
            self.ws.write_blank(row, col, None, self.styles(**props))
        else:
            self.ws.write_number(row, col, value, self.styles(**props))
            self.measure(
                col, text_width(shown or f"{value:,.2f}", bold=bool(props.get("bold"))) + 1.5
            )
        self._seen(row, col)

    def formula(
        self, row: int, col: int, formula: str, props: dict[str, Any], value: float
    ) -> None:
        self.ws.write_formula(row, col, formula, self.styles(**props), value)
        self.measure(col, text_width(f"{value:,.2f}", bold=bool(props.get("bold"))) + 1.5)
        self._seen(row, col)

    def day(self, row: int, col: int, value: date, props: dict[str, Any]) -> None:
        self.ws.write_datetime(
            row,
            col,
            datetime(value.year, value.month, value.day),
            self.styles(**props, num_format=DATE_FORMAT),
        )
        self.measure(col, text_width("00/00/0000") + 2.5)
        self._seen(row, col)

    def clock(self, row: int, col: int, value: time | timedelta, props: dict[str, Any]) -> None:
        self.ws.write_datetime(row, col, value, self.styles(**props, num_format=TIME_FORMAT))
        self.measure(col, text_width("00:00") + 1.5)
        self._seen(row, col)

    def blank(self, row: int, col: int, props: dict[str, Any]) -> None:
        self.ws.write_blank(row, col, None, self.styles(**props))
        self._seen(row, col)

    def merge(self, row: int, first: int, last: int, value: str, props: dict[str, Any]) -> None:
        """A text over columns first..last; it widens the last one if they are
        too narrow together."""
        if first == last:
            self.text(row, first, value, props)
            return
        self.ws.merge_range(row, first, row, last, "", self.styles(**props))
        self.text(row, first, value, props, measure=False)
        need = text_width(value, bold=bool(props.get("bold"))) + 1.5
        have = sum(self.widths.get(c, 8.43) for c in range(first, last + 1))
        if need > have:
            self.measure(last, self.widths.get(last, 8.43) + need - have)

    def finish(self, minimum: float = 4.0) -> None:
        """Set the column widths, then the heights of rows with wrapped text."""
        for col, width in self.widths.items():
            self.ws.set_column(col, col, max(width, minimum))
        heights: dict[int, int] = {}
        for row, col, value, bold in self.wrapped:
            width = max(self.widths.get(col, 8.43), minimum)
            heights[row] = max(heights.get(row, 1), wrapped_lines(value, width, bold=bold))
        for row, lines in heights.items():
            if lines > 1:
                self.ws.set_row(row, _ROW_HEIGHT * lines + 2)


def _header_text(value: str) -> str:
    """A text for a printed header or footer: one line, no control or format
    character, `&` doubled (it starts the header's codes)."""
    clean = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in value
    )
    clean = " ".join(clean.split())
    if len(clean) > 60:
        clean = clean[:59] + "…"
    return clean.replace("&", "&&")


def page_setup(
    ws: Any, title: str, person: str, period: str, *, one_page: bool, title_rows: tuple[int, int]
) -> None:
    """A4 landscape; every page says what, who, when and which page."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    ws.center_horizontally()
    if one_page:
        ws.fit_to_pages(1, 1)
    else:
        ws.fit_to_pages(1, 0)
    ws.repeat_rows(*title_rows)
    ws.set_header(
        f'&L&"-,Bold"{_header_text(title)}&C{_header_text(person)}&R{_header_text(period)}',
        {"margin": 0.3},
    )
    ws.set_footer("&LCitésLab&RPage &P / &N", {"margin": 0.3})


def new_workbook(config: Config, title: str, subject: str) -> tuple[Any, io.BytesIO, Styles]:
    # lazy (here and in _cell): xlsxwriter only when an XLSX is written
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    wb.set_properties(
        {"title": title, "subject": subject, "author": config.person, "company": config.structure}
    )
    wb.set_calc_mode("auto")
    return wb, buffer, Styles(wb)


# --------------------------------------------------------------------------- typed tables


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a typed table: its header and the kind of its cells —
    `text`, `date`, `time`, `hours` (minutes, shown as hours), `integer`,
    `number` (2 decimals), `share` (a fraction, shown as a percentage)."""

    header: str
    kind: str = "text"
    wrap: bool = False  # long text (notes): wrapped in a column of at most 45


_NUMBER_FORMATS = {
    "hours": HOURS_FORMAT,
    "integer": INTEGER_FORMAT,
    "number": "#,##0.00",
    "share": SHARE_FORMAT,
    "etp": ETP_FORMAT,
}


def write_table(
    sheet: Sheet, top: int, left: int, columns: Sequence[Column], rows: Iterable[Sequence[Any]]
) -> int:
    """A header row and typed rows from (top, left); returns the next free row."""
    for i, column in enumerate(columns):
        sheet.text(top, left + i, column.header, HEAD)
    row = top + 1
    for values in rows:
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            col = left + i
            if value is None or value == "":
                sheet.blank(row, col, CELL)
            elif column.kind == "text" and column.wrap:
                sheet.text(row, col, str(value), WRAPPED, measure=False)
                sheet.measure(col, min(text_width(str(value)) + 1.5, 45.0))
            elif column.kind == "text":
                sheet.text(row, col, str(value), CELL)
            elif column.kind == "date":
                sheet.day(row, col, value, CELL)
            elif column.kind == "time":
                sheet.clock(row, col, value, CELL)
            elif column.kind == "hours":
                sheet.number(row, col, _hours(value), {**CELL, "num_format": HOURS_FORMAT})
            else:
                fmt = _NUMBER_FORMATS[column.kind]
                shown = str(value) if column.kind == "integer" else f"{value:,.2f}"
                sheet.number(row, col, value, {**CELL, "num_format": fmt}, shown)
        row += 1
    return row


def table_xlsx(
    config: Config,
    title: str,
    period: str,
    sheet_name: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
) -> bytes:
    """A workbook of one typed table: a title line, the header row frozen and
    filtered, printed landscape one page wide, the header row on every page."""
    wb, buffer, styles = new_workbook(config, title, period)
    ws = wb.add_worksheet(sheet_name)
    sheet = Sheet(styles, ws)
    sheet.text(0, 0, f"{title} – {period}", {"bold": True, "font_size": 13}, measure=False)
    last = write_table(sheet, 2, 0, columns, rows) - 1
    ws.freeze_panes(3, 0)
    ws.autofilter(2, 0, max(last, 2), len(columns) - 1)
    sheet.finish()
    page_setup(ws, title, config.person, period, one_page=False, title_rows=(2, 2))
    ws.print_area(0, 0, max(last, 2), len(columns) - 1)
    wb.close()
    return buffer.getvalue()


def entries_xlsx(entries: Iterable[Entry], config: Config, period: Period) -> bytes:
    """The detailed log: one typed row per entry (dates, times, hours as
    numbers), notes wrapped."""
    kinds = {"date": "date", "start": "time", "end": "time", "hours": "hours", "persons": "integer"}
    columns = [
        Column(ENTRY_HEADERS_FR[f], kinds.get(f, "text"), wrap=f == "note") for f in ENTRY_FIELDS
    ]
    labels = {t.key: t.label for t in config.action_types}

    def rows() -> Iterable[list[Any]]:
        for e in entries:
            yield [
                e.id,
                e.date,
                e.start,
                _end_time(e.end),
                e.minutes,
                e.type,
                labels.get(e.type, ""),
                "oui" if e.occurrence else "non",
                e.pillar,
                e.territory,
                e.qpv or "",
                e.persons,
                " ".join(e.porteurs),
                e.partner or "",
                e.note,
            ]

    return table_xlsx(
        config, "Journal des actions", period_label(period), "Journal", columns, rows()
    )


def _end_time(end: time | None) -> time | timedelta | None:
    """An entry's end; the end of the day (24:00) as one whole day."""
    if end is not None and end >= time(23, 59, 59):
        return timedelta(days=1)
    return end


def porteurs_xlsx(
    porteurs: Sequence[Porteur], config: Config, label: str, *, with_names: bool = False
) -> bytes:
    """The register, pseudonymised like the CSV (names and contacts only
    `with_names`; never RQTH, never the notes): dates as dates."""
    header = porteurs_header(french=True, with_names=with_names)
    sample = porteur_values(_SAMPLE_PORTEUR, config, french=True, with_names=with_names)
    columns = [
        Column(h, "date" if isinstance(v, date) else "text")
        for h, v in zip(header, sample, strict=True)
    ]

    def rows() -> Iterable[list[Any]]:
        for p in porteurs:
            values = porteur_values(p, config, french=True, with_names=with_names)
            yield [("oui" if v else "non") if isinstance(v, bool) else v for v in values]

    title = "Registre des porteurs" + (" (nominatif)" if with_names else "")
    return table_xlsx(config, title, label, "Porteurs", columns, rows())


# --------------------------------------------------------------------------- timesheet


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


def funders_label(config: Config) -> str:
    """`Bpifrance, Annemasse Agglo, …`: the support shown on every document (the
    cahier des charges asks it), as the bilan names it."""
    return ", ".join(config.funder_names())


def _header(sheet: Sheet, title: str, ts: Timesheet, span: Period, config: Config) -> int:
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
        ("Financeurs", funders_label(config)),
        ("Période", period_label(span)),
        ("Territoires", territory),
    ]
    sheet.text(0, 0, title, {"bold": True, "font_size": 14}, measure=False)
    for i, (label, value) in enumerate(lines, start=1):
        sheet.text(i, 0, f"{label} :", {"bold": True}, measure=False)
        sheet.text(i, 2, value, measure=False)
    return len(lines) + 2


def _signatures(sheet: Sheet, row: int, config: Config, right_col: int) -> int:
    """The two signature blocks side by side from `row`: who signs, name and
    job title (blank lines to fill by hand when the configuration has none),
    date, signature; returns the next row."""
    blocks = [
        (0, "Le/la salarié(e)", config.person, config.person_title),
        (right_col, "Le/la responsable hiérarchique", config.manager, config.manager_title),
    ]
    for col, title, name, job in blocks:
        sheet.text(row, col, title, {"bold": True}, measure=False)
        sheet.text(row + 1, col, f"Nom : {name}", measure=False)
        sheet.text(row + 2, col, f"Fonction : {job}", measure=False)
        sheet.text(row + 3, col, "Date :", measure=False)
        sheet.text(row + 4, col, "Signature :", measure=False)
        for c in range(col, col + 3):
            sheet.blank(row + 7, c, {"top": 1})
    return row + 8


def _split_blocks(
    sheet: Sheet, row: int, left: int, ts: Timesheet, totals: Totals, config: Config
) -> int:
    """From (row, left): per territory its hours, share of all working time
    and ETP; then per pillar. Returns the next free row."""
    sheet.text(row, left, "Répartition par territoire", {"bold": True}, measure=False)
    row += 1
    for i, title in enumerate(["Territoire", "Nom", "Heures", "Part du temps", "ETP"]):
        sheet.text(row, left + i, title, HEAD_LINE)
    row += 1
    for code in totals.by_territory:
        minutes = totals.by_territory[code]
        if code not in ts.territories and not minutes:
            continue
        sheet.text(row, left, code, BORDER)
        sheet.text(row, left + 1, _territory_name(config, code), BORDER)
        sheet.number(row, left + 2, _hours(minutes), {**BORDER, "num_format": HOURS_FORMAT})
        sheet.number(
            row,
            left + 3,
            totals.territory_share(code),
            {**BORDER, "num_format": SHARE_FORMAT},
            "100,0 %",
        )
        sheet.number(row, left + 4, totals.etp(code), {**BORDER, "num_format": ETP_FORMAT}, "0,000")
        row += 1
    sheet.text(row, left, "Total", TOTAL)
    sheet.blank(row, left + 1, TOTAL)
    sheet.number(row, left + 2, _hours(totals.all_minutes), {**TOTAL, "num_format": HOURS_FORMAT})
    sheet.number(
        row,
        left + 3,
        1.0 if totals.all_minutes else None,
        {**TOTAL, "num_format": SHARE_FORMAT},
        "100,0 %",
    )
    etp_all = totals.all_minutes / totals.full_time_minutes if totals.full_time_minutes else None
    sheet.number(row, left + 4, etp_all, {**TOTAL, "num_format": ETP_FORMAT}, "0,000")
    row += 2
    scope = "tous territoires" if ts.territory is None else ts.territory
    sheet.text(
        row,
        left,
        f"Répartition par pilier ({scope}, hors formation et absences)",
        {"bold": True},
        measure=False,
    )
    row += 1
    sheet.merge(row, left, left + 1, "Pilier", HEAD_LINE)
    for i, title in enumerate(["Heures", "Part", "Part indicative"], start=2):
        sheet.text(row, left + i, title, HEAD_LINE)
    row += 1
    for key in ts.pillars:
        sheet.merge(row, left, left + 1, _pillar_label(config, key), BORDER)
        sheet.number(
            row,
            left + 2,
            _hours(totals.by_pillar.get(key, 0)),
            {**BORDER, "num_format": HOURS_FORMAT},
        )
        sheet.number(
            row,
            left + 3,
            totals.pillar_share(key),
            {**BORDER, "num_format": SHARE_FORMAT},
            "100,0 %",
        )
        try:
            indicative: float | None = config.pillar(key).share
        except KeyError:
            indicative = None
        sheet.number(row, left + 4, indicative, {**BORDER, "num_format": SHARE_FORMAT}, "100,0 %")
        row += 1
    outside = [(key, totals.by_formation.get(key, 0), "travail") for key in ts.formation]
    outside += [(key, totals.by_absence.get(key, 0), "absence") for key in ts.absences]
    if outside:
        row += 1
        sheet.text(row, left, "Hors piliers", {"bold": True}, measure=False)
        row += 1
        sheet.merge(row, left, left + 1, "Type", HEAD_LINE)
        for i, title in enumerate(["Heures", "Compte comme"], start=2):
            sheet.text(row, left + i, title, HEAD_LINE)
        row += 1
        for key, minutes, counted in outside:
            sheet.merge(row, left, left + 1, config.type_label(key), BORDER)
            sheet.number(row, left + 2, _hours(minutes), {**BORDER, "num_format": HOURS_FORMAT})
            sheet.text(row, left + 3, counted, BORDER)
            row += 1
    return row


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def _sum(
    sheet: Sheet, row: int, col: int, first: int, last: int, value: float, props: dict[str, Any]
) -> None:
    """`=SUM(...)` over rows first..last of `col`, with its cached value."""
    if last < first:
        sheet.number(row, col, 0, props)
        return
    sheet.formula(row, col, f"=SUM({_cell(first, col)}:{_cell(last, col)})", props, value)


def _month_sheet(styles: Styles, wb: Any, ts: Timesheet, month: MonthSheet, config: Config) -> None:
    name = month_sheet_name(month.period)
    ws = wb.add_worksheet(name)
    sheet = Sheet(styles, ws)
    title = f"Feuille de temps – {name}"
    row = _header(sheet, title, ts, month.period, config)
    territories = ts.territories
    work = ts.pillars + ts.formation  # the working-time columns of a territory
    labels = [_pillar_label(config, key) for key in ts.pillars]
    labels += [config.type_label(key) for key in ts.formation]
    block = len(work) + 1  # pillars, training, territory total
    first_col = 2
    day_total_col = first_col + block * len(territories)
    absence_col = day_total_col + 1  # the person's absences, apart from the work
    remark_col = absence_col + len(ts.absences)
    hours = {**BORDER, "num_format": HOURS_FORMAT}
    total = {**TOTAL, "num_format": HOURS_FORMAT}

    # Two header rows: territories (merged), then pillars.
    head = row
    sheet.text(row, 0, "Date", HEAD)
    sheet.text(row, 1, "Jour", HEAD)
    sheet.blank(row + 1, 0, HEAD)
    sheet.blank(row + 1, 1, HEAD)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block
        for p_index, label in enumerate(labels):
            sheet.text(row + 1, col + p_index, f"{label} (h)", HEAD)
        sheet.text(row + 1, col + len(work), f"Total {code} (h)", HEAD)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block
        sheet.merge(
            row, col, col + block - 1, f"{code} – {_territory_name(config, code)}", HEAD_LINE
        )
    sheet.text(row, day_total_col, "Total travail jour (h)", HEAD)
    sheet.blank(row + 1, day_total_col, HEAD)
    if ts.absences:
        sheet.merge(row, absence_col, remark_col - 1, "Absences (hors temps de travail)", HEAD_LINE)
        for a_index, key in enumerate(ts.absences):
            sheet.text(row + 1, absence_col + a_index, f"{config.type_label(key)} (h)", HEAD)
    sheet.text(row, remark_col, "Remarque", HEAD)
    sheet.blank(row + 1, remark_col, HEAD)
    ws.freeze_panes(row + 2, 2)
    row += 2

    # One line per day, territories side by side.
    first_data = row
    by_day: dict[date, dict[str, tuple[int, ...]]] = {}
    kinds: dict[date, str] = {}
    absent: dict[date, list[int]] = {}
    for r in month.rows:
        by_day.setdefault(r.day, {})[r.territory] = r.work
        kinds[r.day] = r.kind
        day_absent = absent.setdefault(r.day, [0] * len(ts.absences))
        for a_index, m in enumerate(r.absences):
            day_absent[a_index] += m
    empty = (0,) * len(work)
    for day, per_territory in by_day.items():
        kind = kinds[day]
        plain = OFF if kind else BORDER
        sheet.day(row, 0, day, {**plain, "align": "center"})
        sheet.text(row, 1, WEEKDAYS[day.weekday()][:3] + ".", {**plain, "align": "center"})
        day_minutes = 0
        for t_index, code in enumerate(territories):
            col = first_col + t_index * block
            values = per_territory.get(code, empty)
            for p_index, m in enumerate(values):
                sheet.number(row, col + p_index, _hours(m), hours)
            day_sum = sum(values)
            day_minutes += day_sum
            sheet.formula(
                row,
                col + len(work),
                f"=SUM({_cell(row, col)}:{_cell(row, col + len(work) - 1)})",
                total,
                _hours(day_sum),
            )
        cols = [_cell(row, first_col + i * block + len(work)) for i in range(len(territories))]
        sheet.formula(row, day_total_col, "=" + "+".join(cols), total, _hours(day_minutes))
        for a_index, m in enumerate(absent[day]):
            sheet.number(row, absence_col + a_index, _hours(m), hours)
        sheet.text(row, remark_col, kind, plain)
        row += 1
    last_data = row - 1

    # Totals row.
    totals = month.totals
    sheet.text(row, 0, "Total (h)", TOTAL, measure=False)
    sheet.blank(row, 1, TOTAL)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block
        for p_index, key in enumerate(work):
            value = _hours(totals.by_cell.get((code, key), 0))
            _sum(sheet, row, col + p_index, first_data, last_data, value, total)
        _sum(
            sheet,
            row,
            col + len(work),
            first_data,
            last_data,
            _hours(totals.by_territory.get(code, 0)),
            total,
        )
    _sum(sheet, row, day_total_col, first_data, last_data, _hours(totals.minutes), total)
    for a_index, key in enumerate(ts.absences):
        _sum(
            sheet,
            row,
            absence_col + a_index,
            first_data,
            last_data,
            _hours(totals.by_absence.get(key, 0)),
            total,
        )
    sheet.blank(row, remark_col, TOTAL)
    row += 1
    # Share of all working time and resulting ETP, under each territory's total.
    sheet.text(row, 0, "Part du temps", {"bold": True}, measure=False)
    sheet.text(row + 1, 0, "ETP", {"bold": True}, measure=False)
    for t_index, code in enumerate(territories):
        col = first_col + t_index * block + len(work)
        sheet.number(row, col, totals.territory_share(code), {**BORDER, "num_format": SHARE_FORMAT})
        sheet.number(row + 1, col, totals.etp(code), {**BORDER, "num_format": ETP_FORMAT})
    whole = totals.minutes / totals.all_minutes if totals.all_minutes else None
    sheet.number(row, day_total_col, whole, {**BORDER, "num_format": SHARE_FORMAT})
    sheet.number(row + 1, day_total_col, totals.etp(), {**BORDER, "num_format": ETP_FORMAT})
    row += 2
    sheet.text(row, 0, f"Jours ouvrés du mois : {totals.working_days}", measure=False)
    row += 2
    end = _signatures(sheet, row, config, max(remark_col - 3, 5))

    # The splits to the right of the day table, from its header row.
    _split_blocks(sheet, head + 1, remark_col + 2, ts, totals, config)
    sheet.finish()
    ws.set_column(remark_col + 1, remark_col + 1, 3)  # the gap
    page_setup(
        ws,
        title,
        config.person,
        period_label(month.period),
        one_page=True,
        title_rows=(head, head + 1),
    )
    ws.print_area(0, 0, max(end, sheet.last_row), sheet.last_col)


def _summary_sheet(styles: Styles, wb: Any, ts: Timesheet, config: Config) -> None:
    ws = wb.add_worksheet(SUMMARY_SHEET)
    sheet = Sheet(styles, ws)
    title = "Feuille de temps – récapitulatif"
    row = _header(sheet, title, ts, ts.period, config)
    territories = ts.territories
    header = ["Mois", "Jours ouvrés"]
    header += [f"{code} (h)" for code in territories]
    header += ["Total travail (h)", "Absences (h)"]
    header += [f"Part {code}" for code in territories]
    header += [f"ETP {code}" for code in territories]
    head = row
    for col, text in enumerate(header):
        sheet.text(row, col, text, HEAD)
    row += 1
    first_data = row
    hours_col = 2
    total_col = hours_col + len(territories)
    absence_col = total_col + 1
    share_col = absence_col + 1
    hours = {**BORDER, "num_format": HOURS_FORMAT}
    total = {**TOTAL, "num_format": HOURS_FORMAT}
    share = {**BORDER, "num_format": SHARE_FORMAT}
    etp = {**BORDER, "num_format": ETP_FORMAT}
    for month in ts.months:
        t = month.totals
        sheet.text(row, 0, month_sheet_name(month.period), BORDER)
        sheet.number(row, 1, t.working_days, {**BORDER, "num_format": INTEGER_FORMAT}, "00")
        for i, code in enumerate(territories):
            sheet.number(row, hours_col + i, _hours(t.by_territory.get(code, 0)), hours)
        sheet.formula(
            row,
            total_col,
            f"=SUM({_cell(row, hours_col)}:{_cell(row, total_col - 1)})",
            total,
            _hours(t.minutes),
        )
        sheet.number(row, absence_col, _hours(t.absence_minutes), hours)
        for i, code in enumerate(territories):
            sheet.number(row, share_col + i, t.territory_share(code), share, "100,0 %")
            sheet.number(row, share_col + len(territories) + i, t.etp(code), etp, "0,000")
        row += 1
    last_data = row - 1
    totals = ts.totals
    sheet.text(row, 0, "Total de la période", TOTAL)
    _sum(
        sheet,
        row,
        1,
        first_data,
        last_data,
        totals.working_days,
        {**TOTAL, "num_format": INTEGER_FORMAT},
    )
    for i, code in enumerate(territories):
        _sum(
            sheet,
            row,
            hours_col + i,
            first_data,
            last_data,
            _hours(totals.by_territory.get(code, 0)),
            total,
        )
    _sum(sheet, row, total_col, first_data, last_data, _hours(totals.minutes), total)
    _sum(sheet, row, absence_col, first_data, last_data, _hours(totals.absence_minutes), total)
    for i, code in enumerate(territories):
        sheet.number(
            row, share_col + i, totals.territory_share(code), {**share, **TOTAL}, "100,0 %"
        )
        sheet.number(
            row, share_col + len(territories) + i, totals.etp(code), {**etp, **TOTAL}, "0,000"
        )
    row += 2
    sheet.text(
        row,
        0,
        "Part du temps = heures du territoire ÷ heures de tous les territoires.",
        measure=False,
    )
    sheet.text(
        row - 1,
        0,
        "Travail = piliers et formation ; absences (congé, maladie…) à part, "
        "comptées dans aucun territoire ni ETP.",
        measure=False,
    )
    sheet.text(
        row + 1,
        0,
        f"ETP = heures ÷ ({config.annual_hours:g} h × jours ouvrés de la période "
        "÷ jours ouvrés de l'année).",
        measure=False,
    )
    row += 3
    end = _signatures(sheet, row, config, max(len(header) // 2, 3))
    _split_blocks(sheet, head + 1, len(header) + 1, ts, totals, config)
    sheet.finish()
    ws.set_column(len(header), len(header), 3)  # the gap
    page_setup(
        ws, title, config.person, period_label(ts.period), one_page=True, title_rows=(head, head)
    )
    ws.print_area(0, 0, max(end, sheet.last_row), sheet.last_col)


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
        ws.set_footer(footer, {"margin": 0.3})


def timesheet_xlsx(ts: Timesheet, config: Config, fp: Fingerprint | None = None) -> bytes:
    """The workbook's bytes: the summary sheet, then one sheet per month; with
    `fp`, the fingerprint of the data (see core.fingerprint)."""
    wb, buffer, styles = new_workbook(config, "Feuille de temps", ts.period.label)
    _summary_sheet(styles, wb, ts, config)
    for month in ts.months:
        _month_sheet(styles, wb, ts, month, config)
    if fp is not None:
        _fingerprint(wb, fp)
    wb.close()
    return buffer.getvalue()
