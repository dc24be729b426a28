"""Exports for funders and managers (CSV `excel-fr` / `rfc4180`, XLSX timesheet)
and the import of an entries export. May read and write files; builds on the
pure `core` (timesheet, indicators). Heavy libraries (xlsxwriter) are imported
only when an XLSX file is made.

Public API:
- `ExportRequest`, `render(...)`, `destinations(...)`, `write_files(...)`,
  `export(...)`, `FilesExist` (files.py)
- `import_entries(path, config, existing_ids, ...) -> ImportResult`,
  `ImportRejected`: in `export.importer`, imported by who imports (an export
  does not load the CSV reader)
- one module per kind in `export/kinds/`, loaded when that kind is asked
- `ExportError`, `DIALECTS`, `neutralise`, `unneutralise` (csvfmt.py)
"""

from __future__ import annotations

from citeslab_tui.export.csvfmt import DIALECTS, ExportError, neutralise, unneutralise
from citeslab_tui.export.files import (
    FORMATS,
    KINDS,
    ExportRequest,
    FilesExist,
    RenderedFile,
    Sources,
    destinations,
    export,
    render,
    sources,
    write_files,
)

__all__ = [
    "DIALECTS",
    "FORMATS",
    "KINDS",
    "ExportError",
    "ExportRequest",
    "FilesExist",
    "RenderedFile",
    "Sources",
    "destinations",
    "export",
    "neutralise",
    "render",
    "sources",
    "unneutralise",
    "write_files",
]
