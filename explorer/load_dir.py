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

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import DatasetError, Problem
from .load import validate_values
from .model import Dataset, Location
from .problem_report import ITEM_KIND, ProblemReport
from .read import DEFAULT_MAX_BYTES, decode_text, read_bytes
from .yaml_values import build_values, compose, mark_of

SUFFIXES = (".yaml", ".yml")


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


#: How a folder's files begin when read as one piece of bytes (no data file can: NUL bytes
#: are refused in YAML files), so a folder is hashed and parsed from the same bytes.
PACKED = b"\0explorer-folder\0"


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a data file, or of every data file of a folder packed into one piece
    (``max_bytes`` bounding the whole); what :func:`explorer.load.load_bytes` takes."""
    if not Path(path).is_dir():
        return read_bytes(path, str(path), max_bytes)
    folder = Path(path)
    files = data_files(folder)
    if not files:
        raise DatasetError([Problem(str(folder), 0, 0, "the folder holds no .yaml file", hint="add data files")])
    pieces, left = [PACKED], max_bytes
    for file in files:
        content = read_bytes(file, str(file), left)
        left -= len(content)
        name = str(file).encode("utf-8")
        pieces.append(b"%d\0%s%d\0%s" % (len(name), name, len(content), content))
    return b"".join(pieces)


def unpack(content: bytes) -> list[tuple[str, bytes]]:
    """The (file name, bytes) pairs that :func:`read_source` packed."""
    pairs, at = [], len(PACKED)
    while at < len(content):
        name, at = _field(content, at)
        data, at = _field(content, at)
        pairs.append((name.decode("utf-8"), data))
    return pairs


def _field(content: bytes, at: int) -> tuple[bytes, int]:
    end = content.index(b"\0", at)
    size = int(content[at:end])
    return content[end + 1 : end + 1 + size], end + 1 + size


def load_directory(folder: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
    """Read, merge and validate every data file of ``folder``; DatasetError with every problem
    of every file, each located in its own file."""
    return load_packed(read_source(folder, max_bytes), str(folder))


def load_packed(content: bytes, folder: str) -> Dataset:
    """Merge and validate the files :func:`read_source` packed from ``folder``."""
    parts: list[_Part] = []
    problems: list[Problem] = []
    for name, data in unpack(content):
        try:
            parts.append(_Part.read(name, data))
        except DatasetError as error:
            problems.extend(error.problems)
    problems.extend(problem for part in parts for problem in part.problems)
    if problems:
        raise DatasetError(problems)
    merged = _Merged(str(folder), parts)
    report = _MergedReport(merged)
    return merged.relocated(validate_values(str(folder), merged.raw, merged.item_marks, report))


class _Part:
    """One file: its values, the line of each item, and (on demand) its node tree."""

    def __init__(self, path: str, text: str, raw: dict, problems: list[Problem], item_marks: dict):
        self.path, self.text, self.raw = path, text, raw
        self.problems = problems
        self.item_marks = item_marks
        self._root: yaml.Node | None = None

    @classmethod
    def read(cls, name: str, data: bytes) -> _Part:
        text = decode_text(data, name)
        values = build_values(text, name)
        if not isinstance(values.raw, dict):
            raise DatasetError([Problem(name, 1, 1, "the top level is not a mapping", hint="a data file is a mapping")])
        return cls(name, text, values.raw, values.problems, values.item_marks)

    @property
    def root(self) -> yaml.Node:
        if self._root is None:
            self._root = compose(self.text, self.path)  # every mark of this tree names its file
        return self._root


class _Merged:
    """The values of several files merged: each top-level list holds every file's items, in
    file order; other keys come from the first file that sets them."""

    def __init__(self, folder: str, parts: list[_Part]):
        self.folder = folder
        self.parts = parts
        self.origin: dict[tuple[str, int], tuple[_Part, int]] = {}
        self.raw: dict[str, Any] = {}
        self.item_marks: dict[tuple[str, int], tuple[int, int]] = {}
        for part in parts:
            for key, value in part.raw.items():
                if key in ITEM_KIND and isinstance(value, list):
                    self._extend(key, value, part)
                else:
                    self.raw.setdefault(key, value)
        for key in ("actors", "events"):
            self.raw.setdefault(key, [])

    def _extend(self, key: str, values: list, part: _Part) -> None:
        items = self.raw.setdefault(key, [])
        for index in range(len(values)):
            self.origin[(key, len(items) + index)] = (part, index)
            self.item_marks[(key, len(items) + index)] = part.item_marks.get((key, index), (1, 1))
        items.extend(values)

    def joined_tree(self) -> yaml.Node:
        """The files' trees joined like their values: nodes keep their own file's marks."""
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for part in self.parts:
            for key_node, value_node in part.root.value:
                name = key_node.value
                if name not in pairs:
                    pairs[name] = (key_node, value_node)
                elif name in ITEM_KIND and isinstance(value_node, yaml.SequenceNode):
                    merged = pairs[name][1]
                    merged = yaml.SequenceNode(merged.tag, list(merged.value) + value_node.value, merged.start_mark)
                    pairs[name] = (pairs[name][0], merged)
        first = self.parts[0].root.start_mark
        return yaml.MappingNode("tag:yaml.org,2002:map", list(pairs.values()), first)

    def relocated(self, dataset: Dataset) -> Dataset:
        """``dataset`` with each item located in the file it was read from."""
        indexes = {
            kind: {item.id: index for index, item in enumerate(items)}
            for kind, items in (("actor", dataset.actors), ("event", dataset.events), ("topic", dataset.topics))
        }
        lists = {kind: key for key, kind in ITEM_KIND.items()}
        for (kind, key), location in list(dataset.locations.items()):
            index = int(key) if kind == "position" else indexes[kind][key]
            part, _ = self.origin[(lists[kind], index)]
            dataset.locations[(kind, key)] = Location(part.path, location.line, location.column)
        return dataset


class _MergedReport(ProblemReport):
    """Problems about the merged values, each located in the file its node comes from."""

    def __init__(self, merged: _Merged):
        super().__init__(merged.folder, "", merged.raw)
        self.merged = merged

    @property
    def root(self) -> yaml.Node:
        if self._root is None:
            self._root = self.merged.joined_tree()
        return self._root

    def where(self, loc: Sequence[Any]) -> str:
        node = self.node(loc)
        return f"in {node.start_mark.name} at line {mark_of(node)[0]}"

    def __call__(self, loc: Sequence[Any], message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        node = self.node(loc, at_key=at_key)
        line, column = mark_of(node)
        self.problems.append(Problem(node.start_mark.name, line, column, message, self.item_name(loc), hint))
