"""`citeslab` alone (or `citeslab tui`): the full-screen application. Textual is
imported here and only here."""

from __future__ import annotations

import click

from citeslab_tui.cli.common import db_option, db_path, get_config, now, today


def start_tui() -> int:
    """Open the store, build the app and run it; the app's return code is ours."""
    from citeslab_tui.store import Store
    from citeslab_tui.tui.app import make_app

    store = Store.open(db_path(), get_config(), now=now)
    app = make_app(store, today=today)
    app.run()
    return app.return_code or 0


@click.command()
@db_option
def tui() -> None:
    """Ouvre l'application plein écran."""
    raise SystemExit(start_tui())
