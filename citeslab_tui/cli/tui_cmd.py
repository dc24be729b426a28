"""`citeslab` alone (or `citeslab tui`): the full-screen application. Textual is
imported here and only here."""

from __future__ import annotations

import click

from citeslab_tui import launch
from citeslab_tui.cli.common import db_option, db_path, db_paths


def start_tui() -> int:
    """The app on the data file chosen by --db (or its default); with several
    --db, the read-only consolidated dashboard."""
    if len(db_paths()) > 1:
        return launch.start_consolidated(db_paths())
    return launch.start_tui(db_path())


@click.command()
@db_option
def tui() -> None:
    """Ouvre l'application plein écran."""
    raise SystemExit(start_tui())
