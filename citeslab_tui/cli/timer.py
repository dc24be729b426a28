"""`citeslab start | stop | status`: a running timer for those who log as they go."""

from __future__ import annotations

from datetime import time

import click

from citeslab_tui.cli import common
from citeslab_tui.cli.common import UserError, db_option, open_store


def _end_time(text: str | None) -> time | None:
    from citeslab_tui.core.dates import read_time

    return None if text is None else read_time(text)


@click.command()
@click.argument("line", metavar="LIGNE")
@db_option
def start(line: str) -> None:
    """Lance un chronomètre pour une ligne de saisie sans durée.

    Exemple : citeslab start "atelier @CCG 12p"   puis   citeslab stop -- 2 RDV pris
    """
    from citeslab_tui.services import timer

    store = open_store()
    started = timer.start(store, line, common.now())
    click.echo(f"Chronomètre lancé à {started.started:%H:%M} : {started.line}")


@click.command()
@click.argument("note", nargs=-1)
@click.option("--end", "end", metavar="HH:MM", help="Heure de fin (le jour du début).")
@click.option("--cancel", is_flag=True, help="Abandonne le chronomètre sans rien enregistrer.")
@db_option
def stop(note: tuple[str, ...], end: str | None, cancel: bool) -> None:
    """Arrête le chronomètre et enregistre l'entrée (note facultative après --).

    Un chronomètre resté lancé après minuit demande --end (l'heure de fin de ce
    jour-là) ou --cancel : jamais 30 h enregistrées sans le dire.
    """
    from citeslab_tui.cli.entries import entry_line
    from citeslab_tui.core.timer import TimerOverMidnight
    from citeslab_tui.services import timer

    store = open_store()
    if cancel:
        if note or end:
            raise click.UsageError("--cancel ne prend ni note ni --end")
        abandoned = timer.cancel(store)
        click.echo(f"Chronomètre abandonné (rien n'est enregistré) : {abandoned.line}")
        return
    try:
        stopped = timer.stop(store, common.now(), note=" ".join(note), end=_end_time(end))
    except TimerOverMidnight as exc:
        raise UserError(f"{exc} : citeslab stop --end 17h30, ou citeslab stop --cancel") from exc
    click.echo(f"Enregistré : {entry_line(stopped.entry, store.config)}")
    for warning in stopped.warnings:  # accepted, but worth a look (as `citeslab log`)
        click.echo(f"Attention : {warning.message}", err=True)


@click.command()
@db_option
def status() -> None:
    """Dit si un chronomètre tourne, depuis quand et pour quelle ligne."""
    from citeslab_tui.services import timer

    store = open_store(readonly=True)
    current = timer.running(store)
    now = common.now()
    if current is None:
        click.echo("Aucun chronomètre en cours.")
        return
    click.echo(f"Chronomètre : {current.describe(now)}")
    if current.crossed_midnight(now):
        click.echo(
            "Lancé un autre jour : citeslab stop --end HH:MM (fin de ce jour-là) ou --cancel."
        )
