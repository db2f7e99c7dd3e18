"""A dataset in several files: a folder of YAML files merged into one, errors located per file."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from explorer import DatasetError, load
from explorer.cache import content_digest
from explorer.lint import lint
from explorer.load_dir import read_source
from explorer.watch import FileWatcher

from .conftest import CURATED, DATA

MULTI = DATA / "multi"


def test_folder_is_merged_with_references_across_files():
    dataset = load(MULTI / "valid")
    assert dataset.name == "A dataset in several files"
    assert [e.id for e in dataset.events] == ["first-talk", "second-talk"]  # subfolder files in name order
    assert (len(dataset.actors), len(dataset.topics), len(dataset.positions)) == (3, 1, 1)
    second = dataset.location_of("event", "second-talk")
    assert (second.path, second.line, second.column) == (str(MULTI / "valid" / "events" / "2025.yml"), 2, 5)
    assert dataset.location_of("actor", "bob").path == str(MULTI / "valid" / "actors.yaml")
    assert dataset.location_of("position", "0").path.endswith("2025.yml")


def test_every_error_is_located_in_its_own_file():
    folder = MULTI / "invalid"
    with pytest.raises(DatasetError) as raised:
        load(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{folder / 'b.yaml'}:2:10: error: duplicate actor id `alice` (actor alice)"
        f" — first defined in {folder / 'a.yaml'} at line 2; ids must be unique",
        f"{folder / 'b.yaml'}:7:11: error: unknown kind `meetign` (event reply) — did you mean `meeting`?",
        f"{folder / 'b.yaml'}:8:14: error: unknown actor `alise` (event reply) — did you mean `alice`?",
    ]


def test_syntax_errors_of_several_files_are_all_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("events:\n  - id: x\n    title: 'unclosed\n")
    (tmp_path / "b.yaml").write_text("actors:\n\t- bad\n")
    with pytest.raises(DatasetError) as raised:
        load(tmp_path)
    assert [p.path for p in raised.value.problems] == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(DatasetError, match="the folder holds no .yaml file"):
        load(tmp_path)


def split_curated(folder):
    """The curated file cut into four files (metadata and topics, actors, two halves of the events)."""
    document = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    pieces = {
        "0-about.yaml": {key: document[key] for key in ("name", "description", "topics")},
        "1-actors.yaml": {"actors": document["actors"]},
        "2-events.yaml": {"events": document["events"][:40]},
        "3-events.yaml": {"events": document["events"][40:], "positions": document["positions"]},
    }
    for name, piece in pieces.items():
        (folder / name).write_text(yaml.safe_dump(piece, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_curated_file_split_in_four_gives_the_same_dataset(tmp_path):
    split_curated(tmp_path)
    whole, parts = load(CURATED), load(tmp_path)
    assert (parts.events, parts.actors, parts.topics, parts.positions) == (
        whole.events,
        whole.actors,
        whole.topics,
        whole.positions,
    )
    assert parts.name == whole.name


def test_lint_locates_warnings_in_the_file_they_come_from(tmp_path):
    text = (DATA / "lint" / "speaker-not-actor.yaml").read_text()
    actors, events = text.split("events:\n")
    (tmp_path / "actors.yaml").write_text(actors)
    (tmp_path / "events.yaml").write_text("events:\n" + events)
    [warning] = lint(load(tmp_path))
    assert str(warning.location) == f"{tmp_path / 'events.yaml'}:11:18"


def test_watching_a_folder_sees_a_change_in_any_file(tmp_path):
    shutil.copytree(MULTI / "valid", tmp_path / "data")
    folder = tmp_path / "data"
    valid, invalid = [], []
    known = content_digest(read_source(folder))  # the version the app loaded
    watcher = FileWatcher(folder, lambda data, _: valid.append(data), invalid.append, interval=0.05, known_digest=known)
    assert not watcher.check()
    (folder / "events" / "2024.yaml").write_text((folder / "events" / "2024.yaml").read_text().replace("First", "1st"))
    assert watcher.check() and valid[-1].event_by_id["first-talk"].title == "1st talk"
    (folder / "more.yaml").write_text("events:\n  - {id: x, title: X, date: '2025', kind: call, actors: [carol]}\n")
    assert watcher.check() and "unknown actor `carol`" in str(invalid[-1][0])
    assert str(invalid[-1][0]).startswith(f"{folder / 'more.yaml'}:2:")


def test_cli_validates_a_folder():
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "validate", str(MULTI / "valid")], capture_output=True, text=True
    )
    assert result.returncode == 0 and "valid — 3 actors, 2 events, 1 topics, 1 positions" in result.stdout
