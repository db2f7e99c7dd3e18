"""The response cache's folder store (explorer.web.file_store): past its threshold a write
prunes the expired and oldest entries down to nine tenths of the threshold in one pass, so the
writes after it prune nothing (cachelib's prune, run on every write, removed one entry and read
every entry's header twice each time)."""

from __future__ import annotations

import fcntl
import time

from flask import Flask
from flask_caching import Cache

from explorer.web import file_store
from explorer.web.file_store import FileSystemStore
from explorer.web.response_cache import cache_config


def store_in(folder, threshold: int) -> FileSystemStore:
    return FileSystemStore(str(folder), threshold=threshold, default_timeout=3600)


def entries_in(store: FileSystemStore) -> int:
    """The entry files in the store's folder (its count file left out)."""
    return len(list(store._list_dir()))


def test_past_the_threshold_a_write_makes_room_for_a_tenth(tmp_path):
    store = store_in(tmp_path, threshold=20)
    for number in range(21):
        store.set(f"entry {number}", number)
    assert store._file_count == 21, "the bound is passed by the write that finds the folder full"
    store.set("entry 21", 21)
    assert entries_in(store) == store._file_count == 18 + 1, "pruned to 9/10 of 20, then written"
    assert [store.get(f"entry {number}") for number in range(3)] == [None] * 3, "the oldest went first"
    assert [store.get(f"entry {number}") for number in range(3, 22)] == list(range(3, 22))


def test_the_writes_after_a_prune_remove_nothing(tmp_path):
    store = store_in(tmp_path, threshold=20)
    for number in range(22):
        store.set(f"entry {number}", number)
    for number in range(22, 24):
        store.set(f"entry {number}", number)
    assert entries_in(store) == store._file_count == 21
    assert [store.get(f"entry {number}") for number in range(3, 24)] == list(range(3, 24))


def test_expired_entries_go_too(tmp_path):
    store = store_in(tmp_path, threshold=10)
    for number in range(5):
        store.set(f"short-lived {number}", number, timeout=1)
    for number in range(6):
        store.set(f"entry {number}", number)
    time.sleep(1.1)
    store.set("entry 6", 6)
    assert entries_in(store) == store._file_count == 7, "5 expired gone, more than the 2 needed"
    assert [store.get(f"entry {number}") for number in range(7)] == list(range(7))


def test_while_one_writer_prunes_the_others_write_without_pruning(tmp_path):
    store = store_in(tmp_path, threshold=10)
    for number in range(11):
        store.set(f"entry {number}", number)
    with open(tmp_path / file_store.PRUNE_LOCK, "ab") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker is pruning
        for number in range(11, 14):
            store.set(f"entry {number}", number)
        assert entries_in(store) == store._file_count == 14, "nothing pruned meanwhile"
        fcntl.flock(lock, fcntl.LOCK_UN)
    store.set("entry 14", 14)
    assert entries_in(store) == store._file_count == 9 + 1
    assert [store.get(f"entry {number}") for number in range(5, 15)] == list(range(5, 15))


def test_the_response_cache_uses_it_by_default(tmp_path):
    server = Flask(__name__)
    cache = Cache(server, config=cache_config(None, tmp_path))
    assert isinstance(cache.cache, FileSystemStore)
    assert isinstance(Cache(Flask(__name__), config=cache_config(str(tmp_path), tmp_path)).cache, FileSystemStore)
