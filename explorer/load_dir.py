"""A dataset kept in several files: every ``.yaml``/``.yml`` file of a folder (and its
subfolders), in name order, merged into one dataset.

Each file is a data file of its own shape (any of ``actors``, ``events``, ``topics``,
``positions``; ``name`` and ``description`` are taken from the first file that sets them) and
may refer to ids defined in the others. Ids are unique across files. The merged values are
validated as one file would be, and every problem is located in the file and line it comes
from: the node trees of the files are joined under one root whose nodes keep their file's
name, so the loader's own error reporting points into the right file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import DatasetError, Problem
from .load import _ITEM_KIND, DEFAULT_MAX_BYTES, SafeLoader, _Builder, _mark, _Validator, node_at, read_text
from .model import Dataset, Location

SUFFIXES = (".yaml", ".yml")
_LISTS = tuple(_ITEM_KIND)


def data_files(folder: Path) -> list[Path]:
    """The data files of ``folder`` and its subfolders, in name order (hidden ones skipped)."""
    files = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda path: path.relative_to(folder).parts)


def load_directory(folder: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
    """Read, merge and validate every data file of ``folder``; DatasetError with every problem
    of every file, each located in its own file."""
    folder = Path(folder)
    files = data_files(folder)
    if not files:
        raise DatasetError([Problem(str(folder), 0, 0, "the folder holds no .yaml file", hint="add data files")])
    parts: list[_Part] = []
    problems: list[Problem] = []
    for path in files:
        try:
            parts.append(_Part.read(path, max_bytes))
        except DatasetError as error:
            problems.extend(error.problems)
    problems.extend(problem for part in parts for problem in part.problems)
    if problems:
        raise DatasetError(problems)
    validator = _MergedValidator(str(folder), parts)
    return validator.relocated(validator.dataset())


class _Part:
    """One file: its built values, the line of each item, and (on demand) its node tree."""

    def __init__(self, path: str, text: str, raw: Any, builder: _Builder):
        self.path, self.text, self.raw = path, text, raw
        self.problems = list(builder.problems)
        self.item_marks = builder.item_marks
        self._root: yaml.Node | None = None

    @classmethod
    def read(cls, path: Path, max_bytes: int) -> _Part:
        name = str(path)
        text = read_text(path, name, max_bytes)
        builder = _Builder(name, text, budget=2 * len(text) + 10_000)
        raw = builder.build()
        if not isinstance(raw, dict):
            raise DatasetError([Problem(name, 1, 1, "the top level is not a mapping", hint="a data file is a mapping")])
        return cls(name, text, raw, builder)

    @property
    def root(self) -> yaml.Node:
        if self._root is None:
            stream = io.StringIO(self.text)
            stream.name = self.path  # every mark of this tree names its file
            loader = SafeLoader(stream)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root


class _MergedValidator(_Validator):
    """The loader's validator over the merged values of several files."""

    def __init__(self, folder: str, parts: list[_Part]):
        self.parts = parts
        self.origin: dict[tuple[str, int], tuple[_Part, int]] = {}
        raw: dict[str, Any] = {}
        marks: dict[tuple[str, int], tuple[int, int]] = {}
        for part in parts:
            for key, value in part.raw.items():
                if key in _LISTS and isinstance(value, list):
                    items = raw.setdefault(key, [])
                    for index in range(len(value)):
                        self.origin[(key, len(items) + index)] = (part, index)
                        marks[(key, len(items) + index)] = part.item_marks.get((key, index), (1, 1))
                    items.extend(value)
                else:
                    raw.setdefault(key, value)
        for key in ("actors", "events"):
            raw.setdefault(key, [])
        super().__init__(folder, "", raw, [], marks)

    @property
    def root(self) -> yaml.Node:
        """The files' trees joined: each list holds every file's items, in merged order."""
        if self._root is None:
            pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
            for part in self.parts:
                for key_node, value_node in part.root.value:
                    name = key_node.value
                    if name not in pairs:
                        pairs[name] = (key_node, value_node)
                    elif name in _LISTS and isinstance(value_node, yaml.SequenceNode):
                        merged = pairs[name][1]
                        merged = yaml.SequenceNode(merged.tag, list(merged.value) + value_node.value, merged.start_mark)
                        pairs[name] = (pairs[name][0], merged)
            first = self.parts[0].root.start_mark
            self._root = yaml.MappingNode("tag:yaml.org,2002:map", list(pairs.values()), first)
        return self._root

    def report(self, loc: Sequence[Any], message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        if hint and hint.startswith("first defined at line"):  # a duplicate id: say in which file
            first = self._first_with_id(loc[0], self.raw[loc[0]][loc[1]].get("id"))
            hint = hint.replace("at line", f"in {first.path} at line", 1)
        node = node_at(self.root, loc, key=at_key)
        line, column = _mark(node)
        path = node.start_mark.name if node.start_mark else self.path
        self.problems.append(Problem(path, line, column, message, self.item_name(loc), hint))

    def _first_with_id(self, key: str, item_id: Any) -> _Part:
        items = self.raw[key]
        first = next(index for index, item in enumerate(items) if isinstance(item, dict) and item.get("id") == item_id)
        return self.origin[(key, first)][0]

    def relocated(self, dataset: Dataset) -> Dataset:
        """``dataset`` with each item located in the file it was read from."""
        indexes = {
            kind: {item.id: index for index, item in enumerate(items)}
            for kind, items in (("actor", dataset.actors), ("event", dataset.events), ("topic", dataset.topics))
        }
        for (kind, key), location in list(dataset.locations.items()):
            index = int(key) if kind == "position" else indexes[kind][key]
            part, _ = self.origin[(_list_of(kind), index)]
            dataset.locations[(kind, key)] = Location(part.path, location.line, location.column)
        return dataset


def _list_of(kind: str) -> str:
    return next(key for key, item_kind in _ITEM_KIND.items() if item_kind == kind)
