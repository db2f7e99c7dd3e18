"""The load cache: hits give the same dataset; stale, corrupt or tampered caches are ignored."""

from __future__ import annotations

import json
import shutil

import pytest

from explorer import DatasetError, load, load_cached
from explorer.cache import cache_key

from .conftest import DATA


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "data.yaml"
    shutil.copy(DATA / "small.yaml", path)
    return path


def cache_files(directory):
    """The cached datasets (body and metadata), not the last-good pointers."""
    return sorted(p.name for p in directory.glob("*.json") if not p.name.startswith("last-good-"))


def test_a_second_load_comes_from_the_cache_and_is_the_same(copy, tmp_path):
    directory = tmp_path / "cache"
    first = load_cached(copy, directory=directory)
    key = cache_key(copy.read_bytes())
    assert cache_files(directory) == [f"{key}.json", f"{key}.meta.json"]
    second = load_cached(copy, directory=directory)
    fresh = load(copy)
    assert second.events == fresh.events and second.actors == fresh.actors and second.positions == fresh.positions
    assert second.locations == fresh.locations and second.name == fresh.name
    assert first.events == second.events


def test_the_cache_is_used_not_the_yaml(copy, tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    load_cached(copy, directory=directory)
    import explorer.cache as cache_module

    monkeypatch.setattr(cache_module, "load", lambda *a, **k: pytest.fail("parsed the YAML again"))
    assert load_cached(copy, directory=directory).events


def test_a_changed_file_is_not_served_from_a_stale_cache(copy, tmp_path):
    directory = tmp_path / "cache"
    load_cached(copy, directory=directory)
    copy.write_text(copy.read_text().replace("The old conference", "The renamed conference"))
    assert load_cached(copy, directory=directory).event_by_id["old-conference"].title == "The renamed conference"


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body[: len(body) // 2],  # truncated
        lambda body: b"\x00garbage",
        lambda body: body.replace(b'"kind":"meeting"', b'"kind":"meetign"'),  # edited
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(copy, tmp_path, damage):
    directory = tmp_path / "cache"
    load_cached(copy, directory=directory)
    body_file = directory / f"{cache_key(copy.read_bytes())}.json"
    body_file.write_bytes(damage(body_file.read_bytes()))
    assert load_cached(copy, directory=directory).events == load(copy).events
    assert body_file.read_bytes() != b"\x00garbage"


def test_a_tampered_cache_with_a_matching_checksum_is_still_validated(copy, tmp_path):
    import hashlib

    directory = tmp_path / "cache"
    load_cached(copy, directory=directory)
    key = cache_key(copy.read_bytes())
    body_file, meta_file = directory / f"{key}.json", directory / f"{key}.meta.json"
    body = body_file.read_bytes().replace(b'"kind":"meeting"', b'"kind":"not-a-kind"')
    body_file.write_bytes(body)
    meta = json.loads(meta_file.read_text())
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    meta_file.write_text(json.dumps(meta))
    assert {e.kind for e in load_cached(copy, directory=directory).events} <= {
        "meeting",
        "conference",
        "statement",
        "sanction",
    }


def test_an_unwritable_cache_folder_does_not_stop_loading(copy, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert load_cached(copy, directory=blocked / "cache").events


def test_invalid_files_raise_as_load_does_and_are_not_cached(tmp_path):
    directory = tmp_path / "cache"
    with pytest.raises(DatasetError, match="unknown key `actros`"):
        load_cached(DATA / "invalid" / "unknown-key.yaml", directory=directory)
    with pytest.raises(DatasetError, match="no such file"):
        load_cached(tmp_path / "missing.yaml", directory=directory)
    assert not directory.exists() or not cache_files(directory)
