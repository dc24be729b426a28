"""Import contracts: the arrows of the README's architecture picture, checked
over every import of the package (module level and inside functions;
imports under `if TYPE_CHECKING:` serve annotations and do not count).

core → nothing of ours; store and export → core (and the top-level helpers),
never each other; services → core, store, export, never cli or tui; only the
entry points (launch, __main__, cli) import cli or tui, and tui never cli."""

from __future__ import annotations

import ast
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


def imports() -> list[tuple[str, str]]:
    """(importing module, imported module) for every import of ours."""
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
            found += [(module, n) for n in names if n.startswith("citeslab_tui.")]
    return found


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
        "cli": {"core", "store", "export", "services", "tui"},
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
    assert not [m for m, i in imports() if layer(m) == "tui" and layer(i) == "cli"]


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
