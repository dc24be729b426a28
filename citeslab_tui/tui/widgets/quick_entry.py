"""The quick-entry bar of the journal: one line in the `citeslab log` syntax,
a live preview under it, completion of the word being typed.

The bar only reads: on Enter with a line that parses it posts `Submitted` with
the draft, and the screen hands it to the store (and clears the bar once the
store took it). `quickentry.parse` is cheap enough to run on every keypress.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static

from citeslab_tui.core.errors import QuickEntryError
from citeslab_tui.core.model import Config
from citeslab_tui.core.quickentry import completions, try_parse
from citeslab_tui.core.text import printable
from citeslab_tui.core.textmatch import unknown_porteurs
from citeslab_tui.tui.widgets.inputs import SteadyInput


def _no_history() -> History:
    from citeslab_tui.core.history import History

    return History()


if TYPE_CHECKING:
    from citeslab_tui.core.history import Cursor, History
    from citeslab_tui.core.plausibility import DayCheck
    from citeslab_tui.core.quickentry import EntryDraft

    # The screen's view of the day (services.plausibility.refine): the draft as
    # Enter would record it (its porteurs' territory) and what its day would be.
    Refine = Callable[[EntryDraft], tuple[EntryDraft, DayCheck]]

# core.quickentry (and its matching tables) is imported at the first keypress,
# not before the first paint.

PLACEHOLDER = "ex. 2h atelier @CCG 12p -- note   (→ complète, ↑ historique, F1 aide)"
HINT = "Syntaxe : durée type @territoire 12p +porteur >partenaire #QPV /pilier -- note"
_LAST_WORD = re.compile(r"\S+$")


CREATE_PORTEUR = "F4 pour le créer"


def check(
    text: str,
    config: Config,
    porteur_ids: Callable[[], Sequence[str]] = list,
    refine: Refine | None = None,
) -> tuple[EntryDraft | QuickEntryError, tuple[str, ...]]:
    """The draft of the line, or why it cannot be recorded — a porteur it cites
    that does not exist, or a day it would push above 24 h, too (the store would
    refuse it on Enter) — and the warnings of its day (issue 11)."""
    result = try_parse(text, config)
    if isinstance(result, QuickEntryError):
        return result, ()
    if result.porteurs:
        problem = unknown_porteurs(result.porteurs, porteur_ids(), CREATE_PORTEUR)
        if problem is not None:
            return QuickEntryError(problem), ()
    if refine is None:
        return result, ()
    result, day = refine(result)
    if day.refused:
        return QuickEntryError(day.refused), ()
    return result, tuple(w.message for w in day.warnings)


def preview(
    text: str,
    config: Config,
    porteur_ids: Callable[[], Sequence[str]] = list,
    refine: Refine | None = None,
) -> tuple[Text, str]:
    """What the bar will record, or why it cannot: (line, state) with state
    `empty`, `ok`, `warning` (recorded on Enter, but look) or `error`. User text
    is shown literally."""
    if not text.strip():
        return Text(HINT), "empty"
    result, warnings = check(text, config, porteur_ids, refine)
    if isinstance(result, QuickEntryError):
        return Text("✗ " + printable(str(result), one_line=True)), "error"
    if warnings:
        line = "⚠ " + " ; ".join(warnings) + " — " + result.describe()
        return Text(printable(line, one_line=True)), "warning"
    return Text("✓ " + printable(result.describe(), one_line=True)), "ok"


class QuickEntrySuggester(Suggester):
    """Completes the last word with `quickentry.completions` (types, @territory,
    +porteur, >partner, #QPV, /pillar)."""

    def __init__(
        self,
        config: Config,
        porteur_ids: Callable[[], Sequence[str]],
        partners: Callable[[], Sequence[str]],
    ) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.config = config
        self.porteur_ids = porteur_ids
        self.partners = partners

    async def get_suggestion(self, value: str) -> str | None:
        return suggest(value, self.config, self.porteur_ids(), self.partners())


def suggest(
    value: str, config: Config, porteur_ids: Sequence[str], partners: Sequence[str]
) -> str | None:
    """The whole line with its last word completed, or None."""
    found = _LAST_WORD.search(value)
    if found is None:
        return None
    last = found.group().casefold()
    for candidate in completions(value, config, porteur_ids, partners):
        if candidate.casefold().startswith(last) and len(candidate) > len(last):
            return value[: found.start()] + candidate
    return None


class QuickInput(SteadyInput):
    """The bar's input: ↑/↓ walk the lines typed before, ctrl+r searches them
    (tui/modals/history_search.py, starting from what is typed), `q` on an
    empty bar quits, Échap leaves the bar for the list (where single-letter
    keys work)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up", "history_older", "Ligne tapée avant (historique)", id="history-older", show=False
        ),
        Binding(
            "down",
            "history_newer",
            "Ligne suivante de l'historique",
            id="history-newer",
            show=False,
        ),
        Binding(
            "ctrl+r",
            "history_search",
            "Chercher dans l'historique (recherche inversée)",
            id="history-search",
            show=False,
        ),
        Binding(
            "escape", "leave_bar", "Quitter la barre (vers la liste)", id="leave-bar", show=False
        ),
    ]

    def __init__(self, history: Callable[[], History], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.history = history
        self._cursor: Cursor | None = None
        self._recalled: str | None = None  # the value we put in, to tell user edits apart

    def _recall(self, text: str) -> None:
        self._recalled = text
        self.value = text
        self.cursor_position = len(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self._recalled:  # typed by the user: a new walk next time
            self._cursor = None
            self._recalled = None

    async def on_key(self, event: events.Key) -> None:
        """`q` on an empty bar quits; prevent_default keeps Input from typing it."""
        if event.character == "q" and not self.value:
            event.stop()
            event.prevent_default()
            await self.app.action_quit()

    def action_history_older(self) -> None:
        if self._cursor is None:
            from citeslab_tui.core.history import Cursor

            self._cursor = Cursor(self.history().lines, self.value)
        line = self._cursor.older()
        if line is None:
            self.app.bell()
        else:
            self._recall(line)

    def action_history_newer(self) -> None:
        line = self._cursor.newer() if self._cursor is not None else None
        if line is not None:
            self._recall(line)

    def action_history_search(self) -> None:
        """A reverse search, as in a shell: each key typed shows the newest
        matching line, ctrl+r an older one, Entrée takes it, Échap cancels."""
        from citeslab_tui.tui.modals.history_search import HistorySearch

        def chosen(line: str | None) -> None:
            if line is not None:
                self._recall(line)
            self.focus()

        self.app.push_screen(HistorySearch(self.history(), self.value), chosen)

    def action_leave_bar(self) -> None:
        self.screen.focus_next()


class QuickEntryBar(Vertical):
    """The input and its preview."""

    DEFAULT_CSS = """
    QuickEntryBar {
        height: auto;
        #quick-preview { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
        #quick-preview.-ok { color: $text-success; }
        #quick-preview.-error { color: $text-error; }
        #quick-preview.-warning { color: $text-warning; }
    }
    """

    class Submitted(Message):
        """A line that parses was submitted: the screen records it."""

        def __init__(
            self, bar: QuickEntryBar, draft: EntryDraft, text: str, warnings: tuple[str, ...] = ()
        ) -> None:
            super().__init__()
            self.bar = bar
            self.draft = draft
            self.text = text
            self.warnings = warnings  # the day's warnings shown in the preview

    def __init__(
        self,
        config: Config,
        *,
        porteur_ids: Callable[[], Sequence[str]] = list,
        partners: Callable[[], Sequence[str]] = list,
        history: Callable[[], History] | None = None,
        refine: Refine | None = None,
        id: str | None = None,
    ) -> None:
        """`porteur_ids` and `partners` give the completion candidates; they are
        called when a suggestion is wanted, not before."""
        super().__init__(id=id)
        self.config = config
        self.porteur_ids = porteur_ids
        self.partners = partners
        self.history = history or _no_history
        self.refine = refine

    def compose(self) -> ComposeResult:
        yield QuickInput(
            self.history,
            placeholder=PLACEHOLDER,
            suggester=QuickEntrySuggester(self.config, self.porteur_ids, self.partners),
            id="quick-entry",
            select_on_focus=False,
        )
        yield Static(Text(HINT), id="quick-preview")

    def set_config(self, config: Config) -> None:
        """A new configuration (F6): parse and complete with it from now on."""
        self.config = config
        suggester = self.input.suggester
        if isinstance(suggester, QuickEntrySuggester):
            suggester.config = config

    @property
    def input(self) -> Input:
        return self.query_one("#quick-entry", Input)

    def clear(self) -> None:
        self.input.value = ""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_preview(event.value)

    def show_preview(self, value: str) -> None:
        """Redraw the preview (also when the day changes under the same line)."""
        line, state = preview(value, self.config, self.porteur_ids, self.refine)
        widget = self.query_one("#quick-preview", Static)
        widget.update(line)
        widget.set_class(state == "ok", "-ok")
        widget.set_class(state == "error", "-error")
        widget.set_class(state == "warning", "-warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        result, warnings = check(event.value, self.config, self.porteur_ids, self.refine)
        if isinstance(result, QuickEntryError):
            self.app.bell()
            return
        self.post_message(self.Submitted(self, result, event.value, warnings))
