"""Click speaks French: its usage line, help headings and parameter errors
("Invalid value for '--minutes'…", "No such option…") come from the catalogue
citeslab_tui/locale/fr/LC_MESSAGES/click.mo.

Click marks its messages with the classic gettext API, so the documented way
to translate them is to point gettext's global domain at a catalogue before
click builds any message. The interface is French whatever the user's locale,
so the language is set for gettext's lookup too (LANGUAGE is read by gettext
only; this process starts no other program).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "click"
SUBCOMMAND = "COMMANDE [ARGUMENTS]..."
"""A group's usage line in French (click's own is a fixed English string, not
a message of its catalogue): `@click.group(subcommand_metavar=SUBCOMMAND)`."""
OPTIONAL_SUBCOMMAND = "[COMMANDE] [ARGUMENTS]..."
"""The same for `citeslab` itself, which runs without a command too."""
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def speak_french() -> None:
    """Route click's messages through the French catalogue (idempotent)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "fr"
