"""Property tests: random valid datasets load with matching graph counts; random
mutations and arbitrary input end in DatasetError, never in another exception."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import Dataset, DatasetError, build_graph, loads
from explorer.model import ACTOR_KINDS, EVENT_KINDS, LINK_KINDS, STANCES

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    str.strip
)


def _iso(year: int, month: int, day: int, precision: int) -> str:
    return "-".join([f"{year:04d}", f"{month:02d}", f"{day:02d}"][: precision + 1])


dates = st.builds(_iso, st.integers(1900, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2))


@st.composite
def datasets(draw) -> dict:
    actor_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    topic_ids = draw(st.lists(slugs, max_size=3, unique=True))
    event_ids = draw(st.lists(slugs, min_size=1, max_size=8, unique=True))
    actors = []
    for actor_id in actor_ids:
        actor = {"id": actor_id, "name": draw(texts), "kind": draw(st.sampled_from(ACTOR_KINDS))}
        others = [a for a in actor_ids if a != actor_id]
        if others:
            actor["affiliations"] = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        actors.append(actor)
    events = []
    for event_id in event_ids:
        others = [e for e in event_ids if e != event_id]
        event = {
            "id": event_id,
            "title": draw(texts),
            "date": draw(dates),
            "kind": draw(st.sampled_from(EVENT_KINDS)),
            "actors": [
                draw(st.sampled_from([a, {"actor": a, "role": "host"}]))
                for a in draw(st.lists(st.sampled_from(actor_ids), max_size=3, unique=True))
            ],
            "links": [
                {"to": target, "kind": draw(st.sampled_from(LINK_KINDS))}
                for target in draw(st.lists(st.sampled_from(others or [None]), max_size=2, unique=True))
                if target
            ],
        }
        if topic_ids:
            event["topics"] = draw(st.lists(st.sampled_from(topic_ids), max_size=2, unique=True))
        events.append(event)
    positions = []
    if topic_ids:
        for _ in range(draw(st.integers(0, 4))):
            positions.append(
                {
                    "actor": draw(st.sampled_from(actor_ids)),
                    "topic": draw(st.sampled_from(topic_ids)),
                    "stance": draw(st.sampled_from(STANCES)),
                    "date": draw(dates),
                }
            )
    return {
        "name": "random",
        "actors": actors,
        "topics": [{"id": t, "name": t.upper()} for t in topic_ids],
        "events": events,
        "positions": positions,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_random_valid_datasets_load_and_graph_counts_match(document):
    dataset = loads(yaml.safe_dump(document, allow_unicode=True), "random.yaml")
    graph = build_graph(dataset)
    assert graph.number_of_nodes() == len(document["actors"]) + len(document["events"]) + len(document["topics"])
    expected_edges = (
        sum(len(a.get("affiliations", [])) for a in document["actors"])
        + sum(len(e["actors"]) + len(e["links"]) + len(e.get("topics", [])) for e in document["events"])
        + len(document["positions"])
    )
    assert graph.number_of_edges() == expected_edges
    assert [e.id for e in dataset.events] == [e["id"] for e in document["events"]]


BREAKERS = ["delete-required", "unknown-key", "unknown-reference", "wrong-type", "bad-date", "duplicate-id"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.sampled_from(BREAKERS), st.data())
def test_mutations_that_break_the_contract_give_dataset_error(document, breaker, data):
    broken = copy.deepcopy(document)
    section = data.draw(st.sampled_from(["actors", "events"]))
    item = data.draw(st.sampled_from(broken[section]))
    if breaker == "delete-required":
        del item[data.draw(st.sampled_from(["id", "kind", "name" if section == "actors" else "title"]))]
    elif breaker == "unknown-key":
        item["no_such_key"] = "x"
    elif breaker == "unknown-reference":
        broken["events"][0]["actors"] = ["nobody-here"]
    elif breaker == "wrong-type":
        wrong = st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), max_size=2), st.none())
        item["kind"] = data.draw(wrong)
    elif breaker == "bad-date":
        broken["events"][0]["date"] = data.draw(st.sampled_from(["2025-13-01", "Aug 15", "2025-02-30", "soon", True]))
    elif breaker == "duplicate-id":
        broken[section].append(copy.deepcopy(item))
    try:
        loads(yaml.safe_dump(broken, allow_unicode=True), "broken.yaml")
    except DatasetError as error:
        assert error.problems and all(p.line >= 1 for p in error.problems)
    else:
        raise AssertionError(f"{breaker} mutation loaded without error")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(yaml_values, st.dictionaries(st.sampled_from(["actors", "events", "topics"]), yaml_values)))
def test_arbitrary_structures_give_a_dataset_or_dataset_error(document):
    try:
        result = loads(yaml.safe_dump(document, allow_unicode=True), "fuzz.yaml")
    except DatasetError as error:
        assert error.problems
    else:
        assert isinstance(result, Dataset)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_a_dataset_or_dataset_error(text):
    try:
        result = loads(text, "fuzz.yaml")
    except DatasetError as error:
        assert error.problems
    else:
        assert isinstance(result, Dataset)
