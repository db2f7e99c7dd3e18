"""The graph keeps every field; query filters by actor, date, kind, topic and text."""

from __future__ import annotations

from explorer import query
from explorer.graph import stats


def test_nodes_are_prefixed_by_kind(small_graph):
    assert {n.split(":")[0] for n in small_graph.nodes} == {"actor", "event", "topic"}
    assert small_graph.nodes["event:summer-meeting"]["type"] == "event"
    assert small_graph.nodes["actor:alice"]["label"] == "Alice Example"


def test_every_yaml_field_is_kept_on_the_node(small_graph, small_dataset):
    node = small_graph.nodes["event:old-conference"]
    assert str(node["date"]) == "1945-02-04" and str(node["end"]) == "1945-02-11"
    assert node["location"] == "Livadia Palace"
    assert node["sources"][0].publisher == "Press"
    assert set(type(small_dataset.events[0]).model_fields) <= set(node)


def test_edges_carry_their_kind_and_attributes(small_graph):
    roles = {(u, v): d["role"] for u, v, d in small_graph.edges(data=True) if d["type"] == "participated"}
    assert roles[("actor:bob", "event:old-conference")] == "host"
    links = {(u, v, d["kind"]) for u, v, d in small_graph.edges(data=True) if d["type"] == "link"}
    assert links == {
        ("event:the-statement", "event:old-conference", "compares_to"),
        ("event:the-statement", "event:summer-meeting", "follows"),
    }
    stances = [d["stance"] for _, _, d in small_graph.edges("actor:alice", data=True) if d["type"] == "position"]
    assert stances == ["supports"]


def test_query_by_actor_keeps_only_their_events(small_graph):
    view = query(small_graph, actors=["bob"])
    assert [e.id for e in view.events] == ["old-conference", "summer-meeting"]
    assert "actor:bob" in view.graph and "event:sanction-package" not in view.graph


def test_query_from_a_day_keeps_an_event_dated_to_its_month(small_graph):
    view = query(small_graph, start="2025-08-15")
    assert [e.id for e in view.events] == ["summer-meeting", "the-statement", "sanction-package"]


def test_query_date_range_and_kind(small_graph):
    assert [e.id for e in query(small_graph, start="1945", end="1945").events] == ["old-conference"]
    assert [e.id for e in query(small_graph, kinds=["sanction", "statement"]).events] == [
        "the-statement",
        "sanction-package",
    ]


def test_query_by_topic_includes_events_where_a_position_was_stated(small_graph):
    assert [e.id for e in query(small_graph, topics=["ceasefire"]).events] == ["summer-meeting"]


def test_query_text_searches_titles_summaries_and_quotes(small_graph):
    assert [e.id for e in query(small_graph, text="TRUCE").events] == ["summer-meeting"]
    assert [e.id for e in query(small_graph, text="peace near").events] == ["summer-meeting"]
    assert [e.id for e in query(small_graph, text="energy").events] == ["sanction-package"]
    assert query(small_graph, text="nothing-like-this").is_empty


def test_events_come_in_time_order(small_graph):
    dates = [e.first for e in query(small_graph).events]
    assert dates == sorted(dates)


def test_stats_count_and_rank(small_graph):
    figures = stats(small_graph)
    assert figures.counts["events"] == 4 and figures.counts["edges"] == small_graph.number_of_edges()
    assert figures.most_connected[0] == ("alice", "Alice Example", 3)
    assert figures.first.isoformat() == "1945-02-04" and figures.last.isoformat() == "2025-10-22"


def test_date_queries_match_a_brute_force_scan():
    """The bisected date search finds exactly the events a full scan finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from explorer import build_graph, load
    from explorer.model import DateRange, FuzzyDate

    from .conftest import CURATED

    dataset = load(CURATED)
    graph = build_graph(dataset)
    bounds = st.one_of(
        st.none(),
        st.builds(
            lambda y, m, d, p: FuzzyDate.parse("-".join([f"{y:04d}", f"{m:02d}", f"{d:02d}"][: p + 1])),
            st.integers(1940, 2027),
            st.integers(1, 12),
            st.integers(1, 28),
            st.integers(0, 2),
        ),
    )

    @settings(max_examples=300, deadline=None)
    @given(bounds, bounds)
    def check(start, end):
        expected = {e.id for e in dataset.events if DateRange(start, end).contains_span(e.first, e.last)}
        assert {e.id for e in query(graph, start=start, end=end).events} == expected

    check()


def test_nodes_hold_the_record_fields_and_nothing_cached(small_dataset):
    from explorer import build_graph

    query(build_graph(small_dataset), start="2025")  # caches first/last days on the events
    node = build_graph(small_dataset).nodes["event:summer-meeting"]
    assert set(node) == set(type(small_dataset.events[0]).model_fields) | {"type", "label"}
