"""Atomic file writes: a temporary file beside the target, renamed onto it when complete,
so an interrupted write never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO]:
    """Open a temporary file in ``path``'s folder for writing; when the block ends normally
    it is synced and renamed onto ``path``, on any error it is removed and ``path`` is left
    as it was. Raises OSError if the temporary file cannot be made."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, mode, **open_args) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
