"""The curated dataset validates, is large enough, and holds the anchor events with their dates."""

from __future__ import annotations

import pytest

from explorer import build_graph, load, query
from explorer.graph import related_events

from .conftest import CURATED

ANCHORS = {
    # id: (date, end)
    "yalta-conference-1945": ("1945-02-04", "1945-02-11"),
    "russian-invasion-2022": ("2022-02-24", None),
    "annexation-four-regions-2022": ("2022-09-30", None),
    "putin-conditions-speech-2024-06-14": ("2024-06-14", None),
    "trump-inauguration-2025": ("2025-01-20", None),
    "trump-putin-call-2025-02-12": ("2025-02-12", None),
    "riyadh-talks-2025-02-18": ("2025-02-18", None),
    "oval-office-meeting-2025-02-28": ("2025-02-28", None),
    "jeddah-talks-2025-03-11": ("2025-03-11", None),
    "trump-putin-call-2025-03-18": ("2025-03-18", None),
    "trump-putin-call-2025-05-19": ("2025-05-19", None),
    "alaska-summit-2025": ("2025-08-15", None),
    "white-house-meeting-2025-08-18": ("2025-08-18", None),
    "us-sanctions-rosneft-lukoil-2025-10-22": ("2025-10-22", None),
}


@pytest.fixture(scope="module")
def curated():
    return load(CURATED)


def test_the_curated_dataset_is_valid_and_large_enough(curated):
    assert len(curated.events) >= 40 and len(curated.actors) >= 25
    assert len(curated.topics) >= 6 and len(curated.positions) >= 30


@pytest.mark.parametrize(("event_id", "dates"), ANCHORS.items())
def test_anchor_events_exist_with_their_dates(curated, event_id, dates):
    event = curated.event_by_id[event_id]
    assert (str(event.date), str(event.end) if event.end else None) == dates
    assert event.sources and event.actors


def test_every_event_and_position_is_sourced(curated):
    unsourced = [e.id for e in curated.events if not e.sources] + [p.key for p in curated.positions if not p.sources]
    assert not unsourced
    for item in list(curated.events) + list(curated.positions):
        for source in item.sources:
            assert source.title and source.publisher, source
            assert source.url is None or source.url.startswith("https://") or source.url.startswith("http://")


def test_yalta_is_compared_to_from_2025(curated):
    comparisons = [
        other for direction, kind, other in related_events(curated, "yalta-conference-1945") if kind == "compares_to"
    ]
    assert comparisons and all(other.first.year == 2025 for other in comparisons)
    assert any("kirill-dmitriev" in other.actor_ids() for other in comparisons)


def test_dmitriev_answers_mcfaul(curated):
    reply = curated.event_by_id["dmitriev-reply-to-mcfaul-2025-09"]
    assert [link.kind for link in reply.links if link.to == "mcfaul-criticism-2025-09"] == ["responds_to"]


def test_trump_is_president_in_2025_whatever_a_source_says(curated):
    import datetime as dt

    trump = curated.actor_by_id["donald-trump"]
    titles = [role.title for role in trump.roles_on(dt.date(2025, 9, 1))]
    assert any("President of the United States" in title for title in titles)


def test_the_required_topics_have_positions_that_change(curated):
    topics = {
        "ukraine-nato-membership",
        "crimea-status",
        "annexed-regions-recognition",
        "ukraine-neutrality",
        "demilitarisation",
        "sanctions",
        "ceasefire",
    }
    assert topics <= set(curated.topic_by_id)
    actors_with_positions = {p.actor for p in curated.positions}
    assert {
        "russia",
        "vladimir-putin",
        "kirill-dmitriev",
        "sergey-lavrov",
        "united-states",
        "donald-trump",
        "ukraine",
        "volodymyr-zelensky",
        "michael-mcfaul",
    } <= actors_with_positions
    stances = {}
    for position in curated.positions:
        stances.setdefault((position.actor, position.topic), set()).add(position.stance)
    assert any(len(s) > 1 for s in stances.values()), "some actor changes stance on some topic"


def test_calls_and_meetings_follow_one_another(curated):
    graph = build_graph(curated)
    follows = [d for _, _, d in graph.edges(data=True) if d.get("kind") == "follows"]
    assert len(follows) >= 5
    assert query(graph, actors=["kirill-dmitriev"]).events
