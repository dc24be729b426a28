"""Click's own messages (usage line, help, parameter errors) reach the user in
French, from the catalogue citeslab_tui/locale/fr/LC_MESSAGES/click.po."""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from citeslab_tui.cli.french import DOMAIN, LOCALE_DIR
from tests.fixture_types import Run

CATALOGUE = LOCALE_DIR / "fr" / "LC_MESSAGES"
# French words that are the same as click's English ones.
SAME_IN_FRENCH = {"%(prog)s, version %(version)s"}


def _click_messages() -> set[tuple[str, ...]]:
    """Every message the installed click marks for translation, read from its
    source: (message,) for _/gettext, (singular, plural) for ngettext."""
    found: set[tuple[str, ...]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in {"_", "gettext", "ngettext"}:
                continue
            texts = node.args[: 2 if node.func.id == "ngettext" else 1]
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts):
                found.add(tuple(a.value for a in texts))  # type: ignore[attr-defined]
    return found


def _translated(french: gettext.NullTranslations, message: tuple[str, ...]) -> list[str]:
    if len(message) == 1:
        return [french.gettext(message[0])]
    return [french.ngettext(message[0], message[1], n) for n in (1, 2)]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_of_the_installed_click_has_a_french_translation() -> None:
    french = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    messages = _click_messages()
    assert len(messages) > 60  # the extraction found click's messages
    untranslated = sorted(
        m for m in messages if m[0] not in SAME_IN_FRENCH and _translated(french, m) == list(m)
    )
    assert untranslated == []


def test_translations_use_only_the_placeholders_click_fills() -> None:
    french = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    for message in _click_messages():
        # a translation may leave a field out ("integer"), never invent one
        for original, translation in zip(message, _translated(french, message), strict=True):
            assert _fields(translation) <= _fields(original), message


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) absent")
def test_the_shipped_mo_is_compiled_from_the_po(tmp_path: Path) -> None:
    compiled = tmp_path / "click.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "click.po")],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (CATALOGUE / "click.mo").read_bytes(), (
        "run: msgfmt --check -o click.mo click.po in " + str(CATALOGUE)
    )


def test_a_value_out_of_range_is_refused_in_french(run: Run) -> None:
    result = run("demo", "--entries", "0", code=2)
    assert "Erreur : Valeur invalide pour '--entries' : 0 est hors des limites" in result.output
    assert "demo --help »." in result.output
    assert "Invalid value" not in result.output and "Usage:" not in result.output


def test_an_unknown_option_suggests_in_french(run: Run) -> None:
    result = run("list", "--foo", code=2)
    assert "Option inconnue : « --foo »." in result.output
    assert "Vouliez-vous dire" in result.output


def test_a_word_where_a_number_is_expected(run: Run) -> None:
    result = run("report", "--year", "abc", code=2)
    assert "« abc » n'est pas un nombre valide." in result.output


def test_help_speaks_french(run: Run) -> None:
    out = run("--help").output
    assert out.startswith("Utilisation : ")
    assert "Affiche cette aide et quitte." in out and "Affiche la version et quitte." in out
    assert "Show this message" not in out
    # French typography: a space before the colon of each heading
    assert "\nOptions :\n" in out and "\nCommandes :\n" in out
    assert "\nCommandes :\n" in run("porteur", "--help").output
    assert "[obligatoire]" in run("month", "reopen", "--help").output  # _(a variable)
    assert "[OPTIONS] [COMMANDE] [ARGUMENTS]...\n" in out


# click's names for its types and its group usage, which its catalogue does not hold
ENGLISH = re.compile(
    r"\b(TEXT|INTEGER|FLOAT|RANGE|PATH|FILE|FILENAME|DIRECTORY|BOOLEAN|"
    r"COMMAND|ARGS|KIND|LINE|KEY|VALUE|ENTRY_ID|PID|STEP)\b"
)


def _commands(
    command: click.Command, ctx: click.Context
) -> Iterator[tuple[click.Command, click.Context]]:
    yield command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from _commands(sub, click.Context(sub, parent=ctx, info_name=name))


def test_every_placeholder_of_every_command_is_french() -> None:
    from citeslab_tui.cli import cli

    english = []
    for command, ctx in _commands(cli, click.Context(cli, info_name="citeslab")):
        shown = [
            p.make_metavar(ctx)
            for p in command.get_params(ctx)
            if not (isinstance(p, click.Option) and (p.is_flag or p.count))  # no placeholder
        ]
        if isinstance(command, click.Group):
            shown.append(command.subcommand_metavar)
        english += [f"{ctx.command_path}: {m}" for m in shown if ENGLISH.search(m)]
    assert english == []


def test_french_whatever_the_users_locale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"LANGUAGE", "LC_ALL", "LANG"}}
    env |= {"LANG": "C.UTF-8", "LC_ALL": "en_US.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-m", "citeslab_tui", "--db", str(tmp_path / "d.json"), "repor"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 2
    assert "Erreur : Commande inconnue : « repor »." in out.stderr
