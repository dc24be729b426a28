"""Atomic, private file writes: used for the data file, its backups and exports.

A write either fully happens or does not: the bytes go to a temporary file in
the same directory, which is fsynced, then renamed over the target with
`os.replace`, and the directory is fsynced so the rename itself survives a crash.
Files are created with mode 0600 (personal data inside).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from citeslab_tui.core.errors import StorageError

_ERRNO_FR = {
    "ENOSPC": "disque plein",
    "EDQUOT": "quota disque dépassé",
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "EROFS": "système de fichiers en lecture seule",
    "EIO": "erreur d'entrée/sortie du disque",
    "ENOENT": "dossier introuvable",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "EISDIR": "c'est un dossier, pas un fichier",
    "EEXIST": "le fichier existe déjà",
    "EFBIG": "fichier trop grand pour le système de fichiers",
    "ELOOP": "trop de liens symboliques",
    "ENAMETOOLONG": "nom de fichier trop long",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts",
    "EXDEV": "dossiers sur des disques différents",
    "ETXTBSY": "fichier occupé",
    "EBUSY": "fichier occupé",
}


def describe_os_error(exc: OSError) -> str:
    """A short French reason for an OSError (no path, no personal data)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return _ERRNO_FR.get(name, f"erreur système {name}" if name else "erreur système")


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (no-op where unsupported)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600, overwrite: bool = True) -> None:
    """Write `data` to `path` atomically with `mode`.

    With `overwrite=False` an existing file is never replaced (the final step
    uses a hard link, which fails if the name exists). Raises StorageError with a
    French message; the previous file, if any, is untouched on every failure."""
    directory = path.parent
    tmp = directory / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    except OSError as exc:
        raise StorageError(
            f"Impossible d'écrire {path} : {describe_os_error(exc)}. Rien n'a été modifié."
        ) from exc
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # umask may have narrowed or the file pre-existed
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            os.unlink(tmp)
        fsync_dir(directory)
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(f"{path} existe déjà : rien n'a été écrasé.") from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(
            f"Impossible d'écrire {path} : {describe_os_error(exc)}. "
            "Le fichier précédent est intact."
        ) from exc
