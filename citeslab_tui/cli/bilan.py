"""`citeslab bilan`: the HTML bilan for the manager and the funders, over one
or several data files (`--db a.json --db b.json`, read-only). Thin over
`services.bilan`."""

from __future__ import annotations

import click

from citeslab_tui.cli.common import (
    db_option,
    db_paths,
    parse_day,
    replaced_with_force,
    resolve,
    today,
)


@click.command()
@click.option("--year", type=int, metavar="AAAA", help="Une année civile.")
@click.option("--period", nargs=2, metavar="DÉBUT FIN", help="Une période (deux dates).")
@click.option("--as-of", "as_of", metavar="DATE", help="Date d'arrêté (défaut : aujourd'hui).")
@click.option("-o", "--output", metavar="CHEMIN", help="Fichier ou dossier (défaut : ./exports/).")
@click.option("--force", is_flag=True, help="Remplace un fichier existant.")
@db_option
def bilan(
    year: int | None,
    period: tuple[str, str] | None,
    as_of: str | None,
    output: str | None,
    force: bool,
) -> None:
    """Bilan HTML lisible (graphiques, livrables, points d'attention), autonome
    et imprimable en A4. Plusieurs --db : chaque personne côte à côte et les
    totaux par territoire et par livrable.

    \b
    Exemples :
      citeslab bilan --year 2022
      citeslab bilan --period 2022-01-01 2022-06-30 --as-of 2022-06-30 -o bilan.html
      citeslab bilan --year 2022 --db marie.json --db paul.json
    """
    from citeslab_tui.services.bilan import write_bilan

    if year is not None and period:
        raise click.UsageError("--year et --period s'excluent.")
    day = parse_day(as_of) or today()
    start, end = period if period else (None, None)
    span = resolve(year, None, start, end, default_today=day)
    with replaced_with_force():
        path, result = write_bilan(
            db_paths(), span, day, generated=today(), output=output, force=force
        )
    for failed, why in result.failures:
        click.echo(f"Non lu : {failed} ({why})", err=True)
    people = len(result.people)
    click.echo(f"Écrit : {path} ({people} fichier{'s' if people > 1 else ''})")
