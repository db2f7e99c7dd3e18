"""Located problems for the values read from a data file.

A problem is found at a path in the plain values (``("events", 3, "kind")``); the report
turns that path into the file's line and column and the item's name, composing the YAML
node tree only when the first problem must be located (it is large).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from .errors import Problem
from .yaml_values import compose, mark_of, node_at

#: The top-level lists of a data file and what each of their items is called.
ITEM_KIND = {"actors": "actor", "topics": "topic", "events": "event", "positions": "position"}


class ProblemReport:
    """Collects located problems about ``raw``, the values read from YAML ``text``."""

    def __init__(self, path: str, text: str, raw: Any, problems: list[Problem] | None = None):
        self.path = path
        self.text = text
        self.raw = raw
        self.problems: list[Problem] = problems if problems is not None else []
        self._root: yaml.Node | None = None

    @property
    def root(self) -> yaml.Node:
        """The node tree, composed only when a problem must be located."""
        if self._root is None:
            self._root = compose(self.text, self.path)
        return self._root

    def node(self, loc: Sequence[Any], *, at_key: bool = False) -> yaml.Node:
        """The node at ``loc`` (the nearest existing ancestor if missing)."""
        return node_at(self.root, loc, key=at_key)

    def where(self, loc: Sequence[Any]) -> str:
        """Where the value at ``loc`` is, for a hint: ``at line 12``."""
        return f"at line {mark_of(self.node(loc))[0]}"

    def __call__(self, loc: Sequence[Any], message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        """Report ``message`` about the value at ``loc`` (about its key, with ``at_key``)."""
        line, column = mark_of(self.node(loc, at_key=at_key))
        self.problems.append(Problem(self.path, line, column, message, self.item_name(loc), hint))

    def item_name(self, loc: Sequence[Any]) -> str | None:
        """How the item ``loc`` is in is named in messages: ``event alaska-summit``."""
        if len(loc) < 2 or loc[0] not in ITEM_KIND or not isinstance(loc[1], int):
            return None
        item = self.raw.get(loc[0])[loc[1]] if isinstance(self.raw.get(loc[0]), list) else None
        kind = ITEM_KIND[loc[0]]
        if not isinstance(item, dict):
            return f"{kind} #{loc[1] + 1}"
        if kind == "position":
            return f"position {item.get('actor', '?')}/{item.get('topic', '?')}"
        item_id = item.get("id")
        return f"{kind} {item_id}" if isinstance(item_id, str) else f"{kind} #{loc[1] + 1}"
