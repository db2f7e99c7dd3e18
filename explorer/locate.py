"""Field-level locations inside the items of a loaded dataset.

The loader keeps where each item (an actor, event, topic or position) starts, not every field:
a node tree of a large file costs about thirty times its size. Checks that run on a valid
:class:`~explorer.model.Dataset` (see :mod:`explorer.lint`) still want to point at the very
field, so :class:`FieldLocator` re-reads only the items it is asked about: it cuts each item's
lines out of the file (the item ends where a line is indented less than its first key),
composes that snippet with the safe loader and walks to the field. Whatever goes wrong there
(a file changed since it was loaded, an alias to an anchor outside the item) falls back to the
item's own location, never to an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .model import Dataset, Location
from .read import read_text
from .yaml_values import SafeLoader, node_at

#: Each item kind's list in the file, for :meth:`FieldLocator.locate`.
LIST_OF_KIND = {"actor": "actors", "event": "events", "topic": "topics", "position": "positions"}


class FieldLocator:
    """Locates ``(kind, item key, field path)`` in the file a dataset was loaded from.

    >>> locator = FieldLocator(dataset)  # doctest: +SKIP
    >>> str(locator.locate("event", "e", ("quotes", 0, "speaker")))  # doctest: +SKIP
    'data.yaml:14:18'
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._lines: dict[str, list[str] | None] = {}
        self._items: dict[tuple[str, str], yaml.Node | None] = {}

    def locate(self, kind: str, key: str, field: Sequence[Any] = ()) -> Location:
        """Where ``field`` of the item is; the item's start when the field cannot be found,
        and the top of the file when even the item has no recorded location."""
        start = self.dataset.location_of(kind, key)
        if start is None:
            return Location(self.dataset.path or "<data>", 1, 1)
        if not field:
            return start
        item = self._item_node(kind, key, start)
        if item is None:
            return start
        node = node_at(item, field)
        return Location(start.path, start.line + node.start_mark.line, start.column + node.start_mark.column)

    def line_at(self, location: Location) -> str | None:
        """The text of ``location``'s line, None when the file cannot be read again."""
        lines = self._file_lines(location.path)
        return lines[location.line - 1] if lines and 0 < location.line <= len(lines) else None

    def _item_node(self, kind: str, key: str, start: Location) -> yaml.Node | None:
        if (kind, key) not in self._items:
            self._items[(kind, key)] = self._compose_item(start)
        return self._items[(kind, key)]

    def _compose_item(self, start: Location) -> yaml.Node | None:
        lines = self._file_lines(start.path)
        if lines is None or start.line > len(lines):
            return None
        snippet = item_snippet(lines, start.line, start.column)
        try:
            node = yaml.compose(snippet, Loader=SafeLoader)
        except yaml.YAMLError:
            return None
        return node if isinstance(node, yaml.MappingNode) else None

    def _file_lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            try:
                self._lines[path] = read_text(Path(path), path).split("\n")
            except Exception:  # noqa: BLE001 - any failure to re-read means item-level locations
                self._lines[path] = None
        return self._lines[path]


def item_snippet(lines: list[str], line: int, column: int) -> str:
    """The text of the item whose first key is at ``line``:``column`` (1-based), shifted left
    so that key is at column 1: the lines up to the first one (not blank, not a comment)
    indented less than that key.

    >>> item_snippet(["- id: a", "  name: A", "- id: b"], 1, 3)
    'id: a\\nname: A'
    """
    indent = column - 1
    taken = [lines[line - 1][indent:]]
    for text in lines[line:]:
        stripped = text.lstrip(" ")
        is_content = stripped and not stripped.startswith("#")
        if is_content and len(text) - len(stripped) < indent:
            break
        taken.append(text[indent:] if len(text) - len(stripped) >= indent else stripped)
    return "\n".join(taken)
