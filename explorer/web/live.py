"""What the app serves: the data, its version, and the errors of a file that was refused.

A server must stay up whatever the data file holds. ``open_live_data`` loads the file; when
it is invalid and the caller asks to keep serving (the WSGI entry point does: a worker that
fails to boot makes gunicorn's master exit), the app serves the last valid version kept in
the load cache, or, when this machine never loaded a valid one, an empty dataset, and the
page says what is wrong.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import networkx as nx

from ..cache import cache_dir, content_digest, dataset_from_bytes, last_good
from ..errors import DatasetError, Problem
from ..graph import build_graph
from ..load import DEFAULT_MAX_BYTES, Progress
from ..load_dir import read_source
from ..model import Dataset
from ..network_layout import network_positions


@dataclass(frozen=True)
class AppData:
    """The dataset the app serves, its graph and the graph's (cached) network layout."""

    dataset: Dataset
    graph: nx.MultiDiGraph

    @classmethod
    def from_dataset(cls, dataset: Dataset, *, with_layout: bool = True, progress: Progress | None = None) -> AppData:
        """The app data of ``dataset``; without ``with_layout`` the network layout is left
        to be computed on first use (see :func:`network_positions`). ``progress`` is told
        each step as it starts, and how long it took."""
        report = progress or (lambda message: None)
        started = time.monotonic()
        report(f"building the graph of {len(dataset.events):,} events and {len(dataset.actors):,} actors")
        graph = build_graph(dataset)
        report(f"graph of {graph.number_of_nodes():,} nodes built in {time.monotonic() - started:.1f} s")
        if with_layout:
            started = time.monotonic()
            report(f"laying out the network of {graph.number_of_nodes():,} nodes")
            network_positions(graph)
            report(f"network laid out in {time.monotonic() - started:.1f} s")
        return cls(dataset, graph)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class LiveData:
    """What the app serves now. ``current`` is replaced whole, so a callback that reads it
    once sees one consistent dataset and graph; ``digest`` is the SHA-256 of the bytes it
    was read from, so ``version`` is the same in every worker serving the same file.
    ``problems`` holds the located errors of the file on disk when it was refused (empty
    when the file on disk is the one shown); ``has_data`` is False when no valid version
    was ever loaded. Only the watcher thread changes it."""

    def __init__(self, data: AppData, path: str | None = None, *, digest: str = "", has_data: bool = True):
        self.current = data
        self.path = path
        self.digest = digest
        self.has_data = has_data
        self.problems: list[str] = []

    @property
    def version(self) -> str:
        """The data version: a content hash, changing exactly when the data shown changes."""
        return self.digest[:16]

    def accept(self, dataset: Dataset, digest: str) -> None:
        if digest != self.digest or not self.has_data:
            # The graph is built before the swap; the network layout (seconds on a busy
            # machine) is left to the first network view, so that every worker serves the
            # new version at once and the watcher is free to see the next save.
            fresh = AppData.from_dataset(dataset, with_layout=False)
            self.current, self.digest, self.has_data = fresh, digest, True
        self.problems = []

    def refuse(self, problems) -> None:
        self.problems = [str(problem) for problem in problems]

    @property
    def notice_version(self) -> str:
        """Changes exactly when the errors shown change (the same in every worker)."""
        return _digest("\n".join(self.problems)) if self.problems else ""


def empty_dataset(path: str | Path) -> Dataset:
    """What a server shows for a file that never loaded: nothing, named after the file."""
    return Dataset(name=Path(path).stem, description=None, actors=(), events=(), path=str(path))


def open_live_data(
    data: str | Path | Dataset,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_cache: bool = False,
    keep_serving: bool = False,
    progress: Progress | None = None,
) -> LiveData:
    """The LiveData for ``data`` (a path or a loaded Dataset); ``progress`` is told each
    step of reading, validating, building the graph and laying out the network.

    An invalid file raises DatasetError, unless ``keep_serving``: then the last valid
    version from the load cache is served (or an empty dataset if there is none) with the
    file's errors.
    """
    if isinstance(data, Dataset):
        return LiveData(AppData.from_dataset(data, progress=progress))
    try:
        if progress:
            progress(f"reading {data}")
        content = read_source(data, max_bytes)
        dataset = parser(use_cache)(content, str(data), progress=progress)
    except DatasetError as error:
        if not keep_serving:
            raise
        return _fallback(data, error.problems)
    return LiveData(AppData.from_dataset(dataset, progress=progress), str(data), digest=content_digest(content))


def parser(use_cache: bool) -> Callable[[bytes, str], Dataset]:
    """What turns a data file's bytes into a Dataset: through the load cache, or not."""
    return partial(dataset_from_bytes, directory=cache_dir() if use_cache else None)


def _fallback(path: str | Path, problems: list[Problem]) -> LiveData:
    kept = last_good(path)
    if kept is None:
        live = LiveData(AppData.from_dataset(empty_dataset(path)), str(path), has_data=False)
    else:
        live = LiveData(AppData.from_dataset(kept[0]), str(path), digest=kept[1])
    live.refuse(problems)
    return live
