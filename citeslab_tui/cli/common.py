"""What every `citeslab` command shares: the --db option, opening the store,
the configuration, "today", period options, and turning errors into French
messages with the right exit code (0 ok, 1 refused or data problem, 2 usage)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from citeslab_tui.launch import fail
from citeslab_tui.launch import now as now  # re-exported for the commands
from citeslab_tui.launch import today as today

if TYPE_CHECKING:
    from citeslab_tui.core.model import Config
    from citeslab_tui.core.period import Period
    from citeslab_tui.store import Store

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A refused input or data problem: French message on stderr, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur : {self.format_message()}", err=True)


@contextmanager
def replaced_with_force() -> Iterator[None]:
    """Files that exist already: the command line's way to replace them."""
    from citeslab_tui.export import FilesExist

    try:
        yield
    except FilesExist as exc:
        raise UserError(exc.worded("--force pour remplacer")) from exc


def _remember_db(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    for given in value:
        if not given or Path(given).expanduser().is_dir():
            raise UserError(
                f"--db « {given} » : un fichier de données est attendu, pas un dossier "
                f"(par exemple {Path(given or '.') / 'citeslab.json'})"
            )
    if value:
        ctx.meta["citeslab.db"] = (*ctx.meta.get("citeslab.db", ()), *value)


def db_option(f: F) -> F:
    """`--db PATH`: the data file (else $CITESLAB_DB, else the user data dir).
    Repeatable for the commands that read several files (`db_paths`)."""
    return click.option(
        "--db",
        metavar="FICHIER",  # checked in _remember_db: a French message, exit 1
        multiple=True,
        expose_value=False,
        callback=_remember_db,
        is_eager=True,
        help="Fichier de données (défaut : $CITESLAB_DB ou le dossier de données).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")(f)


def db_paths() -> list[Path]:
    """Every `--db` given (report and bilan read several files), else the default."""
    from citeslab_tui.paths import default_db_path

    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get("citeslab.db", ()) if ctx else ()
    return [Path(c).expanduser() for c in chosen] or [default_db_path()]


def db_path() -> Path:
    """The one data file of a command that reads or writes a single file."""
    paths = db_paths()
    if len(paths) > 1:
        raise UserError(
            f"--db donné {len(paths)} fois : seuls « report » et « bilan » lisent "
            "plusieurs fichiers"
        )
    return paths[0]


def get_config() -> Config:
    from citeslab_tui.config import load_config

    return load_config()


def open_store(*, readonly: bool = False) -> Store:
    from citeslab_tui.store import Store

    store = Store.open(db_path(), get_config(), readonly=readonly, now=now)
    warning = None if readonly else store.clock_warning()  # said where it matters: writes
    if warning:
        click.echo(f"Attention : {warning}", err=True)
    return store


def period_options(f: F) -> F:
    """`--year`, `--month`, `--from`, `--to` (mutually exclusive)."""
    f = click.option(
        "--to", "date_to", metavar="DATE", help="Fin (AAAA-MM-JJ, JJ/MM/AAAA, JJ/MM, hier…)."
    )(f)
    f = click.option("--from", "date_from", metavar="DATE", help="Début.")(f)
    f = click.option("--month", metavar="AAAA-MM", help="Un mois.")(f)
    f = click.option("--year", type=int, metavar="AAAA", help="Une année civile.")(f)
    return f


def resolve(
    year: int | None,
    month: str | None,
    date_from: str | None,
    date_to: str | None,
    default_today: date | None = None,
) -> Period:
    from citeslab_tui.core.period import resolve_period

    return resolve_period(
        today=default_today or today(), year=year, month=month, start=date_from, end=date_to
    )


def parse_day(text: str | None) -> date | None:
    """A typed `--date` (see core.dates: `hier`, `lundi`, `01/03`…), or None."""
    if text is None:
        return None
    from citeslab_tui.core.dates import read_date

    return read_date(text, today())


def print_json(data: Any) -> None:
    import orjson

    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def console() -> Any:
    """The rich console of the CLI's tables. A string it prints is text as typed:
    no markup (`[b]`), no emoji codes (`:ok:`), no highlighter colouring numbers;
    and nothing to parse for any of them."""
    from rich.console import Console

    return Console(highlight=False, markup=False, soft_wrap=False, emoji=False)


def run_guarded(group: click.Command, args: Sequence[str]) -> int:
    """Run the CLI: French messages, no traceback, exit codes 0/1/2."""
    try:
        result = group.main(list(args), prog_name="citeslab", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Abandon : rien n'a été modifié.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (KeyboardInterrupt, Exception) as exc:
        return fail(exc)  # one French line, no traceback on screen
    return result if isinstance(result, int) else 0
