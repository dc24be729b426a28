"""The key bar at the bottom of every screen: the app's shown keys (F1–F6,
ctrl+z, q) and the few keys a screen names in `FOOTER_KEYS` (the journal's
timer), drawn as one line of text.

Textual's `Footer` mounts a widget per key and rebuilds them whenever the
bindings change; it cost about 50 ms of the first paint, for a line whose
content never changes here (the other screen keys are in F1 and the palette).
What gives way when the line is too wide, in order: the command-palette key,
the long names (`Tableau de bord` → `Bord`), then the key of the screen one is
on (F2 on the journal) — so that everything else fits in 80 columns.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

PALETTE_MIN_WIDTH = 90
SHORT = {"dashboard": "Bord", "settings": "Param.", "timer": "Chrono"}
NAMES = {"timer": "Chronomètre"}  # screen keys: a footer name, the description is for F1


class AppFooter(Static):
    DEFAULT_CSS = """
    AppFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def bindings(self) -> list[Binding]:
        """The app's shown keys, then the screen's `FOOTER_KEYS`."""
        shown = [b for b in self.app.BINDINGS if isinstance(b, Binding) and b.show]
        wanted = getattr(self.screen, "FOOTER_KEYS", ())
        for binding in getattr(type(self.screen), "BINDINGS", []):
            if isinstance(binding, Binding) and binding.id in wanted:
                shown.append(binding)
        return shown

    def line(self, bindings: list[Binding], *, short: bool, skip_own: bool) -> Content:
        app = self.app
        own = f"show('{getattr(app, 'current_mode', '')}')"
        parts: list[str | tuple[str, str]] = []
        for binding in bindings:
            if skip_own and binding.action == own:
                continue
            parts.append((f" {app.get_key_display(binding)} ", "bold $footer-key-foreground"))
            name = NAMES.get(binding.id or "", binding.description)
            parts.append((SHORT.get(binding.id or "") if short else None) or name)
        return Content.assemble(*parts)

    def draw(self) -> None:
        width = self.size.width
        bindings = self.bindings()
        line = Content()
        for short, skip_own in ((False, False), (True, False), (False, True), (True, True)):
            line = self.line(bindings, short=short, skip_own=skip_own)
            if line.cell_length <= width:
                break
        palette = Content.assemble(("^p ", "bold $footer-key-foreground"), "palette ")
        if width >= PALETTE_MIN_WIDTH and line.cell_length + palette.cell_length < width:
            gap = " " * (width - line.cell_length - palette.cell_length)
            line = Content.assemble(line, gap, palette)
        self.update(line)
