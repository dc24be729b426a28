"""`citeslab month close|reopen|list` and `citeslab verify FILE.xlsx`."""

from __future__ import annotations

from pathlib import Path

import click

from citeslab_tui.cli.common import UserError, db_option, open_store
from citeslab_tui.cli.french import SUBCOMMAND


@click.group(subcommand_metavar=SUBCOMMAND)
def month() -> None:
    """Clôture des mois : un mois clos (feuille de temps signée) ne change plus."""


@month.command()
@click.argument("month_", metavar="AAAA-MM")
@db_option
def close(month_: str) -> None:
    """Clôt un mois : ses entrées ne peuvent plus être ajoutées, modifiées,
    supprimées ni annulées."""
    from citeslab_tui.core.closing import of_month
    from citeslab_tui.services.closing import close_month

    record = close_month(open_store(), month_)
    click.echo(f"Mois {of_month(record['month'])} clos.")


@month.command()
@click.argument("month_", metavar="AAAA-MM")
@click.option(
    "--reason", required=True, metavar="TEXTE", help="Pourquoi le mois est rouvert (gardé, daté)."
)
@db_option
def reopen(month_: str, reason: str) -> None:
    """Rouvre un mois clos ; la raison est gardée avec la date."""
    from citeslab_tui.core.closing import of_month
    from citeslab_tui.services.closing import reopen_month

    record = reopen_month(open_store(), month_, reason)
    click.echo(f"Mois {of_month(record['month'])} rouvert : {reason}")


@month.command("list")
@db_option
def list_() -> None:
    """Les mois clos ou rouverts, avec leur historique."""
    from citeslab_tui.services.closing import describe

    closures = open_store(readonly=True).closures()
    if not closures:
        click.echo("Aucun mois clos.")
    for key in sorted(closures):
        click.echo(describe(closures[key]))


@click.command()
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def verify(file: Path) -> None:
    """Vérifie qu'une feuille de temps XLSX correspond toujours aux données.

    Dit « conforme » quand les données donnent les mêmes chiffres qu'à
    l'export, sinon nomme les jours qui ont changé (code de sortie 1)."""
    from citeslab_tui.services.closing import verify_file

    verdict = verify_file(file, open_store(readonly=True))
    where = f" ({verdict.territory})" if verdict.territory else ""
    span = f"du {verdict.period.start:%d/%m/%Y} au {verdict.period.end:%d/%m/%Y}{where}"
    if verdict.conforme:
        click.echo(f"conforme : {file.name}, {span}, empreinte {verdict.recorded}")
        return
    lines = [f"non conforme : {file.name}, {span}"]
    lines.append(f"  empreinte de la feuille : {verdict.recorded}")
    lines.append(f"  empreinte des données   : {verdict.current}")
    if verdict.changed:
        days = ", ".join(f"{d:%d/%m/%Y}" for d in verdict.changed)
        lines.append(f"  jours modifiés depuis l'export : {days}")
    raise UserError("\n".join(lines))
