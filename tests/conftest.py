"""Shared fixtures: paths to the test data and a loaded small dataset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer import build_graph, load

DATA = Path(__file__).parent / "data"
CURATED = Path(__file__).parent.parent / "data" / "events.yaml"


@pytest.fixture(scope="session", autouse=True)
def response_cache_folder(tmp_path_factory):
    """The apps of a test run share a response cache of their own, not the user's."""
    previous = os.environ.get("EXPLORER_CACHE_URL")
    os.environ["EXPLORER_CACHE_URL"] = str(tmp_path_factory.mktemp("responses"))
    yield
    if previous is None:
        os.environ.pop("EXPLORER_CACHE_URL", None)
    else:
        os.environ["EXPLORER_CACHE_URL"] = previous


@pytest.fixture(scope="session")
def small_dataset():
    return load(DATA / "small.yaml")


@pytest.fixture(scope="session")
def small_graph(small_dataset):
    return build_graph(small_dataset)
