"""Writing a synthetic document as YAML (fast, deterministic, dates in double quotes; see
:mod:`explorer.yaml_writer`), under the generator's header."""

from __future__ import annotations

import os
from pathlib import Path

from .. import yaml_writer
from ..yaml_writer import gc_paused
from .parameters import Progress

__all__ = ["dumps", "gc_paused", "write"]

_HEADER = "# Synthetic data written by `explorer generate`: invented names, placeholder sources.\n"


def dumps(document: dict) -> str:
    """The document as YAML text, exactly as :func:`write` writes it."""
    return yaml_writer.dumps(document, _HEADER)


def write(document: dict, path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write ``document`` as YAML to ``path`` atomically (a temporary file in the same
    folder, then renamed); ``progress(done, total)`` is called as events are written."""
    return yaml_writer.write(document, path, _HEADER, progress)
