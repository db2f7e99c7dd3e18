"""explorer: a timeline and event-graph explorer for diplomacy and conflict.

Public API::

    from explorer import load, build_graph, query, DatasetError
    graph = build_graph(load("data/events.yaml"))
    view = query(graph, actors=["kirill-dmitriev"], start="2025")
"""

from .errors import DatasetError, Problem
from .graph import Filters, View, build_graph, query
from .load import load, loads
from .model import Dataset, FuzzyDate

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "DatasetError",
    "Filters",
    "FuzzyDate",
    "Problem",
    "View",
    "build_graph",
    "load",
    "loads",
    "query",
]
