"""`citeslab porteur add | list | show | edit | step | forget`: the register of
porteurs de projet (pseudonymous ids; names and contacts are optional)."""

from __future__ import annotations

from typing import Any

import click

from citeslab_tui.cli.common import (
    db_option,
    json_option,
    open_store,
    parse_day,
    print_json,
    today,
)
from citeslab_tui.cli.french import SUBCOMMAND
from citeslab_tui.core.model import CATEGORIES, PROFILES, SORTIE_REASONS, STAGE_LABELS, STEPS
from citeslab_tui.core.text import printable
from citeslab_tui.present import short_date

YES_NO = click.Choice(["oui", "non"])


def _public(p: Any) -> dict[str, Any]:
    """What may be shown or exported without asking: no name, contact, RQTH."""
    return {
        "id": p.id,
        "territory": p.territory,
        "qpv_resident": p.qpv_resident,
        "qpv": p.qpv,
        "project_qpv": p.project_qpv,
        "profile": p.profile,
        "categories": list(p.categories),
        "stage": p.stage,
        "steps": [s.to_record() for s in p.steps],
    }


@click.group(subcommand_metavar=SUBCOMMAND)
def porteur() -> None:
    """Registre des porteurs de projet."""


@porteur.command("add")
@click.option("--id", "pid", metavar="P-AAAA-NNN", help="Identifiant (défaut : le suivant).")
@click.option("--territory", required=True, metavar="CODE", help="Territoire.")
@click.option("--qpv", metavar="CODE", help="QPV de résidence (implique résident QPV).")
@click.option("--projet-qpv", "project_qpv", type=YES_NO, help="Projet implanté dans un QPV.")
@click.option("--name", metavar="NOM", help="Nom (facultatif, donnée personnelle).")
@click.option("--contact", metavar="TEXTE", help="Contact (facultatif, donnée personnelle).")
@click.option(
    "--category",
    "categories",
    multiple=True,
    type=click.Choice(list(CATEGORIES)),
    help="Catégorie de public (répétable).",
)
@click.option("--profile", type=click.Choice(list(PROFILES)))
@click.option("--accueilli", "welcomed", metavar="DATE", help="Date d'accueil (étape accueilli).")
@db_option
def add(
    pid: str | None,
    territory: str,
    qpv: str | None,
    project_qpv: str | None,
    name: str | None,
    contact: str | None,
    categories: tuple[str, ...],
    profile: str | None,
    welcomed: str | None,
) -> None:
    """Ajoute un porteur de projet."""
    from citeslab_tui.services import porteurs as service

    store = open_store()
    p = service.add(
        store,
        id=pid,
        territory=territory,
        today=today(),
        welcomed=parse_day(welcomed),
        qpv=service.qpv_code(store.config, qpv),
        name=name,
        contact=contact,
        profile=profile,
        categories=categories,
        project_qpv=project_qpv == "oui",
    )
    where = p.territory + (f", QPV {p.qpv}" if p.qpv else "")
    where += ", projet en QPV" if p.project_qpv else ""
    click.echo(f"Porteur ajouté : {p.id} ({where})")


@porteur.command("list")
@click.option("--stage", type=click.Choice(list(STAGE_LABELS)), help="Étape atteinte.")
@click.option("--territory", metavar="CODE")
@click.option("--qpv", "qpv_only", is_flag=True, help="Résidents QPV seulement.")
@json_option
@db_option
def list_(stage: str | None, territory: str | None, qpv_only: bool, as_json: bool) -> None:
    """Liste les porteurs (sans noms)."""
    from citeslab_tui.services import porteurs as service
    from citeslab_tui.services.common import territory_code

    store = open_store(readonly=True)
    items = service.matching(
        store.porteurs(),
        stage=stage,
        territory=territory_code(store.config, territory),
        qpv_resident=True if qpv_only else None,
    )
    if as_json:
        print_json([_public(p) for p in items])
        return
    if not items:
        click.echo("Aucun porteur.")
        return
    lines = []
    for p in items:
        steps = ", ".join(f"{s.step} {short_date(s.date)}" for s in p.steps)
        qpv = f"QPV {p.qpv}" if p.qpv_resident else "hors QPV"
        stage = STAGE_LABELS[p.stage]
        # str.ljust rather than `{:<12}`: the same padding, without parsing a
        # format spec four times a line (9 M instructions over 2 503 porteurs)
        lines.append(
            f"{p.id.ljust(12)} {p.territory.ljust(5)} {qpv.ljust(13)} {stage.ljust(10)} {steps}"
        )
    lines.append(f"{len(items)} porteur(s)")
    click.echo("\n".join(lines))  # one write: echo flushes each call


@porteur.command()
@click.argument("pid", metavar="P-AAAA-NNN")
@db_option
def show(pid: str) -> None:
    """Fiche d'un porteur et ses entrées liées."""
    from citeslab_tui.services import porteurs as service

    store = open_store(readonly=True)
    p = store.find_porteur(pid)
    click.echo(f"{p.id} — {p.territory} — étape : {STAGE_LABELS[p.stage]}")
    if p.forgotten_at:
        click.echo(f"Données personnelles effacées le {p.forgotten_at[:10]}")
    if p.name:
        click.echo(f"Nom : {printable(p.name, one_line=True)}")
    if p.contact:
        click.echo(f"Contact : {printable(p.contact, one_line=True)}")
    click.echo(f"Résident QPV : {'oui (' + p.qpv + ')' if p.qpv_resident and p.qpv else 'non'}")
    click.echo(f"Projet implanté en QPV : {'oui' if p.project_qpv else 'non'}")
    if p.profile:
        click.echo(f"Profil : {PROFILES[p.profile]}")
    if p.categories:
        click.echo("Catégories : " + ", ".join(CATEGORIES[c] for c in p.categories))
    for s in p.steps:
        extra = (
            f" → {s.partner}"
            if s.partner
            else (f" ({SORTIE_REASONS[s.reason]})" if s.reason else "")
        )
        click.echo(f"  {s.date:%d/%m/%Y} {s.step}{printable(extra, one_line=True)}")
    if p.notes:
        click.echo("Notes : " + printable(p.notes))
    linked = service.linked_entries(store, p.id)
    click.echo(f"{len(linked)} entrée(s) liée(s)")
    from citeslab_tui.cli.entries import entry_line

    for e in linked[-20:]:
        click.echo("  " + entry_line(e, store.config))


@porteur.command()
@click.argument("pid", metavar="P-AAAA-NNN")
@click.option("--territory", metavar="CODE")
@click.option("--qpv", metavar="CODE", help="QPV de résidence ('' : non résident).")
@click.option("--projet-qpv", "project_qpv", type=YES_NO, help="Projet implanté dans un QPV.")
@click.option("--name", metavar="NOM")
@click.option("--contact", metavar="TEXTE")
@click.option("--category", "categories", multiple=True, type=click.Choice(list(CATEGORIES)))
@click.option("--profile", type=click.Choice(list(PROFILES)))
@click.option("--notes", metavar="TEXTE")
@click.option("--rqth", type=click.Choice(["oui", "non"]), help="RQTH (avec --consent).")
@click.option("--consent", metavar="DATE", help="Date du consentement pour la RQTH.")
@db_option
def edit(pid: str, **opts: Any) -> None:
    """Modifie un porteur."""
    from citeslab_tui.services import porteurs as service
    from citeslab_tui.services.common import territory_code

    store = open_store()
    p = store.find_porteur(pid)
    changes: dict[str, Any] = {}
    if opts["territory"]:
        changes["territory"] = territory_code(store.config, opts["territory"])
    if opts["qpv"] is not None:
        code = service.qpv_code(store.config, opts["qpv"])
        changes.update(qpv=code, qpv_resident=code is not None)
    if opts["project_qpv"] is not None:
        changes["project_qpv"] = opts["project_qpv"] == "oui"
    for field in ("name", "contact", "notes", "profile"):
        if opts[field] is not None:
            changes[field] = opts[field] or (None if field != "notes" else "")
    if opts["categories"]:
        changes["categories"] = tuple(dict.fromkeys(opts["categories"]))
    if opts["rqth"] is not None:
        changes.update(service.rqth_changes(opts["rqth"], parse_day(opts["consent"])))
    if not changes:
        raise click.UsageError("rien à modifier")
    service.edit(store, p.id, changes)
    click.echo(f"Porteur modifié : {p.id}")


@porteur.command()
@click.argument("pid", metavar="P-AAAA-NNN")
@click.argument("step", type=click.Choice(list(STEPS)))
@click.option("--date", "day", metavar="DATE", help="Date de l'étape (défaut : aujourd'hui).")
@click.option("--partner", metavar="NOM", help="Partenaire (pour « oriente »).")
@click.option("--reason", type=click.Choice(list(SORTIE_REASONS)), help="Motif (pour « sortie »).")
@db_option
def step(pid: str, step: str, day: str | None, partner: str | None, reason: str | None) -> None:
    """Marque une étape du parcours : accueilli, amorcage, oriente, creation, sortie."""
    from citeslab_tui.services import porteurs as service

    store = open_store()
    when = parse_day(day) or today()
    p = service.step(store, pid, step, when, partner=partner, reason=reason)
    click.echo(
        f"{p.id} : étape « {step} » le {when:%d/%m/%Y} (étape actuelle : {STAGE_LABELS[p.stage]})"
    )


@porteur.command()
@click.argument("pid", metavar="P-AAAA-NNN")
@click.option("--yes", "-y", is_flag=True, help="Ne pas demander confirmation.")
@db_option
def forget(pid: str, yes: bool) -> None:
    """Efface les données personnelles d'un porteur (droit à l'effacement).

    Le nom, le contact et les notes disparaissent ; l'identifiant, le parcours
    et les heures déjà justifiées restent."""
    from citeslab_tui.services.privacy import forget as erase

    store = open_store()
    p = store.find_porteur(pid)
    if not yes:
        click.confirm(
            f"Effacer définitivement le nom, le contact et les notes de {p.id} ?", abort=True
        )
    done = erase(store, p.id)
    mentions = done.mentions
    click.echo(
        f"{p.id} : données personnelles effacées, y compris dans l'historique d'annulation "
        f"et les sauvegardes ({done.copies} copie(s) réécrite(s))."
    )
    if mentions:
        click.echo(
            "Attention : le nom apparaît encore dans la note de ces entrées, à revoir vous-même :",
            err=True,
        )
        for e in mentions:
            click.echo(f'  citeslab edit {e.id[:8]} --note "…"  ({e.date:%d/%m/%Y})', err=True)
