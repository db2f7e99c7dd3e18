"""The browser app: ``create_app`` builds a Dash app for a data file.

Nothing here holds data logic: callbacks read the dataset and graph that ``AppData`` holds,
and call :func:`explorer.graph.query_filters` and the figure functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from dash import Dash

from ..graph import build_graph
from ..layout import network_positions
from ..load import load
from ..model import Dataset
from .callbacks import register
from .layout import page_layout


@dataclass
class AppData:
    """The dataset the app serves, its graph and the graph's (cached) network layout."""

    dataset: Dataset
    graph: nx.MultiDiGraph

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> AppData:
        graph = build_graph(dataset)
        network_positions(graph)
        return cls(dataset, graph)


def assets_folder() -> Path:
    """``assets/`` of the checkout, or the copy installed with the package."""
    checkout = Path(__file__).resolve().parents[2] / "assets"
    return checkout if checkout.is_dir() else Path(__file__).resolve().parents[1] / "assets"


def create_app(data: str | Path | Dataset | None = None) -> Dash:
    """A Dash app exploring ``data`` (a path, a loaded Dataset, or the curated dataset)."""
    if data is None:
        from ..cli import default_data_path

        data = default_data_path()
    dataset = data if isinstance(data, Dataset) else load(data)
    app_data = AppData.from_dataset(dataset)
    app = Dash(
        __name__,
        title=f"{dataset.name} — explorer",
        assets_folder=str(assets_folder()),
        update_title=None,
    )
    app.layout = page_layout(dataset)
    register(app, app_data)
    app.explorer_data = app_data  # type: ignore[attr-defined]
    return app
