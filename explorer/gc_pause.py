"""Cyclic garbage collection held off while many objects are made at once.

With a large dataset loaded (100,000 events are three million objects), each full collection
rescans them all; making a few hundred thousand new acyclic objects (rows, index entries,
YAML nodes) would start several such collections for nothing.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting still frees what
    is dropped); it is turned back on after, unless it was off before.

    >>> with gc_paused():
    ...     rows = [[n] for n in range(100_000)]
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
