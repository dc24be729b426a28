"""F2 Journal, the start screen: one day's entries, the day's and the week's
totals, and the quick-entry bar (focused on start) that logs a line on Enter.
ctrl+s starts a timer with the bar's line instead (services.timer, shared with
`citeslab start/stop`), shown under the title while it runs.

Reads one day and one week from the store per redraw (a few hundred entries at
most), so moving between days stays instant with years of history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import OptionList, Static

from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import Config, Entry, format_hhmm
from citeslab_tui.core.text import printable
from citeslab_tui.present import day_label, duration, hours, label_of, timer_badge
from citeslab_tui.services import entries as service
from citeslab_tui.services.plausibility import date_marks, refine
from citeslab_tui.store import Store
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.widgets.entry_table import EntryTable
from citeslab_tui.tui.widgets.footer import AppFooter
from citeslab_tui.tui.widgets.quick_entry import QuickEntryBar

if TYPE_CHECKING:
    from citeslab_tui.core.history import History
    from citeslab_tui.core.plausibility import DayCheck
    from citeslab_tui.core.quickentry import EntryDraft
    from citeslab_tui.core.timer import RunningTimer

PARTNER_LOOKBACK = timedelta(days=120)  # free partners offered for completion
TIMER_TICK = 60.0  # seconds: the header shows whole minutes


def totals_table(day: Sequence[Entry], week: Sequence[Entry], monday: date, config: Config) -> Text:
    """Hours of the day and of its week, per pillar and per territory, as
    aligned columns (a plain Text: cheaper to draw than a rich Table)."""
    pillar_keys = [*config.pillar_keys, *sorted({e.pillar for e in week} - set(config.pillar_keys))]
    codes = [
        *config.territory_codes,
        *sorted({e.territory for e in week} - set(config.territory_codes)),
    ]
    shorts = {p.key: p.short or p.label for p in config.pillars}
    header = ["", "Total", *(label_of(shorts, k) for k in pillar_keys), *codes]

    def total(items: Iterable[Entry]) -> str:
        minutes = sum(e.minutes for e in items)
        return duration(minutes) if minutes else "—"

    rows = [header]
    for label, items in (("Jour", day), (f"Semaine {monday.isocalendar()[1]}", week)):
        rows.append(
            [label, total(items)]
            + [total(e for e in items if e.pillar == k) for k in pillar_keys]
            + [total(e for e in items if e.territory == c) for c in codes]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    first_code = 2 + len(pillar_keys)
    out = Text(no_wrap=True, overflow="ellipsis")
    for n, row in enumerate(rows):
        if n:
            out.append("\n")
        for i, cell in enumerate(row):
            text = cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            sep = " │ " if i == first_code else "  "
            style = "bold" if n == 0 or i == 1 else ""
            out.append((sep if i else "") + printable(text), style=style)
    return out


class JournalScreen(StoreScreen):
    """The day, its entries, and the quick-entry bar."""

    # journal.tcss is loaded by the app (first paint); see CitesLabApp.CSS_PATH.
    AUTO_FOCUS = "#quick-entry"
    FOOTER_KEYS = ("timer",)  # shown in the footer beside the app's keys
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "pageup", "previous_day", "Jour précédent", id="previous-day", priority=True, show=False
        ),
        Binding("pagedown", "next_day", "Jour suivant", id="next-day", priority=True, show=False),
        Binding("t", "go_today", "Aujourd'hui", id="go-today", show=False),
        Binding("g", "goto_date", "Aller à une date…", id="goto-date", show=False),
        Binding("n", "new_entry", "Nouvelle entrée (barre de saisie)", id="new-entry", show=False),
        Binding("e", "edit_entry", "Modifier l'entrée", id="edit-entry", show=False),
        Binding(
            "d",
            "duplicate_entry",
            "Dupliquer l'entrée à aujourd'hui",
            id="duplicate-entry",
            show=False,
        ),
        Binding("delete,x", "delete_entry", "Supprimer l'entrée", id="delete-entry", show=False),
        Binding(
            "ctrl+y",
            "copy_previous_day",
            "Copier la veille (dernier jour saisi) sur ce jour",
            id="copy-previous-day",
            priority=True,
            show=False,
        ),
        # ctrl+s from the bar (where `s` types), `s` from the list
        Binding(
            "ctrl+s,s",
            "timer",
            "Chronomètre : lancer avec la ligne de la barre / arrêter et enregistrer",
            id="timer",
            show=False,
        ),
    ]

    selected_day: var[date] = var(date.min, init=False)
    """The day shown: changing it draws the screen again."""

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        super().__init__(store, today)
        self.set_reactive(JournalScreen.selected_day, today())
        self._vocabulary_generation = -1
        self._porteur_ids: list[str] = []
        self._partners: list[str] = []
        self._history: History | None = None
        self._timer_checked = False  # the timer file is read after the first paint

    def compose(self) -> ComposeResult:
        yield Static(id="journal-title")
        yield Static(id="journal-timer")
        yield QuickEntryBar(
            self.store.config,
            porteur_ids=self.porteur_ids,
            partners=self.partners,
            history=self.history,
            refine=self.refine_draft,
            id="quick-bar",
        )
        yield Static(id="journal-empty")
        yield EntryTable(self.store.config, id="entries")
        yield Static(id="totals")
        yield AppFooter()

    @property
    def table(self) -> EntryTable:
        return self.query_one("#entries", EntryTable)

    @property
    def bar(self) -> QuickEntryBar:
        return self.query_one("#quick-bar", QuickEntryBar)

    # ------------------------------------------------------------------ drawing

    def reload(self) -> None:
        day = self.selected_day
        store, config = self.store, self.store.config
        monday, sunday = service.week_of(day)
        week = store.entries(monday, sunday)
        entries = [e for e in week if e.date == day]
        total = sum(e.minutes for e in entries)
        title = Text("Journal · ", style="bold")
        title.append(day_label(day), style="bold")
        if day == self.today():
            title.append(" (aujourd'hui)")

        for mark in date_marks(day, self.today()):  # a holiday, a future day (issue 11)
            if mark != "week-end":  # the weekday name says it
                title.append(f" · {mark}", style="bold reverse")
        count = len(entries)
        title.append(f" · {count} entrée{'s' if count > 1 else ''}")
        if total:
            title.append(f" · {hours(total)}")
        self.query_one("#journal-title", Static).update(title)
        table = self.table
        table.show(entries, self.size.width or self.app.size.width)
        empty = self.query_one("#journal-empty", Static)
        empty.display = not entries
        empty.update(Text("Aucune entrée ce jour : tapez une ligne dans la barre ci-dessus."))
        self.query_one("#totals", Static).update(totals_table(entries, week, monday, config))
        if self._timer_checked:
            self.show_timer()

    def config_changed(self) -> None:
        config = self.store.config
        self.bar.set_config(config)
        self.table.config = config

    def refine_draft(self, draft: EntryDraft) -> tuple[EntryDraft, DayCheck]:
        """The bar's line as Enter would record it on the selected day, and
        what that day would look like (services.plausibility)."""
        return refine(self.store, draft, self.selected_day, self.today())

    def porteur_ids(self) -> list[str]:
        """Completion candidates, newest porteur first; read when first needed."""
        if self._vocabulary_generation != self.store.generation:
            self._load_vocabulary()
        return self._porteur_ids

    def partners(self) -> list[str]:
        """Partners typed in the last months (outside the configured list too)."""
        if self._vocabulary_generation != self.store.generation:
            self._load_vocabulary()
        return self._partners

    def _load_vocabulary(self) -> None:
        store, today = self.store, self.today()
        self._porteur_ids = sorted(store.porteur_ids(), reverse=True)  # ids only: none built
        recent = store.entries(today - PARTNER_LOOKBACK, today)
        self._partners = list(dict.fromkeys(e.partner for e in reversed(recent) if e.partner))
        self._vocabulary_generation = store.generation

    def on_resize(self) -> None:
        table = self.table
        if self._drawable and self.size.width != table.drawn_width:
            table.show(table.entries, self.size.width)

    def show_day(self, day: date) -> None:
        self.selected_day = day

    def watch_selected_day(self) -> None:
        self.redraw()
        if self._drawable:
            self.bar.show_preview(self.bar.input.value)  # the day's checks changed

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_entry", "duplicate_entry", "delete_entry"):
            return self._drawable and self.table.selected() is not None
        return True

    def action_previous_day(self) -> None:
        self.show_day(self.selected_day - timedelta(days=1))

    def action_next_day(self) -> None:
        self.show_day(self.selected_day + timedelta(days=1))

    def action_go_today(self) -> None:
        self.show_day(self.today())

    def action_new_entry(self) -> None:
        self.bar.input.focus()

    def action_goto_date(self) -> None:
        from citeslab_tui.tui.modals.date_prompt import DatePrompt

        def chosen(day: date | None) -> None:
            if day is not None:
                self.show_day(day)

        self.app.push_screen(DatePrompt(self.today(), self.selected_day), chosen)

    def action_edit_entry(self) -> None:
        from citeslab_tui.tui.modals.entry_form import EntryForm  # imported when first needed

        entry = self.table.selected()
        if entry is None:
            return

        def save(changes: dict[str, Any]) -> None:
            after = self.attempt(service.edit, self.store, entry, changes)
            if after is not None:
                moved = f" (déplacée au {after.date:%d/%m/%Y})" if after.date != entry.date else ""
                self.notify(f"Entrée modifiée{moved}.", markup=False)

        form = EntryForm(
            entry, self.store.config, self.today(), self.porteur_ids(), self.partners()
        )
        self.edit_through(form, save)

    def action_duplicate_entry(self) -> None:
        entry = self.table.selected()
        if entry is None:
            return
        copy = self.attempt(service.duplicate, self.store, entry, self.today())
        if copy is not None:
            self.notify(f"Entrée dupliquée au {copy.date:%d/%m/%Y}.")

    def action_delete_entry(self) -> None:
        entry = self.table.selected()
        if entry is None:
            return
        if self.attempt(service.delete, self.store, entry) is not None:
            self.notify("Entrée supprimée (ctrl+z pour annuler).")

    # ------------------------------------------------------------------ events

    def on_quick_entry_bar_submitted(self, event: QuickEntryBar.Submitted) -> None:
        entry = self.attempt(service.log_draft, self.store, event.draft, self.selected_day)
        if entry is not None:
            event.bar.clear()
            self.table.select_entry(entry.id)
            from citeslab_tui.services import history

            self._history = history.remember(self.store.path, event.text)
            if event.warnings:
                self.notify(
                    "Enregistré, mais : " + " ; ".join(event.warnings),
                    severity="warning",
                    markup=False,
                )

    def history(self) -> History:
        """The lines typed before, read from disk at the first ↑ (then kept)."""
        if self._history is None:
            from citeslab_tui.services import history

            self._history = history.load(self.store.path)
        return self._history

    def action_copy_previous_day(self) -> None:
        """Copier la veille: the last day with entries before the one shown."""
        from citeslab_tui.services.repeat import copy_day

        copied = self.attempt(copy_day, self.store, None, self.selected_day)
        if copied is None:
            return
        count = len(copied.added)
        skipped = f", {copied.skipped} déjà là" if copied.skipped else ""
        self.notify(
            f"{count} entrée{'s' if count > 1 else ''} du {copied.source:%d/%m} copiée"
            f"{'s' if count > 1 else ''}{skipped} (ctrl+z annule la copie).",
            markup=False,
        )

    @on(OptionList.OptionSelected, "#entry-rows")
    def entry_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_entry()

    # ------------------------------------------------------------------ timer

    def on_mount(self) -> None:
        self.set_interval(TIMER_TICK, self.show_timer)
        self.call_after_refresh(self.check_timer)

    def check_timer(self) -> None:
        """At start: show a running timer (it lives on disk, next to the data
        file, so it survives closing the app); one left running over midnight
        asks at once when it ended."""
        self._timer_checked = True
        current = self.show_timer()
        if current is not None and current.crossed_midnight(self.store.now()):
            self.ask_timer_end(current)

    def show_timer(self) -> RunningTimer | None:
        """The header line of the running timer, read again from disk (`citeslab
        start` or `stop` in another terminal shows here too); hidden when none."""
        from citeslab_tui.services import timer as timers

        text = ""
        try:
            current = timers.running(self.store)
        except CitesLabError as error:
            current, text = None, f"Chronomètre : {error}"
        if current is not None:
            now = self.store.now()
            key = "heure de fin" if current.crossed_midnight(now) else "arrêter"
            text = f"{timer_badge(current, now)} · ctrl+s : {key}"
        badge = self.query_one("#journal-timer", Static)
        badge.update(Text(printable(text, one_line=True)))
        badge.set_class(bool(text), "-running")
        return current

    def action_timer(self) -> None:
        """ctrl+s: start a timer with the bar's line, or stop the running one
        (a timer from an earlier day asks for its end first)."""
        from citeslab_tui.services import timer as timers

        try:
            current = timers.running(self.store)
        except CitesLabError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if current is None:
            self.start_timer()
        elif current.crossed_midnight(self.store.now()):
            self.ask_timer_end(current)
        else:
            self.stop_timer()

    def start_timer(self) -> None:
        from citeslab_tui.services import timer as timers

        line = self.bar.input.value
        if not line.strip():
            self.notify(
                "Chronomètre : tapez d'abord l'activité sans durée dans la barre "
                "(ex. atelier @CCG 12p), puis ctrl+s.",
                markup=False,
            )
            self.bar.input.focus()
            return
        if self.attempt(timers.start, self.store, line, self.store.now()) is not None:
            self.bar.clear()
            self.show_timer()

    def stop_timer(self, end: time | None = None) -> None:
        """Record the timer's entry (on the day it started). A line `-- note` in
        the bar is its note; a refusal leaves the timer running."""
        from citeslab_tui.services import timer as timers

        typed = self.bar.input.value.strip()
        note = typed[2:].strip() if typed.startswith("--") else ""
        stopped = self.attempt(timers.stop, self.store, self.store.now(), note=note, end=end)
        self.show_timer()
        if stopped is None:
            return
        if note:
            self.bar.clear()
        entry = stopped.entry
        if entry.date == self.selected_day:
            self.table.select_entry(entry.id)
        span = f"{format_hhmm(entry.start)}-{format_hhmm(entry.end)}"
        said = (
            f"Chronomètre arrêté : {entry.type} le {entry.date:%d/%m} {span} "
            f"({hours(entry.minutes)})"
        )
        if stopped.warnings:
            warnings = " ; ".join(w.message for w in stopped.warnings)
            self.notify(f"{said}, mais : {warnings}", severity="warning", markup=False)
        else:
            self.notify(f"{said}.", markup=False)

    def ask_timer_end(self, timer: RunningTimer) -> None:
        """Over midnight: when did it end that day — or abandon it, or later."""
        from citeslab_tui.services import timer as timers
        from citeslab_tui.tui.modals.timer_end import DISCARD, TimerEndPrompt

        if isinstance(self.app.screen, TimerEndPrompt):
            return

        def answered(answer: time | str | None) -> None:
            if answer == DISCARD:
                gone = self.attempt(timers.cancel, self.store)
                if gone is not None:
                    self.notify(
                        f"Chronomètre abandonné, rien n'est enregistré : {gone.line}", markup=False
                    )
                self.show_timer()
            elif isinstance(answer, time):
                self.stop_timer(end=answer)

        self.app.push_screen(TimerEndPrompt(timer, self.store.now()), answered)
