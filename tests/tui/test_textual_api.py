"""No reach into Textual's private API where a public one exists (issue 10):
the package and the tests use Textual through its public names. Notifications
are read through the `Notify` message (tests/tui/conftest.Said), a mode's
screens through `get_screen_stack`, keys through `on_key` + `prevent_default`.

The few private names left are listed below, each with why no public way
exists; Textual is pinned exactly (pyproject), so an upgrade that changes them
shows in the tests that cover them."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ALLOWED = {
    # tui/app.py: an unexpected exception must not print a traceback with local
    # variables (personal data); Textual has no public hook for that, nor one to
    # turn a broken data file met in a handler into read-only mode.
    "_fatal_error": "App hook, tui/app.py",
    "_handle_exception": "App hook, tui/app.py",
    "_exception": "App hook, tui/app.py",
    "_exit_renderables": "App hook, tui/app.py",
    "_close_messages_no_wait": "App hook, tui/app.py",
    # tui/widgets/palette.py: the command palette's "No matches found" in French.
    "_start_no_matches_countdown": "palette, tui/widgets/palette.py",
    "_stop_no_matches_countdown": "palette, tui/widgets/palette.py",
    "_no_matches_timer": "palette, tui/widgets/palette.py",
    "_list_visible": "palette, tui/widgets/palette.py",
    "_NO_MATCHES": "palette, tui/widgets/palette.py",
    "_NO_MATCHES_COUNTDOWN": "palette, tui/widgets/palette.py",
}


def textual_classes() -> set[type]:
    """The Textual classes our code builds on (every Textual class in the MRO
    of a class of citeslab_tui.tui), and the app and pilot the tests drive."""
    from textual.app import App
    from textual.pilot import Pilot

    import citeslab_tui.tui

    found: set[type] = {App, Pilot}
    for info in pkgutil.walk_packages(citeslab_tui.tui.__path__, "citeslab_tui.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name:
                found |= {c for c in value.__mro__ if c.__module__.startswith("textual")}
    return found


def textual_private_names() -> set[str]:
    """Private methods and attributes of those classes, as their source defines them."""
    names: set[str] = set()
    for cls in textual_classes():
        names |= {n for n in dir(cls) if n.startswith("_") and not n.startswith("__")}
        try:
            source = inspect.getsource(cls)
        except (OSError, TypeError):  # a class made at run time
            continue
        names |= set(re.findall(r"self\.(_[a-z][a-z0-9_]*)\s*(?::[^=\n]*)?=", source))
    return names


def uses_of_textual_private_names() -> list[str]:
    """`file:line name` for every attribute access or method override, in the
    modules that import Textual, whose name is one of Textual's private ones."""
    private = textual_private_names()
    found = []
    for folder in ("citeslab_tui", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            if "textual" not in source or path == Path(__file__):
                continue
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Attribute):
                    name = node.attr
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = node.name
                else:
                    continue
                if name in private and name not in ALLOWED:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_textual_is_used_through_its_public_api() -> None:
    assert uses_of_textual_private_names() == []


def test_the_check_sees_the_private_names_it_replaced() -> None:
    private = textual_private_names()
    assert {"_notifications", "_screen_stacks", "_on_key"} <= private
    assert set(ALLOWED) <= private  # each exception is still a Textual name
