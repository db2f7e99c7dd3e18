"""pydantic's validation errors → problems a user can act on.

Each error becomes one located problem that says what is wrong and what was expected:
an unknown key suggests the nearest known one, an unknown kind the nearest allowed value,
and text YAML read as a boolean or number says to quote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import did_you_mean
from .problem_report import ProblemReport
from .yaml_values import BOOL, FLOAT, INT, NULL, REFUSED

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_READ_AS = {BOOL: "a boolean", INT: "a number", FLOAT: "a number", NULL: "null"}


def report_validation_error(
    error: ValidationError, prefix: tuple[Any, ...], model: type[BaseModel], report: ProblemReport
) -> None:
    """Report each error of ``model``'s validation of the value at ``prefix``."""
    for detail in error.errors(include_url=False):
        if detail.get("input") is REFUSED:
            continue  # its tag was reported already
        loc = prefix + tuple(detail["loc"])
        message, hint, at_key = _describe(detail, loc, model, report)
        report(loc, message, hint, at_key=at_key)


def _describe(
    detail: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel], report: ProblemReport
) -> tuple[str, str | None, bool]:
    """(message, hint, whether it is about the key) for one pydantic error."""
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
        return (*_describe_choice(detail, field), False)
    if kind == "string_pattern_mismatch":
        return (
            f"`{field}` {detail['input']!r} is not a valid id",
            "ids use lowercase letters, digits and '-', e.g. alaska-summit-2025",
            False,
        )
    if kind == "string_too_short":
        return f"`{field}` is empty", "give it a value or remove the key", False
    if kind.endswith("_type") or kind == "model_attributes_type":
        return (*_describe_type(detail, loc, field, report), False)
    if kind == "value_error":
        return f"`{field}`: {detail['ctx']['error']}", None, False
    return f"`{field}`: {detail['msg']}", None, False


def _describe_choice(detail: dict[str, Any], field: Any) -> tuple[str, str]:
    """An unknown value of a field with a fixed set of values, with the nearest one."""
    expected = detail["ctx"]["expected"].replace("'", "")
    choices = [choice.strip() for choice in expected.replace(" or ", ", ").split(",")]
    value = detail["input"]
    guess = did_you_mean(str(value), choices) if isinstance(value, str) else None
    hint = f"did you mean `{guess}`?" if guess else f"expected one of: {', '.join(choices)}"
    return f"unknown {field} `{value}`", hint


def _describe_type(
    detail: dict[str, Any], loc: tuple[Any, ...], field: Any, report: ProblemReport
) -> tuple[str, str | None]:
    """A value of the wrong type: what was expected, and how YAML read what was written."""
    expected = _EXPECTED.get(detail["type"], detail["type"].removesuffix("_type"))
    is_participant = len(loc) == 4 and loc[0] == "events" and loc[2] == "actors"
    if is_participant and detail["type"] in ("model_type", "dict_type"):
        expected = "an actor id or a mapping {actor: id, role: ...}"
    value = detail["input"]
    if value is None:
        message, hint = f"`{field}` has no value, expected {expected}", "give it a value or remove the key"
    else:
        message = f"`{field}` should be {expected}, not {_yaml_kind(value)}"
        hint = f"write a list: `{field}: [first, second]` or one `- item` per line" if expected == "a list" else None
    node = report.node(loc)
    if isinstance(node, yaml.ScalarNode) and node.tag in _READ_AS and expected == "text":
        hint = f'YAML reads unquoted {node.value} as {_READ_AS[node.tag]}; put it in quotes: "{node.value}"'
        if node.tag == BOOL:
            message = f"`{field}` should be text, but unquoted `{node.value}` was read as {str(value).lower()}"
    return message, hint


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
