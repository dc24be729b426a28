"""A report's figures by key for the tests: `Report.livrable` and
`Report.territory_figures` return None for an unknown key; here an unknown key
fails the test at once, and mypy checks what the test reads from the figures."""

from __future__ import annotations

from citeslab_tui.core.indicators import LivrableFigures, Report, TerritoryFigures


def livrable_of(r: Report, key: str) -> LivrableFigures:
    found = r.livrable(key)
    assert found is not None, f"no livrable {key!r} in the report"
    return found


def territory_of(r: Report, code: str) -> TerritoryFigures:
    found = r.territory_figures(code)
    assert found is not None, f"no territory {code!r} in the report"
    return found
