"""Live reload: watch a data file (or a folder of them) and hand each new version to the app, valid or not.

A polling watcher (no extra dependency, works on every filesystem, including mounted ones):
it checks the file's size and modification time, waits until they stop changing (an editor
may write in several steps), then loads the file. A valid version goes to ``on_valid``; an
invalid one goes to ``on_invalid`` with its located problems, so the app can keep the last
good data on screen and say what is wrong.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import DatasetError, Problem
from .load import DEFAULT_MAX_BYTES, load
from .model import Dataset


class FileWatcher:
    """Polls ``path`` every ``interval`` seconds in a daemon thread."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        on_valid: Callable[[Dataset], None],
        on_invalid: Callable[[list[Problem]], None],
        interval: float = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ):
        self.path = Path(path)
        self.on_valid = on_valid
        self.on_invalid = on_invalid
        self.interval = interval
        self.max_bytes = max_bytes
        self._stop = threading.Event()
        self._seen = self._signature()
        self._thread = threading.Thread(target=self._run, name=f"watch {self.path.name}", daemon=True)

    def _signature(self) -> tuple | None:
        try:
            if self.path.is_dir():  # a dataset in several files: any of them may change
                from .load_dir import data_files

                files = data_files(self.path)
                return tuple((str(file), file.stat().st_mtime_ns, file.stat().st_size) for file in files)
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def start(self) -> FileWatcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def check(self) -> bool:
        """Load the file if it changed since the last look; True if it did."""
        signature = self._signature()
        if signature == self._seen:
            return False
        # Wait for the writer to finish: the signature must hold still for one interval.
        while not self._stop.wait(min(self.interval, 0.3)):
            settled = self._signature()
            if settled == signature:
                break
            signature = settled
        self._seen = signature
        try:
            dataset = load(self.path, max_bytes=self.max_bytes)
        except DatasetError as error:
            self.on_invalid(error.problems)
        else:
            self.on_valid(dataset)
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
