"""Synthetic data files for benchmarks and tests: ``explorer generate --events N -o FILE``.

:func:`generate` builds a document in the real data format (the one :func:`explorer.load`
validates) that looks like the curated data at scale: a few actors take part in most events
(Zipf-like weights), events have one to four actors, dates are mostly to the day, some to the
month or the year, spread over 1990–2025 with most in the last few years; some events span a
range, follow one another, respond to recent ones or compare themselves to much older ones;
actors take dated positions on a handful of topics and change them over time. Every event is
sourced, with clearly synthetic ``https://example.org/synthetic/...`` addresses.

The output depends only on the arguments: the same seed gives the same bytes.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import os
import random
from pathlib import Path
from typing import Any

from . import yaml_writer
from .ids import UniqueIds, slugify
from .model import STANCES
from .yaml_writer import Progress, gc_paused

#: Actors by default: a quarter of the events, at least 20, at most this many.
MAX_DEFAULT_ACTORS = 25_000
FIRST_YEAR, LAST_YEAR = 1990, 2025
#: Exponent of the participation weights: actor of rank r takes part with weight 1 / r**ZIPF.
ZIPF = 1.0
#: ``explorer generate`` reports progress on stderr from this many events up.
PROGRESS_FROM = 10_000

# -- vocabulary ------------------------------------------------------------------------

_SYLLABLES = (
    "al", "an", "ar", "bel", "bor", "ca", "dan", "del", "dor", "el", "en", "es", "fa", "gal", "gor",
    "ha", "ir", "is", "ka", "kor", "la", "lan", "lor", "ma", "mar", "mir", "na", "nor", "o", "or",
    "pa", "ra", "ren", "ri", "sa", "sel", "ta", "tor", "u", "va", "vel", "vin", "za", "zor",
)  # fmt: skip
_FIRST_NAMES = (
    "Amira", "Anton", "Beatriz", "Boris", "Chen", "Dmitri", "Elena", "Emeka", "Farah", "Felix",
    "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jamal", "Jana", "Kenji", "Lars", "Leila", "Luca",
    "Maria", "Mateo", "Nadia", "Noah", "Olga", "Omar", "Pavel", "Priya", "Rafael", "Sara", "Sergei",
    "Sofia", "Tariq", "Tomás", "Ulla", "Viktor", "Wei", "Yara", "Yusuf", "Zofia", "Çağla", "Łukasz",
    "Søren", "Zoë", "André", "Björn", "Małgorzata", "José", "Anaïs",
)  # fmt: skip
_LAST_NAMES = (
    "Abara", "Bauer", "Castillo", "Dimitrov", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
    "Jensen", "Kovač", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
    "Şahin", "Tanaka", "Usman", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhou", "Novák", "Müller",
    "O'Neill", "Kuznetsov", "Horvat", "Mensah", "Silva", "Sato", "Larsen", "Kowalski", "Popescu",
    "Andersen", "Delacroix", "Ferreira", "Gutiérrez", "Hoxha", "Jovanović", "Karimi", "Lebedev",
    "Mazur", "Nowak", "Oliveira", "Pérez", "Romanov",
)  # fmt: skip
_STATE_FORMS = ("{}", "{}", "{}", "Republic of {}", "Kingdom of {}", "Federation of {}")
_ORGANIZATION_FORMS = (
    "{} Cooperation Council", "{} Security Organisation", "{} Development Bank", "{} Treaty Organisation",
    "{} Monitoring Mission", "Union of {} States",
)  # fmt: skip
_GROUP_FORMS = ("{} Liberation Front", "{} People's Movement", "{} Veterans' Union", "{} Reform Bloc")
_COMPANY_FORMS = ("{} Energy", "{} Shipping", "{} Holdings", "{} Arms Works", "{} Grain Trading")
_MEDIA_FORMS = ("{} Daily", "{} Herald", "{} Broadcasting", "{} Wire", "The {} Observer")
_PERSON_TITLES = (
    "President", "Prime minister", "Foreign minister", "Defence minister", "Ambassador",
    "Special envoy", "National security adviser", "Chief negotiator", "Finance minister",
)  # fmt: skip
_ORGANIZATION_TITLES = ("Secretary general", "Chair", "High representative", "Chief executive")
_PUBLISHERS = (
    "Synthetic Wire", "Example Times", "The Placeholder Post", "Sample Broadcasting", "Fictional Herald",
    "Demo Daily", "Mock Gazette", "Test Tribune",
)  # fmt: skip
_TAGS = (
    "energy", "grain", "prisoners", "nuclear", "ports", "shipping", "gas", "banks", "oil-price-cap",
    "drones", "air-defence", "elections", "refugees", "reconstruction", "frozen-assets", "black-sea",
)  # fmt: skip
_TOPICS = (
    ("alliance-membership", "Membership of the alliance", "supports: the country should join the alliance"),
    ("ceasefire", "A ceasefire", "supports: an immediate ceasefire on the current line"),
    ("sanctions", "Sanctions", "supports: keeping or tightening the sanctions"),
    ("neutrality", "Neutrality", "supports: a neutral status written into a treaty"),
    ("disputed-territories", "The disputed territories", "supports: recognising the current control"),
    ("security-guarantees", "Security guarantees", "supports: binding guarantees by third states"),
    ("demilitarisation", "Demilitarisation", "supports: caps on armed forces and weapons"),
    ("direct-talks", "Direct talks between the leaders", "supports: a summit without preconditions"),
)
_EVENT_KINDS = (
    ("statement", 18), ("meeting", 14), ("call", 10), ("talks", 6), ("visit", 6), ("conference", 5),
    ("agreement", 5), ("sanction", 6), ("military", 6), ("speech", 5), ("interview", 5), ("decision", 5),
    ("election", 2), ("inauguration", 1), ("annexation", 0.3), ("other", 2),
)  # fmt: skip
#: Kinds that often last more than one day, and the chance that such an event has an ``end``.
_RANGE_KINDS = {"talks": 0.5, "visit": 0.5, "conference": 0.6, "military": 0.5, "election": 0.2, "sanction": 0.1}
#: Kinds with a single speaker.
_SOLO_KINDS = {"statement", "speech", "interview", "decision", "sanction", "inauguration", "election"}
_ROLES = {
    "meeting": ("host", "guest"),
    "talks": ("host", "delegation", "mediator"),
    "conference": ("host", "participant", "speaker"),
    "visit": ("host", "visitor"),
    "agreement": ("signatory", "guarantor"),
    "sanction": ("imposer", "target"),
    "military": ("attacker", "defender"),
    "call": ("caller", "recipient"),
}
_PHRASES = {
    "statement": "Statement by {a} on {t}",
    "meeting": "{a} meets {b}",
    "call": "Phone call between {a} and {b}",
    "talks": "Talks between {a} and {b} in {p}",
    "visit": "{a} visits {p}",
    "conference": "{p} conference on {t}",
    "agreement": "Agreement between {a} and {b} on {t}",
    "sanction": "{a} announces sanctions package",
    "military": "Military operation near {p}",
    "speech": "Speech by {a} in {p}",
    "interview": "Interview with {a}",
    "decision": "Decision by {a} on {t}",
    "election": "Election in {p}",
    "inauguration": "Inauguration of {a}",
    "annexation": "{a} declares annexation of {p}",
    "other": "{a} and {t}",
}
_SUMMARIES = (
    "{a} and {b} discussed {t}; no joint statement followed.",
    "{a} set out conditions on {t} and said talks would continue.",
    "Reported by several outlets; details on {t} remained unclear.",
    "The two sides disagreed on {t} but agreed to meet again in {p}.",
    "{a} said progress on {t} depended on {b}.",
)
_QUOTES = (
    "We are ready to talk, but not at any price.",
    "Nothing is agreed until everything is agreed.",
    "This is a step forward, nothing more.",
    "The door remains open.",
    "Our position has not changed.",
    "History will judge this decision.",
)


def _slug(text: str) -> str:
    return slugify(text, max_length=None) or "x"


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _day(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


# -- the generator -----------------------------------------------------------------------


def default_actors(events: int) -> int:
    """``max(20, events // 4)``, capped at :data:`MAX_DEFAULT_ACTORS`."""
    return min(MAX_DEFAULT_ACTORS, max(20, events // 4))


def generate(events: int, actors: int | None = None, seed: int = 0, *, progress: Progress | None = None) -> dict:
    """A data file with ``events`` events and ``actors`` actors (default :func:`default_actors`),
    as plain dicts, lists and strings; the same arguments always give the same document.

    ``progress(done, total)`` is called every tenth of the events when given.
    """
    if isinstance(events, bool) or not isinstance(events, int) or events < 1:
        raise ValueError(f"events must be a positive integer, got {events!r}")
    if actors is None:
        actors = default_actors(events)
    if isinstance(actors, bool) or not isinstance(actors, int) or actors < 1:
        raise ValueError(f"actors must be a positive integer, got {actors!r}")
    with gc_paused():
        return _Generator(events, actors, seed, progress).document()


class _Generator:
    def __init__(self, events: int, actors: int, seed: int, progress: Progress | None):
        self.n_events = events
        self.n_actors = actors
        self.seed = seed
        self.rng = random.Random(f"explorer-generate:{seed}")
        self.progress = progress
        self.unique_id = UniqueIds().claim

    def document(self) -> dict:
        places = self.places(max(30, min(2000, self.n_actors // 4)))
        actors = self.actors(places)
        topics = [{"id": topic_id, "name": name, "description": text} for topic_id, name, text in _TOPICS]
        events, by_actor = self.events(actors, places)
        positions = self.positions(actors, events, by_actor)
        return {
            "name": f"Synthetic dataset: {self.n_events} events (seed {self.seed})",
            "description": (
                f"Generated by `explorer generate --events {self.n_events} --actors {self.n_actors} "
                f"--seed {self.seed}`. Every name, event and source is invented; the URLs are placeholders."
            ),
            "actors": actors,
            "topics": topics,
            "events": events,
            "positions": positions,
        }

    def places(self, count: int) -> list[str]:
        seen: set[str] = set()
        names = []
        while len(names) < count:
            name = _word(self.rng, self.rng.choice((2, 2, 3)))
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names

    # -- actors ---------------------------------------------------------------------------

    def actors(self, places: list[str]) -> list[dict]:
        """Actors in file order; order is also rank, so the first ones take part most."""
        rng = self.rng
        count = self.n_actors
        n_states = max(1, min(len(places), round(count * 0.08)))
        others = rng.choices(
            ("person", "organization", "group", "company", "media"), weights=(70, 10, 8, 6, 6), k=count - n_states
        )
        others[: min(len(others), 2)] = ["person"] * min(len(others), 2)
        # Rank order: states at every third rank among the most active (a state first), the rest after.
        kinds: list[str] = []
        states_left, next_other = n_states, 0
        for rank in range(count):
            if states_left and (rank % 3 == 0 or next_other == len(others)):
                kinds.append("state")
                states_left -= 1
            else:
                kinds.append(others[next_other])
                next_other += 1
        state_ids: list[str] = []
        organization_ids: list[str] = []
        result: list[dict] = []
        state_places = iter(places[:n_states])
        for kind in kinds:
            if kind == "state":
                place = next(state_places)
                name = rng.choice(_STATE_FORMS).format(place)
                actor: dict[str, Any] = {"id": self.unique_id(_slug(place)), "name": name, "kind": "state"}
                if name != place:
                    actor["aliases"] = [place]
                state_ids.append(actor["id"])
            elif kind == "person":
                first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
                name = (
                    f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTVZ')}. {last}"
                    if rng.random() < 0.5
                    else f"{first} {last}"
                )
                actor = {"id": self.unique_id(_slug(name)), "name": name, "kind": "person"}
            else:
                forms = {
                    "organization": _ORGANIZATION_FORMS,
                    "group": _GROUP_FORMS,
                    "company": _COMPANY_FORMS,
                    "media": _MEDIA_FORMS,
                }[kind]
                name = rng.choice(forms).format(rng.choice(places))
                actor = {"id": self.unique_id(_slug(name)), "name": name, "kind": kind}
                if kind == "organization":
                    organization_ids.append(actor["id"])
            result.append(actor)
        # Affiliations and roles, now that every state and organization has an id.
        for actor in result:
            kind = actor["kind"]
            if kind == "person" and state_ids:
                home = rng.choice(state_ids) if rng.random() < 0.9 or not organization_ids else None
                if home is None:
                    organization = rng.choice(organization_ids)
                    actor["affiliations"] = [organization]
                    actor["roles"] = [self.role(rng.choice(_ORGANIZATION_TITLES), organization)]
                else:
                    actor["affiliations"] = [home]
                    if rng.random() < 0.6:
                        actor["roles"] = self.roles(home)
            elif kind in ("group", "company", "media") and state_ids and rng.random() < 0.5:
                actor["affiliations"] = [rng.choice(state_ids)]
            if kind in ("state", "organization") and rng.random() < 0.3:
                actor["description"] = f"Invented {kind} for synthetic data."
        return result

    def role(self, title: str, organization: str, start: int | None = None) -> dict:
        rng = self.rng
        start = rng.randint(FIRST_YEAR - 5, LAST_YEAR) if start is None else start
        role: dict[str, Any] = {"title": title, "organization": organization}
        if rng.random() < 0.5:
            role["from"] = _day(start, rng.randint(1, 12), rng.randint(1, 28))
        else:
            role["from"] = str(start)
        if rng.random() < 0.4 and start < LAST_YEAR:
            role["to"] = str(rng.randint(start + 1, min(LAST_YEAR, start + 8)))
        return role

    def roles(self, state: str) -> list[dict]:
        """One title held at a state, sometimes followed by another once the first ended."""
        rng = self.rng
        titles = rng.sample(_PERSON_TITLES, 2)
        roles = [self.role(titles[0], state)]
        ended = roles[0].get("to")
        if ended is not None and rng.random() < 0.5:
            roles.append(self.role(titles[1], state, start=int(ended)))
        return roles

    # -- events ---------------------------------------------------------------------------

    def date(self) -> tuple[tuple[int, int, int], str, str]:
        """(sort key, text, precision): mostly recent, mostly to the day."""
        rng = self.rng
        if rng.random() < 0.85:
            year = LAST_YEAR - min(LAST_YEAR - FIRST_YEAR, int(rng.expovariate(1 / 4.0)))
        else:
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        roll = rng.random()
        if roll < 0.75:
            return (year, month, day), _day(year, month, day), "day"
        if roll < 0.95:
            return (year, month, 0), f"{year:04d}-{month:02d}", "month"
        return (year, 0, 0), f"{year:04d}", "year"

    def end(self, key: tuple[int, int, int], precision: str, kind: str) -> str | None:
        """An ``end`` for some multi-day kinds, at the precision of the start and never past
        the end of :data:`LAST_YEAR` (None when the event has no range)."""
        rng = self.rng
        if rng.random() >= _RANGE_KINDS.get(kind, 0.0):
            return None
        year, month, day = key
        if precision == "day":
            last = dt.date(year, month, day) + dt.timedelta(days=rng.randint(1, 40 if kind == "military" else 5))
            last = min(last, dt.date(LAST_YEAR, 12, 31))
            return last.isoformat() if last > dt.date(year, month, day) else None
        if precision == "month":
            months = min(year * 12 + month - 1 + rng.randint(1, 6 if kind == "military" else 2), LAST_YEAR * 12 + 11)
            return f"{months // 12:04d}-{months % 12 + 1:02d}" if months > year * 12 + month - 1 else None
        last_year = min(year + rng.randint(1, 2), LAST_YEAR)
        return f"{last_year:04d}" if last_year > year else None

    def events(self, actors: list[dict], places: list[str]) -> tuple[list[dict], dict[str, list[int]]]:
        rng = self.rng
        total = self.n_events
        ids = [actor["id"] for actor in actors]
        names = {actor["id"]: actor["name"] for actor in actors}
        cumulative = []
        running = 0.0
        for rank in range(1, len(ids) + 1):
            running += 1.0 / rank**ZIPF
            cumulative.append(running)
        kinds, kind_weights = zip(*_EVENT_KINDS, strict=True)
        topic_ids = [topic[0] for topic in _TOPICS]
        topic_names = {topic[0]: topic[1].lower() for topic in _TOPICS}

        dates = sorted((self.date() for _ in range(total)), key=lambda d: d[0])
        event_kinds = rng.choices(kinds, weights=kind_weights, k=total)
        years = [key[0] for key, _, _ in dates]
        result: list[dict] = []
        by_actor: dict[str, list[int]] = {}
        last_of_actor: dict[str, int] = {}
        ranged: list[int] = []  # recent events with a range, for part_of
        step = max(1, total // 10)
        for index, ((key, text, precision), kind) in enumerate(zip(dates, event_kinds, strict=True)):
            year = key[0]
            size = 1 if kind in _SOLO_KINDS and rng.random() < 0.8 else rng.choices((1, 2, 3, 4), (25, 45, 20, 10))[0]
            size = min(size, len(ids))
            chosen: list[str] = []
            for _ in range(size * 4):
                actor_id = ids[bisect.bisect_left(cumulative, rng.random() * running)]
                if actor_id not in chosen:
                    chosen.append(actor_id)
                    if len(chosen) == size:
                        break
            topics = rng.sample(topic_ids, rng.choices((0, 1, 2), (30, 55, 15))[0])
            place = rng.choice(places)
            words = {
                "a": names[chosen[0]],
                "b": names[chosen[1]] if len(chosen) > 1 else "its partners",
                "t": topic_names[topics[0]] if topics else "the war",
                "p": place,
            }
            event_id = f"{kind}-{year}-{index + 1}"
            event: dict[str, Any] = {
                "id": event_id,
                "title": _PHRASES[kind].format(**words),
                "date": text,
            }
            end = self.end(key, precision, kind)
            if end is not None:
                event["end"] = end
                ranged.append(index)
            event["kind"] = kind
            if rng.random() < 0.7:
                event["location"] = f"{place}" if rng.random() < 0.5 else f"{rng.choice(places)}, {place}"
            roles = _ROLES.get(kind)
            participants: list[Any] = []
            for position, actor_id in enumerate(chosen):
                if roles and rng.random() < 0.35:
                    participants.append({"actor": actor_id, "role": roles[min(position, len(roles) - 1)]})
                else:
                    participants.append(actor_id)
            event["actors"] = participants
            if rng.random() < 0.6:
                event["summary"] = rng.choice(_SUMMARIES).format(**words)
            if rng.random() < 0.15:
                event["quotes"] = [{"text": rng.choice(_QUOTES), "speaker": rng.choice(chosen)}]
            if rng.random() < 0.3:
                event["tags"] = rng.sample(_TAGS, rng.randint(1, 3))
            if topics:
                event["topics"] = topics
            event["sources"] = self.sources(event_id, text, rng.choices((1, 2, 3), (60, 30, 10))[0])
            links = self.links(index, chosen, years, last_of_actor, ranged, result)
            if links:
                event["links"] = links
            result.append(event)
            for actor_id in chosen:
                by_actor.setdefault(actor_id, []).append(index)
                last_of_actor[actor_id] = index
            if self.progress and ((index + 1) % step == 0 or index + 1 == total):
                self.progress(index + 1, total)
        return result, by_actor

    def sources(self, event_id: str, date: str, count: int) -> list[dict]:
        rng = self.rng
        sources = []
        for number in range(1, count + 1):
            publisher = rng.choice(_PUBLISHERS)
            sources.append(
                {
                    "title": f"[Synthetic report {number} on {event_id}]",
                    "publisher": publisher,
                    "url": f"https://example.org/synthetic/{_slug(publisher)}/{event_id}/{number}",
                    "date": date,
                }
            )
        return sources

    def links(
        self,
        index: int,
        chosen: list[str],
        years: list[int],
        last_of_actor: dict[str, int],
        ranged: list[int],
        earlier: list[dict],
    ) -> list[dict]:
        """Links from event ``index`` to earlier events (never to itself or twice)."""
        rng = self.rng
        links: list[dict] = []
        targets: set[tuple[int, str]] = set()

        def add(target: int, kind: str, note: str | None = None) -> None:
            if 0 <= target < index and (target, kind) not in targets:
                targets.add((target, kind))
                link = {"to": earlier[target]["id"], "kind": kind}
                if note:
                    link["note"] = note
                links.append(link)

        previous = last_of_actor.get(chosen[0])
        if previous is not None and rng.random() < 0.35:
            add(previous, "follows")
        if index > 0 and rng.random() < 0.12:
            add(rng.randint(max(0, index - 50), index - 1), "responds_to")
        if rng.random() < 0.03:
            # An analogy with an event at least fifteen years older.
            older = bisect.bisect_right(years, years[index] - 15)
            if older > 0:
                add(rng.randrange(older), "compares_to", "compared to a much older event")
        if ranged and rng.random() < 0.05:
            recent = ranged[-1]
            if index - recent < 200:
                add(recent, "part_of")
        if index > 0 and rng.random() < 0.02:
            add(rng.randrange(index), rng.choice(("contradicts", "causes", "related_to")))
        return links

    # -- positions ------------------------------------------------------------------------

    def positions(self, actors: list[dict], events: list[dict], by_actor: dict[str, list[int]]) -> list[dict]:
        """About one position per ten events: runs of dated stances per (actor, topic), each
        stated at an event the actor took part in, changing now and then."""
        rng = self.rng
        wanted = max(1, self.n_events // 10)
        topic_ids = [topic[0] for topic in _TOPICS]
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
                    position["quote"] = rng.choice(_QUOTES)
                position["sources"] = [dict(stated_at["sources"][0])]
                result.append(position)
        return result


# -- writing -----------------------------------------------------------------------------


_HEADER = "# Synthetic data written by `explorer generate`: invented names, placeholder sources.\n"


def dumps(document: dict) -> str:
    """The document as YAML text, exactly as :func:`write` writes it."""
    return yaml_writer.dumps(document, _HEADER)


def write(document: dict, path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write ``document`` as YAML to ``path`` atomically (a temporary file in the same
    folder, then renamed); ``progress(done, total)`` is called as events are written."""
    return yaml_writer.write(document, path, _HEADER, progress)
