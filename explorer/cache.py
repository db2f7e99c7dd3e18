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
from .load import DEFAULT_MAX_BYTES, load
from .model import DataFile, Dataset, Location

FORMAT = 1
KEEP_DAYS = 30


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
    path = Path(path)
    directory = directory or cache_dir()
    try:
        size = path.stat().st_size
        content = path.read_bytes() if path.is_file() and size <= max_bytes else None
    except OSError:
        content = None
    if content is None:
        return load(path, max_bytes=max_bytes, progress=progress)  # the loader reports what is wrong
    key = cache_key(content)
    dataset = read_cache(directory, key, str(path))
    if dataset is not None:
        if progress:
            progress(f"loaded from the cache ({directory})")
    else:
        dataset = load(path, max_bytes=max_bytes, progress=progress)
        write_cache(directory, key, dataset)
    remember_good(directory, path, key)
    return dataset


def _pointer_file(directory: Path, path: Path) -> Path:
    return directory / f"last-good-{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]}.json"


def remember_good(directory: Path, path: Path, key: str) -> None:
    """Record that the last valid version of ``path`` is cached under ``key``, so a server
    that starts on an invalid version of the file can serve that one instead."""
    pointer = _pointer_file(directory, path)
    if _read_json_object(pointer) == {"source": str(path), "key": key}:
        return
    try:
        with atomic_file(pointer) as out:
            out.write(json.dumps({"source": str(path), "key": key}).encode("utf-8"))
    except OSError as error:
        print(f"explorer: cache not written ({error})", file=sys.stderr)


def last_good(path: str | os.PathLike[str], *, directory: Path | None = None) -> tuple[Dataset, str] | None:
    """The last valid version of ``path`` this machine loaded through the cache, with the
    SHA-256 prefix of its bytes; None if there is none (or its cache files are gone)."""
    path = Path(path)
    directory = directory or cache_dir()
    pointer = _read_json_object(_pointer_file(directory, path))
    key = pointer.get("key") if pointer else None
    if not isinstance(key, str) or "/" in key or key.startswith("."):
        return None
    dataset = read_cache(directory, key, str(path))
    return (dataset, key.split("-", 1)[0]) if dataset is not None else None


def _read_json_object(path: Path) -> dict | None:
    """The JSON object in a small file, or None if missing, unreadable or not an object."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def read_cache(directory: Path, key: str, path: str) -> Dataset | None:
    """The dataset cached under ``key``, or None if missing, corrupt or not valid."""
    body_file, meta_file = directory / f"{key}.json", directory / f"{key}.meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        body = body_file.read_bytes()
        if meta.get("format") != FORMAT or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        document = DataFile.model_validate_json(body)
        locations = {(kind, item): Location(path, line, column) for kind, item, line, column in meta["locations"]}
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    return Dataset(
        name=meta["name"],
        description=document.description,
        actors=tuple(document.actors),
        events=tuple(document.events),
        topics=tuple(document.topics),
        positions=tuple(document.positions),
        path=path,
        locations=locations,
    )


def write_cache(directory: Path, key: str, dataset: Dataset) -> None:
    """Store ``dataset`` under ``key``; any failure leaves no cache, never a broken one."""
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
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with atomic_file(directory / f"{key}.json") as out:
            out.write(body)
        with atomic_file(directory / f"{key}.meta.json") as out:
            out.write(json.dumps(meta).encode("utf-8"))
        _prune(directory)
    except Exception as error:  # a read-only or full cache folder must not stop the app
        print(f"explorer: cache not written ({error})", file=sys.stderr)


def _prune(directory: Path) -> None:
    cutoff = time.time() - KEEP_DAYS * 86400
    for old in directory.glob("*.json"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
