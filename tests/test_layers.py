"""Import contracts: the arrows of the README's architecture picture, checked
over every import of the package (module level and inside functions;
imports under `if TYPE_CHECKING:` serve annotations and do not count).

core → nothing of ours; store and export → core (and the top-level helpers),
never each other; services → core, store, export, never cli or tui; only the
entry points (launch, __main__) import cli or tui, which never import each other.

Libraries too: core uses the standard library and `holidays` only; Textual is
imported by tui alone, click by cli alone, and neither they nor rich reach
core, store, export or services (which serve both interfaces)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import citeslab_tui

PACKAGE = Path(citeslab_tui.__file__).parent
LAYERS = ("core", "store", "export", "services", "cli", "tui")
ENTRY_POINTS = {"launch", "__main__"}


def layer(module: str) -> str:
    """`citeslab_tui.store.journal` → `store`; top-level modules by their name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node, except those under `if TYPE_CHECKING:` (annotations only)."""
    out: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def imports(ours: bool = True) -> list[tuple[str, str]]:
    """(importing module, imported module) for every import of ours; with
    `ours=False`, for every import of a third-party library instead."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        module = ".".join(parts)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    names = [".".join([*base, node.module or ""]).rstrip(".")]
                else:
                    names = [node.module or ""]
                names += [f"{names[0]}.{a.name}" for a in node.names]
            else:
                continue
            if ours:
                found += [(module, n) for n in names if n.startswith("citeslab_tui.")]
            elif isinstance(node, ast.Import) or not node.level:
                found += [
                    (module, top) for n in names if not _ours_or_stdlib(top := n.split(".")[0])
                ]
    return found


def _ours_or_stdlib(top: str) -> bool:
    return top in ("citeslab_tui", "__future__") or top in sys.stdlib_module_names


def libraries(layer_name: str) -> set[str]:
    """Third-party packages imported by a layer."""
    return {lib for m, lib in imports(ours=False) if layer(m) == layer_name}


def broken(allowed: dict[str, set[str]]) -> list[str]:
    out = []
    for importer, imported in imports():
        src, dst = layer(importer), layer(imported)
        if src in allowed and dst in LAYERS and dst != src and dst not in allowed[src]:
            out.append(f"{importer} imports {imported}")
    return sorted(set(out))


def test_the_package_has_every_layer() -> None:
    assert {layer(m) for m, _ in imports()} >= set(LAYERS)


def test_layers_import_only_downwards() -> None:
    allowed = {
        "core": set(),
        "store": {"core"},
        "export": {"core"},
        "services": {"core", "store", "export"},
        "tui": {"core", "store", "export", "services"},
        "cli": {"core", "store", "export", "services"},
    }
    assert broken(allowed) == []


def test_core_imports_nothing_of_the_outer_package() -> None:
    outside = [
        f"{m} imports {i}"
        for m, i in imports()
        if layer(m) == "core" and layer(i) != "core" and i != "citeslab_tui"
    ]
    assert outside == []


def test_only_entry_points_import_the_interfaces() -> None:
    wrong = [
        f"{m} imports {i}"
        for m, i in imports()
        if layer(i) in ("cli", "tui")
        and layer(m) not in ("cli", "tui")
        and m.split(".")[-1] not in ENTRY_POINTS
    ]
    assert wrong == []
    assert not [m for m, i in imports() if {layer(m), layer(i)} == {"tui", "cli"}]


def test_core_uses_the_standard_library_and_holidays_only() -> None:
    assert libraries("core") <= {"holidays"}


def test_textual_in_tui_click_in_cli_and_neither_below() -> None:
    by_library: dict[str, set[str]] = {}
    for m, lib in imports(ours=False):
        by_library.setdefault(lib, set()).add(layer(m) or m.split(".")[-1])
    assert by_library.get("textual", set()) <= {"tui"}
    assert by_library.get("click", set()) <= {"cli"}
    for inner in ("core", "store", "export", "services"):
        assert not libraries(inner) & {"textual", "click", "rich"}, inner


def test_top_level_helpers_sit_beside_core() -> None:
    """config, schemas, paths, present…: they may use core, not the layers above."""
    wrong = [
        f"{m} imports {i}"
        for m, i in imports()
        if layer(m) not in LAYERS
        and m.split(".")[-1] not in ENTRY_POINTS
        and layer(i) in LAYERS
        and layer(i) != "core"
    ]
    assert wrong == []


def test_the_contract_sees_function_level_imports() -> None:
    found = set(imports())
    assert ("citeslab_tui.tui.app", "citeslab_tui.services.entries") in found
    assert ("citeslab_tui.launch", "citeslab_tui.tui.app") in found  # inside start_tui()
    assert {"textual", "rich"} <= libraries("tui")
    assert "click" in libraries("cli") and "tinydb" in libraries("store")
