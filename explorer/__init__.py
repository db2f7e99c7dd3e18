"""explorer: a timeline and event-graph explorer for diplomacy and conflict.

Public API::

    from explorer import load, build_graph, query, DatasetError
    graph = build_graph(load("data/events.yaml"))
    view = query(graph, actors=["kirill-dmitriev"], start="2025")
"""

from ._version import __version__
from .cache import load_cached
from .errors import DatasetError, Problem
from .graph import Filters, View, build_graph, query
from .load import load, loads
from .model import Dataset, FuzzyDate

__all__ = [
    "__version__",
    "Dataset",
    "DatasetError",
    "Filters",
    "FuzzyDate",
    "Problem",
    "View",
    "build_graph",
    "load",
    "load_cached",
    "loads",
    "query",
]
