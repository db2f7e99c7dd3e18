"""YAML → Dataset: safe parsing with line marks, validation, located errors.

This is the one module that knows YAML. It never uses a loader that can build Python
objects: the text is *composed* into plain nodes by libyaml's safe loader (the pure-Python
safe loader when libyaml is missing), and :class:`_Builder` turns those nodes into plain
dicts, lists and scalars itself, so it can keep every node's line, refuse duplicate keys
(PyYAML silently keeps the last) and refuse tags instead of constructing them.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import DatasetError, Problem, did_you_mean
from .model import (
    Actor,
    DataFile,
    Dataset,
    Event,
    FuzzyDate,
    Location,
    Position,
    Topic,
)

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files above this size are refused unless the caller raises the limit (--max-size).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
#: Deeper than any valid data file; guards the builder against hostile nesting.
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP, _SEQ, _MERGE, _VALUE = _TAG + "map", _TAG + "seq", _TAG + "merge", _TAG + "value"
_SCALAR_READER = yaml.constructor.SafeConstructor()

_LISTS: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "topics": Topic,
    "events": Event,
    "positions": Position,
}
_ITEM_KIND = {"actors": "actor", "topics": "topic", "events": "event", "positions": "position"}


def load(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None
) -> Dataset:
    """Read and validate a data file, or every data file of a folder (merged into one dataset).

    Returns a :class:`Dataset`; raises :class:`DatasetError` carrying every located problem
    of the file (never another exception for bad data).

    >>> load("data/events.yaml").events[0].id  # doctest: +SKIP
    'yalta-conference-1945'
    """
    if Path(path).is_dir():  # a dataset in several files
        from .load_dir import load_directory

        return load_directory(path, max_bytes=max_bytes)
    name = str(path)
    text = read_text(Path(path), name, max_bytes)
    return loads(text, name, progress=progress)


Progress = Callable[[str], None]


def loads(text: str, path: str = "<string>", *, progress: Progress | None = None) -> Dataset:
    """Validate YAML ``text`` as a data file; ``path`` is used in error messages.
    ``progress``, if given, is told each phase as it starts (for long loads)."""
    report = progress or (lambda message: None)
    started = time.monotonic()
    report(f"parsing {len(text) / 2**20:.1f} MB of YAML")
    builder = _Builder(path, text, budget=2 * len(text) + 10_000)
    raw = builder.build()
    items = len(raw.get("events", []) or []) if isinstance(raw, dict) and isinstance(raw.get("events"), list) else 0
    report(f"parsed in {time.monotonic() - started:.1f} s; validating {items:,} events")
    dataset = _Validator(path, text, raw, builder.problems, builder.item_marks).dataset()
    report(f"loaded in {time.monotonic() - started:.1f} s")
    return dataset


def read_text(path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, decoded as UTF-8; a located DatasetError for anything else."""

    def fail(message: str, hint: str, line: int = 0, column: int = 0) -> DatasetError:
        return DatasetError([Problem(name, line, column, message, hint=hint)])

    try:
        size = path.stat().st_size
        if path.is_dir():
            raise fail("is a directory, not a data file", "give the path of a .yaml file")
        if size > max_bytes:
            raise fail(
                f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit",
                "raise the limit with --max-size if the file is meant to be this large",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file", "check the path (the curated data is data/events.yaml)") from None
    except PermissionError:
        raise fail("permission denied", "make the file readable by this user") from None
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror}", "check the path") from None
    if not data.strip():
        raise fail("file is empty", "a data file starts with `actors:` and `events:` (see `explorer schema`)", 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is UTF-16 (it starts with a UTF-16 byte-order mark)", "save it as UTF-8", 1, 1)
    if b"\x00" in data:
        line, column = _position_of_byte(data, data.index(b"\x00"))
        raise fail(
            "file contains NUL bytes: it is binary or not UTF-8 text",
            "save the data as UTF-8 YAML text",
            line,
            column,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise fail(
            "file starts with a byte-order mark (U+FEFF)",
            "save it as UTF-8 without BOM (in most editors: encoding → UTF-8, not 'UTF-8 with BOM')",
            1,
            1,
        )
    _check_line_endings(data, fail)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        raise fail(
            f"byte 0x{data[error.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
            line,
            column,
        ) from None
    return text


def _check_line_endings(data: bytes, fail) -> None:
    """Refuse lone CRs and a mix of CRLF and LF. YAML counts a lone CR as a line break but
    most editors do not, so every line number reported after one would be wrong."""
    carriage_returns = data.count(b"\r")
    if not carriage_returns:
        return
    windows = data.count(b"\r\n")
    if windows < carriage_returns:
        offset = re.search(rb"\r(?!\n)", data).start()
        line, column = _position_of_byte(data, offset)
        raise fail(
            "a line ends with a lone carriage return (CR, old Mac style)",
            "convert the file to LF line endings, e.g. `dos2unix --mac2unix FILE`",
            line,
            column,
        )
    if windows < data.count(b"\n"):
        first_lf = data.replace(b"\r\n", b"  ").find(b"\n")
        line, column = _position_of_byte(data, first_lf)
        raise fail(
            "mixed line endings: some lines end with CRLF (Windows), others with LF",
            "convert the file to one style, e.g. `dos2unix FILE`",
            line,
            column,
        )


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _compose(text: str, path: str) -> yaml.Node:
    """The node tree of ``text``, with every node's line; used to locate validation errors."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError) as error:
        raise DatasetError([_yaml_problem(error, text, path)]) from None
    if root is None:
        raise DatasetError([_no_data(path)])
    return root


def _no_data(path: str) -> Problem:
    return Problem(path, 1, 1, "file has no data", hint="a data file starts with `actors:` and `events:`")


def _yaml_problem(error: Exception, text: str, path: str) -> Problem:
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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Abort(Exception):
    pass


class _Refused:
    """Stands in for a value whose tag was refused, so it is reported only once."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


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

    def problem(self, mark: yaml.Mark, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, hint=hint))

    def build(self) -> Any:
        try:
            return self._run()
        except _Abort:
            raise DatasetError(self.problems) from None
        except (yaml.YAMLError, RecursionError) as error:
            raise DatasetError([_yaml_problem(error, self.text, self.path)]) from None

    def _run(self) -> Any:
        loader = SafeLoader(self.text)
        try:
            return self._consume(loader)
        finally:
            loader.dispose()

    def _consume(self, loader) -> Any:
        # Each open container: [value, pending key (dicts), key marks (dicts), size, top-level key]
        stack: list[list[Any]] = []
        anchors: dict[str, tuple[Any, int]] = {}
        documents = 0
        result: Any = _NOTHING
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._spend(event, 1)
                value = self._scalar(event)
                if stack:
                    self._attach(stack, value, event, 1, anchors)
                else:
                    result = value
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._spend(event, 1)
                if len(stack) >= MAX_DEPTH:
                    self.problem(
                        event.start_mark,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "a data file needs only a few levels",
                    )
                    raise _Abort
                expected = _MAP if kind is yaml.MappingStartEvent else _SEQ
                if event.tag not in (None, "!", expected):
                    self._unsupported_tag(event)
                container: Any = {} if kind is yaml.MappingStartEvent else []
                self._note_item(stack, event)
                stack.append([container, _NOTHING, {}, 1, event])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, _, _, size, start = stack.pop()
                value = REFUSED if start.tag not in (None, "!", _MAP, _SEQ) else container
                if start.anchor:
                    anchors[start.anchor] = (value, size)
                if stack:
                    self._attach(stack, value, start, size, anchors, is_new=False)
                else:
                    result = value
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    self.problem(event.start_mark, f"alias *{event.anchor} has no anchor", "define &anchor first")
                    raise _Abort
                value, size = anchors[event.anchor]
                self._spend(event, size)
                if stack:
                    self._attach(stack, value, event, size, anchors, is_alias=True)
                else:
                    result = value
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        None,
                        "but found another document",
                        event.start_mark,
                    )
        if result is _NOTHING:
            raise DatasetError([_no_data(self.path)])
        return result

    def _spend(self, event, size: int) -> None:
        self.budget -= size
        if self.budget < 0:
            self.problem(
                event.start_mark,
                "anchors and aliases expand to far more data than the file holds",
                "this looks like an alias bomb; write the data out instead of nesting aliases",
            )
            raise _Abort

    def _note_item(self, stack: list, event) -> None:
        """Remember where each item of a top-level list (actors, events, ...) starts."""
        if len(stack) == 2 and isinstance(stack[1][0], list) and stack[0][1] is not _NOTHING:
            key = stack[0][1]
            if isinstance(key, str):
                self.item_marks[(key, len(stack[1][0]))] = (event.start_mark.line + 1, event.start_mark.column + 1)

    def _attach(self, stack, value, event, size, anchors, is_new=True, is_alias=False) -> None:
        if is_new and getattr(event, "anchor", None) and not is_alias:
            anchors[event.anchor] = (value, size)
        frame = stack[-1]
        frame[3] += size
        container = frame[0]
        if isinstance(container, list):
            if is_new and not isinstance(value, dict | list):
                self._note_item(stack, event)
            container.append(value)
            return
        if frame[1] is _NOTHING:  # this is a key
            if not isinstance(event, yaml.ScalarEvent):
                self.problem(event.start_mark, "a key must be plain text, not a list or mapping")
                frame[1] = REFUSED
                return
            if event.value == "<<" and event.implicit[0]:
                self.problem(event.start_mark, "merge keys (`<<`) are not supported", "write the keys out in full")
                frame[1] = REFUSED
                return
            key = event.value
            if key in frame[2]:
                line = frame[2][key]
                self.problem(
                    event.start_mark,
                    f"duplicate key `{key}`",
                    f"`{key}` is already set at line {line} of this mapping; keep one",
                )
                frame[1] = REFUSED
                return
            frame[2][key] = event.start_mark.line + 1
            frame[1] = key
            return
        key, frame[1] = frame[1], _NOTHING
        if key is not REFUSED:
            container[key] = value

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                return event.value
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in (_STR, _TIMESTAMP, _VALUE):  # YAML 1.1 reads a plain `=` as !!value: it is text
            return event.value
        node = yaml.ScalarNode(tag, event.value)
        if tag == _INT:
            return _SCALAR_READER.construct_yaml_int(node)
        if tag == _BOOL:
            return event.value.lower() in ("yes", "true", "on", "y")
        if tag == _NULL:
            return None
        if tag == _FLOAT:
            return _SCALAR_READER.construct_yaml_float(node)
        if tag == _MERGE:
            return event.value
        self._unsupported_tag(event, tag)
        return REFUSED

    def _unsupported_tag(self, event, tag: str | None = None) -> None:
        self.problem(
            event.start_mark,
            f"unsupported YAML tag `{(tag or event.tag or '?').replace(_TAG, '!!')}`",
            "explorer reads plain data only; remove the tag",
        )


_NOTHING = object()


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


class _Validator:
    """Validates built values against the model, then checks ids and references."""

    def __init__(
        self,
        path: str,
        text: str,
        raw: Any,
        problems: list[Problem],
        item_marks: dict[tuple[str, int], tuple[int, int]],
    ):
        self.path = path
        self.text = text
        self.raw = raw
        self.problems = problems
        self.item_marks = item_marks
        self._root: yaml.Node | None = None

    @property
    def root(self) -> yaml.Node:
        """The node tree, composed only when a problem must be located (it is large)."""
        if self._root is None:
            self._root = _compose(self.text, self.path)
        return self._root

    # -- reporting --------------------------------------------------------------------

    def report(self, loc: Sequence[Any], message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        line, column = _mark(node_at(self.root, loc, key=at_key))
        self.problems.append(Problem(self.path, line, column, message, self.item_name(loc), hint))

    def item_name(self, loc: Sequence[Any]) -> str | None:
        if len(loc) < 2 or loc[0] not in _ITEM_KIND or not isinstance(loc[1], int):
            return None
        item = self.raw.get(loc[0])[loc[1]] if isinstance(self.raw.get(loc[0]), list) else None
        kind = _ITEM_KIND[loc[0]]
        if not isinstance(item, dict):
            return f"{kind} #{loc[1] + 1}"
        if kind == "position":
            return f"position {item.get('actor', '?')}/{item.get('topic', '?')}"
        item_id = item.get("id")
        return f"{kind} {item_id}" if isinstance(item_id, str) else f"{kind} #{loc[1] + 1}"

    # -- the run ------------------------------------------------------------------------

    def dataset(self) -> Dataset:
        if not isinstance(self.raw, dict):
            kind = "a list" if isinstance(self.raw, list) else "a single value"
            self.report(
                (),
                f"the top level is {kind}, not a mapping",
                "a data file is a mapping with `actors:` and `events:` (and optional `topics:`, `positions:`)",
            )
            raise DatasetError(self.problems)
        self.check_top_level()
        items = {key: self.validate_list(key, model) for key, model in _LISTS.items()}
        self.check_references()
        if self.problems:
            raise DatasetError(self.problems)
        return self.assemble(items)

    def check_top_level(self) -> None:
        shallow = {key: ([] if key in _LISTS and isinstance(value, list) else value) for key, value in self.raw.items()}
        try:
            DataFile.model_validate(shallow)
        except ValidationError as error:
            self.translate(error, (), DataFile)

    def validate_list(self, key: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
        """Validated items of list ``key`` with their index; invalid ones are reported."""
        values = self.raw.get(key)
        if not isinstance(values, list):
            return []
        try:
            return list(enumerate(_adapter(model).validate_python(values)))
        except ValidationError:
            pass
        valid = []
        for index, value in enumerate(values):
            try:
                valid.append((index, model.model_validate(value)))
            except ValidationError as error:
                self.translate(error, (key, index), model)
        return valid

    # -- pydantic errors → problems ---------------------------------------------------

    def translate(self, error: ValidationError, prefix: tuple[Any, ...], model: type[BaseModel]) -> None:
        for detail in error.errors(include_url=False):
            if detail.get("input") is REFUSED:
                continue
            loc = prefix + tuple(detail["loc"])
            message, hint, at_key = self.describe(detail, loc, model)
            self.report(loc, message, hint, at_key=at_key)

    def describe(
        self, detail: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel]
    ) -> tuple[str, str | None, bool]:
        kind = detail["type"]
        field = _field_name(loc)
        if kind == "missing":
            return f"missing required field `{field}`", f"add `{field}:` to this item", False
        if kind == "extra_forbidden":
            known = _known_keys(model, loc[len(loc) - len(detail["loc"]) : -1])
            guess = did_you_mean(str(field), known)
            hint = f"did you mean `{guess}`?" if guess else f"known keys: {', '.join(sorted(known))}"
            return f"unknown key `{field}`", hint, True
        if kind == "literal_error":
            expected = detail["ctx"]["expected"].replace("'", "")
            choices = [choice.strip() for choice in expected.replace(" or ", ", ").split(",")]
            value = detail["input"]
            guess = did_you_mean(str(value), choices) if isinstance(value, str) else None
            hint = f"did you mean `{guess}`?" if guess else f"expected one of: {', '.join(choices)}"
            return f"unknown {field} `{value}`", hint, False
        if kind == "string_pattern_mismatch":
            return (
                f"`{field}` {detail['input']!r} is not a valid id",
                "ids use lowercase letters, digits and '-', e.g. alaska-summit-2025",
                False,
            )
        if kind == "string_too_short":
            return f"`{field}` is empty", "give it a value or remove the key", False
        if kind.endswith("_type") or kind == "model_attributes_type":
            return self.describe_type(detail, loc, field)
        if kind == "value_error":
            return f"`{field}`: {detail['ctx']['error']}", None, False
        return f"`{field}`: {detail['msg']}", None, False

    def describe_type(self, detail: dict[str, Any], loc: tuple[Any, ...], field: Any) -> tuple[str, str | None, bool]:
        expected = {
            "string_type": "text",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping",
            "model_attributes_type": "a mapping",
        }.get(detail["type"], detail["type"].removesuffix("_type"))
        is_participant = len(loc) == 4 and loc[0] == "events" and loc[2] == "actors"
        if is_participant and detail["type"] in ("model_type", "dict_type"):
            expected = "an actor id or a mapping {actor: id, role: ...}"
        value = detail["input"]
        node = node_at(self.root, loc)
        hint = None
        if value is None:
            message = f"`{field}` has no value, expected {expected}"
            hint = "give it a value or remove the key"
        else:
            message = f"`{field}` should be {expected}, not {_yaml_kind(value)}"
            if expected == "a list":
                hint = f"write a list: `{field}: [first, second]` or one `- item` per line"
        if isinstance(node, yaml.ScalarNode) and node.tag in (_BOOL, _INT, _FLOAT, _NULL) and expected == "text":
            read_as = {_BOOL: "a boolean", _INT: "a number", _FLOAT: "a number", _NULL: "null"}[node.tag]
            hint = f'YAML reads unquoted {node.value} as {read_as}; put it in quotes: "{node.value}"'
            if node.tag == _BOOL:
                message = f"`{field}` should be text, but unquoted `{node.value}` was read as {str(value).lower()}"
        return message, hint, False

    # -- ids and references -------------------------------------------------------------
    # Checked on the raw values, not the validated records, so that an item with a schema
    # error still has its references checked: every error of the file in one run.

    def check_references(self) -> None:
        raw = self.raw
        ids = {key: self.unique_ids(key) for key in ("actors", "topics", "events")}
        actor_ids, topic_ids, event_ids = ids["actors"], ids["topics"], ids["events"]
        for base, actor in _raw_items(raw, "actors"):
            for loc, other in _raw_strings(actor, base, "affiliations"):
                self.check_ref(loc, other, actor_ids, "actor")
                if other == actor.get("id"):
                    self.report(loc, "an actor cannot be affiliated with itself")
            for role_loc, role in _raw_mappings(actor, base, "roles"):
                self.check_ref(role_loc + ("organization",), role.get("organization"), actor_ids, "actor")
                start, end = _raw_date(role.get("from")), _raw_date(role.get("to"))
                if start and end and end.last < start.first:
                    self.report(
                        role_loc + ("to",),
                        f"role ends ({end}) before it starts ({start})",
                        "swap `from` and `to`, or fix the dates",
                    )
        for base, event in _raw_items(raw, "events"):
            self.check_event(base, event, actor_ids, topic_ids, event_ids)
        for base, position in _raw_items(raw, "positions"):
            self.check_ref(base + ("actor",), position.get("actor"), actor_ids, "actor")
            self.check_ref(base + ("topic",), position.get("topic"), topic_ids, "topic")
            self.check_ref(base + ("event",), position.get("event"), event_ids, "event")

    def check_event(self, base: tuple[Any, ...], event: dict, actor_ids: set, topic_ids: set, event_ids: set) -> None:
        start, end = _raw_date(event.get("date")), _raw_date(event.get("end"))
        if start and end and end.last < start.first:
            self.report(
                base + ("end",),
                f"`end` ({end}) is before `date` ({start})",
                "an event cannot end before it starts; fix or swap the dates",
            )
        seen: set[str] = set()
        participants = event.get("actors")
        for number, participant in enumerate(participants if isinstance(participants, list) else []):
            loc = base + ("actors", number)
            actor_id = participant.get("actor") if isinstance(participant, dict) else participant
            if isinstance(participant, dict):
                loc += ("actor",)
            self.check_ref(loc, actor_id, actor_ids, "actor")
            if isinstance(actor_id, str) and actor_id in seen:
                self.report(loc, f"actor `{actor_id}` is listed twice", "list each actor once")
            seen.add(actor_id)
        for quote_loc, quote in _raw_mappings(event, base, "quotes"):
            self.check_ref(quote_loc + ("speaker",), quote.get("speaker"), actor_ids, "actor")
        for loc, topic in _raw_strings(event, base, "topics"):
            self.check_ref(loc, topic, topic_ids, "topic")
        linked: set[tuple[Any, Any]] = set()
        for link_loc, link in _raw_mappings(event, base, "links"):
            self.check_ref(link_loc + ("to",), link.get("to"), event_ids, "event")
            if (link.get("to"), link.get("kind")) in linked:
                self.report(link_loc, f"duplicate link `{link.get('kind')}` to `{link.get('to')}`", "keep one")
            linked.add((link.get("to"), link.get("kind")))
            if link.get("to") is not None and link.get("to") == event.get("id"):
                self.report(link_loc + ("to",), "an event cannot link to itself")

    def unique_ids(self, key: str) -> set[str]:
        first_index: dict[str, int] = {}
        for (_, index), item in _raw_items(self.raw, key):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in first_index:
                line, _ = _mark(node_at(self.root, (key, first_index[item_id], "id")))
                self.report(
                    (key, index, "id"),
                    f"duplicate {_ITEM_KIND[key]} id `{item_id}`",
                    f"first defined at line {line}; ids must be unique",
                )
            else:
                first_index[item_id] = index
        return set(first_index)

    def check_ref(self, loc: tuple[Any, ...], target: Any, known: set[str], kind: str) -> None:
        """Report ``target`` when it is an id not among ``known`` (non-text is a type error elsewhere)."""
        if not isinstance(target, str) or target in known:
            return
        guess = suggest_id(target, known)
        hint = f"did you mean `{guess}`?" if guess else f"define the {kind} under `{kind}s:` first"
        self.report(loc, f"unknown {kind} `{target}`", hint)

    # -- the result -------------------------------------------------------------------

    def assemble(self, items: dict[str, list[tuple[int, Any]]]) -> Dataset:
        locations: dict[tuple[str, str], Location] = {}
        for key, pairs in items.items():
            kind = _ITEM_KIND[key]
            for index, item in pairs:
                line, column = self.item_marks.get((key, index), (1, 1))
                item_key = str(index) if kind == "position" else item.id
                locations[(kind, item_key)] = Location(self.path, line, column)

        def records(key: str) -> tuple[Any, ...]:
            return tuple(item for _, item in items[key])

        return Dataset(
            name=self.raw.get("name") or Path(self.path).stem,
            description=self.raw.get("description"),
            actors=records("actors"),
            events=records("events"),
            topics=records("topics"),
            positions=records("positions"),
            path=self.path,
            locations=locations,
        )


_ADAPTERS: dict[type, TypeAdapter] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


def suggest_id(word: str, known: Iterable[str]) -> str | None:
    """The known id nearest to ``word``: a close spelling, or one ``word`` is a part of.

    >>> suggest_id("putin", ["vladimir-putin", "donald-trump"])
    'vladimir-putin'
    """
    ids = list(known)
    guess = did_you_mean(word, ids)
    if guess:
        return guess
    parts = [known_id for known_id in ids if word in known_id.split("-") or (len(word) > 3 and word in known_id)]
    return min(parts, key=len) if parts else None


def _raw_items(raw: dict, key: str) -> Iterator[tuple[tuple[Any, ...], dict]]:
    values = raw.get(key)
    for index, item in enumerate(values if isinstance(values, list) else []):
        if isinstance(item, dict):
            yield (key, index), item


def _raw_mappings(item: dict, base: tuple[Any, ...], key: str) -> Iterator[tuple[tuple[Any, ...], dict]]:
    values = item.get(key)
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, dict):
            yield base + (key, index), value


def _raw_strings(item: dict, base: tuple[Any, ...], key: str) -> Iterator[tuple[tuple[Any, ...], str]]:
    values = item.get(key)
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, str):
            yield base + (key, index), value


def _raw_date(value: Any) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(value) if value is not None else None
    except ValueError:
        return None


def _field_name(loc: Sequence[Any]) -> Any:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _known_keys(model: type[BaseModel], inner_loc: Sequence[Any]) -> list[str]:
    """The keys allowed in the mapping at ``inner_loc`` within ``model``."""
    current: Any = model
    for part in inner_loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return []
        current = _record_type(field.annotation)
        if current is None:
            return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _record_type(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + tuple(getattr(annotation, "__metadata__", ())):
        found = _record_type(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _record_type(origin) if origin not in (None, list) and origin is not annotation else None


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
