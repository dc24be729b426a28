"""The JSON Schemas of `schemas/`, as the program really uses them.

Validation runs on every load and before every write, so the fast path uses
fastjsonschema (compiled once per process). When a document fails, the full
`jsonschema` library is imported — only then — to find every problem and name it
in French with its JSON path (`territories[1].etp: 1.4 n'est pas entre 0 et 1`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson


def schema_dir() -> Path:
    """Where the schemas are: inside the package once installed from a wheel,
    beside the package in a checkout (or an editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent / "schemas"):
        if (candidate / "entry.schema.json").is_file():
            return candidate
    raise FileNotFoundError("schemas/ introuvable à côté du paquet citeslab_tui")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads((schema_dir() / f"{name}.schema.json").read_bytes())
    return data


def _compile(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's validator for `schema`, compiled in this process from the
    installed schema (nothing is cached on disk: no file outside the package is
    ever executed or trusted)."""
    import fastjsonschema

    validate: Callable[[Any], Any] = fastjsonschema.compile(schema)
    return validate


@functools.cache
def _compiled(name: str) -> Callable[[Any], Any]:
    return _compile(load_schema(name))


@functools.cache
def _compiled_table(name: str) -> Callable[[Any], Any]:
    """A validator for a whole table (id → record) of a schema without $refs."""
    item = {k: v for k, v in load_schema(name).items() if not k.startswith("$")}
    return _compile({"type": "object", "additionalProperties": item})


def table_is_valid(name: str, table: Any) -> bool:
    """Fast check of a whole table (id → record) in one compiled call."""
    import fastjsonschema

    try:
        _compiled_table(name)(table)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def is_valid(name: str, document: Any) -> bool:
    """Fast check: True when `document` satisfies schema `name`."""
    import fastjsonschema

    try:
        _compiled(name)(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def json_path(parts: Iterable[Any]) -> str:
    """`['territories', 1, 'etp']` → `territories[1].etp`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(racine)"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"« {value} »"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "cette valeur"
    return str(value)


_TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "object": "un objet",
    "array": "une liste",
    "null": "null",
}


def _french(error: Any) -> str:
    """One French sentence for one jsonschema ValidationError."""
    v = error.validator
    val = error.instance
    arg = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if v == "required":
        missing = [k for k in arg if isinstance(val, dict) and k not in val]
        return f"champ obligatoire {_show(missing[0] if missing else arg[0])} manquant"
    if v == "additionalProperties":
        extra = sorted(k for k in val if k not in schema.get("properties", {}))
        return f"champ inconnu {_show(extra[0]) if extra else ''}".rstrip()
    if v == "type":
        types = arg if isinstance(arg, list) else [arg]
        wanted = " ou ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        return f"{_show(val)} n'est pas {wanted}"
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        if low is not None and high is not None:
            return f"{_show(val)} n'est pas entre {low} et {high}"
        if v == "minimum":
            return f"{_show(val)} est inférieur au minimum {arg}"
        if v == "exclusiveMinimum":
            return f"{_show(val)} doit être strictement supérieur à {arg}"
        return f"{_show(val)} dépasse le maximum {arg}"
    if v == "pattern":
        return f"{_show(val)} n'a pas le format attendu"
    if v in ("enum", "const"):
        allowed = arg if v == "enum" else [arg]
        shown = ", ".join("null" if a is None else str(a) for a in allowed)
        return f"{_show(val)} n'est pas une valeur permise ({shown})"
    if v == "minLength":
        return "texte vide" if arg == 1 else f"texte trop court (au moins {arg} caractères)"
    if v == "maxLength":
        return f"texte trop long (au plus {arg} caractères)"
    if v == "minItems":
        return f"liste trop courte (au moins {arg} élément(s))"
    if v == "uniqueItems":
        return "la liste contient des doublons"
    if v == "propertyNames":
        return "nom de champ non permis"
    if v in ("anyOf", "oneOf"):
        return f"{_show(val)} n'est pas une valeur permise ici"
    return f"valeur refusée ({v})"


def _french_redacted(error: Any) -> str:
    v = error.validator
    if v == "type":
        return "type de valeur incorrect"
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return "nombre hors limites"
    if v == "pattern":
        return "format incorrect"
    if v in ("enum", "const", "anyOf", "oneOf"):
        return "valeur non permise"
    return _french(error)


def explain(
    name: str, document: Any, *, prefix: Iterable[Any] = (), redact: bool = False
) -> list[str]:
    """Every problem of `document` against schema `name`, as French lines
    `path: problème`, sorted by path. Empty when the document is valid.
    With `redact`, offending values are not quoted (they may be personal data)."""
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(load_schema(name))
    validator = validator_cls(load_schema(name))
    problems = []
    for error in validator.iter_errors(document):
        path = json_path([*prefix, *error.absolute_path])
        text = _french(error)
        if redact and error.validator not in ("required", "additionalProperties"):
            text = _french_redacted(error)
        problems.append((list(error.absolute_path), f"{path}: {text}"))
    problems.sort(key=lambda p: [str(x) for x in p[0]])
    return [text for _, text in problems]
