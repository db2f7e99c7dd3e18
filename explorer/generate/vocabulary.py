"""The words synthetic data is made of: syllables for places, names, forms of organisations,
titles, kinds of events with their weights, roles, phrases, summaries and quotes."""

from __future__ import annotations

import random

from ..ids import slugify

SYLLABLES = (
    "al", "an", "ar", "bel", "bor", "ca", "dan", "del", "dor", "el", "en", "es", "fa", "gal", "gor",
    "ha", "ir", "is", "ka", "kor", "la", "lan", "lor", "ma", "mar", "mir", "na", "nor", "o", "or",
    "pa", "ra", "ren", "ri", "sa", "sel", "ta", "tor", "u", "va", "vel", "vin", "za", "zor",
)  # fmt: skip
FIRST_NAMES = (
    "Amira", "Anton", "Beatriz", "Boris", "Chen", "Dmitri", "Elena", "Emeka", "Farah", "Felix",
    "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jamal", "Jana", "Kenji", "Lars", "Leila", "Luca",
    "Maria", "Mateo", "Nadia", "Noah", "Olga", "Omar", "Pavel", "Priya", "Rafael", "Sara", "Sergei",
    "Sofia", "Tariq", "Tomás", "Ulla", "Viktor", "Wei", "Yara", "Yusuf", "Zofia", "Çağla", "Łukasz",
    "Søren", "Zoë", "André", "Björn", "Małgorzata", "José", "Anaïs",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Bauer", "Castillo", "Dimitrov", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
    "Jensen", "Kovač", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
    "Şahin", "Tanaka", "Usman", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhou", "Novák", "Müller",
    "O'Neill", "Kuznetsov", "Horvat", "Mensah", "Silva", "Sato", "Larsen", "Kowalski", "Popescu",
    "Andersen", "Delacroix", "Ferreira", "Gutiérrez", "Hoxha", "Jovanović", "Karimi", "Lebedev",
    "Mazur", "Nowak", "Oliveira", "Pérez", "Romanov",
)  # fmt: skip
STATE_FORMS = ("{}", "{}", "{}", "Republic of {}", "Kingdom of {}", "Federation of {}")
ORGANIZATION_FORMS = (
    "{} Cooperation Council", "{} Security Organisation", "{} Development Bank", "{} Treaty Organisation",
    "{} Monitoring Mission", "Union of {} States",
)  # fmt: skip
GROUP_FORMS = ("{} Liberation Front", "{} People's Movement", "{} Veterans' Union", "{} Reform Bloc")
COMPANY_FORMS = ("{} Energy", "{} Shipping", "{} Holdings", "{} Arms Works", "{} Grain Trading")
MEDIA_FORMS = ("{} Daily", "{} Herald", "{} Broadcasting", "{} Wire", "The {} Observer")
PERSON_TITLES = (
    "President", "Prime minister", "Foreign minister", "Defence minister", "Ambassador",
    "Special envoy", "National security adviser", "Chief negotiator", "Finance minister",
)  # fmt: skip
ORGANIZATION_TITLES = ("Secretary general", "Chair", "High representative", "Chief executive")
PUBLISHERS = (
    "Synthetic Wire", "Example Times", "The Placeholder Post", "Sample Broadcasting", "Fictional Herald",
    "Demo Daily", "Mock Gazette", "Test Tribune",
)  # fmt: skip
TAGS = (
    "energy", "grain", "prisoners", "nuclear", "ports", "shipping", "gas", "banks", "oil-price-cap",
    "drones", "air-defence", "elections", "refugees", "reconstruction", "frozen-assets", "black-sea",
)  # fmt: skip
TOPICS = (
    ("alliance-membership", "Membership of the alliance", "supports: the country should join the alliance"),
    ("ceasefire", "A ceasefire", "supports: an immediate ceasefire on the current line"),
    ("sanctions", "Sanctions", "supports: keeping or tightening the sanctions"),
    ("neutrality", "Neutrality", "supports: a neutral status written into a treaty"),
    ("disputed-territories", "The disputed territories", "supports: recognising the current control"),
    ("security-guarantees", "Security guarantees", "supports: binding guarantees by third states"),
    ("demilitarisation", "Demilitarisation", "supports: caps on armed forces and weapons"),
    ("direct-talks", "Direct talks between the leaders", "supports: a summit without preconditions"),
)
EVENT_KINDS = (
    ("statement", 18), ("meeting", 14), ("call", 10), ("talks", 6), ("visit", 6), ("conference", 5),
    ("agreement", 5), ("sanction", 6), ("military", 6), ("speech", 5), ("interview", 5), ("decision", 5),
    ("election", 2), ("inauguration", 1), ("annexation", 0.3), ("other", 2),
)  # fmt: skip
#: Kinds that often last more than one day, and the chance that such an event has an ``end``.
RANGE_KINDS = {"talks": 0.5, "visit": 0.5, "conference": 0.6, "military": 0.5, "election": 0.2, "sanction": 0.1}
#: Kinds with a single speaker.
SOLO_KINDS = {"statement", "speech", "interview", "decision", "sanction", "inauguration", "election"}
ROLES = {
    "meeting": ("host", "guest"),
    "talks": ("host", "delegation", "mediator"),
    "conference": ("host", "participant", "speaker"),
    "visit": ("host", "visitor"),
    "agreement": ("signatory", "guarantor"),
    "sanction": ("imposer", "target"),
    "military": ("attacker", "defender"),
    "call": ("caller", "recipient"),
}
PHRASES = {
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
SUMMARIES = (
    "{a} and {b} discussed {t}; no joint statement followed.",
    "{a} set out conditions on {t} and said talks would continue.",
    "Reported by several outlets; details on {t} remained unclear.",
    "The two sides disagreed on {t} but agreed to meet again in {p}.",
    "{a} said progress on {t} depended on {b}.",
)
QUOTES = (
    "We are ready to talk, but not at any price.",
    "Nothing is agreed until everything is agreed.",
    "This is a step forward, nothing more.",
    "The door remains open.",
    "Our position has not changed.",
    "History will judge this decision.",
)


def slug(text: str) -> str:
    return slugify(text, max_length=None) or "x"


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def day_text(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"
