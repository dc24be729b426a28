"""Where things live on disk: the user's data, configuration, state and cache
directories (the XDG rule on Linux, platformdirs elsewhere), overridable by
environment variables so that tests and scripts never touch the real ones.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

APP = "citeslab"
DB_ENV = "CITESLAB_DB"


# On Linux the XDG base directory rule is read here: importing platformdirs
# (and the tempfile, shutil and random modules it pulls in) costs ~5 ms, a
# measurable share of a `citeslab report`. tests/test_paths.py checks that these
# are exactly the directories platformdirs gives; elsewhere, platformdirs decides.
_XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "state": ("XDG_STATE_HOME", "~/.local/state"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def _linux_dir(kind: str) -> Path | None:
    """The XDG directory of `kind`, or None when platformdirs should decide
    (not Linux, Android, or a HOME that is set but not absolute)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    var, default = _XDG[kind]
    base = os.environ.get(var, "")
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the spec says
        home = os.environ.get("HOME")
        if home is not None and not os.path.isabs(home):
            return None
        base = os.path.expanduser(default)
        if not os.path.isabs(base):
            return None
    return Path(base, APP)


def _user_dir(kind: str) -> Path:
    found = _linux_dir(kind)
    if found is not None:
        return found
    import platformdirs

    dirs: Any = platformdirs.PlatformDirs(APP, appauthor=False)
    return Path(getattr(dirs, f"user_{kind}_dir"))


def data_dir() -> Path:
    return _user_dir("data")


def config_dir() -> Path:
    return _user_dir("config")


def state_dir() -> Path:
    """Logs of unexpected errors go here (never record contents)."""
    return _user_dir("state")


def cache_dir() -> Path:
    return _user_dir("cache")


def default_db_path() -> Path:
    """`--db` wins, then $CITESLAB_DB, then the user's data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "citeslab.json"


def ensure_private_dir(path: Path) -> None:
    """Create a directory readable by its owner only (personal data inside)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
