"""Data files written as YAML: fast (libyaml's emitter, a short path for plain values), safe,
and byte for byte the same for the same document. Used by ``explorer generate`` and
``explorer import``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .atomic import atomic_file
from .gc_pause import gc_paused

Progress = Callable[[int, int], None]

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DATE_TEXT = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_STR_TAG, _MAP_TAG, _SEQ_TAG = (f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq"))


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """The fast (libyaml) safe dumper, with dates always in double quotes, text of several
    lines as literal blocks (readable, and diffs line by line), never an anchor, and a short
    path for the dicts, lists and strings a data file is made of (the same nodes the safe
    representer makes, a few times faster)."""

    def ignore_aliases(self, data: Any) -> bool:
        # Never write &id001 / *id001: a data file spells every value out.
        return True

    def represent_data(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:
            # Dates in double quotes, as a person writes them; checked cheaply first.
            if len(data) in (4, 7, 10) and data[:1].isdigit() and _DATE_TEXT.match(data):
                return yaml.ScalarNode(_STR_TAG, data, style='"')
            if "\n" in data and data == data.strip() and "\r" not in data:
                return yaml.ScalarNode(_STR_TAG, data, style="|")
            return yaml.ScalarNode(_STR_TAG, data)
        if kind is dict:
            represent = self.represent_data
            pairs = [(represent(key), represent(value)) for key, value in data.items()]
            return yaml.MappingNode(_MAP_TAG, pairs, flow_style=False)
        if kind is list:
            represent = self.represent_data
            return yaml.SequenceNode(_SEQ_TAG, [represent(item) for item in data], flow_style=False)
        return super().represent_data(data)


_DUMP_OPTIONS = {"Dumper": _Dumper, "sort_keys": False, "allow_unicode": True, "width": 1000}


def dumps(document: dict, header: str = "") -> str:
    """The document as YAML text after ``header`` (comment lines), exactly as :func:`write` writes it."""
    with gc_paused():
        return header + "".join(_chunks(document, None))


def write(document: dict, path: str | os.PathLike[str], header: str = "", progress: Progress | None = None) -> Path:
    """Write ``document`` as YAML to ``path`` atomically (a temporary file in the same
    folder, then renamed); ``progress(done, total)`` is called as events are written."""
    target = Path(path)
    with atomic_file(target, "w", encoding="utf-8", newline="\n") as file, gc_paused():
        file.write(header)
        for piece in _chunks(document, progress):
            file.write(piece)
    return target


def _chunks(document: dict, progress: Progress | None, chunk: int = 2000) -> Iterator[str]:
    """YAML text in pieces; concatenated they equal one ``yaml.dump`` of the document.
    ``progress(done, total)`` is called every tenth of the events."""
    total = len(document.get("events") or [])
    step, reported = max(1, total // 10), 0
    for key, value in document.items():
        if isinstance(value, list) and value:
            yield f"{key}:\n"
            for start in range(0, len(value), chunk):
                yield yaml.dump(value[start : start + chunk], **_DUMP_OPTIONS)
                done = min(start + chunk, total)
                if key == "events" and progress and (done // step > reported // step or done == total):
                    progress(done, total)
                    reported = done
        else:
            yield yaml.dump({key: value}, **_DUMP_OPTIONS)
