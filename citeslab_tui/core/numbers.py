"""French figures, written one way wherever a person reads them: the CLI report,
the TUI (through `present.py`), the bilan HTML and the XLSX captions.

- `1 222,75`: thousands parted by a narrow no-break space, decimal comma, true
  minus sign `−`, never `−0,0`;
- `—` for a figure that does not exist (nothing to divide, no target);
- a share is `42,3 %` (one decimal; whole percents for targets, by choice of the
  caller), a count `12` or `7,5` (a prorated target), a gap `+1,5` / `−1,5` / `0,0`.

CSV cells are data for programs and spreadsheets, not text to read: they keep
their own dialect (export.csvfmt: no thousands separator, `.` or `,`).
"""

from __future__ import annotations

NONE = "—"
MINUS = "−"
THOUSANDS = "\u202f"  # narrow no-break space (French typography)


def number(value: float | None, digits: int = 2) -> str:
    """`1 222,75`; `—` for None."""
    if value is None:
        return NONE
    whole, _, decimals = f"{abs(value):,.{digits}f}".partition(".")
    text = whole.replace(",", THOUSANDS) + ("," + decimals if decimals else "")
    negative = value < 0 and any(c not in f"0,{THOUSANDS}" for c in text)
    return MINUS + text if negative else text


def signed(value: float | None, digits: int = 1) -> str:
    """`+1,5` above zero, `−1,5` below, `0,0` when it rounds to zero."""
    text = number(value, digits)
    if value is None or text.startswith(MINUS) or not any(c in "123456789" for c in text):
        return text
    return "+" + text


def percent(share: float | None, digits: int = 1) -> str:
    """A share (0.423) as `42,3 %`."""
    return NONE if share is None else f"{number(share * 100, digits)} %"


def count(value: float | None) -> str:
    """A livrable's count: `12`, `1 200`, `7,5` (a prorated target)."""
    if value is None:
        return NONE
    return number(value, 0) if float(value).is_integer() else number(value, 1)


def euros(value: float | None, digits: int = 0) -> str:
    """`15 280 €`, `47,54 €`."""
    return NONE if value is None else f"{number(value, digits)} €"


def decimal_hours(value: float | None) -> str:
    """Hours as a decimal figure with its unit: `20,50 h`."""
    return NONE if value is None else f"{number(value)} h"
