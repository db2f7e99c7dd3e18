"""The response cache's default store: Flask-Caching's folder of files, pruned a tenth at a time.

Flask-Caching's ``FileSystemCache`` (cachelib's) prunes on every write once it holds more than
its threshold of entries, and a prune reads every entry's header, twice (once for expired
entries, once to find the oldest), to remove a single entry: at 2,000 entries a write cost
54 ms of CPU instead of 0.6 ms. Under a newsroom's load the folder fills in a few minutes, and
from then on every state nobody asked for before paid for it: the server's answers per second
fell and the slowest requests waited behind those prunes. Here a prune, when the folder is
over its threshold, removes the expired entries and then the oldest down to nine tenths of the
threshold, in one reading of the headers, so the next ``threshold / 10`` writes prune nothing.
One writer prunes at a time, across the workers (a lock on a file in the folder, let go if its
process dies): the others write without pruning meanwhile, instead of all reading the same
headers at once, which stalled every worker for a second under load.
"""

from __future__ import annotations

import contextlib
import os
import struct
import time
from collections.abc import Iterator

from flask_caching.backends.filesystemcache import FileSystemCache

try:
    import fcntl
except ImportError:  # not POSIX: writers may prune at the same time
    fcntl = None

KEPT_SHARE = 0.9  # a prune leaves this share of the threshold
PRUNE_LOCK = "prune.__wz_cache"  # the suffix of cachelib's own temporary files: never taken for an entry


class FileSystemStore(FileSystemCache):
    """``FileSystemCache`` whose prune makes room for a tenth of its threshold at once."""

    def _prune(self) -> None:
        if not self._over_threshold():
            return
        with self._pruning() as is_ours:
            if is_ours:
                self._prune_now()

    @contextlib.contextmanager
    def _pruning(self) -> Iterator[bool]:
        """Whether this writer may prune now: no other thread or process is pruning the folder."""
        if fcntl is None:
            yield True
            return
        with open(os.path.join(self._path, PRUNE_LOCK), "ab") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _prune_now(self) -> None:
        """Remove the expired entries, then the oldest down to KEPT_SHARE of the threshold."""
        entries = sorted(self._entries())  # written first, expires first
        now = time.time()
        room = max(0, len(entries) - int(self._threshold * KEPT_SHARE))
        removed = [name for index, (expires, _, name) in enumerate(entries) if index < room or 0 < expires < now]
        for name in removed:
            with contextlib.suppress(FileNotFoundError):  # another worker pruned it
                os.remove(name)
        self._update_count(value=len(entries) - len(removed))

    def _entries(self) -> list[tuple[int, int, str]]:
        """Each entry's expiry time (whole seconds, 0: never), write time (ns) and file; entries
        another worker removed meanwhile, or whose header is unreadable, are left out."""
        entries = []
        for name in self._list_dir():
            try:
                with open(name, "rb") as stream:
                    expires = struct.unpack("I", stream.read(4))[0]
                    entries.append((expires, os.fstat(stream.fileno()).st_mtime_ns, name))
            except (OSError, struct.error):
                continue
        return entries
