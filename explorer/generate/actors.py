"""Synthetic places and actors: states, people, organisations, groups, companies and media,
ranked so the first take part most, with affiliations and dated roles."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from .parameters import FIRST_YEAR, LAST_YEAR
from .vocabulary import (
    COMPANY_FORMS,
    FIRST_NAMES,
    GROUP_FORMS,
    LAST_NAMES,
    MEDIA_FORMS,
    ORGANIZATION_FORMS,
    ORGANIZATION_TITLES,
    PERSON_TITLES,
    STATE_FORMS,
    day_text,
    slug,
    word,
)

_FORMS = {"organization": ORGANIZATION_FORMS, "group": GROUP_FORMS, "company": COMPANY_FORMS, "media": MEDIA_FORMS}


def make_places(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented place names."""
    seen: set[str] = set()
    names = []
    while len(names) < count:
        name = word(rng, rng.choice((2, 2, 3)))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


class ActorMaker:
    """Makes the actors of one document from its random generator; ``unique_id(base)`` hands
    out ids not used before in the document."""

    def __init__(self, rng: random.Random, unique_id: Callable[[str], str]):
        self.rng = rng
        self.unique_id = unique_id

    def actors(self, count: int, places: list[str]) -> list[dict]:
        """Actors in file order; order is also rank, so the first ones take part most."""
        n_states = max(1, min(len(places), round(count * 0.08)))
        state_places = iter(places[:n_states])
        result = [self.actor(kind, state_places, places) for kind in self.ranked_kinds(count, n_states)]
        # Affiliations and roles, now that every state and organization has an id.
        state_ids = [actor["id"] for actor in result if actor["kind"] == "state"]
        organization_ids = [actor["id"] for actor in result if actor["kind"] == "organization"]
        for actor in result:
            self.affiliate(actor, state_ids, organization_ids)
        return result

    def ranked_kinds(self, count: int, n_states: int) -> list[str]:
        """The kind of the actor at each rank: a state first and at every third rank among the
        most active, until the states run out; the other kinds after."""
        others = self.rng.choices(
            ("person", "organization", "group", "company", "media"), weights=(70, 10, 8, 6, 6), k=count - n_states
        )
        others[: min(len(others), 2)] = ["person"] * min(len(others), 2)
        kinds: list[str] = []
        states_left, next_other = n_states, 0
        for rank in range(count):
            if states_left and (rank % 3 == 0 or next_other == len(others)):
                kinds.append("state")
                states_left -= 1
            else:
                kinds.append(others[next_other])
                next_other += 1
        return kinds

    def actor(self, kind: str, state_places: Any, places: list[str]) -> dict:
        """One named actor of ``kind``; states take the next of ``state_places``."""
        rng = self.rng
        if kind == "state":
            place = next(state_places)
            name = rng.choice(STATE_FORMS).format(place)
            actor: dict[str, Any] = {"id": self.unique_id(slug(place)), "name": name, "kind": "state"}
            if name != place:
                actor["aliases"] = [place]
            return actor
        if kind == "person":
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTVZ')}. {last}" if rng.random() < 0.5 else f"{first} {last}"
            return {"id": self.unique_id(slug(name)), "name": name, "kind": "person"}
        name = rng.choice(_FORMS[kind]).format(rng.choice(places))
        return {"id": self.unique_id(slug(name)), "name": name, "kind": kind}

    def affiliate(self, actor: dict, state_ids: list[str], organization_ids: list[str]) -> None:
        """Give ``actor`` its affiliations, roles and description, in place."""
        rng = self.rng
        kind = actor["kind"]
        if kind == "person" and state_ids:
            home = rng.choice(state_ids) if rng.random() < 0.9 or not organization_ids else None
            if home is None:
                organization = rng.choice(organization_ids)
                actor["affiliations"] = [organization]
                actor["roles"] = [self.role(rng.choice(ORGANIZATION_TITLES), organization)]
            else:
                actor["affiliations"] = [home]
                if rng.random() < 0.6:
                    actor["roles"] = self.roles(home)
        elif kind in ("group", "company", "media") and state_ids and rng.random() < 0.5:
            actor["affiliations"] = [rng.choice(state_ids)]
        if kind in ("state", "organization") and rng.random() < 0.3:
            actor["description"] = f"Invented {kind} for synthetic data."

    def role(self, title: str, organization: str, start: int | None = None) -> dict:
        """A role at ``organization`` from ``start`` (a random year when None), sometimes ended."""
        rng = self.rng
        start = rng.randint(FIRST_YEAR - 5, LAST_YEAR) if start is None else start
        role: dict[str, Any] = {"title": title, "organization": organization}
        if rng.random() < 0.5:
            role["from"] = day_text(start, rng.randint(1, 12), rng.randint(1, 28))
        else:
            role["from"] = str(start)
        if rng.random() < 0.4 and start < LAST_YEAR:
            role["to"] = str(rng.randint(start + 1, min(LAST_YEAR, start + 8)))
        return role

    def roles(self, state: str) -> list[dict]:
        """One title held at a state, sometimes followed by another once the first ended."""
        rng = self.rng
        titles = rng.sample(PERSON_TITLES, 2)
        roles = [self.role(titles[0], state)]
        ended = roles[0].get("to")
        if ended is not None and rng.random() < 0.5:
            roles.append(self.role(titles[1], state, start=int(ended)))
        return roles
