"""`citeslab config path | show | validate | init`."""

from __future__ import annotations

from pathlib import Path

import click

from citeslab_tui.cli.common import UserError
from citeslab_tui.cli.french import SUBCOMMAND
from citeslab_tui.core.numbers import euros, number


@click.group(subcommand_metavar=SUBCOMMAND)
def config() -> None:
    """Configuration du CitésLab (territoires, ETP, types d'action, livrables)."""


@config.command()
def path() -> None:
    """Affiche le chemin de la configuration utilisée."""
    from citeslab_tui.config import active_config_path, default_config_path, user_config_path

    active = active_config_path()
    click.echo(str(active))
    if active == default_config_path():
        click.echo(
            f"(configuration par défaut ; `citeslab config init` crée {user_config_path()})",
            err=True,
        )


@config.command()
def show() -> None:
    """Affiche la configuration en vigueur (validée)."""
    from citeslab_tui.cli.common import get_config
    from citeslab_tui.config import active_config_path
    from citeslab_tui.core.text import printable

    cfg = get_config()

    def echo(line: str) -> None:  # labels are shown, never interpreted (core.text)
        click.echo(printable(line, one_line=True))

    echo(f"{cfg.name} — {cfg.structure}  ({active_config_path()})")
    echo(f"1 ETP = {cfg.annual_hours:g} h par an")
    echo("Territoires :")
    for t in cfg.territories:
        hours = t.etp * cfg.annual_hours
        etp = f"{t.etp:g}".replace(".", ",")
        echo(f"  {t.code:<5} {t.name} — {etp} ETP ({number(hours, 1)} h/an)")
        for q in t.qpvs:
            echo(f"        QPV {q.code} {q.name}")
    echo("Piliers (part indicative) :")
    for p in cfg.pillars:
        echo(f"  {p.key:<24} {p.label} — {p.share:.0%}")
    echo("Types d'action :")
    for a in cfg.action_types:
        echo(f"  {a.key:<18} {a.label} → {a.pillar}")
    for c in cfg.conventions:
        echo(f"Convention {c.key} : {c.label} ({c.start:%d/%m/%Y} → {c.end:%d/%m/%Y})")
        for lv in c.livrables:
            echo(f"  {lv.key:<24} {lv.label} [{lv.territory or 'tous'}]")


@config.command()
@click.argument("file", required=False, metavar="[FICHIER]", type=click.Path(dir_okay=False))
def validate(file: str | None) -> None:
    """Valide une configuration (défaut : celle en vigueur)."""
    from citeslab_tui.config import active_config_path, load_config

    target = Path(file) if file else active_config_path()
    load_config(target)
    click.echo(f"Configuration valide : {target}")


@config.command()
@click.option("--force", is_flag=True, help="Écraser une configuration existante.")
def init(force: bool) -> None:
    """Copie la configuration par défaut là où vous pouvez la modifier."""
    from citeslab_tui.config import default_config_path, user_config_path
    from citeslab_tui.fsutil import atomic_write

    target = user_config_path()
    if target.exists() and not force:
        raise UserError(f"{target} existe déjà (--force pour l'écraser)")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(target, default_config_path().read_bytes(), mode=0o600)
    click.echo(f"Configuration créée : {target}")
    click.echo("Modifiez-la puis vérifiez-la avec `citeslab config validate`.")


@config.command("set")
@click.argument("key", metavar="CLÉ")
@click.argument("value", metavar="VALEUR")
def set_(key: str, value: str) -> None:
    """Change une valeur : CLÉ en notation pointée, VALEUR en texte ou en JSON.

    \b
    Exemples :
      citeslab config set person "Camille Martin"
      citeslab config set territories.CCG.etp 0.3
      citeslab config set conventions.ccg-med.end 2023-12-31
    La configuration est validée avant d'être écrite : une valeur refusée
    n'écrit rien. L'application ouverte la relit aussitôt."""
    from citeslab_tui.config import user_config_path
    from citeslab_tui.services.settings import set_and_save

    set_and_save(key, value)
    click.echo(f"Enregistré : {key} = {value}  ({user_config_path()})")


@click.group(subcommand_metavar=SUBCOMMAND)
def convention() -> None:
    """Conventions de financement (période, montants, livrables)."""


@convention.command("new")
@click.option("--from", "source", required=True, metavar="ID", help="Convention à copier.")
@click.option("--start", required=True, metavar="DATE", help="Début de la nouvelle convention.")
@click.option("--end", required=True, metavar="DATE", help="Fin de la nouvelle convention.")
@click.option("--key", metavar="ID", help="Identifiant de la nouvelle (défaut : déduit).")
def convention_new(source: str, start: str, end: str, key: str | None) -> None:
    """Crée une convention à partir d'une autre, à de nouvelles dates.

    Les livrables et leurs objectifs annuels sont repris ; les montants de
    l'année pleine sont proratisés pour une année partielle. Ajustez-les
    ensuite (F6 ou `citeslab config set conventions.ID.…`)."""
    from citeslab_tui.cli.common import parse_day
    from citeslab_tui.config import user_config_path
    from citeslab_tui.services.settings import apply, editable_data, new_convention

    first, last = parse_day(start), parse_day(end)
    assert first is not None and last is not None
    data, new_key = new_convention(editable_data(), source, first, last, key)
    cfg = apply(data)
    made = next(c for c in cfg.conventions if c.key == new_key)
    click.echo(
        f"Convention « {new_key} » créée : {made.label}, "
        f"du {made.start:%d/%m/%Y} au {made.end:%d/%m/%Y}  ({user_config_path()})"
    )
    for year, money in sorted(made.money.items()):
        cost, subsidy = (
            euros(v, 0 if float(v).is_integer() else 2)
            for v in (money.cost or 0, money.subsidy or 0)
        )
        click.echo(f"  {year} : coût {cost}, subvention {subsidy}")
