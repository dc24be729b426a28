"""`citeslab privacy [--purge]`: the retention rule of DOMAIN.md (RGPD), through
services.privacy (the workflow F4 → r runs too)."""

from __future__ import annotations

import click

from citeslab_tui.cli.common import db_option, open_store, today


@click.command()
@click.option("--purge", is_flag=True, help="Anonymise les porteurs listés (après confirmation).")
@click.option("--yes", "-y", is_flag=True, help="Ne pas demander confirmation.")
@db_option
def privacy(purge: bool, yes: bool) -> None:
    """Porteurs à anonymiser : 2 ans après le dernier contact, ou 3 ans après la
    création pour le suivi post-création."""
    from citeslab_tui.services import privacy as service

    store = open_store(readonly=not purge)
    day = today()
    due = service.due(store, day)
    if not due:
        click.echo("Aucun porteur n'a dépassé la durée de conservation.")
        return
    click.echo(f"{len(due)} porteur(s) au-delà de la durée de conservation :")
    for d in due:
        click.echo(f"  {d.id}  {d.territory}  {d.reason}")
    if not purge:
        click.echo("`citeslab privacy --purge` efface leurs noms, contacts et notes.")
        return
    if not yes:
        click.confirm(
            f"Effacer définitivement les données personnelles de ces {len(due)} porteur(s) ?",
            abort=True,
        )
    done = service.purge(store, day, [d.id for d in due])  # one write, all or nothing
    click.echo(service.describe(done))
