"""fsutil.atomic_write: bytes, or pieces written one after the other without
being joined (the data file's tables, some of them memoryviews of the file read)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from citeslab_tui import fsutil

PARTS: list[Any] = [b"ab", memoryview(b"xyz")[1:], b"", bytearray(b"Q")] * 700  # > 1 writev


def _joined(parts: list[Any]) -> bytes:
    return b"".join(bytes(p) for p in parts)


def test_pieces_are_written_in_order(tmp_path: Path) -> None:
    fsutil.atomic_write(tmp_path / "f", PARTS)
    assert (tmp_path / "f").read_bytes() == _joined(PARTS)
    fsutil.atomic_write(tmp_path / "g", memoryview(b"hello"))
    assert (tmp_path / "g").read_bytes() == b"hello"


@pytest.mark.skipif(not hasattr(os, "writev"), reason="no os.writev on this system")
def test_short_writes_are_resumed_where_they_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.writev

    def three_bytes_at_most(fd: int, buffers: list[Any]) -> int:
        return real(fd, [_joined(buffers)[:3]])

    monkeypatch.setattr(os, "writev", three_bytes_at_most)
    fsutil.atomic_write(tmp_path / "f", PARTS)
    assert (tmp_path / "f").read_bytes() == _joined(PARTS)
