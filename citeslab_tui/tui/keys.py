"""Keys as data for the help screen and the command palette: every binding of
the app and its screens, read from the classes so the help cannot drift."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding


def key_display(app: App[Any], binding: Binding) -> str:
    """`PgPréc`-style display of every key of a binding, joined by `/`."""
    if binding.key_display:
        return binding.key_display
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(app.get_key_display(binding.with_key(k)) for k in keys)


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every key of the app, by screen, read from the classes themselves so that
    the help cannot drift from what the keys do."""
    from citeslab_tui.tui.app import CitesLabApp
    from citeslab_tui.tui.modals.date_prompt import DatePrompt
    from citeslab_tui.tui.modals.entry_form import EntryForm
    from citeslab_tui.tui.modals.export_warning import ExportWarning
    from citeslab_tui.tui.modals.history_search import HistorySearch
    from citeslab_tui.tui.modals.linked_entries import LinkedEntries
    from citeslab_tui.tui.modals.porteur_form import PorteurForm
    from citeslab_tui.tui.modals.step_form import StepForm
    from citeslab_tui.tui.modals.timer_end import TimerEndPrompt
    from citeslab_tui.tui.screens.dashboard import DashboardScreen
    from citeslab_tui.tui.screens.export import ExportScreen
    from citeslab_tui.tui.screens.help import HelpScreen
    from citeslab_tui.tui.screens.journal import JournalScreen
    from citeslab_tui.tui.screens.porteurs import PorteursScreen
    from citeslab_tui.tui.screens.settings import SettingsScreen
    from citeslab_tui.tui.widgets.quick_entry import QuickInput

    def ours(*classes: Any) -> list[Binding]:
        found: dict[str, Binding] = {}
        for cls in classes:
            for b in cls.BINDINGS:
                if isinstance(b, Binding) and b.id and b.id not in found:
                    found[b.id] = b
        return list(found.values())

    return [
        ("Partout", ours(CitesLabApp)),
        ("Journal (F2)", ours(JournalScreen, QuickInput)),
        ("Tableau de bord (F3)", ours(DashboardScreen)),
        ("Porteurs (F4)", ours(PorteursScreen)),
        ("Export (F5)", ours(ExportScreen)),
        ("Paramètres (F6)", ours(SettingsScreen)),
        ("Aide (F1)", ours(HelpScreen)),
        (
            "Formulaires",
            ours(
                EntryForm,
                PorteurForm,
                StepForm,
                DatePrompt,
                LinkedEntries,
                ExportWarning,
                TimerEndPrompt,
                HistorySearch,
            ),
        ),
    ]
