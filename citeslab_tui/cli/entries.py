"""`citeslab log | list | edit | delete | undo`: the activity log from the shell."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from citeslab_tui.cli.common import (
    db_option,
    json_option,
    open_store,
    parse_day,
    print_json,
    today,
)
from citeslab_tui.core.model import MAX_PERSONS
from citeslab_tui.core.text import printable
from citeslab_tui.present import decimal_hours, hours

if TYPE_CHECKING:
    from datetime import date

    from citeslab_tui.core.model import Config, Entry
    from citeslab_tui.store import Store


def entry_line(entry: Entry, config: Config) -> str:
    """One plain French line describing an entry (control characters escaped)."""
    from citeslab_tui.core.model import format_hhmm

    when = (
        f"{format_hhmm(entry.start)}-{format_hhmm(entry.end)}"
        if entry.start and entry.end
        else hours(entry.minutes)
    )
    type_label = config.type_label(entry.type)
    pillar = config.pillar_label(entry.pillar)
    parts = [
        f"{entry.date:%d/%m/%Y}",
        when,
        f"({hours(entry.minutes)})" if entry.start else "",
        type_label,
        pillar,
        entry.territory,
    ]
    if not entry.occurrence:
        parts.append("temps de préparation")
    if entry.qpv:
        parts.append(entry.qpv)
    if entry.persons:
        parts.append(f"{entry.persons} pers.")
    if entry.porteurs:
        parts.append(" ".join(entry.porteurs))
    if entry.partner:
        parts.append(f"→ {printable(entry.partner, one_line=True)}")
    text = " · ".join(p for p in parts if p)
    if entry.note:
        text += f" — {printable(entry.note, one_line=True)}"
    return f"[{entry.id[:8]}] {text}"


@click.command(context_settings={"ignore_unknown_options": True})  # "-- note" is a line
@click.argument("text", required=False, metavar="[LIGNE]")
@click.option("--date", "day", metavar="DATE", help="Jour de l'action (défaut : aujourd'hui).")
@click.option(
    "--same-as",
    "same_as",
    metavar="DATE",
    help="Copie les entrées de ce jour (« veille » : le dernier jour saisi) au jour choisi.",
)
@db_option
def log(text: str | None, day: str | None, same_as: str | None) -> None:
    """Ajoute une entrée à partir d'une ligne de saisie rapide.

    Exemple : citeslab log "9h30-12h permanence @CCG 4p -- 2 RDV pris"

    Avec --same-as DATE, copie les entrées de ce jour-là (une seule modification,
    annulable par citeslab undo) : citeslab log --same-as veille
    """
    if (text is None) == (same_as is None):
        raise click.UsageError("donnez une ligne de saisie ou --same-as DATE (pas les deux)")
    store = open_store()
    if same_as is not None:
        _log_same_as(store, same_as, parse_day(day) or today())
        return
    assert text is not None
    from citeslab_tui.services import history
    from citeslab_tui.services.plausibility import log_checked

    entry, warnings = log_checked(store, text, parse_day(day) or today(), today())
    history.remember(store.path, text)
    click.echo(f"Enregistré : {entry_line(entry, store.config)}")
    for warning in warnings:  # accepted, but worth a look (issue 11)
        click.echo(f"Attention : {warning.message}", err=True)


def _log_same_as(store: Store, source: str, target: date) -> None:
    from citeslab_tui.services.repeat import copy_day

    day = None if source.strip().casefold() == "veille" else parse_day(source)
    copied = copy_day(store, day, target)
    skipped = f" ({copied.skipped} déjà présente(s))" if copied.skipped else ""
    click.echo(
        f"{len(copied.added)} entrée(s) du {copied.source:%d/%m/%Y} copiée(s)"
        f" au {copied.target:%d/%m/%Y}{skipped} (citeslab undo pour annuler) :"
    )
    for entry in copied.added:
        click.echo(f"  {entry_line(entry, store.config)}")


@click.command("list")
@click.option("--date", "day", metavar="DATE", help="Un jour.")
@click.option("--from", "date_from", metavar="DATE", help="Début de période.")
@click.option("--to", "date_to", metavar="DATE", help="Fin de période.")
@click.option("--week", is_flag=True, help="La semaine en cours (lundi → dimanche).")
@click.option("--territory", metavar="CODE", help="Un territoire.")
@json_option
@db_option
def list_(
    day: str | None,
    date_from: str | None,
    date_to: str | None,
    week: bool,
    territory: str | None,
    as_json: bool,
) -> None:
    """Liste les entrées (aujourd'hui par défaut)."""
    from citeslab_tui.services import entries as service

    if sum(x is not None for x in (day, date_from or date_to)) + week > 1:
        raise click.UsageError("--date, --from/--to et --week s'excluent")
    start: date | None
    end: date | None
    if week:
        start, end = service.week_of(today())
    elif date_from or date_to:
        start, end = parse_day(date_from), parse_day(date_to)
    else:
        start = end = parse_day(day) or today()
    store = open_store(readonly=True)
    entries = service.listed(store, start, end, territory)
    if as_json:
        from citeslab_tui.core.model import entry_kind

        print_json([{**e.to_record(), "kind": entry_kind(e.pillar)} for e in entries])
        return
    from citeslab_tui.core.shortid import short_ids

    # Every id of the file makes the shown ones unique; none shown, none read.
    among = store.entry_ids() if entries else []
    _print_table(entries, store.config, short_ids((e.id for e in entries), among))


def _print_table(entries: list[Entry], config: Config, short: dict[str, str]) -> None:
    """The list for people. In a terminal: a table where the id, date, time,
    duration, type and territory are never cut (at 80 columns the note takes
    what is left); piped: plain tab-separated lines, nothing truncated."""
    if not _is_terminal():
        _print_plain(entries, short)
        return
    if not entries:
        click.echo("Aucune entrée sur cette période.")
        return
    # rich only for the table itself (≈ 20 ms of imports a pipe does without).
    from rich.table import Table
    from rich.text import Text

    from citeslab_tui.cli.common import console
    from citeslab_tui.core.model import format_hhmm

    rows = []
    total = 0
    for e in entries:
        total += e.minutes
        when = f"{format_hhmm(e.start)}-{format_hhmm(e.end)}" if e.start else ""
        extra = " ".join([*e.porteurs, f"→{e.partner}" if e.partner else "", e.note]).strip()
        rows.append(
            [
                short.get(e.id, e.id),
                f"{e.date:%d/%m/%Y}",
                when,
                hours(e.minutes),
                e.type,
                e.territory,
                str(e.persons or ""),
                printable(extra, one_line=True),
            ]
        )
    names = ["Id", "Date", "Heure", "Durée", "Type", "Terr.", "Pers.", "Note"]
    # Every column but the note keeps its full width; the note gets the rest.
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names[:-1])]
    out = console()
    note_width = max(8, out.width - sum(widths) - 2 * len(widths))
    table = Table(box=None, pad_edge=False, header_style="bold", padding=(0, 2, 0, 0))
    for n, name in enumerate(names[:-1]):
        if name in ("Durée", "Pers."):
            table.add_column(name, no_wrap=True, min_width=widths[n], justify="right")
        else:
            table.add_column(name, no_wrap=True, min_width=widths[n])
    table.add_column("Note", no_wrap=True, overflow="ellipsis", max_width=note_width)
    for row in rows:
        table.add_row(*row[:-1], Text(row[-1]))
    out.print(table)
    out.print(f"{len(entries)} entrée(s), {hours(total)} ({decimal_hours(total, unit=True)})")


def _is_terminal() -> bool:
    return sys.stdout.isatty()


PLAIN_COLUMNS = (
    "id",
    "date",
    "debut",
    "fin",
    "minutes",
    "type",
    "pilier",
    "territoire",
    "qpv",
    "personnes",
    "porteurs",
    "partenaire",
    "note",
)


def _print_plain(entries: list[Entry], short: dict[str, str]) -> None:
    """One tab-separated line per entry, under a header: for `cut`, `grep`,
    `sort`. Tabs and line breaks in text are shown escaped (`printable`)."""
    from citeslab_tui.core.model import format_hhmm

    click.echo("\t".join(PLAIN_COLUMNS))
    for e in entries:
        cells = [
            short.get(e.id, e.id),
            e.date.isoformat(),
            format_hhmm(e.start),
            format_hhmm(e.end),
            str(e.minutes),
            e.type,
            e.pillar,
            e.territory,
            e.qpv or "",
            str(e.persons),
            " ".join(e.porteurs),
            e.partner or "",
            e.note,
        ]
        click.echo("\t".join(printable(c, one_line=True).replace("\t", " ") for c in cells))


@click.command()
@click.argument("entry_id", metavar="ID")
@click.argument("text", required=False, metavar="[LIGNE]")
@click.option("--date", "day", metavar="DATE", help="Nouveau jour.")
@click.option(
    "--minutes", type=click.IntRange(1, 1440), metavar="MINUTES", help="Nouvelle durée en minutes."
)
@click.option("--type", "type_", metavar="TYPE", help="Nouveau type d'action (clé).")
@click.option("--pillar", metavar="PILIER", help="Nouveau pilier (clé).")
@click.option("--territory", metavar="CODE", help="Nouveau territoire.")
@click.option(
    "--persons", type=click.IntRange(0, MAX_PERSONS), metavar="N", help="Personnes touchées."
)
@click.option("--partner", metavar="TEXTE", help="Partenaire ('' pour effacer).")
@click.option("--note", metavar="TEXTE", help="Nouvelle note.")
@click.option(
    "--preparation/--occurrence",
    "preparation",
    default=None,
    help="Temps autour d'une occurrence (préparation, compte rendu : ne compte pas comme tenue)"
    " ou occurrence elle-même.",
)
@db_option
def edit(entry_id: str, text: str | None, day: str | None, **options: Any) -> None:
    """Modifie une entrée (ID ou ses 6 premiers caractères ou plus).

    Avec LIGNE, la ligne de saisie rapide remplace l'entrée (la date reste)."""
    from citeslab_tui.services import entries as service

    store = open_store()
    entry = store.find_entry(entry_id)
    preparation = options.pop("preparation")
    if preparation is not None:
        options["occurrence"] = not preparation
    changes = service.changes_from_options(
        store, entry, text=text, day=parse_day(day), type_key=options.pop("type_"), **options
    )
    if not changes:
        raise click.UsageError("rien à modifier : donnez LIGNE ou une option (--date, --type…)")
    updated = service.edit(store, entry.id, changes)
    click.echo(f"Modifié : {entry_line(updated, store.config)}")


@click.command()
@click.argument("entry_id", metavar="ID")
@db_option
def delete(entry_id: str) -> None:
    """Supprime une entrée (annulable avec `citeslab undo`)."""
    from citeslab_tui.services import entries as service

    store = open_store()
    gone = service.delete(store, entry_id)
    click.echo(f"Supprimé : {entry_line(gone, store.config)}")
    click.echo("(citeslab undo pour annuler)")


@click.command()
@db_option
def undo() -> None:
    """Annule la dernière modification faite en ligne de commande (répétable).

    Les modifications faites dans l'application s'annulent avec ctrl+z dans sa
    fenêtre ; une modification changée depuis par quelqu'un d'autre n'est pas
    annulée (le message dit laquelle)."""
    from citeslab_tui.services import entries as service

    label = service.undo(open_store())
    if label is None:
        click.echo("Rien à annuler en ligne de commande.")
    else:
        click.echo(f"Annulé : {label} (dernière modification faite en ligne de commande)")
