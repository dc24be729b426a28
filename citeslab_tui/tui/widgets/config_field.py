"""One field of the configuration, bound to its place in the JSON (F6 and the
first-run welcome): a label, an input or a select, and under it the schema's
French message when the value is refused.

A field says where it writes (`path`, e.g. `("territories", 1, "etp")`) and
how to read what is typed (`kind`); the screen gathers the changes, checks the
whole configuration as one types (config.config_problems) and shows each
problem at the field whose path it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from citeslab_tui.schemas import json_path
from citeslab_tui.tui.widgets.inputs import SteadyInput

Path = tuple[str | int, ...]


def widget_id(path: Path) -> str:
    """A widget id for a configuration path (`f-territories-1-etp`)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", "-".join(str(p) for p in path))


def read_number(text: str) -> Any:
    """`0,8` or `0.8` → 0.8; `12` → 12; anything else stays text (the schema
    then says « … » n'est pas un nombre)."""
    cleaned = text.strip().replace(",", ".").replace(" ", "").replace("\u202f", "")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in cleaned else number


def show_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class ConfigField(Vertical):
    """Label + input (or select) + error line, for one configuration value."""

    DEFAULT_CSS = """
    ConfigField {
        height: auto;
        Horizontal { height: 1; }
        Label { width: 24; color: $text-muted; }
        Input, Select { width: 1fr; max-width: 60; }
        .field-error { height: auto; padding-left: 24; color: $text-error; display: none; }
        .field-error.-shown { display: block; }
    }
    """

    class Edited(Message):
        """The user changed the value (already converted by `kind`)."""

        def __init__(self, field: ConfigField, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

    def __init__(
        self,
        label: str,
        path: Path,
        value: Any,
        *,
        kind: str = "text",
        options: Sequence[tuple[str, Any]] | None = None,
        placeholder: str = "",
        blank: str | None = None,
    ) -> None:
        """`kind`: text, number, or select (with `options` as (label, value),
        and `blank` the label of "no value" when the value may be absent)."""
        super().__init__(id=widget_id(path))
        self.label = label
        self.path = path
        self.value = value
        self.kind = kind
        self.options = list(options or [])
        self.placeholder = placeholder
        self.blank = blank
        self.error: str | None = None
        self._text = show_value(value)

    @property
    def json_path(self) -> str:
        return json_path(self.path)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label)
            if self.kind == "select":
                known = [v for _, v in self.options]
                yield Select(
                    [(Text(text), value) for text, value in self.options],
                    value=self.value if self.value in known else Select.NULL,
                    allow_blank=self.blank is not None or self.value not in known,
                    prompt=self.blank or "choisir…",
                    compact=True,
                )
            else:
                yield SteadyInput(
                    show_value(self.value), placeholder=self.placeholder, compact=True
                )
        yield Static(classes="field-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._text:  # the value it was built with (posted on mount)
            return
        self._text = event.value
        value = read_number(event.value) if self.kind == "number" else event.value
        self.post_message(self.Edited(self, value))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value == self.value:
            return
        self.value = value
        self.post_message(self.Edited(self, value))

    def show_error(self, message: str | None) -> None:
        """Show (or clear) the refusal under the field."""
        if message == self.error and self.is_mounted:
            return
        self.error = message
        self.set_class(bool(message), "-invalid")
        for error in self.query(".field-error").results(Static):
            error.update(Text(message or ""))
            error.set_class(bool(message), "-shown")

    def on_mount(self) -> None:
        message, self.error = self.error, None
        self.show_error(message)
