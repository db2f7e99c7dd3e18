"""The production gunicorn settings (explorer.web.gunicorn_config), as gunicorn reads them, and a
server run with them: the app is built once in the master, so a killed worker is replaced by a
fork that answers with the same data at once; a worker takes a connection only when one of its
threads is free and closes it after the answer, so waiting requests queue in the shared backlog
and go to whichever worker is free first."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .conftest import DATA
from .test_serve import free_port, socket_inodes, stop, wait_for, workers_of

GUNICORN = Path(sys.executable).parent / "gunicorn"
CONFIG = "python:explorer.web.gunicorn_config"


def printed_config(*options: str) -> dict[str, str]:
    """The settings gunicorn runs with, from ``--print-config``."""
    result = subprocess.run(
        [str(GUNICORN), "-c", CONFIG, *options, "--print-config", "explorer.web:server"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "EXPLORER_DATA": str(DATA / "small.yaml")},
    )
    pairs = (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_gunicorn_reads_the_production_settings():
    settings = printed_config()
    assert settings["preload_app"] == "True"
    assert settings["worker_class"] == "gthread" and int(settings["threads"]) > 1
    assert settings["bind"] == "['127.0.0.1:8000']", "loopback unless told otherwise"
    assert int(settings["workers"]) == 2 * len(os.sched_getaffinity(0))


def test_each_connection_is_one_request_taken_by_a_worker_with_a_free_thread():
    settings = printed_config()
    assert settings["keepalive"] == "0" and settings["worker_connections"] == settings["threads"]


def established_connections_held(pid: int, port: int) -> int:
    """How many established TCP connections to ``port`` the process ``pid`` holds (from /proc)."""
    inodes = socket_inodes(pid)
    rows = (row.split() for row in Path("/proc/net/tcp").read_text().splitlines()[1:])
    return sum(1 for row in rows if int(row[1].split(":")[1], 16) == port and row[3] == "01" and row[9] in inodes)


def test_a_worker_holds_no_more_connections_than_threads_the_rest_wait_in_the_backlog(tmp_path):
    threads = int(printed_config()["threads"])
    port = free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "-c", CONFIG, "--workers", "2", "--bind", f"127.0.0.1:{port}", "explorer.web:server"],
        env={**os.environ, "EXPLORER_DATA": str(DATA / "small.yaml"), "EXPLORER_CACHE_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    idle = []
    try:
        wait_for(f"http://127.0.0.1:{port}/_dash-layout", process)
        answer = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        answer.request("GET", "/_dash-layout")
        assert answer.getresponse().getheader("Connection") == "close", "one request per connection"
        # Clients that connect and have not sent their request yet (as a slow network's) each take
        # a thread for a while: more of them than both workers have threads.
        idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2 * threads + 3)]
        time.sleep(1.5)
        held = [established_connections_held(pid, port) for pid in workers_of(process.pid)]
        assert sorted(held) == [threads, threads], "each worker took as many as it has threads, the rest wait"
    finally:
        for connection in idle:
            connection.close()
        stop(process)


def test_command_line_options_override_the_settings():
    settings = printed_config("--workers", "3", "--bind", "127.0.0.1:9999")
    assert settings["workers"] == "3" and settings["bind"] == "['127.0.0.1:9999']"


def test_a_killed_worker_is_replaced_by_a_fork_of_the_loaded_app(tmp_path):
    data = tmp_path / "events.yaml"
    data.write_text((DATA / "small.yaml").read_text())
    port = free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "-c", CONFIG, "--workers", "1", "--bind", f"127.0.0.1:{port}", "explorer.web:server"],
        env={**os.environ, "EXPLORER_DATA": str(data), "EXPLORER_CACHE_DIR": str(tmp_path / "cache")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert b"Small test dataset" in wait_for(f"http://127.0.0.1:{port}/_dash-layout", process)
        # The file is now gone: a worker that loaded it itself could not serve it.
        data.unlink()
        (first,) = workers_of(process.pid)
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while workers_of(process.pid) in ([], [first]) and time.monotonic() < deadline:
            time.sleep(0.1)
        layout = wait_for(f"http://127.0.0.1:{port}/_dash-layout", process).decode()
        assert workers_of(process.pid) != [first]
        # Not a worker that read the file again (it would show "… has errors" and the last
        # valid version from the load cache): the master's app, forked.
        assert "Small test dataset" in layout and "has errors" not in layout
    finally:
        log = stop(process)
    assert "Worker failed to boot" not in log
