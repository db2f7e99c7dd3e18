"""YAML text → plain values, safely, keeping where each item starts.

This is the one module that knows YAML. It never uses a loader that can build Python
objects: :func:`build_values` reads libyaml's event stream (the pure-Python safe loader's
when libyaml is missing) and builds plain dicts, lists and scalars itself, so it can keep
every item's line, refuse duplicate keys (PyYAML silently keeps the last) and refuse tags
instead of constructing them. :func:`compose` and :func:`node_at` give the node tree, with
every node's line, used only to locate a problem.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import DatasetError, Problem

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper than any valid data file; guards the builder against hostile nesting.
MAX_DEPTH = 64

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP, _SEQ, _MERGE, _VALUE = TAG + "map", TAG + "seq", TAG + "merge", TAG + "value"
_SCALAR_READER = yaml.constructor.SafeConstructor()
_NOTHING = object()


class _Refused:
    """Stands in for a value whose tag was refused, so it is reported only once."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


@dataclass
class Values:
    """What :func:`build_values` read: the plain value of the document, the problems met on
    the way (refused tags, duplicate keys), and (line, column) of each item of a top-level
    list, by (list key, index)."""

    raw: Any
    problems: list[Problem]
    item_marks: dict[tuple[str, int], tuple[int, int]]


def build_values(text: str, path: str) -> Values:
    """The plain values of YAML ``text``; ``path`` is used in problems.

    Raises DatasetError for YAML that cannot be read at all (syntax, several documents,
    hostile nesting or aliases); other problems are collected in the result.
    """
    builder = _Builder(path, text, budget=2 * len(text) + 10_000)
    return Values(builder.build(), builder.problems, builder.item_marks)


class _Abort(Exception):
    pass


class _Frame:
    """An open mapping or sequence: its value so far, the key waiting for its value (in a
    mapping), the line of each key seen, how many values it holds, and its start event."""

    __slots__ = ("value", "key", "key_lines", "size", "start")

    def __init__(self, value: Any, start):
        self.value, self.start = value, start
        self.key: Any = _NOTHING
        self.key_lines: dict[str, int] = {}
        self.size = 1


class _Builder:
    """Builds plain Python values straight from libyaml's event stream, recording problems.

    Scalars become str, int, float, bool or None; timestamps stay text (the model parses
    dates itself, keeping their precision). Events are read one at a time, so memory holds
    the values, never a node tree (which costs about 30 times the file's size). Anchors are
    followed, but the total number of values built is bounded, so an alias bomb ends in an
    error, not in exhausted memory. The line of each top-level item is kept.
    """

    def __init__(self, path: str, text: str, budget: int):
        self.path = path
        self.text = text
        self.budget = budget
        self.problems: list[Problem] = []
        self.item_marks: dict[tuple[str, int], tuple[int, int]] = {}
        self.resolver = yaml.resolver.Resolver()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.documents = 0
        self.result: Any = _NOTHING

    def problem(self, mark: yaml.Mark, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, hint=hint))

    def build(self) -> Any:
        loader = SafeLoader(self.text)
        try:
            self._consume(loader)
        except _Abort:
            raise DatasetError(self.problems) from None
        except (yaml.YAMLError, RecursionError) as error:
            raise DatasetError([yaml_problem(error, self.text, self.path)]) from None
        finally:
            loader.dispose()
        if self.result is _NOTHING:
            raise DatasetError([no_data(self.path)])
        return self.result

    def _consume(self, loader) -> None:
        handlers = {
            yaml.ScalarEvent: self._on_scalar,
            yaml.MappingStartEvent: self._on_start,
            yaml.SequenceStartEvent: self._on_start,
            yaml.MappingEndEvent: self._on_end,
            yaml.SequenceEndEvent: self._on_end,
            yaml.AliasEvent: self._on_alias,
            yaml.DocumentStartEvent: self._on_document,
        }
        on_scalar, check_event, get_event = self._on_scalar, loader.check_event, loader.get_event
        while check_event():
            event = get_event()
            if type(event) is yaml.ScalarEvent:  # most events: spare them the lookup
                on_scalar(event)
            elif (handler := handlers.get(type(event))) is not None:
                handler(event)

    # -- one handler per kind of event ------------------------------------------------

    def _on_scalar(self, event: yaml.ScalarEvent) -> None:
        self.budget -= 1  # _spend inlined: one scalar per value of the file
        if self.budget < 0:
            self._over_budget(event)
        value = self._scalar(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._put(value, event, 1, is_item=True)

    def _on_start(self, event) -> None:
        self._spend(event, 1)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(
                event.start_mark, f"nesting deeper than {MAX_DEPTH} levels", "a data file needs only a few levels"
            )
            raise _Abort
        is_mapping = type(event) is yaml.MappingStartEvent
        if event.tag not in (None, "!", _MAP if is_mapping else _SEQ):
            self._unsupported_tag(event)
        self._note_item(event)
        self.stack.append(_Frame({} if is_mapping else [], event))

    def _on_end(self, _event) -> None:
        frame = self.stack.pop()
        start = frame.start
        value = REFUSED if start.tag not in (None, "!", _MAP, _SEQ) else frame.value
        if start.anchor:
            self.anchors[start.anchor] = (value, frame.size)
        self._put(value, start, frame.size, is_item=False)  # its item mark was noted at its start

    def _on_alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            self.problem(event.start_mark, f"alias *{event.anchor} has no anchor", "define &anchor first")
            raise _Abort
        value, size = self.anchors[event.anchor]
        self._spend(event, size)
        self._put(value, event, size, is_item=not isinstance(value, dict | list))

    def _on_document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", None, "but found another document", event.start_mark
            )

    # -- building -----------------------------------------------------------------------

    def _spend(self, event, size: int) -> None:
        """Count ``size`` values built; past the budget, stop (an alias bomb)."""
        self.budget -= size
        if self.budget < 0:
            self._over_budget(event)

    def _over_budget(self, event) -> None:
        self.problem(
            event.start_mark,
            "anchors and aliases expand to far more data than the file holds",
            "this looks like an alias bomb; write the data out instead of nesting aliases",
        )
        raise _Abort

    def _note_item(self, event) -> None:
        """Remember where each item of a top-level list (actors, events, ...) starts."""
        stack = self.stack
        if len(stack) == 2 and isinstance(stack[1].value, list) and isinstance(stack[0].key, str):
            self.item_marks[(stack[0].key, len(stack[1].value))] = (
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )

    def _put(self, value: Any, event, size: int, is_item: bool) -> None:
        """Place a finished value into the open container (or make it the document)."""
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            if is_item:
                self._note_item(event)
            frame.value.append(value)
        elif frame.key is _NOTHING:
            frame.key = self._key(frame, event)
        else:
            if frame.key is not REFUSED:
                frame.value[frame.key] = value
            frame.key = _NOTHING

    def _key(self, frame: _Frame, event) -> Any:
        """The key ``event`` gives the mapping of ``frame``, or REFUSED (and a problem)."""
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(event.start_mark, "a key must be plain text, not a list or mapping")
            return REFUSED
        if event.value == "<<" and event.implicit[0]:
            self.problem(event.start_mark, "merge keys (`<<`) are not supported", "write the keys out in full")
            return REFUSED
        key = event.value
        if key in frame.key_lines:
            self.problem(
                event.start_mark,
                f"duplicate key `{key}`",
                f"`{key}` is already set at line {frame.key_lines[key]} of this mapping; keep one",
            )
            return REFUSED
        frame.key_lines[key] = event.start_mark.line + 1
        return key

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                return event.value
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in (STR, TIMESTAMP, _VALUE, _MERGE):  # YAML 1.1 reads a plain `=` as !!value: it is text
            return event.value
        node = yaml.ScalarNode(tag, event.value)
        if tag == INT:
            return _SCALAR_READER.construct_yaml_int(node)
        if tag == BOOL:
            return event.value.lower() in ("yes", "true", "on", "y")
        if tag == NULL:
            return None
        if tag == FLOAT:
            return _SCALAR_READER.construct_yaml_float(node)
        self._unsupported_tag(event, tag)
        return REFUSED

    def _unsupported_tag(self, event, tag: str | None = None) -> None:
        self.problem(
            event.start_mark,
            f"unsupported YAML tag `{(tag or event.tag or '?').replace(TAG, '!!')}`",
            "explorer reads plain data only; remove the tag",
        )


# -- the node tree, to locate problems ----------------------------------------------------


def compose(text: str, path: str) -> yaml.Node:
    """The node tree of ``text``, with every node's line, and ``path`` as every mark's name
    (so the trees of several files can be joined); used to locate validation errors."""
    stream = io.StringIO(text)
    stream.name = path
    try:
        root = yaml.compose(stream, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError) as error:
        raise DatasetError([yaml_problem(error, text, path)]) from None
    if root is None:
        raise DatasetError([no_data(path)])
    return root


def node_at(root: yaml.Node, loc: Sequence[Any], *, key: bool = False) -> yaml.Node:
    """The node at path ``loc`` below ``root`` (the nearest existing ancestor if missing).

    With ``key=True`` and a mapping entry at the end of the path, the key's node.
    """
    node = root
    for depth, part in enumerate(loc):
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                    is_last = depth == len(loc) - 1
                    child = key_node if key and is_last else value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
        if child is None:
            return node
        node = child
    return node


def mark_of(node: yaml.Node) -> tuple[int, int]:
    """A node's (line, column), 1-based."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def no_data(path: str) -> Problem:
    return Problem(path, 1, 1, "file has no data", hint="a data file starts with `actors:` and `events:`")


def yaml_problem(error: Exception, text: str, path: str) -> Problem:
    """A located problem for a YAML syntax error (or hostile nesting)."""
    if isinstance(error, RecursionError):
        return Problem(path, 1, 1, "YAML nesting is too deep", hint="a data file needs only a few levels")
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(path, 1, 1, f"YAML syntax: {error}", hint="check the file is YAML")
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{error.context}, {message}"
    hint = "check indentation and quoting near this line"
    if "expected a single document" in message:
        message = "the file holds more than one YAML document"
        hint = "remove the `---` separator: a data file is one document"
    elif "\t" in message or "tab" in message or _char_at(text, mark) == "\t":
        hint = "indent with spaces, not tabs"
    return Problem(path, line, column, f"YAML syntax: {message}", hint=hint)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None or mark.index >= len(text):
        return ""
    return text[mark.index]
