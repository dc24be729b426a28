"""One exception family per layer, each carrying a French message for the user.

The CLI and the TUI catch `CitesLabError` at their edge and show `str(error)`;
nothing else reaches the user.
"""

from __future__ import annotations


class CitesLabError(Exception):
    """Base of every error whose message is meant for the user (in French)."""


class ConfigError(CitesLabError):
    """The configuration is missing, unreadable or invalid."""


class StorageError(CitesLabError):
    """The data file could not be read or written; nothing was changed."""


class DataFileError(StorageError):
    """The data file is broken (empty, truncated, invalid): it is not opened."""

    def __init__(self, message: str, *, path: str = "", backup: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class LockTimeout(StorageError):
    """Another process held the data file's lock for too long."""


class NotFound(CitesLabError):
    """No record matches the id (or the id prefix is ambiguous)."""


class ValidationFailed(CitesLabError):
    """A record would not satisfy its schema or the configuration."""


class QuickEntryError(CitesLabError):
    """A quick-entry line that does not parse. `token` is the offending token
    (or None when something is missing) and `position` its offset in the line."""

    def __init__(
        self, message: str, *, token: str | None = None, position: int | None = None
    ) -> None:
        super().__init__(message)
        self.token = token
        self.position = position


class MonthClosed(ValidationFailed):
    """A change that would touch an entry of a closed (signed) month. `month`
    (`2022-03`) lets each interface say how to reopen it in its own terms."""

    def __init__(self, message: str, *, month: str = "") -> None:
        super().__init__(message)
        self.month = month
