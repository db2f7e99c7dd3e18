"""YAML → Dataset: safe parsing with line marks, validation, located errors.

The steps, each in its own module: :mod:`explorer.read` reads the file's bytes (bounded,
regular files only) and decodes them; :mod:`explorer.yaml_values` turns the YAML into plain
values, safely; here the values are validated against the model, whose errors
:mod:`explorer.model_errors` words for a user, and :mod:`explorer.references` checks ids and
references. Every problem is located by :class:`explorer.problem_report.ProblemReport`, and
all of a file's problems are raised together in one :class:`DatasetError`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import DatasetError
from .model import Actor, DataFile, Dataset, Event, Location, Position, Topic
from .model_errors import report_validation_error
from .problem_report import ITEM_KIND, ProblemReport
from .read import DEFAULT_MAX_BYTES, decode_text, read_text
from .references import check_references, suggest_id
from .yaml_values import Values, build_values

__all__ = ["DEFAULT_MAX_BYTES", "load", "load_bytes", "loads", "read_text", "suggest_id"]

_LISTS: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "topics": Topic,
    "events": Event,
    "positions": Position,
}

Progress = Callable[[str], None]


def load(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None
) -> Dataset:
    """Read and validate a data file, or every data file of a folder (merged into one dataset).

    Returns a :class:`Dataset`; raises :class:`DatasetError` carrying every located problem
    of the file (never another exception for bad data).

    >>> load("data/events.yaml").events[0].id  # doctest: +SKIP
    'yalta-conference-1945'
    """
    from .load_dir import read_source

    return load_bytes(read_source(path, max_bytes), str(path), progress=progress)


def load_bytes(content: bytes, path: str = "<bytes>", *, progress: Progress | None = None) -> Dataset:
    """Validate the bytes of a data file, or of a folder's files packed by
    :func:`explorer.load_dir.read_source` (read once, so what is hashed is what is parsed);
    ``path`` is used in error messages."""
    from .load_dir import PACKED, load_packed

    if content.startswith(PACKED):  # a dataset in several files
        return load_packed(content, path)
    return loads(decode_text(content, path), path, progress=progress)


def loads(text: str, path: str = "<string>", *, progress: Progress | None = None) -> Dataset:
    """Validate YAML ``text`` as a data file; ``path`` is used in error messages.
    ``progress``, if given, is told each phase as it starts (for long loads)."""
    report = progress or (lambda message: None)
    started = time.monotonic()
    report(f"parsing {len(text) / 2**20:.1f} MB of YAML")
    values = build_values(text, path)
    raw = values.raw
    items = len(raw["events"]) if isinstance(raw, dict) and isinstance(raw.get("events"), list) else 0
    report(f"parsed in {time.monotonic() - started:.1f} s; validating {items:,} events")
    dataset = _validate(path, text, values)
    report(f"loaded in {time.monotonic() - started:.1f} s")
    return dataset


def _validate(path: str, text: str, values: Values) -> Dataset:
    """The Dataset the values hold; DatasetError with every problem of the file."""
    return validate_values(path, values.raw, values.item_marks, ProblemReport(path, text, values.raw, values.problems))


def validate_values(
    path: str, raw: Any, item_marks: dict[tuple[str, int], tuple[int, int]], report: ProblemReport
) -> Dataset:
    """The Dataset the plain values ``raw`` hold (read from ``path``; ``item_marks`` locate
    their items); DatasetError with every problem in ``report``, which locates them."""
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        report(
            (),
            f"the top level is {kind}, not a mapping",
            "a data file is a mapping with `actors:` and `events:` (and optional `topics:`, `positions:`)",
        )
        raise DatasetError(report.problems)
    _check_top_level(raw, report)
    items = {key: _validate_list(raw, key, model, report) for key, model in _LISTS.items()}
    check_references(raw, report)
    if report.problems:
        raise DatasetError(report.problems)
    return _assemble(path, raw, items, item_marks)


def _check_top_level(raw: dict, report: ProblemReport) -> None:
    """The top-level keys and values, the lists' items left for ``_validate_list``."""
    shallow = {key: ([] if key in _LISTS and isinstance(value, list) else value) for key, value in raw.items()}
    try:
        DataFile.model_validate(shallow)
    except ValidationError as error:
        report_validation_error(error, (), DataFile, report)


def _validate_list(raw: dict, key: str, model: type[BaseModel], report: ProblemReport) -> list[tuple[int, Any]]:
    """Validated items of list ``key`` with their index; invalid ones are reported."""
    values = raw.get(key)
    if not isinstance(values, list):
        return []
    try:
        return list(enumerate(_adapter(model).validate_python(values)))  # all at once: the common, valid case
    except ValidationError:
        pass
    valid = []
    for index, value in enumerate(values):
        try:
            valid.append((index, model.model_validate(value)))
        except ValidationError as error:
            report_validation_error(error, (key, index), model, report)
    return valid


def _assemble(
    path: str, raw: dict, items: dict[str, list[tuple[int, Any]]], item_marks: dict[tuple[str, int], tuple[int, int]]
) -> Dataset:
    locations: dict[tuple[str, str], Location] = {}
    for key, pairs in items.items():
        kind = ITEM_KIND[key]
        for index, item in pairs:
            line, column = item_marks.get((key, index), (1, 1))
            item_key = str(index) if kind == "position" else item.id
            locations[(kind, item_key)] = Location(path, line, column)

    def records(key: str) -> tuple[Any, ...]:
        return tuple(item for _, item in items[key])

    return Dataset(
        name=raw.get("name") or Path(path).stem,
        description=raw.get("description"),
        actors=records("actors"),
        events=records("events"),
        topics=records("topics"),
        positions=records("positions"),
        path=path,
        locations=locations,
    )


_ADAPTERS: dict[type, TypeAdapter] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]
