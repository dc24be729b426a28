"""The key bar at the bottom of every screen: the app's shown keys (F1–F5,
ctrl+z) drawn as one line of text.

Textual's `Footer` mounts a widget per key and rebuilds them whenever the
bindings change; it cost about 50 ms of the first paint, for a line whose
content never changes here (screen keys are in F1 and the palette, not in the
footer). The command-palette key is left out below 90 columns so the rest fits
in 80.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

PALETTE_MIN_WIDTH = 90
SHORT = {"dashboard": "Bord", "settings": "Param."}


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

    def draw(self) -> None:
        app = self.app
        parts: list[str | tuple[str, str]] = []
        width = self.size.width
        for binding in app.BINDINGS:
            if isinstance(binding, Binding) and binding.show:
                parts.append((f" {app.get_key_display(binding)} ", "bold $footer-key-foreground"))
                # below 90 columns the long names give way so that quit fits
                short = SHORT.get(binding.id or "") if width < PALETTE_MIN_WIDTH else None
                parts.append(short or binding.description)
        line = Content.assemble(*parts)
        palette = Content.assemble(("^p ", "bold $footer-key-foreground"), "palette ")
        if width >= PALETTE_MIN_WIDTH and line.cell_length + palette.cell_length < width:
            gap = " " * (width - line.cell_length - palette.cell_length)
            line = Content.assemble(line, gap, palette)
        self.update(line)
