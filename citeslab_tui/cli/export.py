"""`citeslab export NATURE …` and `citeslab import entries FILE`: files for the
funders and the managers, and bringing a spreadsheet log back in.

Thin: parse the options, read the store (read-only for exports), call
`citeslab_tui.export`, print where each file went."""

from __future__ import annotations

from pathlib import Path

import click

from citeslab_tui.cli.common import (
    db_option,
    open_store,
    parse_day,
    period_options,
    replaced_with_force,
    resolve,
    today,
)
from citeslab_tui.cli.french import SUBCOMMAND

KINDS = ("timesheet", "entries", "indicators", "porteurs")


@click.command()
@click.argument("kind", metavar="NATURE", type=click.Choice(KINDS))
@period_options
@click.option("--territory", metavar="T", help="Un seul territoire (défaut : tous).")
@click.option(
    "--dialect",
    type=click.Choice(["excel-fr", "rfc4180"]),
    default="excel-fr",
    show_default=True,
    help="excel-fr : tableur français (;, virgule décimale) ; rfc4180 : scripts.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="xlsx : à ouvrir, imprimer, signer (cellules typées ; feuille de temps d'une page "
    "par mois, indicateurs avec graphiques) ; csv : scripts et financeurs qui le demandent.",
)
@click.option(
    "-o", "--output", metavar="CHEMIN", help="Fichier ou dossier de sortie (défaut : ./exports/)."
)
@click.option("--split", type=click.Choice(["monthly"]), help="Un fichier par mois.")
@click.option("--force", is_flag=True, help="Remplace un fichier existant.")
@click.option(
    "--with-names", is_flag=True, help="porteurs : ajoute noms et coordonnées (déconseillé)."
)
@click.option("--as-of", "as_of", metavar="DATE", help="indicators : situation à cette date.")
@db_option
def export(
    kind: str,
    year: int | None,
    month: str | None,
    date_from: str | None,
    date_to: str | None,
    territory: str | None,
    dialect: str,
    fmt: str,
    output: str | None,
    split: str | None,
    force: bool,
    with_names: bool,
    as_of: str | None,
) -> None:
    """Exporte NATURE : timesheet (feuille de temps), entries (journal détaillé),
    indicators (indicateurs et livrables) ou porteurs (registre pseudonymisé).

    \b
    Exemples :
      citeslab export timesheet --year 2022 --territory CCG
      citeslab export timesheet --year 2022 --split monthly --format xlsx
      citeslab export entries --from 2022-01-01 --to 2022-06-30 --dialect rfc4180
    Les fichiers vont dans ./exports/ (créé au besoin), lisibles par vous seul.
    """
    from citeslab_tui.export import ExportRequest
    from citeslab_tui.services.common import territory_code
    from citeslab_tui.services.export import NAMES_WARNING, export_warnings
    from citeslab_tui.services.export import export as run_export

    period = resolve(year, month, date_from, date_to)
    store = open_store(readonly=True)
    request = ExportRequest(
        kind=kind,
        period=period,
        today=today(),
        territory=territory_code(store.config, territory),
        dialect=dialect,
        format=fmt,
        split=split,
        with_names=with_names,
        as_of=parse_day(as_of),
        porteurs_period=any(v is not None for v in (year, month, date_from, date_to)),
    )
    for warning in export_warnings(store.config, request):
        click.echo(
            f"Attention : {warning} (citeslab config set, ou F6 dans l'application).", err=True
        )
    with replaced_with_force():
        written = run_export(store, request, output=output, force=force)
    for path, file in written:
        what = "jour(s)" if path.suffix == ".xlsx" and kind == "timesheet" else "ligne(s)"
        if path.suffix == ".xlsx" and kind == "indicators":
            what = "livrable(s)"
        click.echo(f"Écrit : {path} ({file.rows} {what})")
    if with_names:
        click.echo(NAMES_WARNING, err=True)


@click.group("import", subcommand_metavar=SUBCOMMAND)
def import_() -> None:
    """Importe des données depuis un fichier exporté (CSV, l'un ou l'autre dialecte)."""


@import_.command("entries")
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Vérifie le fichier sans rien écrire.")
@click.option(
    "--create-porteurs",
    is_flag=True,
    help="Crée les porteurs cités mais inconnus (identifiant et territoire seuls).",
)
@db_option
def import_entries(file: Path, dry_run: bool, create_porteurs: bool) -> None:
    """Importe les entrées d'un export « entries » (excel-fr ou rfc4180, détecté).

    Toutes les lignes sont vérifiées d'abord : s'il y en a une fausse, rien n'est
    importé et chaque ligne fautive est citée avec son numéro. Les entrées déjà
    présentes (même identifiant) sont ignorées : importer deux fois n'ajoute rien.
    Les porteurs cités doivent exister, sauf avec --create-porteurs.
    """
    from citeslab_tui.services.imports import import_entries as run_import

    outcome = run_import(
        open_store(readonly=dry_run), file, dry_run=dry_run, create_porteurs=create_porteurs
    )
    verb = "À importer" if dry_run else "Importé"
    click.echo(
        f"{verb} : {outcome.added} entrée(s) ; {outcome.skipped} déjà présente(s), ignorée(s) "
        f"({outcome.rows} ligne(s) lue(s), format {outcome.dialect})."
    )
    if outcome.created_porteurs:
        ids = outcome.created_porteurs
        shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
        click.echo(f"Porteurs créés (identifiant seul) : {len(ids)} ({shown}).")
