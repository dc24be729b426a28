"""`citeslab check | restore | demo`: the health of the data file."""

from __future__ import annotations

import click

from citeslab_tui.cli.common import UserError, db_option, db_path, get_config, now, today
from citeslab_tui.core.demo import MAX_ENTRIES


@click.command()
@db_option
def check() -> None:
    """Vérifie tout le fichier (schémas, références) ; code 1 si un problème."""
    from citeslab_tui.services.check import check as check_file

    path = db_path()
    problems, summary, days = check_file(path, get_config(), today())
    click.echo(f"Fichier : {path}")
    click.echo(summary)
    if problems:
        for p in problems:
            click.echo(f"  - {p}", err=True)
        raise UserError(f"{len(problems)} problème(s) trouvé(s)")
    click.echo("Aucun problème.")
    if days:  # accepted with a warning (issue 11): listed, not an error
        click.echo(f"Jours à vérifier ({len(days)}) :")
        for found in days:
            for message in found.messages():
                click.echo(f"  - {message}")


@click.command()
@click.option(
    "--backup",
    "backup",
    type=click.Path(exists=True, dir_okay=False),
    help="Sauvegarde à restaurer (défaut : la plus récente valide).",
)
@click.option("--list", "list_only", is_flag=True, help="Liste les sauvegardes.")
@click.option("--yes", "-y", is_flag=True, help="Ne pas demander confirmation.")
@db_option
def restore(backup: str | None, list_only: bool, yes: bool) -> None:
    """Remet une sauvegarde en place (le fichier actuel est gardé à côté)."""
    from pathlib import Path

    from citeslab_tui.services import restore as service

    path = db_path()
    if list_only:
        backups = service.available(path)
        if not backups:
            click.echo("Aucune sauvegarde.")
        for b in backups:
            click.echo(f"{b.path}  ({b.size} octets, {'valide' if b.good else 'ABÎMÉE'})")
        return
    chosen = service.choose(path, Path(backup) if backup else None)
    if not yes:
        click.confirm(f"Restaurer {chosen} à la place de {path} ?", abort=True)
    aside = service.restore(path, chosen, now())
    click.echo(f"Restauré depuis {chosen}.")
    if aside:
        click.echo(f"L'ancien fichier est conservé : {aside}")


@click.command()
@click.option(
    "--entries",
    "n_entries",
    type=click.IntRange(1, MAX_ENTRIES),
    metavar="N",
    default=None,
    help="Nombre d'entrées (par défaut : chaque jour des années des conventions configurées). "
    "Jamais avant 2000 : au-delà d'environ 25 000, les journées sont découpées en plus "
    "d'entrées, plus courtes.",
)
@click.option("--seed", type=int, metavar="N", default=2022, show_default=True)
@db_option
def demo(n_entries: int | None, seed: int) -> None:
    """Écrit l'historique fictif d'une personne à 1 ETP dans un fichier neuf."""
    from citeslab_tui.cli.common import open_store
    from citeslab_tui.core import numbers
    from citeslab_tui.core.demo import EARLIEST
    from citeslab_tui.services.demo import write_demo

    store = open_store()
    made = write_demo(store, today(), entries=n_entries, seed=seed)
    click.echo(
        f"{made.entries} entrées ({made.first:%d/%m/%Y} → {made.last:%d/%m/%Y}) et "
        f"{made.porteurs} porteurs écrits dans {store.path}"
    )
    if made.density > 1:
        click.echo(
            "Journées plus denses qu'un historique réel "
            f"({numbers.number(made.entries / made.days, 1)} entrées par jour en moyenne) "
            f"pour ne pas remonter avant le {EARLIEST:%d/%m/%Y}."
        )
