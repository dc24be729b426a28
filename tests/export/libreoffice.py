"""Opening exports in a real spreadsheet: LibreOffice headless (`soffice`),
the way a user double-clicks a file. Used by test_libreoffice.py; every test
there is skipped, with the reason, when `soffice` is not installed.

Each test session gets its own LibreOffice profile (so that it never waits on
a profile another soffice holds), set to French (fr-FR) and to recalculate
every formula of an XLSX file on load — so totals read back are LibreOffice's
own, not the values the file caches.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None or PDFINFO is None,
    reason="LibreOffice not installed (apt-get install libreoffice-calc poppler-utils): "
    "the exports are not opened in a spreadsheet",
)
# The options LibreOffice's CSV import dialog shows by default: separators
# comma, semicolon and tab; quote "; UTF-8; from line 1; French; quoted fields
# not forced to text; special numbers not detected.
DEFAULT_CSV_IMPORT = "CSV:44/59/9,34,76,1,,1036,false,false"

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
"""


class LibreOffice:
    def __init__(self, root: Path) -> None:
        self.root = root
        profile = root / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        self.profile_url = profile.resolve().as_uri()

    def convert(self, source: Path, to: str, infilter: str | None = None) -> Path:
        """`source` converted to `to` (pdf, fods, …) next to it; the new path."""
        assert SOFFICE is not None
        command = [SOFFICE, f"-env:UserInstallation={self.profile_url}", "--headless"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", to, "--outdir", str(source.parent), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        out = source.with_suffix("." + to.split(":")[0])
        assert out.exists(), f"LibreOffice made no {out.name}"
        return out


def pdf_pages(pdf: Path) -> int:
    assert PDFINFO is not None
    info = subprocess.run([PDFINFO, str(pdf)], check=True, capture_output=True, text=True)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def pdf_page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext), in order."""
    assert PDFTOTEXT is not None
    out = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


# --------------------------------------------------------------------------- fods

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


@dataclass(frozen=True)
class Cell:
    type: str  # "float", "date", "string", "percentage", "" (empty)…
    value: str  # office:value / office:date-value, or the text
    text: str  # what the cell shows
    formula: str | None


def read_fods(path: Path) -> dict[str, list[list[Cell]]]:
    """Every sheet of a flat ODF spreadsheet as rows of cells (trailing empty
    cells and rows dropped)."""
    sheets: dict[str, list[list[Cell]]] = {}
    root = ET.parse(path).getroot()
    for table in root.iter(_q("table", "table")):
        rows: list[list[Cell]] = []
        for row in table.iter(_q("table", "table-row")):
            cells: list[Cell] = []
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                kind = cell.get(_q("office", "value-type"), "")
                value = cell.get(_q("office", "value")) or cell.get(_q("office", "date-value"))
                text = "\n".join("".join(p.itertext()) for p in cell.findall(_q("text", "p")))
                one = Cell(
                    kind,
                    value if value is not None else text,
                    text,
                    cell.get(_q("table", "formula")),
                )
                repeat = int(cell.get(_q("table", "number-columns-repeated"), "1"))
                cells.extend([one] * min(repeat, 200))
            while cells and not cells[-1].type and not cells[-1].text:
                cells.pop()
            repeat = int(row.get(_q("table", "number-rows-repeated"), "1"))
            rows.extend([cells] * min(repeat, 200))
        while rows and not rows[-1]:
            rows.pop()
        sheets[table.get(_q("table", "name"), "")] = rows
    return sheets
