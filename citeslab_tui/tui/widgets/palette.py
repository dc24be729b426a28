"""Textual's command palette, saying "no match" in French.

Textual writes "No matches found" from inside a private method; this copies that
method (Textual 8.2.8, pinned) with the French text. tests/tui/test_screens.py
checks the message, so a Textual upgrade that changes the method shows there.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

NO_MATCH = "Aucune action ne correspond"


class FrenchPalette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # nothing is said while merely browsing
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCH, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
