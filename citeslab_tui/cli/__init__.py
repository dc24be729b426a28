"""The `citeslab` command: a click group whose subcommands are imported lazily.

`citeslab log` must start fast, so each subcommand lives in its own module and
is imported only when invoked (and `citeslab --help` imports them to list their
help). Textual is imported only by the command that starts the TUI.

Function-level imports in cli/ are deliberate: a command imports its workflow
(services, store, export, present…) when it runs, because `--help` imports every
command module and each command imports only what it needs. Measured
(BENCHMARKS.md, « Accélérations jugées ») with them all at module level:
`citeslab report --json` +40 % instructions (~50 ms, over the 150 ms budget),
`citeslab --help` +80 %.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from citeslab_tui.cli.common import UserError, db_option, run_guarded
from citeslab_tui.cli.french import OPTIONAL_SUBCOMMAND, speak_french
from citeslab_tui.core.errors import CitesLabError

speak_french()  # before any decorator below builds a help text

# name -> "module:attribute", imported on demand.
LAZY_COMMANDS: dict[str, str] = {
    "log": "citeslab_tui.cli.entries:log",
    "list": "citeslab_tui.cli.entries:list_",
    "edit": "citeslab_tui.cli.entries:edit",
    "delete": "citeslab_tui.cli.entries:delete",
    "undo": "citeslab_tui.cli.entries:undo",
    "porteur": "citeslab_tui.cli.porteurs:porteur",
    "config": "citeslab_tui.cli.config_cmd:config",
    "convention": "citeslab_tui.cli.config_cmd:convention",
    "check": "citeslab_tui.cli.data:check",
    "restore": "citeslab_tui.cli.data:restore",
    "demo": "citeslab_tui.cli.data:demo",
    "report": "citeslab_tui.cli.report:report",
    "bilan": "citeslab_tui.cli.bilan:bilan",
    "export": "citeslab_tui.cli.export:export",
    "import": "citeslab_tui.cli.export:import_",
    "privacy": "citeslab_tui.cli.privacy:privacy",
    "tui": "citeslab_tui.cli.tui_cmd:tui",
    "month": "citeslab_tui.cli.closing:month",
    "verify": "citeslab_tui.cli.closing:verify",
    "start": "citeslab_tui.cli.timer:start",
    "stop": "citeslab_tui.cli.timer:stop",
    "status": "citeslab_tui.cli.timer:status",
    "history": "citeslab_tui.cli.history_cmd:history",
}


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitesLabError as exc:
            raise UserError(str(exc)) from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    subcommand_metavar=OPTIONAL_SUBCOMMAND,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.version_option(package_name="citeslab-tui", message="citeslab %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Journal d'activité et pilotage CitésLab.

    Sans commande : ouvre l'application plein écran (journal, tableau de bord,
    porteurs, exports)."""
    if ctx.invoked_subcommand is None:
        from citeslab_tui.cli.tui_cmd import start_tui

        ctx.exit(start_tui())


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point: French errors, no traceback, exit codes 0/1/2."""
    return run_guarded(cli, argv if argv is not None else sys.argv[1:])
