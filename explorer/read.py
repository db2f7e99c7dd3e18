"""Reading a data file's bytes safely, and decoding them as the UTF-8 text YAML is read from.

Every refusal is a located :class:`DatasetError` a user can act on: a missing or unreadable
file, a file over the size limit, a file that is not UTF-8 text.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import DatasetError, Problem

#: Files above this size are refused unless the caller raises the limit (--max-size).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def _fail(name: str, message: str, hint: str, line: int = 0, column: int = 0) -> DatasetError:
    return DatasetError([Problem(name, line, column, message, hint=hint)])


def read_bytes(path: str | os.PathLike[str], name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the data file at ``path`` (``name`` in errors, the path by default).

    Raises DatasetError for a missing or unreadable file, anything but a regular file
    (a directory, a FIFO, a device, a socket), or a file larger than ``max_bytes``.
    """
    path, name = Path(path), name or str(path)
    try:
        # Look before opening: opening a FIFO blocks until a writer comes, a device may act.
        _check_kind(path.stat().st_mode, name)
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as stream:
            status = os.fstat(stream.fileno())
            _check_kind(status.st_mode, name)  # it may have been replaced in between
            if status.st_size > max_bytes:
                raise _too_large(name, status.st_size, max_bytes)
            return _read_at_most(stream, status.st_size, name, max_bytes)
    except FileNotFoundError:
        raise _fail(name, "no such file", "check the path (the curated data is data/events.yaml)") from None
    except PermissionError:
        raise _fail(name, "permission denied", "make the file readable by this user") from None
    except OSError as error:
        raise _fail(name, f"cannot read file: {error.strerror}", "check the path") from None


#: Never wait on open (a FIFO swapped in after the check) nor take a terminal as ours.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_kind(mode: int, name: str) -> None:
    """Refuse anything but a regular file: a directory, FIFO, device or socket."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise _fail(name, "is a directory, not a data file", "give the path of a .yaml file")
    kind = next((kind for is_kind, kind in _NOT_REGULAR if is_kind(mode)), "a special file")
    raise _fail(
        name,
        f"is {kind}, not a regular file",
        "give the path of a data file saved on disk (save piped or downloaded data to a file first)",
    )


#: Read in pieces of this size once a file turns out larger than its reported size.
_CHUNK = 8 * 2**20


def _read_at_most(stream, reported_size: int, name: str, max_bytes: int) -> bytes:
    """The stream's bytes, reading no more than ``max_bytes`` + 1 whatever size was reported
    (files in /proc report 0; a file may grow while it is read)."""
    data = stream.read(reported_size + 1)  # the whole file in one piece when its size is true
    if len(data) <= reported_size:
        return data
    parts, total = [data], len(data)
    while total <= max_bytes and (part := stream.read(min(_CHUNK, max_bytes + 1 - total))):
        parts.append(part)
        total += len(part)
    if total > max_bytes:
        raise _too_large(name, None, max_bytes)
    return b"".join(parts)


def _too_large(name: str, size: int | None, max_bytes: int) -> DatasetError:
    limit = f"{max_bytes / 2**20:.0f} MiB limit" if max_bytes >= 2**20 else f"{max_bytes:,}-byte limit"
    return _fail(
        name,
        f"file is {size / 2**20:.1f} MiB, over the {limit}" if size is not None else f"file is over the {limit}",
        "raise the limit with --max-size if the file is meant to be this large",
    )


def decode_text(data: bytes, name: str) -> str:
    """``data`` decoded as UTF-8 text; a located DatasetError for anything else (empty,
    UTF-16, binary, a byte-order mark, line endings YAML and editors count differently)."""
    if not data.strip():
        raise _fail(
            name, "file is empty", "a data file starts with `actors:` and `events:` (see `explorer schema`)", 1, 1
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(name, "file is UTF-16 (it starts with a UTF-16 byte-order mark)", "save it as UTF-8", 1, 1)
    if b"\x00" in data:
        line, column = _position_of_byte(data, data.index(b"\x00"))
        raise _fail(
            name,
            "file contains NUL bytes: it is binary or not UTF-8 text",
            "save the data as UTF-8 YAML text",
            line,
            column,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise _fail(
            name,
            "file starts with a byte-order mark (U+FEFF)",
            "save it as UTF-8 without BOM (in most editors: encoding → UTF-8, not 'UTF-8 with BOM')",
            1,
            1,
        )
    _check_line_endings(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        raise _fail(
            name,
            f"byte 0x{data[error.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
            line,
            column,
        ) from None


def read_text(path: str | os.PathLike[str], name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, decoded as UTF-8; a located DatasetError for anything else."""
    name = name or str(path)
    return decode_text(read_bytes(path, name, max_bytes), name)


def _check_line_endings(data: bytes, name: str) -> None:
    """Refuse lone CRs and a mix of CRLF and LF. YAML counts a lone CR as a line break but
    most editors do not, so every line number reported after one would be wrong."""
    carriage_returns = data.count(b"\r")
    if not carriage_returns:
        return
    windows = data.count(b"\r\n")
    if windows < carriage_returns:
        offset = re.search(rb"\r(?!\n)", data).start()
        line, column = _position_of_byte(data, offset)
        raise _fail(
            name,
            "a line ends with a lone carriage return (CR, old Mac style)",
            "convert the file to LF line endings, e.g. `dos2unix --mac2unix FILE`",
            line,
            column,
        )
    if windows < data.count(b"\n"):
        first_lf = data.replace(b"\r\n", b"  ").find(b"\n")
        line, column = _position_of_byte(data, first_lf)
        raise _fail(
            name,
            "mixed line endings: some lines end with CRLF (Windows), others with LF",
            "convert the file to one style, e.g. `dos2unix FILE`",
            line,
            column,
        )


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
