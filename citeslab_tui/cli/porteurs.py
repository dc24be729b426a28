"""`citeslab porteur add | list | show | edit | step | forget`: the register of
porteurs de projet (pseudonymous ids; names and contacts are optional)."""

from __future__ import annotations

from typing import Any

import click

from citeslab_tui.cli.common import (
    UserError,
    check_territory,
    db_option,
    json_option,
    now,
    open_store,
    parse_day,
    print_json,
    today,
)
from citeslab_tui.core.model import CATEGORIES, PROFILES, SORTIE_REASONS, STAGE_LABELS, STEPS
from citeslab_tui.core.text import printable

PUBLIC_FIELDS = ("id", "territory", "qpv_resident", "qpv", "profile", "categories", "stage")


def _public(p: Any) -> dict[str, Any]:
    """What may be shown or exported without asking: no name, contact, RQTH."""
    return {
        "id": p.id,
        "territory": p.territory,
        "qpv_resident": p.qpv_resident,
        "qpv": p.qpv,
        "profile": p.profile,
        "categories": list(p.categories),
        "stage": p.stage,
        "steps": [s.to_record() for s in p.steps],
    }


@click.group()
def porteur() -> None:
    """Registre des porteurs de projet."""


def _qpv(store: Any, code: str | None) -> str | None:
    """A QPV by code or by the start of its name (`saint-georges`), matched as
    the quick entry's `#` token is."""
    if not code:
        return None
    from citeslab_tui.core.textmatch import config_index, match, norm_words

    found = match(norm_words(code.lstrip("#")), config_index(store.config).qpvs)
    if len(found) == 1:
        return str(found[0])
    known = ", ".join(q.code for q in store.config.all_qpvs())
    if found:
        raise UserError(f"QPV « {code} » ambigu : {', '.join(found)}")
    raise UserError(f"QPV « {code} » inconnu (connus : {known})")


@porteur.command("add")
@click.option("--id", "pid", metavar="P-AAAA-NNN", help="Identifiant (défaut : le suivant).")
@click.option("--territory", required=True, metavar="CODE", help="Territoire.")
@click.option("--qpv", metavar="CODE", help="QPV de résidence (implique résident QPV).")
@click.option("--name", help="Nom (facultatif, donnée personnelle).")
@click.option("--contact", help="Contact (facultatif, donnée personnelle).")
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
    name: str | None,
    contact: str | None,
    categories: tuple[str, ...],
    profile: str | None,
    welcomed: str | None,
) -> None:
    """Ajoute un porteur de projet."""
    from citeslab_tui.core.model import PathStep, Porteur, new_uuid, timestamp

    store = open_store()
    code = check_territory(store.config, territory)
    assert code is not None
    day = parse_day(welcomed)
    stamp = timestamp(now())
    qpv_code = _qpv(store, qpv)
    p = Porteur(
        uuid=new_uuid(),
        id=(pid.strip().upper() if pid else store.next_porteur_id((day or today()).year)),
        territory=code,
        qpv_resident=qpv_code is not None,
        qpv=qpv_code,
        name=name or None,
        contact=contact or None,
        profile=profile,
        categories=tuple(dict.fromkeys(categories)),
        steps=(PathStep("accueilli", day),) if day else (),
        created_at=stamp,
        updated_at=stamp,
    )
    store.add_porteur(p)
    click.echo(f"Porteur ajouté : {p.id} ({code}{', QPV ' + qpv_code if qpv_code else ''})")


@porteur.command("list")
@click.option("--stage", type=click.Choice(list(STAGE_LABELS)), help="Étape atteinte.")
@click.option("--territory", metavar="CODE")
@click.option("--qpv", "qpv_only", is_flag=True, help="Résidents QPV seulement.")
@json_option
@db_option
def list_(stage: str | None, territory: str | None, qpv_only: bool, as_json: bool) -> None:
    """Liste les porteurs (sans noms)."""
    store = open_store(readonly=True)
    code = check_territory(store.config, territory)
    items = [
        p
        for p in store.porteurs()
        if (stage is None or p.stage == stage)
        and (code is None or p.territory == code)
        and (not qpv_only or p.qpv_resident)
    ]
    if as_json:
        print_json([_public(p) for p in items])
        return
    if not items:
        click.echo("Aucun porteur.")
        return
    for p in items:
        steps = ", ".join(f"{s.step} {s.date:%d/%m/%Y}" for s in p.steps)
        qpv = f"QPV {p.qpv}" if p.qpv_resident else "hors QPV"
        click.echo(f"{p.id:<12} {p.territory:<5} {qpv:<13} {STAGE_LABELS[p.stage]:<10} {steps}")
    click.echo(f"{len(items)} porteur(s)")


@porteur.command()
@click.argument("pid")
@db_option
def show(pid: str) -> None:
    """Fiche d'un porteur et ses entrées liées."""
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
    linked = [e for e in store.entries() if p.id in e.porteurs]
    click.echo(f"{len(linked)} entrée(s) liée(s)")
    from citeslab_tui.cli.entries import entry_line

    for e in linked[-20:]:
        click.echo("  " + entry_line(e, store.config))


@porteur.command()
@click.argument("pid")
@click.option("--territory", metavar="CODE")
@click.option("--qpv", metavar="CODE", help="QPV de résidence ('' : non résident).")
@click.option("--name")
@click.option("--contact")
@click.option("--category", "categories", multiple=True, type=click.Choice(list(CATEGORIES)))
@click.option("--profile", type=click.Choice(list(PROFILES)))
@click.option("--notes")
@click.option("--rqth", type=click.Choice(["oui", "non"]), help="RQTH (avec --consent).")
@click.option("--consent", metavar="DATE", help="Date du consentement pour la RQTH.")
@db_option
def edit(pid: str, **opts: Any) -> None:
    """Modifie un porteur."""
    store = open_store()
    p = store.find_porteur(pid)
    changes: dict[str, Any] = {}
    if opts["territory"]:
        changes["territory"] = check_territory(store.config, opts["territory"])
    if opts["qpv"] is not None:
        code = _qpv(store, opts["qpv"]) if opts["qpv"] else None
        changes.update(qpv=code, qpv_resident=code is not None)
    for field in ("name", "contact", "notes", "profile"):
        if opts[field] is not None:
            changes[field] = opts[field] or (None if field != "notes" else "")
    if opts["categories"]:
        changes["categories"] = tuple(dict.fromkeys(opts["categories"]))
    if opts["rqth"] is not None:
        consent = parse_day(opts["consent"])
        if opts["rqth"] == "oui" and consent is None:
            raise UserError("RQTH : donnez la date du consentement avec --consent")
        changes.update(
            rqth=opts["rqth"] == "oui", rqth_consent_date=consent if opts["rqth"] == "oui" else None
        )
    if not changes:
        raise click.UsageError("rien à modifier")
    store.update_porteur(p.id, **changes)
    click.echo(f"Porteur modifié : {p.id}")


@porteur.command()
@click.argument("pid")
@click.argument("step", type=click.Choice(list(STEPS)))
@click.option("--date", "day", metavar="DATE", help="Date de l'étape (défaut : aujourd'hui).")
@click.option("--partner", help="Partenaire (pour « oriente »).")
@click.option("--reason", type=click.Choice(list(SORTIE_REASONS)), help="Motif (pour « sortie »).")
@db_option
def step(pid: str, step: str, day: str | None, partner: str | None, reason: str | None) -> None:
    """Marque une étape du parcours : accueilli, amorcage, oriente, creation, sortie."""
    from citeslab_tui.core.model import PathStep

    store = open_store()
    if step == "sortie" and reason is None:
        reason = "autre"
    if step != "sortie" and reason:
        raise UserError("--reason ne s'applique qu'à l'étape « sortie »")
    label = store.config.partner_label(partner) if partner else None
    when = parse_day(day) or today()
    p = store.add_step(pid, PathStep(step, when, partner=label, reason=reason))
    click.echo(
        f"{p.id} : étape « {step} » le {when:%d/%m/%Y} (étape actuelle : {STAGE_LABELS[p.stage]})"
    )


@porteur.command()
@click.argument("pid")
@click.option("--yes", "-y", is_flag=True, help="Ne pas demander confirmation.")
@db_option
def forget(pid: str, yes: bool) -> None:
    """Efface les données personnelles d'un porteur (droit à l'effacement).

    Le nom, le contact et les notes disparaissent ; l'identifiant, le parcours
    et les heures déjà justifiées restent."""
    from citeslab_tui.store.privacy import forget_porteurs

    store = open_store()
    p = store.find_porteur(pid)
    if not yes:
        click.confirm(
            f"Effacer définitivement le nom, le contact et les notes de {p.id} ?", abort=True
        )
    done = forget_porteurs(store, [p.id])
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
