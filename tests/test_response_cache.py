"""The shared response cache: a callback's answer is stored under the data version and the
page state, read back by another worker (another app on the same folder, or on the same
Redis), never across data versions, never for the export or the reload poll; the folder is
bounded; and with Redis gone the app goes on answering, uncached."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from dataclasses import replace

import pytest
import redis

from explorer.web import create_app
from explorer.web import response_cache as response_cache_module

from .conftest import DATA
from .test_bad_requests import Records, callback_body, draw

CALLBACK = "/_dash-update-component"


def answer(app, search: str = ""):
    """The page's render request for ``search`` sent to ``app``."""
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    return client.post(CALLBACK, json=callback_body(draw(dependencies), {"url.search": search}, "url.search"))


def app_on(url: str, monkeypatch, data=DATA / "small.yaml"):
    monkeypatch.setenv("EXPLORER_CACHE_URL", url)
    return create_app(data)


def test_a_second_worker_reads_the_first_ones_answer(tmp_path, monkeypatch):
    first, second = app_on(str(tmp_path), monkeypatch), app_on(str(tmp_path), monkeypatch)
    drawn = answer(first, "?view=network")
    assert drawn.headers["X-Explorer-Cache"] == "miss"
    stored = answer(second, "?view=network")
    assert stored.headers["X-Explorer-Cache"] == "hit" and stored.data == drawn.data
    assert answer(second, "?view=positions").headers["X-Explorer-Cache"] == "miss", "another state, another entry"


def test_another_data_version_never_reads_an_answer_it_did_not_draw(tmp_path, monkeypatch):
    changed = tmp_path / "changed.yaml"
    changed.write_text((DATA / "small.yaml").read_text().replace("Small test dataset", "Changed dataset"))
    folder = str(tmp_path / "cache")
    answer(app_on(folder, monkeypatch), "")
    fresh = answer(app_on(folder, monkeypatch, changed), "")
    assert fresh.headers["X-Explorer-Cache"] == "miss"


def test_the_data_version_follows_a_reload(tmp_path, monkeypatch):
    app = app_on(str(tmp_path), monkeypatch)
    answer(app)
    live = app.explorer_data
    dataset = live.current.dataset
    live.accept(replace(dataset, events=dataset.events[:1]), "another version of the file")
    reloaded = answer(app)
    assert reloaded.headers["X-Explorer-Cache"] == "miss"
    assert reloaded.get_json()["response"]["counts"]["children"].startswith("1 events")


def test_the_export_and_the_reload_poll_are_never_stored(tmp_path, monkeypatch):
    app = app_on(str(tmp_path), monkeypatch)
    cache = app.explorer_response_cache
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    for dependency in dependencies:
        body = callback_body(dependency, {}, "x.y")
        is_stored = cache.key_for(body) is not None
        assert is_stored == ("download.data" not in body["output"] and "data-version.data" not in body["output"])


def test_the_folder_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(response_cache_module, "ENTRIES", 4)
    app = app_on(str(tmp_path), monkeypatch)
    for number in range(12):
        answer(app, f"?q=word{number}")
    kept = [p for p in tmp_path.iterdir() if not p.name.startswith("__")]
    assert len(kept) <= 4 + 2, "pruned to the bound (a store may overshoot by the entry being written)"


def test_no_cache_when_turned_off(monkeypatch):
    app = app_on("none", monkeypatch)
    assert "X-Explorer-Cache" not in answer(app).headers and "X-Explorer-Cache" not in answer(app).headers


# -- Redis ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throw-away redis-server on 127.0.0.1 at ``port``, keeping nothing on disk."""

    def __init__(self, port: int, folder):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)", pytrace=False)
        self.port = port
        self.process = subprocess.Popen(
            [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def test_redis_is_shared_by_workers_and_its_loss_only_slows_the_app(tmp_path, monkeypatch):
    redis_port = free_port()
    monkeypatch.setattr(response_cache_module, "RETRY_SECONDS", 0.2)
    server = RedisServer(redis_port, tmp_path)
    url = f"redis://127.0.0.1:{redis_port}/0"
    records = Records()
    logging.getLogger().addHandler(records)
    try:
        first, second = app_on(url, monkeypatch), app_on(url, monkeypatch)
        drawn = answer(first, "?view=network")
        assert drawn.headers["X-Explorer-Cache"] == "miss"
        assert server.client.keys("explorer:response:*"), "the answer is in Redis"
        stored = answer(second, "?view=network")
        assert stored.headers["X-Explorer-Cache"] == "hit" and stored.data == drawn.data

        server.stop()  # Redis goes away mid-run
        for search in ("?view=network", "?view=positions", "", "?q=summit"):
            uncached = answer(second, search)
            assert uncached.status_code == 200 and uncached.headers["X-Explorer-Cache"] == "off"
        assert uncached.get_json()["response"]["counts"]["children"]
        warnings = [line for line in records.lines() if "response cache unavailable" in line]
        assert len(warnings) == 1, records.lines()

        server = RedisServer(redis_port, tmp_path)  # and comes back, empty
        time.sleep(0.3)
        assert answer(second, "?view=network").headers["X-Explorer-Cache"] == "miss"
        assert answer(first, "?view=network").headers["X-Explorer-Cache"] == "hit"
    finally:
        logging.getLogger().removeHandler(records)
        server.stop()
