"""`citeslab privacy [--purge]`: the retention rule of DOMAIN.md (RGPD)."""

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
    from citeslab_tui.store.privacy import forget_porteurs, retention_due

    store = open_store(readonly=not purge)
    due = retention_due(store.porteurs(), today())
    if not due:
        click.echo("Aucun porteur n'a dépassé la durée de conservation.")
        return
    click.echo(f"{len(due)} porteur(s) au-delà de la durée de conservation :")
    for p, reason in due:
        click.echo(f"  {p.id}  {p.territory}  {reason}")
    if not purge:
        click.echo("`citeslab privacy --purge` efface leurs noms, contacts et notes.")
        return
    if not yes:
        click.confirm(
            f"Effacer définitivement les données personnelles de ces {len(due)} porteur(s) ?",
            abort=True,
        )
    done = forget_porteurs(store, [p.id for p, _reason in due])  # one write, all or nothing
    click.echo(
        f"{len(done.ids)} porteur(s) anonymisé(s) : {', '.join(done.ids)} ; identifiants et "
        f"comptes conservés, {done.copies} copie(s) de sauvegarde réécrite(s)."
    )
