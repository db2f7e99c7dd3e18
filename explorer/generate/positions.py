"""Synthetic positions: runs of dated stances per actor and topic, each stated at an event the
actor took part in, changing now and then."""

from __future__ import annotations

import random
from typing import Any

from ..model import STANCES
from .vocabulary import QUOTES, TOPICS


def make_positions(rng: random.Random, wanted: int, events: list[dict], by_actor: dict[str, list[int]]) -> list[dict]:
    """``wanted`` positions: runs of dated stances per (actor, topic), each
    stated at an event the actor took part in, changing now and then."""
    topic_ids = [topic[0] for topic in TOPICS]
    result: list[dict] = []
    while len(result) < wanted:
        # An actor of a random event: actors state positions as often as they take part.
        event = events[rng.randrange(len(events))]
        participant = rng.choice(event["actors"])
        actor_id = participant if isinstance(participant, str) else participant["actor"]
        topic_id = rng.choice(event.get("topics") or topic_ids)
        attended = by_actor[actor_id]
        run = min(wanted - len(result), rng.randint(1, 6), len(attended))
        stance = rng.choice(STANCES)
        for number, event_index in enumerate(sorted(rng.sample(attended, run))):
            stated_at = events[event_index]
            if number and rng.random() < 0.3:
                stance = rng.choice([other for other in STANCES if other != stance])
            position: dict[str, Any] = {
                "actor": actor_id,
                "topic": topic_id,
                "stance": stance,
                "date": stated_at["date"],
                "event": stated_at["id"],
            }
            if rng.random() < 0.2:
                position["quote"] = rng.choice(QUOTES)
            position["sources"] = [dict(stated_at["sources"][0])]
            result.append(position)
    return result
