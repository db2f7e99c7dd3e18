"""Rows of a CSV sheet with the line each starts on; broken quoting is a located error."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import DatasetError, Problem
from .common import located_error as _fail

csv.field_size_limit(64 * 1024 * 1024)  # a long text cell is data, not an attack; the file size is bounded


@dataclass(frozen=True)
class Sheet:
    """A CSV file's header, its rows (``{column: cell}``, with the line each row starts on),
    and the rows that could not be read (too many cells)."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem]


def read_sheet(text: str, source: str) -> Sheet:
    """The sheet in ``text``; DatasetError for an empty sheet, a bad header or broken quoting.
    Rows with too many cells are left out and listed in ``problems``."""
    records = _records(text, source)
    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise _fail(source, 1, "the sheet is empty", "export a sheet with a header row and one row per event")
    header = [name.strip() for name in first[1]]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise _fail(source, 1, f"column `{repeated[0]}` appears more than once in the header", "rename one of them")
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [cell for cell in cells[len(header) :] if cell.strip()]
        if extra:
            problems.append(
                Problem(
                    source,
                    line,
                    0,
                    f"row has {len(cells)} cells, the header has {len(header)}",
                    hint="a comma inside a cell needs the cell in double quotes",
                )
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))
        rows.append((line, dict(zip(header, cells, strict=False))))
    return Sheet(header, rows, problems)


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _broken_quoting(source, start, reader.line_num, str(error)) from None
        yield start, cells
        start = reader.line_num + 1


def _broken_quoting(source: str, start: int, line: int, reason: str) -> DatasetError:
    if "unexpected end of data" in reason:
        return _fail(
            source,
            start,
            "a quoted cell that starts in this row is never closed",
            'close the cell with a double quote; a double quote inside a cell is written twice ("")',
        )
    return _fail(
        source,
        line,
        f"broken CSV quoting: {reason}",
        'a cell with a double quote inside must be quoted as a whole, with each inner quote written twice ("")',
    )
