"""Live reload: a changed file is re-read; an invalid version keeps the last good data."""

from __future__ import annotations

import shutil

from explorer.watch import FileWatcher
from explorer.web import AppData, LiveData

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
    from explorer import load

    live = LiveData(AppData.from_dataset(load(path)), str(path))
    watcher = FileWatcher(path, live.accept, live.refuse, interval=0.05)
    return path, live, watcher


def add_event(path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("positions:", text.lstrip("\n").rstrip() + "\npositions:", 1), encoding="utf-8")


def test_an_unchanged_file_is_not_reloaded(tmp_path):
    _, live, watcher = make_watched(tmp_path)
    assert not watcher.check() and live.version == 0


def test_a_valid_change_replaces_the_data(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    add_event(path, NEW_EVENT.replace("\n  ", "\n  ", 1))
    assert watcher.check()
    assert live.version == 1 and not live.problems
    assert "new-event" in live.current.dataset.event_by_id
    assert "event:new-event" in live.current.graph


def test_an_invalid_change_keeps_the_last_good_data_and_reports_located_errors(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    before = live.current
    add_event(path, NEW_EVENT.replace("kind: call", "kind: cal"))
    assert watcher.check()
    assert live.current is before and live.version == 1
    [problem] = live.problems
    assert problem.startswith(f"{path}:") and "unknown kind `cal`" in problem and "did you mean `call`?" in problem
    path.write_text((DATA / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert watcher.check()
    assert not live.problems and live.version == 2


def test_a_deleted_file_is_reported_not_fatal(tmp_path):
    path, live, watcher = make_watched(tmp_path)
    path.unlink()
    assert watcher.check()
    assert "no such file" in live.problems[0] and live.current.dataset.events
