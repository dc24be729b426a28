"""Where things live on disk: the user's data, configuration, state and cache
directories (platformdirs: the XDG rule on Linux), overridable by environment
variables so that tests and scripts never touch the real ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "citeslab"
DB_ENV = "CITESLAB_DB"


def _dirs() -> platformdirs.PlatformDirs:
    # built on each call: the XDG variables are read when a directory is asked for
    return platformdirs.PlatformDirs(APP, appauthor=False)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def state_dir() -> Path:
    """Logs of unexpected errors go here (never record contents)."""
    return Path(_dirs().user_state_dir)


def cache_dir() -> Path:
    return Path(_dirs().user_cache_dir)


def default_db_path() -> Path:
    """`--db` wins, then $CITESLAB_DB, then the user's data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "citeslab.json"


def ensure_private_dir(path: Path) -> None:
    """Create a directory readable by its owner only (personal data inside)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
