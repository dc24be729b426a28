"""Unexpected errors: written to a log file in the user's state directory, with
the code location only — no local variables, no exception message (either may
hold personal data) — and one French line for the user."""

from __future__ import annotations

import os
import traceback
from datetime import datetime

from citeslab_tui.paths import ensure_private_dir, state_dir


def log_unexpected(exc: BaseException) -> str:
    """Append a sanitised report of `exc` to the error log; return the French
    line to show the user."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{datetime.now().isoformat(timespec='seconds')} {type(exc).__name__}"]
    lines += [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
    try:
        directory = state_dir()
        ensure_private_dir(directory)
        path = directory / "erreurs.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        where = str(path)
    except OSError:
        where = "(journal d'erreurs impossible à écrire)"
    return (
        f"Erreur inattendue ({type(exc).__name__}) : rien n'a été perdu ; "
        f"détails techniques dans {where}"
    )
