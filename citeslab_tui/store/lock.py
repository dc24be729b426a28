"""A cross-process lock on a separate lock file, held for milliseconds per write.

fcntl.flock on POSIX, msvcrt.locking on Windows. A small hand-written lock
instead of the `filelock` package: importing filelock costs ~45 ms, which every
`citeslab log` would pay; the OS primitives are two calls.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from citeslab_tui.core.errors import LockTimeout, StorageError
from citeslab_tui.fsutil import describe_os_error

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


class FileLock:
    """Exclusive lock on `path` (created 0600 if missing). Re-entrant within one
    object: nested `with` blocks only count."""

    def __init__(self, path: Path, timeout: float = 5.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StorageError(
                f"Impossible d'ouvrir le verrou {self.path} : {describe_os_error(exc)}. "
                "Rien n'a été enregistré."
            ) from exc
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(
                    f"Le fichier de données est occupé par un autre processus "
                    f"(verrou {self.path} non obtenu en {self.timeout:g} s) : "
                    "rien n'a été enregistré, réessayez."
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth:
            return
        assert self._fd is not None
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
