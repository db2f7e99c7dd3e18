"""gunicorn settings for serving explorer in production:

    gunicorn -c python:explorer.web.gunicorn_config 'explorer.web:server'

Options given on the command line (``--bind``, ``--workers``, …) or in ``GUNICORN_CMD_ARGS``
take precedence over these.

- ``preload_app``: the app (data, graph, network layout) is built once in the master, and each
  worker is a fork of it. A worker that dies (an out-of-memory kill, ``--max-requests``, a
  timeout) is replaced in milliseconds instead of loading everything again, which under load
  took seconds of contested CPU while the others took its clients. Live reload still works: each
  forked worker starts its own watcher (see :mod:`explorer.watch`), which catches up with a
  save made since the master started within about two seconds.
- ``gthread`` workers keep connections alive, so an answer from the response cache costs well
  under a millisecond; ``threads`` lets a cache hit be answered while a drawing runs.
- ``workers``: two per core, so a drawing in one process (Python runs one thread at a time)
  never leaves a core idle.
"""

from __future__ import annotations

import os


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


bind = "127.0.0.1:8000"
workers = 2 * cores()
worker_class = "gthread"
threads = 8
preload_app = True
keepalive = 5  # seconds an idle connection is kept: a page polls for reloads once a second
timeout = 60  # a worker silent this long is killed and replaced
graceful_timeout = 10
backlog = 2048
# The workers' heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
