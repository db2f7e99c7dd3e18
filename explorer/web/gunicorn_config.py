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
- ``gthread`` workers, each taking a connection only when one of its ``threads`` is free
  (``worker_connections = threads``) and closing it after the answer (``keepalive = 0``), so
  every waiting request queues in one place, the listening socket's backlog, first come first
  served, and goes to whichever worker frees a thread first. A kept-alive connection belongs
  to the worker that accepted it for its whole life: under load one worker held 124 of 200
  clients' connections and another 9, and their requests waited in that worker's queue while
  others' threads were idle, which made the slowest 1% wait several times the median
  (``benchmarks/load_test.py`` prints the connections per worker and the latency histogram).
  A reverse proxy in front keeps the browsers' connections alive on its side.
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
# A worker accepts a connection only with a thread free for it, and closes it after the answer:
# waiting requests stay in the shared backlog, not in one worker's queue (see above). Passing
# --threads on the command line? Pass the same --worker-connections.
worker_connections = threads
keepalive = 0
timeout = 60  # a worker silent this long is killed and replaced
graceful_timeout = 10
backlog = 2048
# The workers' heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
