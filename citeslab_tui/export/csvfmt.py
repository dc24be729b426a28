"""The two CSV dialects of the exports, and the cell formatting they share.

- `excel-fr` (default) is what a French spreadsheet opens without a question:
  UTF-8 with BOM, `;` separator, CRLF line ends, French headers, dates
  JJ/MM/AAAA, hours as decimals with a comma (`7,50`).
- `rfc4180` serves scripts: UTF-8 without BOM, `,` separator, snake_case
  headers, ISO dates, decimal point. Line ends are CRLF in both dialects, as
  RFC 4180 says (every csv reader accepts them).

Quoting is the csv module's (minimal): a field holding the separator, a quote,
CR or LF is quoted, quotes doubled, so a note survives a round trip whatever it
holds.

**Formula injection**: a text cell that begins with `=`, `+`, `-`, `@`, a tab or
a carriage return could run as a formula when the file is opened; it is written
with a `'` in front. So that the import can undo it exactly, a text that already
begins with apostrophes followed by one of those characters gets one more
apostrophe (`'=x` → `''=x`), and the import removes exactly one. Numbers and
dates are never prefixed: they are produced by the program, never by the user.

**Hours** are integer minutes turned into hundredths of an hour only here:
`hundredths(m) = round(m × 100 / 60)` in integer arithmetic. `m × 5 / 3` is
never halfway between two integers, so there is no rounding-mode question, and
`round(hours × 60)` gives back `m` exactly for every 2-decimal value printed
(the error of the rounding is at most 1/3 of a hundredth, 0.2 minute).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from citeslab_tui.core.errors import CitesLabError

BOM = "\ufeff"
# What a spreadsheet may take for the start of a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
RISKY_FIRST = FORMULA_STARTS | {"'"}  # first characters worth a closer look


class ExportError(CitesLabError):
    """An export that cannot be made or written (French message)."""


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    delimiter: str
    bom: bool
    french: bool  # French headers, JJ/MM/AAAA dates, decimal comma
    lineterminator: str = "\r\n"

    @property
    def decimal(self) -> str:
        return "," if self.french else "."

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        if self.french:
            return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
        return day.isoformat()

    def hours(self, minutes: int) -> str:
        """`450` → `7,50` / `7.50`."""
        return format_hundredths(hundredths(minutes), self.decimal)

    def number(self, value: float | None, digits: int = 2) -> str:
        """A decimal figure (targets, shares, ETP); empty for None."""
        if value is None:
            return ""
        text = f"{value:.{digits}f}"
        if text.startswith("-") and not text.strip("-0."):
            text = text[1:]  # no "-0.00"
        return text.replace(".", ",") if self.french else text

    def boolean(self, value: bool) -> str:
        if self.french:
            return "oui" if value else "non"
        return "true" if value else "false"


EXCEL_FR = Dialect("excel-fr", ";", bom=True, french=True)
RFC4180 = Dialect("rfc4180", ",", bom=False, french=False)
DIALECTS: dict[str, Dialect] = {d.name: d for d in (EXCEL_FR, RFC4180)}


def get_dialect(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except KeyError:
        raise ExportError(f"dialecte « {name} » inconnu (connus : {', '.join(DIALECTS)})") from None


def hundredths(minutes: int) -> int:
    """Minutes as hundredths of an hour, rounded to nearest (never a tie)."""
    if minutes < 0:
        return -((-5 * minutes + 1) // 3)
    return (5 * minutes + 1) // 3


def format_hundredths(value: int, decimal: str = ",") -> str:
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 100)
    return f"{sign}{whole}{decimal}{cents:02d}"


def neutralise(text: str) -> str:
    """Prefix `'` to a text a spreadsheet could run as a formula (see module doc)."""
    if (
        text
        and text[0] in RISKY_FIRST
        and (text[0] != "'" or text.lstrip("'")[:1] in FORMULA_STARTS)
    ):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo `neutralise`: drop one `'` before apostrophes and a formula start."""
    if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_STARTS:
        return text[1:]
    return text


def to_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    dialect: Dialect,
) -> bytes:
    """The file's bytes. Cells must already be strings, formatted and neutralised."""
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write(BOM)
    writer = csv.writer(
        buffer,
        delimiter=dialect.delimiter,
        lineterminator=dialect.lineterminator,
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
