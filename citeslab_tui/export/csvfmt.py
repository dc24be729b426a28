"""The two CSV dialects of the exports, and the cell formatting they share.

- `excel-fr` (default) is what a French spreadsheet opens without a question:
  UTF-8 with BOM, `;` separator, CRLF line ends, French headers, decimal comma
  (`7,50`), dates in ISO form (`2022-03-09`).
- `rfc4180` serves scripts: UTF-8 without BOM, `,` separator, snake_case
  headers, ISO dates, decimal point. Line ends are CRLF in both dialects, as
  RFC 4180 says (every csv reader accepts them).

**Why ISO dates in `excel-fr`**: LibreOffice's import dialog leaves "detect
special numbers" off by default, and then reads `09/03/2022` as text (it cannot
be sorted or added), while it reads `2022-03-09` as a date; Excel reads both,
and shows the ISO date in the French format. Times stay `HH:MM` text in their
own columns (`Début`, `Fin`): they are never added up.

**Quoting**: a field holding the separator, a comma, a quote, a tab, CR or LF is
quoted and its quotes doubled. The comma matters although it is not the
`excel-fr` separator: LibreOffice's dialog ticks tab, comma *and* semicolon by
default, and an unquoted `1,50` landed in two cells, shifting every later
column. Inside quotes the comma is data, and `1,50` is read as 1.5.

**Text that must stay text** (`neutralise`, the one rule, applied to every text
cell the exports write; `unneutralise` undoes it exactly, for the import):

1. A text that *starts dangerously* gets a `'` in front (`=1+1` → `'=1+1`):
   it begins with `=`, `+`, `-`, `@` (or a full-width / small / super- or
   subscript form of them: `＝＋－＠`, U+2212 minus), or with a control or
   format character (tab, CR, LF, the bidi controls such as U+202E, zero-width
   characters: Unicode categories Cc and Cf), or with whitespace followed by any
   of these (` =x`). A spreadsheet could run it as a formula, or show it
   reordered; the apostrophe is visible, which is the point for such a cell.
2. Otherwise a text a spreadsheet would *convert* — a phone number `0612345678`
   (the 0 lost), a postcode `74100`, `1/2` (a date), `1e5`, `10%`, `1,5`,
   `12 mai`, `VRAI`, a long digit string (rounded after 15 digits) — gets an
   invisible WORD JOINER (U+2060) at its end: `0612345678⁠`. Neither Excel nor
   LibreOffice reads a number or a date in it, so the cell stays text and shows
   exactly `0612345678`; searching and sorting still work, and nothing is shown
   that the person did not type. Numbers, dates and hours the program writes
   are never marked: they are meant to be numbers.

So that the import gives back exactly what was written, each mark is escaped
when the text already looks marked: a text made of apostrophes followed by a
dangerous start gets one more apostrophe (`'=x` → `''=x`), a convertible text
followed by word joiners gets one more joiner; the import removes exactly one.
(XLSX cells are typed: text is written as a string, never parsed, and protected
by the cell's hidden "quote prefix" flag instead — see `xlsx.py`.)

**Hours** are integer minutes turned into hundredths of an hour only here:
`hundredths(m) = round(m × 100 / 60)` in integer arithmetic. `m × 5 / 3` is
never halfway between two integers, so there is no rounding-mode question, and
`round(hours × 60)` gives back `m` exactly for every 2-decimal value printed
(the error of the rounding is at most 1/3 of a hundredth, 0.2 minute).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from citeslab_tui.core.errors import CitesLabError

BOM = "\ufeff"
TEXT_MARK = "\u2060"  # WORD JOINER: invisible, keeps a convertible text a text
# What a spreadsheet may take for the start of a formula: the four ASCII signs,
# every character whose NFKC form is one of them (full-width, small, super- and
# subscript forms; a test checks the list against the Unicode database), and
# the minus sign.
FORMULA_SIGNS = frozenset(
    "=+-@"
    "\uff1d\uff0b\uff0d\uff20"  # ＝＋－＠ full width
    "\ufe66\ufe62\ufe63\ufe6b"  # small forms
    "\u207c\u207a\u208c\u208a"  # super- and subscript = +
    "\ufb29"  # Hebrew alternative plus sign
    "\u2212"  # minus sign
)
_DANGEROUS_CATEGORIES = frozenset({"Cc", "Cf"})  # controls, format (bidi, zero-width)
# First characters that need no closer look: letters that begin no month name
# and no boolean. Other ASCII letters and digits start no formula, but may
# start a convertible text.
_PLAIN_FIRST = frozenset("bcghiklqruwxyzBCGHIKLQRUWXYZ")
_ALNUM_FIRST = frozenset("0123456789adefjmnopstvADEFJMNOPSTV")
_MONTH_NAMES = (
    "janvier|janv|février|fevrier|févr|fevr|fév|fev|mars|avril|avr|mai|juin|juillet|juil"
    "|août|aout|septembre|sept|octobre|novembre|décembre|decembre|déc|dec"
    "|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug"
    "|september|sep|october|oct|november|nov|december"
)
# Longest first: the pattern below never backtracks (`++`), so `sept` must not
# win over `september`.
_MONTHS = "|".join(sorted(set(_MONTH_NAMES.split("|")), key=lambda m: (-len(m), m)))
# A text made only of digits, separators, signs, currency, exponent marks,
# month names and am/pm, with at least one digit (checked apart): what Excel or
# LibreOffice may read as a number, a percentage, a fraction, a date or a time.
_CONVERTIBLE = re.compile(
    rf"(?:[\d\s.,:;/%()€$£¥+\-\u2212eE]|(?:{_MONTHS})\.?|[ap]\.?m\.?)++", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_BOOLEANS = frozenset({"vrai", "faux", "true", "false"})


class ExportError(CitesLabError):
    """An export that cannot be made or written (French message)."""


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    delimiter: str
    bom: bool
    french: bool  # French headers, decimal comma
    lineterminator: str = "\r\n"

    @property
    def decimal(self) -> str:
        return "," if self.french else "."

    def date(self, day: date | None) -> str:
        """ISO in both dialects (module doc: what LibreOffice reads as a date)."""
        if day is None:
            return ""
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


def starts_dangerously(text: str) -> bool:
    """Could a spreadsheet run `text` as a formula, or show it reordered? It
    begins with a formula sign, a control or format character, or whitespace
    followed by one of those (see the module doc): the leading whitespace and
    the first character after it are looked at."""
    for char in text:
        if char in FORMULA_SIGNS or unicodedata.category(char) in _DANGEROUS_CATEGORIES:
            return True
        if not char.isspace():
            return False
    return False


def convertible(text: str) -> bool:
    """Would a spreadsheet turn `text` into a number, date, time or boolean?"""
    core = text.strip()
    if len(core) <= 5 and core.lower() in _BOOLEANS:
        return True
    return _CONVERTIBLE.fullmatch(core) is not None and _DIGIT.search(core) is not None


def neutralise(text: str) -> str:
    """The text of a CSV cell that a spreadsheet keeps as text and runs never
    (see the module doc): `'` before a dangerous start, a trailing WORD JOINER
    after a convertible text, each escaped when already present."""
    if not text:
        return text
    first = text[0]
    if first in _PLAIN_FIRST:
        return text
    if first in _ALNUM_FIRST:  # no formula: only the mark may be needed
        return text + TEXT_MARK if convertible(text.rstrip(TEXT_MARK)) else text
    if starts_dangerously(text.lstrip("'")):
        return "'" + text
    if convertible(text.rstrip(TEXT_MARK)):
        return text + TEXT_MARK
    return text


def unneutralise(text: str) -> str:
    """Undo `neutralise` exactly: drop the one `'` or the one WORD JOINER it added."""
    if text[:1] == "'" and starts_dangerously(text.lstrip("'")):
        return text[1:]
    if text[-1:] == TEXT_MARK and convertible(text.rstrip(TEXT_MARK)):
        return text[:-1]
    return text


def to_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    dialect: Dialect,
) -> bytes:
    """The file's bytes. Cells must already be strings, formatted and neutralised.
    A field holding the separator, a comma, a quote, a tab, CR or LF is quoted
    (module doc), its quotes doubled."""
    sep = dialect.delimiter
    other = _OTHER_SPECIALS  # what calls for quotes besides the separator
    lines: list[str] = [BOM] if dialect.bom else []
    append = lines.append
    end = dialect.lineterminator
    # Short cells (hours, dates, codes) repeat from row to row: each distinct
    # one is looked at once.
    done: dict[str, str] = {}
    get = done.get
    for row in _with_header(header, rows):
        line = sep.join(row)
        if line.count(sep) == len(row) - 1 and other.search(line) is None:
            append(line + end)  # nothing to quote: the common case
            continue
        cells = []
        for cell in row:
            out = get(cell)
            if out is None:
                out = _quoted(cell, sep)
                if len(cell) < 24:
                    done[cell] = out
            cells.append(out)
        append(sep.join(cells) + end)
    return "".join(lines).encode("utf-8")


_OTHER_SPECIALS = re.compile('[,"\t\r\n]')


def _quoted(cell: str, sep: str) -> str:
    if sep in cell or _OTHER_SPECIALS.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _with_header(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    yield header
    yield from rows
