"""Shared fixtures: paths to the test data and a loaded small dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import build_graph, load

DATA = Path(__file__).parent / "data"
CURATED = Path(__file__).parent.parent / "data" / "events.yaml"


@pytest.fixture(scope="session")
def small_dataset():
    return load(DATA / "small.yaml")


@pytest.fixture(scope="session")
def small_graph(small_dataset):
    return build_graph(small_dataset)
