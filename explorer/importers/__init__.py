"""Other people's timelines → explorer datasets: TimelineJS JSON, TimelineJS's sheet template
as CSV, and any spreadsheet as CSV with a column mapping.

:func:`import_source` reads a source and returns an :class:`Imported` document that validates;
:func:`document_yaml` writes it as YAML, byte for byte the same for the same input. Every row or
item that cannot be imported is a located problem of one :class:`~explorer.errors.DatasetError`.
"""

from __future__ import annotations

from pathlib import Path

from .. import yaml_writer
from .common import DEFAULT_MAX_BYTES, Imported, read_source
from .csv_mapped import MappingError, parse_mapping, read_mapped_csv
from .csv_rows import read_sheet
from .timelinejs_csv import is_timelinejs_sheet, read_timelinejs_csv
from .timelinejs_json import read_timelinejs_json

FORMATS = ("timelinejs-json", "timelinejs-csv", "csv")
FORMAT_NAMES = {"timelinejs-json": "TimelineJS JSON", "timelinejs-csv": "TimelineJS sheet", "csv": "mapped CSV"}

__all__ = [
    "FORMATS",
    "Imported",
    "MappingError",
    "detect_format",
    "document_yaml",
    "import_source",
    "parse_mapping",
    "comment_lines",
]


def detect_format(path: Path, text: str, mapping: dict[str, str] | None) -> str:
    """The format of a source: ``csv`` when a mapping is given, ``timelinejs-json`` for JSON
    (by suffix or content), else ``timelinejs-csv`` when the header is the template's.
    MappingError when a plain sheet comes without a mapping."""
    if mapping:
        if path.suffix.lower() == ".json":
            raise MappingError("--map is for CSV sheets; a .json file is read as TimelineJS JSON without it")
        return "csv"
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return "timelinejs-json"
    if is_timelinejs_sheet(read_sheet(text, str(path)).header):
        return "timelinejs-csv"
    raise MappingError(
        "this sheet is not TimelineJS's template: say which columns hold what with --map, "
        "e.g. --map date=Date,title=Headline,actors=Who"
    )


def import_source(
    path: Path,
    fmt: str | None = None,
    mapping: dict[str, str] | None = None,
    actor_kind: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, Imported]:
    """Read ``path`` as ``fmt`` (detected when None); return the format and the document.

    Raises DatasetError (located problems) or MappingError (a --map that does not fit).
    """
    source = str(path)
    text = read_source(path, max_bytes)
    fmt = fmt or detect_format(path, text, mapping)
    if fmt == "csv":
        if not mapping:
            raise MappingError("--format csv needs --map, e.g. --map date=Date,title=Headline,actors=Who")
        return fmt, read_mapped_csv(text, source, mapping, actor_kind or "person")
    if mapping:
        raise MappingError(f"--map applies to --format csv, not {fmt}")
    reader = read_timelinejs_json if fmt == "timelinejs-json" else read_timelinejs_csv
    return fmt, reader(text, source, actor_kind or "group")


def document_yaml(imported: Imported, header: str) -> str:
    """The document as YAML text, after ``header`` as comment lines; the same input gives the same bytes."""
    return yaml_writer.dumps(imported.document, comment_lines(header))


def comment_lines(text: str) -> str:
    """``text`` as YAML comment lines, then a blank line."""
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines()) + "\n"
