"""`citeslab history`: the lines typed before (↑/↓ and ctrl+r in the app)."""

from __future__ import annotations

import click

from citeslab_tui.cli.common import db_option, db_path


@click.command()
@click.option(
    "--notes/--no-notes",
    "keep_notes",
    default=None,
    help="Garder les notes dans l'historique (--no-notes les retire aussi des lignes gardées).",
)
@click.option("--clear", is_flag=True, help="Efface l'historique.")
@db_option
def history(keep_notes: bool | None, clear: bool) -> None:
    """Les lignes de saisie déjà tapées, la plus récente en dernier."""
    from citeslab_tui.core.history import History
    from citeslab_tui.core.text import printable
    from citeslab_tui.services import history as saved

    path = db_path()
    if clear:
        saved.save(path, History((), saved.load(path).keep_notes))
        click.echo("Historique effacé.")
        return
    if keep_notes is not None:
        saved.set_keep_notes(path, keep_notes)
        click.echo(
            "Notes gardées dans l'historique."
            if keep_notes
            else "Notes retirées de l'historique (et des lignes déjà gardées)."
        )
        return
    kept = saved.load(path)
    for line in kept.lines:
        click.echo(printable(line, one_line=True))
    if not kept.lines:
        click.echo("Historique vide.")
