"""User text made safe to draw in the TUI (figures are `citeslab_tui.present`).

User text (notes, names, partners, error messages) always reaches a widget as a
`rich.text.Text` built here: never parsed as markup, control characters shown
as `\\x1b`-style escapes (`core.text.printable`).
"""

from __future__ import annotations

from rich.text import Text

from citeslab_tui.core.closing import month_label
from citeslab_tui.core.errors import CitesLabError, MonthClosed
from citeslab_tui.core.text import printable, shorten


def literal(text: str, width: int | None = None, style: str = "") -> Text:
    """User text as a Text: one line, control characters visible, cut to `width`."""
    flat = printable(text, one_line=True)
    if width is not None:
        flat = shorten(flat, width)
    return Text(flat, style=style, no_wrap=True, overflow="ellipsis")


def refusal(error: Exception) -> tuple[str, str]:
    """A refusal as (title, message) for a notification: a closed month says
    so in its title and tells how to reopen it from the app."""
    if isinstance(error, MonthClosed) and error.month:
        label = month_label(error.month)
        return f"Mois clos : {label}", (
            f"{label} est clos (feuille de temps signée) : ses entrées ne changent "
            "plus, rien n'a été enregistré. Pour le rouvrir : F5 Export, ctrl+k."
        )
    return "", str(error)


def failure(error: BaseException | None) -> str:
    """What to say when a worker failed: a project error's own French message;
    anything else is logged (its code location, never its text, which may hold
    personal data) and said in one French line."""
    if isinstance(error, CitesLabError):
        return str(error)
    if error is None:
        return "Erreur inattendue."
    from citeslab_tui.crashlog import log_unexpected

    return log_unexpected(error)
