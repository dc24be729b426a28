"""`citeslab export KIND …` and `citeslab import entries FILE`: files for the
funders and the managers, and bringing a spreadsheet log back in.

Thin: parse the options, read the store (read-only for exports), call
`citeslab_tui.export`, print where each file went."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from citeslab_tui.cli.common import (
    check_territory,
    db_option,
    now,
    open_store,
    parse_day,
    period_options,
    resolve,
    today,
)

if TYPE_CHECKING:
    from citeslab_tui.core.model import Entry, Porteur

KINDS = ("timesheet", "entries", "indicators", "porteurs")
NAMES_WARNING = (
    "Attention : ce fichier contient des noms et des coordonnées (données personnelles, "
    "RGPD). Ne le transmettez qu'à qui en a besoin et supprimez-le après usage."
)


@click.command()
@click.argument("kind", metavar="KIND", type=click.Choice(KINDS))
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
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
    help="xlsx : feuille de temps prête à signer, ou indicateurs avec graphiques.",
)  # fmt: skip
@click.option(
    "-o", "--output", metavar="PATH",
    help="Fichier ou dossier de sortie (défaut : ./exports/).",
)  # fmt: skip
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
    """Exporte KIND : timesheet (feuille de temps), entries (journal détaillé),
    indicators (indicateurs et livrables) ou porteurs (registre pseudonymisé).

    \b
    Exemples :
      citeslab export timesheet --year 2022 --territory CCG
      citeslab export timesheet --year 2022 --split monthly --format xlsx
      citeslab export entries --from 2022-01-01 --to 2022-06-30 --dialect rfc4180
    Les fichiers vont dans ./exports/ (créé au besoin), lisibles par vous seul.
    """
    from citeslab_tui.export import ExportRequest, sources
    from citeslab_tui.export import export as run_export
    from citeslab_tui.holiday_cache import calendar_for

    day = today()
    period = resolve(year, month, date_from, date_to)
    store = open_store(readonly=True)
    config = store.config
    code = check_territory(config, territory)
    request = ExportRequest(
        kind=kind, period=period, today=day, territory=code, dialect=dialect, format=fmt,
        split=split, with_names=with_names, as_of=parse_day(as_of),
        porteurs_period=any(v is not None for v in (year, month, date_from, date_to)),
    )  # fmt: skip
    needs = sources(request)
    entries, porteurs = needs.read(store)
    calendar = calendar_for(needs.years)
    written = run_export(
        request,
        entries=entries,
        porteurs=porteurs,
        config=config,
        calendar=calendar,
        output=output,
        force=force,
    )
    for path, file in written:
        what = "ligne(s)" if path.suffix != ".xlsx" else "jour(s)"
        if path.suffix == ".xlsx" and kind == "indicators":
            what = "livrable(s)"
        click.echo(f"Écrit : {path} ({file.rows} {what})")
    if with_names:
        click.echo(NAMES_WARNING, err=True)


@click.group("import")
def import_() -> None:
    """Importe des données depuis un fichier exporté (CSV, l'un ou l'autre dialecte)."""


@import_.command("entries")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
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
    from citeslab_tui.export import import_entries as read_entries

    store = open_store(readonly=dry_run)
    existing = {e.id for e in store.entries()}
    known = {p.id for p in store.porteurs()}
    result = read_entries(
        file, store.config, existing, known_porteurs=None if create_porteurs else known, now=now
    )
    added = len(result.entries)
    missing = _missing_porteurs(result.entries, known) if create_porteurs else {}
    if added and not dry_run:
        # One write and one undo step: the new porteurs and the entries together.
        store.add_entries(
            result.entries,
            label=f"import de {added} entrée(s) ({file.name})",
            new_porteurs=missing.values(),
        )
    verb = "À importer" if dry_run else "Importé"
    click.echo(
        f"{verb} : {added} entrée(s) ; {result.skipped} déjà présente(s), ignorée(s) "
        f"({result.rows} ligne(s) lue(s), format {result.dialect})."
    )
    if missing:
        ids = sorted(missing)
        shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
        click.echo(f"Porteurs créés (identifiant seul) : {len(ids)} ({shown}).")


def _missing_porteurs(entries: Sequence[Entry], known: set[str]) -> dict[str, Porteur]:
    """Bare pseudonymous porteurs for ids cited by `entries` but not in the file:
    the territory of the first entry citing them, nothing personal."""
    from citeslab_tui.core.model import Porteur, new_uuid, timestamp

    stamp = timestamp(now())
    missing: dict[str, Porteur] = {}
    for e in entries:
        for pid in e.porteurs:
            if pid not in known and pid not in missing:
                missing[pid] = Porteur(
                    uuid=new_uuid(), id=pid, territory=e.territory,
                    created_at=stamp, updated_at=stamp,
                )  # fmt: skip
    return missing
