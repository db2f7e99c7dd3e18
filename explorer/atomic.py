"""Atomic file writes: a temporary file beside the target, renamed onto it when complete,
so an interrupted write never leaves a half-written file."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def _create_temporary(path: Path, suffix: str = ".part") -> tuple[int, Path]:
    """A new, empty temporary file beside ``path``, opened for writing. It is created with
    mode 0o666 less the process umask, the permissions any new file of the user gets (a
    ``tempfile.mkstemp`` file is 0o600, and a fixed chmod would ignore the umask)."""
    for _ in range(100):
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}{suffix}"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


@contextmanager
def atomic_path(path: Path, *, keep_suffix: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` (ending in ``.part``, or in ``.part`` and ``path``'s
    suffix with ``keep_suffix``, for encoders that choose a format by it), for writers that
    need a file name rather than an open file; renamed onto ``path`` when the block ends
    normally, removed on any error. The file gets the permissions the umask gives a new file."""
    handle, temporary = _create_temporary(path, f".part{path.suffix}" if keep_suffix else ".part")
    os.close(handle)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO]:
    """Open a temporary file in ``path``'s folder for writing; when the block ends normally
    it is synced and renamed onto ``path``, on any error it is removed and ``path`` is left
    as it was. The file gets the permissions the umask gives a new file. Raises OSError if
    the temporary file cannot be made."""
    with atomic_path(path) as temporary, open(temporary, mode, **open_args) as out:
        yield out
        out.flush()
        os.fsync(out.fileno())


@contextmanager
def atomic_directory(path: Path) -> Iterator[Path]:
    """A temporary folder beside ``path`` to fill; renamed onto ``path`` (which must not exist,
    or be an empty folder) when the block ends normally, removed with its files on any error."""
    temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
