"""The application: wires the screens (one Textual mode each), the global keys,
the command palette, and the poll that shows other processes' changes.

It holds no domain logic and draws nothing itself. The store and the clock are
handed in by `make_app`, the one factory used by the CLI and by the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.worker import WorkerFailed

from citeslab_tui.config import config_signature, load_config, save_config
from citeslab_tui.core.errors import CitesLabError, DataFileError
from citeslab_tui.core.model import Config
from citeslab_tui.launch import now
from citeslab_tui.services import entries
from citeslab_tui.services.settings import editable_data, example_data, open_demo
from citeslab_tui.store import Store
from citeslab_tui.tui.format import refusal
from citeslab_tui.tui.keys import binding_sections, key_display
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.screens.journal import JournalScreen

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

POLL_SECONDS = 1.0  # another process's change shows within two seconds
MODES = ("journal", "dashboard", "porteurs", "export", "settings", "help")
FRENCH_KEYS = {
    "pageup": "PgPréc",
    "pagedown": "PgSuiv",
    "delete": "Suppr",
    "escape": "Échap",
    "enter": "Entrée",
    "tab": "Tab",
    "shift+tab": "maj+Tab",
}


class CitesLabApp(App[int]):
    """Journal, dashboard, porteurs, export and help, one mode each."""

    TITLE = "CitésLab"
    # The journal is the first screen: its CSS is read with the app's, because a
    # screen's own CSS_PATH, loaded when the screen is first shown, makes Textual
    # re-parse every stylesheet before the first paint.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        HERE / "app.tcss",
        HERE / "screens" / "journal.tcss",
    ]
    DEFAULT_MODE = "journal"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "show('help')", "Aide", id="help"),
        Binding("f2", "show('journal')", "Journal", id="journal"),
        Binding("f3", "show('dashboard')", "Tableau de bord", id="dashboard"),
        Binding("f4", "show('porteurs')", "Porteurs", id="porteurs"),
        Binding("f5", "show('export')", "Export", id="export"),
        Binding("f6", "show('settings')", "Paramètres", id="settings"),
        Binding("ctrl+z", "undo", "Annuler", id="undo"),
        Binding(
            "ctrl+b",
            "recover",
            "Fichier abîmé : restaurer la sauvegarde",
            id="recover",
            show=False,
            priority=True,  # also from the quick-entry bar
        ),
        # Priority: the focus moves before the next key is read. Otherwise a
        # fast burst (tab then text in one terminal write) sends the text to
        # the field being left, since keys are queued at the focused widget.
        Binding(
            "tab",
            "focus_next",
            "Champ ou liste suivant",
            id="focus-next",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+tab",
            "focus_previous",
            "Champ ou liste précédent",
            id="focus-previous",
            show=False,
            priority=True,
        ),
        Binding("q", "leave", "Quitter", id="quit", key_display="q"),
        Binding("ctrl+q", "quit", "Quitter", id="quit-app", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date],
        export_dir: Path | None = None,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.first_run = first_run
        store.new_window_origin()  # ctrl+z undoes this window's changes only
        self.today = today
        self.export_dir = export_dir
        self.title = store.config.name or "CitésLab"
        self._previous_mode = "journal"
        self._poll_error: str | None = None
        self.broken: DataFileError | None = None  # read-only mode: what went wrong
        self._broken_sig: Any = None
        self._config_error: str | None = None
        self._config_sig = config_signature()
        for mode in MODES:
            self.add_mode(mode, partial(self._build_screen, mode))

    def _build_screen(self, mode: str) -> Screen[Any]:
        """Screens are built the first time they are shown: the dashboard computes
        nothing before the user asks for it."""
        if mode == "journal":
            return JournalScreen(self.store, self.today)
        if mode == "dashboard":
            from citeslab_tui.tui.screens.dashboard import DashboardScreen

            return DashboardScreen(self.store, self.today)
        if mode == "porteurs":
            from citeslab_tui.tui.screens.porteurs import PorteursScreen

            return PorteursScreen(self.store, self.today)
        if mode == "export":
            from citeslab_tui.tui.screens.export import ExportScreen

            return ExportScreen(self.store, self.today, self.export_dir)
        if mode == "settings":
            from citeslab_tui.tui.screens.settings import SettingsScreen

            return SettingsScreen(self.store, self.today, editable_data)
        from citeslab_tui.tui.screens.help import HelpScreen

        return HelpScreen(binding_sections(), self.store.config)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll_store)
        if self.first_run:
            self.show_welcome()
        warning = self.store.clock_warning()
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=15)

    def _fatal_error(self) -> None:
        """An unexpected exception: Textual would print a traceback *with local
        variables* (personal data) after exiting. Instead, log the code location
        only and leave one French line on the terminal. (Textual is pinned; this
        overrides its private hook, checked by a test.)"""
        from citeslab_tui.crashlog import log_unexpected

        error = self._exception
        line = log_unexpected(error) if error is not None else "Erreur inattendue."
        self.bell()
        self._exit_renderables.append(Text(line))
        self._close_messages_no_wait()

    # ------------------------------------------------------------------ data

    def poll_store(self) -> None:
        """Reload when another process changed the file, and redraw. A file that
        went bad puts the app in read-only mode (`go_read_only`); a file that
        became good again (restored from another terminal) leaves it."""
        self.poll_config()
        storage = self.store.storage
        was_frozen = storage.frozen
        if was_frozen:
            # Screens may be reading the frozen state from workers: leave it
            # only once the file on disk reads as a whole, good data file again.
            from citeslab_tui.services.restore import good_again

            good, self._broken_sig = good_again(storage.path, self._broken_sig)
            if not good:
                return
            storage.thaw()
        try:
            changed = self.store.refresh()
        except DataFileError as error:
            self.go_read_only(error)
            return
        except CitesLabError as error:
            if str(error) != self._poll_error:  # say it once, not every second
                self._poll_error = str(error)
                self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        if was_frozen:
            storage.thaw()
            self.broken = None
            self.refresh_bindings()
            self.notify("Le fichier de données est de nouveau lisible : modifications permises.")
        self._poll_error = None
        if changed or was_frozen:
            self.data_changed()

    def go_read_only(self, error: DataFileError) -> None:
        """The data file went bad while open: keep the app and what is on screen
        (forms included) with the last good data, refuse writes, and say what is
        wrong, which backup is good and that ctrl+b puts it back."""
        self.store.storage.freeze()
        first = self.broken is None or str(error) != str(self.broken)
        self.broken = error
        self.refresh_bindings()
        if first:
            offer = (
                "\nctrl+b : restaurer cette sauvegarde (le fichier abîmé est gardé à côté)."
                if error.backup
                else ""
            )
            self.notify(
                f"LECTURE SEULE — {error}{offer}",
                title="Fichier de données abîmé",
                severity="error",
                markup=False,
                timeout=3600,
            )

    def action_recover(self) -> None:
        """ctrl+b in read-only mode: restore the newest good backup."""
        from citeslab_tui.services.restore import recover

        if self.broken is None:  # only offered in read-only mode
            return
        try:
            chosen, aside = recover(self.store, now())
        except CitesLabError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.broken = None
        self.clear_notifications()
        self.refresh_bindings()
        kept = f" ; le fichier abîmé est gardé : {aside}" if aside else ""
        self.notify(f"Restauré depuis {chosen}{kept}.", markup=False, timeout=15)
        self.data_changed()

    def _handle_exception(self, error: Exception) -> None:
        """A broken data file met by a key or a screen is not fatal: read-only
        mode instead of quitting (and losing what a form holds)."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, DataFileError):
            self.go_read_only(cause)
            return
        super()._handle_exception(error)

    def poll_config(self) -> None:
        """Take a configuration changed on disk (`citeslab config set`, an edit
        of the file) without restart; an invalid one is said once and ignored."""
        signature = config_signature()
        if signature == self._config_sig:
            return
        self._config_sig = signature
        try:
            config = load_config()
        except CitesLabError as error:
            if str(error) != self._config_error:
                self._config_error = str(error)
                self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self._config_error = None
        if config != self.store.config:
            self.use_config(config)
            self.notify("Configuration relue.")

    def use_config(self, config: Config) -> None:
        """From now on every screen works with `config` (saved by F6, or read
        from disk): the current screens are drawn again, the others when shown."""
        self.store.config = config
        self._config_sig = config_signature()
        self.title = config.name or "CitésLab"
        self.data_changed()

    def show_welcome(self) -> None:
        """First run: the welcome over the journal (tui/screens/welcome.py)."""
        from citeslab_tui.tui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(example_data(), self.welcome_save, self.welcome_demo))

    def welcome_save(self, data: dict[str, Any]) -> None:
        """The welcome's configuration: saved, taken at once."""
        self.use_config(save_config(data))
        self.notify("Configuration enregistrée : tout se modifie dans F6 Paramètres.")

    def welcome_demo(self, data: dict[str, Any]) -> None:
        """The example configuration, and a demo history in its own file: the
        real data file stays empty (relaunching `citeslab` opens it)."""
        config = save_config(data)
        real = self.store.path
        demo = open_demo(real, config, self.today(), self.store.now)
        self.use_config(config)
        self.use_store(demo)
        self.notify(
            f"Données de démonstration : {demo.path}. Vos vraies données restent dans "
            f"{real} (relancez citeslab pour y revenir).",
            markup=False,
            timeout=15,
        )

    def use_store(self, store: Store) -> None:
        """Work on another data file from now on (the demo data)."""
        store.new_window_origin()
        self.store = store
        for screen in self.screen_stack:
            if isinstance(screen, StoreScreen):
                screen.store = store
        self.data_changed()

    def data_changed(self) -> None:
        """Redraw the screens of the current mode; the others redraw when shown."""
        for screen in self.screen_stack:
            if isinstance(screen, StoreScreen):
                screen.redraw()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recover":
            return self.broken is not None and self.broken.backup is not None
        # A form or a prompt is open: its own keys come first.
        return not (action in ("show", "undo", "leave") and isinstance(self.screen, ModalScreen))

    async def action_leave(self) -> None:
        await self.action_quit()

    async def action_show(self, mode: str) -> None:
        if mode == self.current_mode:
            if mode == "help":
                await self.switch_mode(self._previous_mode)
            return
        if self.current_mode != "help":
            self._previous_mode = self.current_mode
        await self.switch_mode(mode)

    async def action_back(self) -> None:
        await self.switch_mode(self._previous_mode)

    def action_undo(self) -> None:
        try:
            label = entries.undo(self.store)
        except CitesLabError as error:
            title, message = refusal(error)
            self.notify(message, title=title, severity="error", markup=False, timeout=10)
            return
        if label is None:
            self.notify("Rien à annuler.")
            return
        self.notify(f"Annulé : {label}", markup=False)
        self.data_changed()

    def get_key_display(self, binding: Binding) -> str:
        """The first key of a binding (`ctrl+s,s` → `^s`: the footer names one
        key; F1 lists them all, tui/keys.py)."""
        key = binding.key.split(",")[0].strip()
        if not binding.key_display:
            if key in FRENCH_KEYS:
                return FRENCH_KEYS[key]
            if key[:1] == "f" and key[1:].isdigit():
                return key.upper()  # F1, as on the keyboard and in the documentation
        return super().get_key_display(binding.with_key(key))

    def action_command_palette(self) -> None:
        """Textual's palette, in French."""
        from citeslab_tui.tui.widgets.palette import FrenchPalette

        if self.use_command_palette and not FrenchPalette.is_open(self):  # type: ignore[arg-type]
            palette = FrenchPalette(placeholder="Chercher une action…", id="--command-palette")
            self.push_screen(palette)

    def action_help_quit(self) -> None:
        self.notify("Pour quitter : ctrl+q, ou q hors d'un champ de saisie.")

    # ------------------------------------------------------------------ palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette offers the same actions as the keys, in French."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.id in ("quit", "quit-app", "focus-next", "focus-previous"):
                continue
            if binding.id == "recover" and self.broken is None:
                continue
            yield SystemCommand(
                binding.description,
                f"Touche {self.get_key_display(binding)}",
                partial(self.run_action, binding.action),
            )
        for binding in getattr(type(screen), "BINDINGS", []):
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            name = binding.action.split("(")[0]
            if screen.check_action(name, ()) is not True:
                continue
            yield SystemCommand(
                binding.description,
                f"Touche {key_display(self, binding)}",
                partial(screen.run_action, binding.action),
            )
        yield SystemCommand("Thème", "Changer les couleurs", self.action_change_theme)
        yield SystemCommand("Quitter", "Touche ctrl+q (ou q hors saisie)", self.action_quit)


def make_app(
    store: Store,
    *,
    today: Callable[[], date],
    export_dir: Path | None = None,
    first_run: bool = False,
) -> CitesLabApp:
    """The app for the CLI (`citeslab`) and for the tests. `first_run` opens
    the welcome (no configuration of one's own, no data yet)."""
    return CitesLabApp(store, today=today, export_dir=export_dir, first_run=first_run)
