"""Live reload: a changed file is re-read; an invalid version keeps the last good data."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time

from explorer.load import load_bytes
from explorer.watch import FileWatcher
from explorer.web import create_app
from explorer.web.live import open_live_data

from .conftest import DATA

NEW_EVENT = """
  - id: new-event
    title: A new event
    date: "2025-11-01"
    kind: call
    actors: [alice]
"""


def make_watched(tmp_path):
    path = tmp_path / "watched.yaml"
    shutil.copy(DATA / "small.yaml", path)
    live = open_live_data(path)
    return path, live, watcher_for(live)


def watcher_for(live) -> FileWatcher:
    return FileWatcher(live.path, live.accept, live.refuse, interval=0.05, known_digest=live.digest)


def add_event(path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("positions:", text.lstrip("\n").rstrip() + "\npositions:", 1), encoding="utf-8")


def test_an_unchanged_file_is_not_reloaded(tmp_path):
    _, live, watcher = make_watched(tmp_path)
    version = live.version
    assert not watcher.check() and not watcher.check() and live.version == version


def test_a_valid_change_replaces_the_data(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    version = live.version
    add_event(path, NEW_EVENT)
    assert watcher.check()
    assert live.version != version and not live.problems
    assert "new-event" in live.current.dataset.event_by_id
    assert "event:new-event" in live.current.graph


def test_an_invalid_change_keeps_the_last_good_data_and_reports_located_errors(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    before, version = live.current, live.version
    add_event(path, NEW_EVENT.replace("kind: call", "kind: cal"))
    assert watcher.check()
    assert live.current is before and live.version == version and live.notice_version
    [problem] = live.problems
    assert problem.startswith(f"{path}:") and "unknown kind `cal`" in problem and "did you mean `call`?" in problem
    path.write_text((DATA / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert watcher.check()
    assert not live.problems and live.version == version and live.current is before, "the same data, not rebuilt"


def test_a_deleted_file_is_reported_not_fatal(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    path.unlink()
    assert watcher.check()
    assert "no such file" in live.problems[0] and live.current.dataset.events


def test_a_save_made_while_the_app_was_loading_is_seen(tmp_path):
    path = tmp_path / "watched.yaml"
    shutil.copy(DATA / "small.yaml", path)
    live = open_live_data(path)
    add_event(path, NEW_EVENT)  # saved after the load read the file, before the watcher starts
    watcher = watcher_for(live)
    assert watcher.check() and "new-event" in live.current.dataset.event_by_id


def test_a_second_save_with_the_same_size_and_timestamp_is_seen(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    add_event(path, NEW_EVENT)
    assert watcher.check()
    stamp = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("A new event", "A New event"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # a filesystem with coarse timestamps
    assert path.stat().st_size == stamp.st_size
    assert watcher.check() and live.current.dataset.event_by_id["new-event"].title == "A New event"


def poll(client, shown: dict) -> dict:
    """What the page's reload poll updates, given the versions it shows ({}: nothing)."""
    names = [("data-version", "data"), ("notice-version", "data"), ("reload-banner", "children")]
    body = {
        "output": ".." + "...".join(f"{name}.{prop}" for name, prop in names) + "..",
        "outputs": [{"id": name, "property": prop} for name, prop in names],
        "inputs": [{"id": "reload-poll", "property": "n_intervals", "value": 1}],
        "state": [{"id": name, "property": "data", "value": shown[name]} for name, _ in names[:2]],
        "changedPropIds": ["reload-poll.n_intervals"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.data
    return response.get_json()["response"] if response.status_code == 200 else {}


def stores(client) -> dict:
    """The versions in a freshly loaded page."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Store" and node["props"]["id"] in ("data-version", "notice-version"):
                found[node["props"]["id"]] = node["props"]["data"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(client.get("/_dash-layout").data))
    return found


def test_a_page_redraws_only_when_the_data_changed(tmp_path):
    path = tmp_path / "watched.yaml"
    shutil.copy(DATA / "small.yaml", path)
    app = create_app(path, watch=True, watch_interval=600)  # checks run by hand below
    client, watcher = app.server.test_client(), app.explorer_watcher
    try:
        shown = stores(client)
        assert poll(client, shown) == {}
        path.write_bytes(path.read_bytes())  # saved again, unchanged
        watcher.check()
        assert poll(client, shown) == {}, "nothing to redraw"
        add_event(path, NEW_EVENT)
        assert watcher.check()
        update = poll(client, shown)
        assert update["data-version"]["data"] not in ("", shown["data-version"])
        assert "notice-version" not in update, "no errors, no banner change"
        assert stores(client)["data-version"] == update["data-version"]["data"], "a new visit gets the new version"
    finally:
        watcher.stop()


def wait_until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_the_watcher_survives_any_error_and_keeps_watching(tmp_path):
    path, live, _ = make_watched(tmp_path)
    failures = [ImportError("cannot import name 'x' (out of memory)")]
    reported = []

    def parse(content: bytes, name: str):
        if failures:
            raise failures.pop()
        return load_bytes(content, name)

    def refuse(problems):
        reported.extend(str(problem) for problem in problems)
        live.refuse(problems)

    watcher = FileWatcher(path, live.accept, refuse, interval=0.05, parse=parse, known_digest=live.digest).start()
    try:
        add_event(path, NEW_EVENT)
        assert wait_until(lambda: "new-event" in live.current.dataset.event_by_id), "the next look loads the save"
        assert any("could not reload the file: ImportError" in problem for problem in reported)
        assert not live.problems
        add_event(path, NEW_EVENT.replace("new-event", "later-event"))
        assert wait_until(lambda: "later-event" in live.current.dataset.event_by_id), "and it keeps watching"
    finally:
        watcher.stop()


def test_a_fifo_in_place_of_the_file_is_refused_without_blocking(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    path.unlink()
    os.mkfifo(path)
    looking = threading.Thread(target=watcher.check, daemon=True)
    looking.start()
    looking.join(timeout=10)
    if looking.is_alive():  # blocked opening the FIFO: let it go before failing
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    assert not looking.is_alive(), "the watcher blocked on the FIFO"
    [problem] = live.problems
    assert problem == (
        f"{path}: error: is a FIFO (named pipe), not a regular file — give the path of a data file saved on disk "
        "(save piped or downloaded data to a file first)"
    )


def test_a_reloaded_version_draws_its_network(tmp_path):
    from explorer import query
    from explorer.figures.network import network_figure

    path, live, watcher = make_watched(tmp_path)
    add_event(path, NEW_EVENT)
    assert watcher.check()
    figure = network_figure(query(live.current.graph), limit=None)
    drawn = {point[0] for trace in figure.data if trace.customdata is not None for point in trace.customdata}
    assert "event:new-event" in drawn and "actor:alice" in drawn
