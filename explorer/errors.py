"""The one exception type for bad data, and the located problems it carries."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located to a line and column (1-based; column 0 when
    only the line is known)."""

    path: str
    line: int
    column: int
    message: str
    item: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        if self.line and not self.column:  # located to a line only (a CSV row, a JSON item)
            where = f"{self.path}:{self.line}"
        text = f"{where}: error: {self.message}"
        if self.item:
            text += f" ({self.item})"
        if self.hint:
            text += f" — {self.hint}"
        return text


class DatasetError(Exception):
    """A data file could not be loaded; ``problems`` lists every located reason."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(problem) for problem in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, or None when nothing is close.

    >>> did_you_mean("actros", ["actors", "events"])
    'actors'
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return matches[0] if matches else None
