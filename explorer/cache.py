"""A load cache for warm starts on large files.

The cache is keyed on the file's content (SHA-256) and the explorer's version and data
model, and kept in the user's cache folder (``$EXPLORER_CACHE_DIR`` or the platform's, e.g.
``~/.cache/explorer``). It holds the validated data as JSON, never pickle, and reading it
validates it again through the model (in pydantic's compiled core, far faster than YAML), so
a cache file can neither run code nor smuggle in data the model would refuse. A corrupt,
truncated or stale cache is ignored and rebuilt; a cache folder that cannot be written is
simply not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from ._version import __version__
from .atomic import atomic_file
from .errors import DatasetError
from .load import DEFAULT_MAX_BYTES, load_bytes
from .load_dir import read_source
from .model import DataFile, Dataset, Location
from .read import read_bytes

FORMAT = 1
KEEP_DAYS = 30
#: A temporary file of a write this old was left by an interrupted write (no write takes an hour).
PART_SECONDS = 3600


def cache_dir() -> Path:
    """Where cache files live."""
    if os.environ.get("EXPLORER_CACHE_DIR"):
        return Path(os.environ["EXPLORER_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("explorer"))


@cache
def _model_fingerprint() -> str:
    schema = json.dumps(DataFile.model_json_schema(), sort_keys=True)
    return hashlib.sha256(f"{FORMAT}:{__version__}:{schema}".encode()).hexdigest()[:16]


def content_digest(content: bytes) -> str:
    """The SHA-256 of a data file's bytes, in hex: the version of the data they hold."""
    return hashlib.sha256(content).hexdigest()


def cache_key(content: bytes) -> str:
    """The cache key of a data file's bytes: content hash and explorer version/model."""
    return content_digest(content)[:40] + "-" + _model_fingerprint()


def load_cached(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    directory: Path | None = None,
    progress=None,
) -> Dataset:
    """Like :func:`explorer.load`, from the cache when this exact file was loaded before.

    Raises DatasetError for an invalid file, exactly as ``load`` does (invalid files are
    never cached).
    """
    content = read_source(path, max_bytes)
    return dataset_from_bytes(content, str(path), directory=directory or cache_dir(), progress=progress)


def dataset_from_bytes(content: bytes, name: str, *, directory: Path | None = None, progress=None) -> Dataset:
    """The dataset in ``content``, the bytes of the file ``name``: from the cache in
    ``directory`` when these bytes were loaded before, else parsed (and cached). Without
    ``directory``, simply parsed. Raises DatasetError for invalid data."""
    if directory is None:
        return load_bytes(content, name, progress=progress)
    key, limit = cache_key(content), cache_limit(len(content))
    dataset = read_cache(directory, key, name, limit)
    if dataset is not None:
        if progress:
            progress(f"loaded from the cache ({directory})")
        _touch(directory, key)
    else:
        dataset = load_bytes(content, name, progress=progress)
        write_cache(directory, key, dataset, limit)
    remember_good(directory, Path(name), key)
    return dataset


def _touch(directory: Path, key: str) -> None:
    """Mark a cache entry as used, so pruning keeps what is still loaded."""
    for used in (directory / f"{key}.json", directory / f"{key}.meta.json"):
        with contextlib.suppress(OSError):
            os.utime(used)


#: A last-good pointer names a file and a cache key: far less than this.
POINTER_BYTES = 64 * 1024


def _pointer_file(directory: Path, path: Path) -> Path:
    return directory / f"last-good-{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]}.json"


def remember_good(directory: Path, path: Path, key: str) -> None:
    """Record that the last valid version of ``path`` is cached under ``key``, so a server
    that starts on an invalid version of the file can serve that one instead."""
    pointer = _pointer_file(directory, path)
    if _read_json_object(pointer, POINTER_BYTES) == {"source": str(path), "key": key}:
        with contextlib.suppress(OSError):
            os.utime(pointer)
        return
    try:
        with atomic_file(pointer) as out:
            out.write(json.dumps({"source": str(path), "key": key}).encode("utf-8"))
    except OSError as error:
        print(f"explorer: cache not written ({error})", file=sys.stderr)


def last_good(
    path: str | os.PathLike[str], *, directory: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Dataset, str] | None:
    """The last valid version of ``path`` (of at most ``max_bytes``) this machine loaded
    through the cache, with the SHA-256 of its bytes (the first 40 hex digits); None if
    there is none (or its cache files are gone)."""
    path = Path(path)
    directory = directory or cache_dir()
    pointer = _read_json_object(_pointer_file(directory, path), POINTER_BYTES)
    key = pointer.get("key") if pointer else None
    if not isinstance(key, str) or "/" in key or key.startswith("."):
        return None
    dataset = read_cache(directory, key, str(path), cache_limit(max_bytes))
    return (dataset, key.split("-", 1)[0]) if dataset is not None else None


def cache_limit(data_size: int) -> int:
    """The largest cache file read for a data file of ``data_size`` bytes. The cache holds the
    same data as JSON (about the size of the YAML), so a far larger file is not what was
    written and is never read whole."""
    return 8 * data_size + 2**20


def read_cache(directory: Path, key: str, path: str, limit: int) -> Dataset | None:
    """The dataset cached under ``key``, or None if missing, corrupt, not valid, or with a
    file over ``limit`` bytes."""
    meta = _read_json_object(directory / f"{key}.meta.json", limit)
    body = _read_limited(directory / f"{key}.json", limit) if meta else None
    if body is None or meta.get("format") != FORMAT or meta.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    try:
        document = DataFile.model_validate_json(body)
        locations = {(kind, item): Location(path, line, column) for kind, item, line, column in meta["locations"]}
    except (ValueError, KeyError, TypeError, ValidationError):
        return None
    return Dataset(
        name=meta["name"] if isinstance(meta.get("name"), str) else Path(path).stem,
        description=document.description,
        actors=tuple(document.actors),
        events=tuple(document.events),
        topics=tuple(document.topics),
        positions=tuple(document.positions),
        path=path,
        locations=locations,
    )


def _read_limited(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else None."""
    try:
        return read_bytes(path, str(path), limit)
    except DatasetError:
        return None


def _read_json_object(path: Path, limit: int) -> dict | None:
    """The JSON object in a file of at most ``limit`` bytes, or None if missing, unreadable,
    larger or not an object."""
    content = _read_limited(path, limit)
    try:
        document = json.loads(content) if content is not None else None
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def write_cache(directory: Path, key: str, dataset: Dataset, limit: int) -> None:
    """Store ``dataset`` under ``key``, unless a file would be over ``limit`` bytes (it
    would not be read); any failure leaves no cache, never a broken one."""
    document = DataFile.model_construct(
        name=dataset.name,
        description=dataset.description,
        actors=list(dataset.actors),
        events=list(dataset.events),
        topics=list(dataset.topics),
        positions=list(dataset.positions),
    )
    body = document.model_dump_json(by_alias=True, exclude_none=True).encode("utf-8")
    meta = {
        "format": FORMAT,
        "sha256": hashlib.sha256(body).hexdigest(),
        "name": dataset.name,
        "source": dataset.path,
        "locations": [[kind, item, loc.line, loc.column] for (kind, item), loc in dataset.locations.items()],
    }
    meta_bytes = json.dumps(meta).encode("utf-8")
    if max(len(body), len(meta_bytes)) > limit:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with atomic_file(directory / f"{key}.json") as out:
            out.write(body)
        with atomic_file(directory / f"{key}.meta.json") as out:
            out.write(meta_bytes)
        _prune(directory)
    except Exception as error:  # a read-only or full cache folder must not stop the app
        print(f"explorer: cache not written ({error})", file=sys.stderr)


def _prune(directory: Path) -> None:
    """Remove cache files unused for KEEP_DAYS, and what interrupted writes left behind."""
    now = time.time()
    for pattern, age in (("*.json", KEEP_DAYS * 86400), (".*.part", PART_SECONDS)):
        for old in directory.glob(pattern):
            try:
                if old.stat().st_mtime < now - age:
                    old.unlink()
            except OSError:
                pass
