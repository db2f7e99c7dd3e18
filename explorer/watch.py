"""Live reload: watch a data file and hand each new version to the app, valid or not.

A polling watcher (no extra dependency, works on every filesystem, including mounted ones).
A version is the SHA-256 of the file's bytes: the watcher hands the file over only when its
content differs from the last version it handed over (or was given at start, so a save
made while the app was loading is seen on the first look). The file's identity, size and
modification time only say when to look: they are read without opening the file, and a
file modified in the same instant it was read (a second save could share its timestamp)
is looked at again until that instant has passed. Before reading, the watcher waits until
the file holds still for a moment (an editor may write in several steps). A valid version
goes to ``on_valid`` with its hash; an invalid one to ``on_invalid`` with its located
problems, so the app can keep the last good data on screen and say what is wrong.

The polling thread never dies: any failure is logged, shown in the page, and the file looked
at again (less often while failures go on). It never blocks: what is not a regular file
(a FIFO put in place of the data file) is refused without being opened. It survives a
fork (gunicorn's ``--preload`` builds the app in the master and forks the workers): each
child starts its own thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .cache import content_digest
from .errors import DatasetError, Problem
from .load import DEFAULT_MAX_BYTES, load_bytes
from .load_dir import data_files, read_source
from .model import Dataset

#: A file modified less than this long before it was read may change again without its
#: modification time changing (coarse timestamps on some filesystems): look again.
RACY_NS = 2_000_000_000
#: After failures in a row, the watcher waits up to this many intervals between looks.
MAX_BACKOFF = 30
_UNSEEN = object()
logger = logging.getLogger(__name__)


class FileWatcher:
    """Polls ``path`` every ``interval`` seconds in a daemon thread.

    ``parse`` turns the file's bytes into a Dataset (DatasetError if invalid); ``known_digest``
    is the SHA-256 of the version the app holds already, if any.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        on_valid: Callable[[Dataset, str], None],
        on_invalid: Callable[[list[Problem]], None],
        interval: float = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        parse: Callable[[bytes, str], Dataset] = load_bytes,
        known_digest: str | None = None,
    ):
        self.path = Path(path)
        self.on_valid = on_valid
        self.on_invalid = on_invalid
        self.interval = interval
        self.max_bytes = max_bytes
        self.parse = parse
        self._digest = known_digest
        self._seen: object = _UNSEEN
        self._is_racy = False
        self._stop = threading.Event()
        self._thread = self._new_thread()

    def _new_thread(self) -> threading.Thread:
        return threading.Thread(target=self._run, name=f"watch {self.path.name}", daemon=True)

    def _signature(self) -> tuple | None:
        """When to look again: the file's identity, modification time and size (those of
        each data file, for a folder), read without opening anything."""
        try:
            if self.path.is_dir():  # a dataset in several files: any of them may change
                return tuple(_file_signature(file) for file in data_files(self.path))
            return _file_signature(self.path)
        except OSError:
            return None

    def start(self) -> FileWatcher:
        self._thread.start()
        os.register_at_fork(after_in_child=self._restart_in_child)
        return self

    def _restart_in_child(self) -> None:
        """Threads do not survive a fork: a forked child starts its own."""
        if self._stop.is_set():
            return
        self._stop = threading.Event()
        self._thread = self._new_thread()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def check(self) -> bool:
        """Hand the file over if its content changed since the last look; True if it did."""
        signature = self._signature()
        if signature == self._seen and not self._is_racy:
            return False
        # Wait for the writer to finish: the signature must hold still for a moment.
        if self._stop.wait(min(self.interval, 0.3)) or self._signature() != signature:
            return False  # still being written (or stopping): look again next time
        self._seen = signature
        self._is_racy = signature is not None and time.time_ns() - _newest_change(signature) < RACY_NS
        try:
            content = read_source(self.path, self.max_bytes)
        except DatasetError as error:
            return self._refuse(None, error.problems)
        digest = content_digest(content)
        if digest == self._digest:
            return False
        try:
            dataset = self.parse(content, str(self.path))
        except DatasetError as error:
            return self._refuse(digest, error.problems)
        self.on_valid(dataset, digest)
        self._digest = digest  # only once handed over: a failure above is tried again
        return True

    def _refuse(self, digest: str | None, problems: list[Problem]) -> bool:
        self.on_invalid(problems)
        self._digest = digest
        return True

    def _run(self) -> None:
        failures = 0
        while not self._stop.wait(self.interval * min(2**failures, MAX_BACKOFF)):
            try:
                self.check()
                failures = 0
            except Exception as error:  # the watcher outlives anything (an ImportError under memory pressure…)
                failures += 1
                self._report(error, is_new=failures == 1)

    def _report(self, error: Exception, is_new: bool) -> None:
        """Say that a look at the file failed (logged once per run of failures, shown in the
        page's banner) and look again next time."""
        self._seen = _UNSEEN
        message = f"could not reload the file: {type(error).__name__}: {error}"
        if is_new:
            logger.error("explorer: %s: %s", self.path, message, exc_info=error)
        problem = Problem(str(self.path), 0, 0, message, hint="the last good data stays on screen; retrying")
        try:
            self.on_invalid([problem])
        except Exception:
            logger.exception("explorer: %s: could not report a failed reload", self.path)


def _file_signature(path: Path) -> tuple[int, int, int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


def _newest_change(signature: tuple) -> int:
    """The latest modification time in a file's or a folder's signature."""
    if signature and isinstance(signature[0], tuple):
        return max((entry[2] for entry in signature), default=0)
    return signature[2]
