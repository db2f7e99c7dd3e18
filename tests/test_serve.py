"""Server defaults and production serving: loopback and no debugger unless asked, debug refused
on a public address, and the WSGI entry point under gunicorn."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from explorer.cli import build_parser

from .conftest import DATA


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.communicate()[1]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def socket_inodes(pid: int) -> set[str]:
    """The inodes of the sockets ``pid`` holds open (from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_addresses(pid: int) -> set[str]:
    """Local addresses of the listening TCP sockets of ``pid`` (from /proc)."""
    inodes = socket_inodes(pid)
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                addresses.add(fields[1].split(":")[0])
    return addresses


def test_serve_defaults_are_loopback_and_no_debug():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.debug, args.watch) == ("127.0.0.1", 8050, False, False)


def test_serve_listens_on_loopback_only():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", str(DATA / "small.yaml"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert b"Small test dataset" in wait_for(f"http://127.0.0.1:{port}/", process)
        assert listening_addresses(process.pid) == {"0100007F"}, "only 127.0.0.1"
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert "Debug mode: off" in out + err


def test_debug_on_a_public_address_is_refused():
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "serve", "--debug", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--debug on 0.0.0.0 is refused" in result.stderr
    assert "run code" in result.stderr and "Traceback" not in result.stderr


def test_serving_an_invalid_file_fails_with_located_errors():
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "serve", str(DATA / "invalid" / "unknown-kind.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "unknown kind `meetign`" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("workers", [2])
def test_the_wsgi_entry_point_runs_under_gunicorn(workers):
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "explorer.web:server"],
        env={**os.environ, "EXPLORER_DATA": str(DATA / "small.yaml")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert b"Small test dataset" in wait_for(f"http://127.0.0.1:{port}/", process)
        assert b'"url"' in wait_for(f"http://127.0.0.1:{port}/_dash-layout", process)
    finally:
        process.terminate()
        process.communicate(timeout=30)


def start_gunicorn(data: Path, cache: Path, *extra: str, watch: bool = True) -> tuple[subprocess.Popen, int]:
    """gunicorn with two workers serving ``data`` (log on stderr, read it after stopping)."""
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    environment = {
        **os.environ,
        "EXPLORER_DATA": str(data),
        "EXPLORER_CACHE_DIR": str(cache),
        "EXPLORER_WATCH": "1" if watch else "0",
    }
    process = subprocess.Popen(
        [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", *extra, "explorer.web:server"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, port


def workers_of(master: int) -> list[int]:
    """The pids of ``master``'s child processes (from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    return process.communicate(timeout=30)[1]


def test_workers_restarted_on_an_invalid_file_serve_the_last_good_version_with_the_errors(tmp_path):
    data = tmp_path / "events.yaml"
    shutil.copy(DATA / "small.yaml", data)
    process, port = start_gunicorn(data, tmp_path / "cache")
    try:
        wait_for(f"http://127.0.0.1:{port}/", process)
        data.write_text(data.read_text().replace("kind: sanction", "kind: sanctoin"))
        for worker in workers_of(process.pid):
            os.kill(worker, signal.SIGKILL)  # as an out-of-memory kill would
        time.sleep(1)
        deadline = time.monotonic() + 60
        while len(workers_of(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        for _ in range(6):  # every worker now booted on the invalid file
            layout = wait_for(f"http://127.0.0.1:{port}/_dash-layout", process).decode()
            assert "Small test dataset" in layout, "the last good version is served"
            assert "unknown kind `sanctoin`" in layout and "did you mean `sanction`?" in layout
        assert process.poll() is None, "the gunicorn master is still running"
    finally:
        log = stop(process)
    assert "Worker failed to boot" not in log


def test_a_worker_that_never_saw_a_valid_file_boots_and_says_what_is_wrong(tmp_path):
    data = tmp_path / "events.yaml"
    data.write_text((DATA / "small.yaml").read_text().replace("kind: sanction", "kind: sanctoin"))
    process, port = start_gunicorn(data, tmp_path / "cache", watch=False)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/", process).decode()
        assert "events — explorer" in page
        layout = wait_for(f"http://127.0.0.1:{port}/_dash-layout", process).decode()
        assert "has errors" in layout and "unknown kind `sanctoin`" in layout
        assert process.poll() is None
    finally:
        stop(process)


@pytest.mark.parametrize("preload", [[], ["--preload"]], ids=["workers-load", "preloaded"])
def test_every_worker_serves_a_saved_version(tmp_path, preload):
    data = tmp_path / "events.yaml"
    shutil.copy(DATA / "small.yaml", data)
    process, port = start_gunicorn(data, tmp_path / "cache", *preload)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process)
        data.write_text(data.read_text().replace("name: Small test dataset", "name: Saved test dataset"))
        deadline, agreeing = time.monotonic() + 60, 0
        while agreeing < 20 and time.monotonic() < deadline:
            layout = wait_for(f"http://127.0.0.1:{port}/_dash-layout", process)
            agreeing = agreeing + 1 if b"Saved test dataset" in layout else 0
        assert agreeing == 20, "every worker serves the saved version"
    finally:
        stop(process)


def test_serve_tells_each_step_of_the_start_then_that_the_page_is_ready(tmp_path):
    data = tmp_path / "generated.yaml"
    subprocess.run(
        [sys.executable, "-m", "explorer", "generate", "--events", "300", "-o", str(data)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", str(data), "--port", str(port), "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while not lines or "ready" not in lines[-1]:
            line = process.stderr.readline()
            assert line, f"serve stopped before it was ready: {lines}"
            lines.append(line.strip())
        url = f"http://127.0.0.1:{port}/"
        assert b"explorer" in wait_for(url, process)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    steps = ["reading", "parsing", "validating 300 events", "building the graph of 300 events", "laying out", "ready"]
    found = [next((n for n, line in enumerate(lines) if step in line), None) for step in steps]
    assert None not in found and found == sorted(found), lines
    assert all(line.startswith("explorer: ") for line in lines), lines
    assert lines[-1] == f"explorer: ready: open {url} in a browser to explore {data} (Ctrl+C to stop)"
