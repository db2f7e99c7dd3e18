"""Bulk building at 100,000 events runs with cyclic garbage collection held off (each full
collection would rescan the whole loaded dataset), and turns it back on after."""

from __future__ import annotations

import gc

import explorer.event_table as event_table
import explorer.graph
from explorer import build_graph
from explorer.gc_pause import gc_paused
from explorer.graph import Filters, query_filters


def collector_states_while_rows_are_made(monkeypatch, make) -> list[bool]:
    states: list[bool] = []
    real = event_table.event_row

    def recording(event, names):
        states.append(gc.isenabled())
        return real(event, names)

    monkeypatch.setattr(event_table, "event_row", recording)
    make()
    return states


def test_rows_and_listings_are_made_with_the_collector_off(monkeypatch, small_graph):
    view = query_filters(small_graph, Filters())
    for make in (lambda: event_table.rows_by_event(view), lambda: event_table.listed_rows(view)):
        states = collector_states_while_rows_are_made(monkeypatch, make)
        assert states and not any(states), "a row was made with the collector on"
        assert gc.isenabled(), "the collector is on again after"


def test_the_query_index_is_built_with_the_collector_off(monkeypatch, small_dataset):
    graph = build_graph(small_dataset)
    states: list[bool] = []
    real = explorer.graph._built_index
    monkeypatch.setattr(explorer.graph, "_built_index", lambda g: states.append(gc.isenabled()) or real(g))
    query_filters(graph, Filters())
    assert states == [False], "the index was built with the collector on"
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
