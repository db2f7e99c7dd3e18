"""Consistency checks over a valid dataset.

Validation (:mod:`explorer.load`) says whether a file is well formed; these checks say whether
what it says hangs together. Each rule is a function from a :class:`Dataset` to
:class:`Finding` values; :func:`lint` runs them and locates every finding to the file, line
and column of the field it is about, like a load error:

    data.yaml:14:18: warning: quote speaker `bob` is not among the event's actors (event e)
        [speaker-not-actor] — add `bob` to the event's `actors`, or correct the speaker

The rules (names as printed, and accepted by ``explorer lint --ignore``) are listed in
:data:`RULES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from .locate import FieldLocator
from .model import Actor, Dataset, Event, Location, Role
from .names import NameIndex


@dataclass(frozen=True)
class Finding:
    """One inconsistency, before it is located: the item (kind and id, or a position's
    index) and the path of the field inside it."""

    rule: str
    kind: str
    key: str
    field: tuple[str | int, ...]
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class LintWarning:
    """A located finding, printed as ``PATH:LINE:COL: warning: message (item) [rule] — hint``."""

    location: Location
    rule: str
    message: str
    item: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: warning: {self.message} ({self.item}) [{self.rule}]"
        return f"{text} — {self.hint}" if self.hint else text


def lint(dataset: Dataset, ignore: Iterable[str] = ()) -> list[LintWarning]:
    """Every warning of ``dataset`` from the rules not in ``ignore``, in file order.

    Raises ValueError for a rule name in ``ignore`` that is not in :data:`RULES`.
    """
    ignored = set(ignore)
    unknown = ignored - set(RULES)
    if unknown:
        raise ValueError(f"unknown rule {', '.join(sorted(unknown))}; rules are: {', '.join(RULES)}")
    locator = FieldLocator(dataset)
    warnings = [
        LintWarning(locator.locate(f.kind, f.key, f.field), f.rule, f.message, _item_label(dataset, f), f.hint)
        for name, check in RULES.items()
        if name not in ignored
        for f in check(dataset)
    ]
    kept = [w for w in warnings if not is_allowed(w, locator.line_at(w.location))]
    return sorted(kept, key=lambda w: (w.location.path, w.location.line, w.location.column, w.rule))


def is_allowed(warning: LintWarning, line: str | None) -> bool:
    """True when the warning's line says ``# lint: allow RULE`` (several rules separated by
    commas): a reviewed exception, kept in the data beside what it excuses.

    >>> is_allowed(LintWarning(Location("f", 1, 1), "role-gap", "", None), "  to: 2025  # lint: allow role-gap")
    True
    """
    match = _ALLOW.search(line or "")
    return bool(match) and warning.rule in {rule.strip() for rule in match.group(1).split(",")}


_ALLOW = re.compile(r"#\s*lint:\s*allow\s+([a-z, -]+)")


def _item_label(dataset: Dataset, finding: Finding) -> str:
    if finding.kind == "position":
        position = dataset.positions[int(finding.key)]
        return f"position {position.actor}/{position.topic}"
    return f"{finding.kind} {finding.key}"


# -- quotes and positions ---------------------------------------------------------------


def speakers_not_among_actors(dataset: Dataset) -> Iterator[Finding]:
    """A quote whose speaker is not one of the event's actors."""
    for event in dataset.events:
        actors = set(event.actor_ids())
        for number, quote in enumerate(event.quotes):
            if quote.speaker and quote.speaker not in actors:
                yield Finding(
                    "speaker-not-actor",
                    "event",
                    event.id,
                    ("quotes", number, "speaker"),
                    f"quote speaker `{quote.speaker}` is not among the event's actors",
                    f"add `{quote.speaker}` to the event's `actors`, or correct the speaker",
                )


def positions_dated_off_their_event(dataset: Dataset) -> Iterator[Finding]:
    """A position stated at an event, with a date that does not overlap the event's dates."""
    for index, position in enumerate(dataset.positions):
        event = dataset.event_by_id.get(position.event) if position.event else None
        if event is None or (position.date.first <= event.last and event.first <= position.date.last):
            continue
        span = f"{event.date} to {event.end}" if event.end else str(event.date)
        yield Finding(
            "position-date",
            "position",
            str(index),
            ("date",),
            f"position is dated {position.date}, but its event `{event.id}` is dated {span}",
            "give the position its event's date, or link it to the event where it was stated",
        )


# -- names in titles ------------------------------------------------------------------


def named_but_not_actors(dataset: Dataset) -> Iterator[Finding]:
    """An actor named (by name, alias, or a person's unshared surname) in an event's title
    who is not among its actors. A state or organization one of the actors belongs to
    (``affiliations``) counts as present: Putin stands for Russia in "Russia's demands".

    Summaries are not read: they set the scene and name whoever the talks were about (on
    the curated file, 95 such mentions and not one missing participant)."""
    index = NameIndex.of(dataset.actors)
    for event in dataset.events:
        actors = _present_actors(dataset, event)
        for actor_id in index.find(event.title):  # each actor once, in order of mention
            if actor_id in actors:
                continue
            name = dataset.actor_by_id[actor_id].name
            yield Finding(
                "named-not-actor",
                "event",
                event.id,
                ("title",),
                f"{name} (`{actor_id}`) is named in the title but is not among the event's actors",
                f"add `{actor_id}` to the event's `actors`, or reword the title",
            )


def _present_actors(dataset: Dataset, event: Event) -> set[str]:
    """The event's actors and the actors they are affiliated with."""
    present = set(event.actor_ids())
    for actor_id in event.actor_ids():
        present.update(dataset.actor_by_id[actor_id].affiliations)
    return present


# -- roles ------------------------------------------------------------------------------

_EARLIEST, _LATEST = dt.date.min, dt.date.max


def _office(role: Role) -> tuple[str | None, str]:
    """Roles with the same organization and title (ignoring a bracketed ordinal such as
    "(47th)") are the same office."""
    return role.organization, re.sub(r"\s*\([^)]*\)", "", role.title).strip().casefold()


def _certainly_overlap(first: Role, second: Role) -> bool:
    """True when the two roles were held together for at least a day whatever their
    imprecise dates mean (sharing only a hand-over day is not an overlap)."""
    first_start = first.from_.last if first.from_ else _EARLIEST
    second_start = second.from_.last if second.from_ else _EARLIEST
    first_end = first.to.first if first.to else _LATEST
    second_end = second.to.first if second.to else _LATEST
    return first_start < second_end and second_start < first_end


def overlapping_roles(dataset: Dataset) -> Iterator[Finding]:
    """The same office held twice at once by one actor."""
    for actor in dataset.actors:
        for (i, role), (j, other) in combinations(enumerate(actor.roles), 2):
            if _office(role) == _office(other) and _certainly_overlap(role, other):
                yield Finding(
                    "role-overlap",
                    "actor",
                    actor.id,
                    ("roles", j),
                    f"role `{other.title}` overlaps the same office held from "
                    f"{role.from_ or 'an unknown date'} to {role.to or 'the present'} (role {i + 1})",
                    "correct the dates, or merge the two roles into one",
                )


def roles_without_successor(dataset: Dataset) -> Iterator[Finding]:
    """A role that ends while the office continues (someone in the file holds it later) with
    nobody taking it over at that end, when the file covers the gap: it has events of the
    office's organization between the end and the next holder's start. (Without that, the
    rule would ask for every U.S. president between Roosevelt and Trump.)"""
    holders: dict[tuple[str | None, str], list[tuple[Actor, Role]]] = {}
    for actor in dataset.actors:
        for role in actor.roles:
            holders.setdefault(_office(role), []).append((actor, role))
    for actor in dataset.actors:
        for number, role in enumerate(actor.roles):
            if role.to is None:
                continue
            others = [(a, r) for a, r in holders[_office(role)] if r is not role]
            later = [(a, r) for a, r in others if r.from_ and r.from_.first > role.to.last]
            if not later or any(_takes_over(r, role) for _, r in others):
                continue
            next_actor, next_role = min(later, key=lambda pair: pair[1].from_.first)
            in_gap = _events_between(dataset, role.organization, role.to.last, next_role.from_.first)
            if in_gap:
                yield Finding(
                    "role-gap",
                    "actor",
                    actor.id,
                    ("roles", number, "to"),
                    f"role `{role.title}` ends {role.to} with no successor, though the office continues "
                    f"(`{next_actor.id}` holds it from {next_role.from_}) and the file has events in between, "
                    f"such as `{in_gap[0].id}`",
                    "add whoever held the office in between (an acting holder counts), or correct the dates",
                )


def _events_between(dataset: Dataset, organization: str | None, after: dt.date, before: dt.date) -> list[Event]:
    """Events certainly between the two days, of ``organization`` (its own or its members')
    when given."""
    return [
        event
        for event in dataset.events
        if after < event.first
        and event.last < before
        and (organization is None or organization in _present_actors(dataset, event))
    ]


def _takes_over(role: Role, ended: Role) -> bool:
    """True when ``role`` may be held on the day after ``ended`` ends (or on its last day)."""
    day_after = ended.to.last + dt.timedelta(days=1)
    starts_in_time = role.from_ is None or role.from_.first <= day_after
    still_held = role.to is None or role.to.last >= ended.to.first
    return starts_in_time and still_held


# -- items nothing refers to ------------------------------------------------------------


def island_events(dataset: Dataset) -> Iterator[Finding]:
    """An event with no link either way and no actor shared with any other event."""
    taking_part = Counter(actor_id for event in dataset.events for actor_id in set(event.actor_ids()))
    for event in dataset.events:
        has_links = bool(event.links) or event.id in dataset.links_into
        if has_links or any(taking_part[actor_id] > 1 for actor_id in event.actor_ids()):
            continue
        yield Finding(
            "island-event",
            "event",
            event.id,
            (),
            "event shares no actor with any other event and has no link to or from one (an island)",
            "add the actors it shares with other events, or a `links:` entry to a related event",
        )


def topics_without_positions(dataset: Dataset) -> Iterator[Finding]:
    """A topic no position is taken on."""
    used = {position.topic for position in dataset.positions}
    return _unused(
        "topic-without-positions",
        "topic",
        dataset.topics,
        used,
        "no position is taken on this topic",
        "add the positions actors took on it, or remove the topic",
    )


def actors_without_events(dataset: Dataset) -> Iterator[Finding]:
    """An actor who takes part in no event."""
    used = {actor_id for event in dataset.events for actor_id in event.actor_ids()}
    return _unused(
        "actor-without-events",
        "actor",
        dataset.actors,
        used,
        "actor takes part in no event",
        "list it among the `actors` of the events it took part in, or remove it",
    )


def _unused(rule: str, kind: str, items: Iterable, used: set[str], message: str, hint: str) -> Iterator[Finding]:
    """A finding at each of ``items`` whose id is not in ``used``."""
    return (Finding(rule, kind, item.id, (), message, hint) for item in items if item.id not in used)


# -- ordinal claims ---------------------------------------------------------------------

_ORDINAL_WORDS = (
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    + ("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth")
    + ("eighteenth", "nineteenth", "twentieth")
)
_NOUN_KINDS = {
    "call": {"call"},
    "conversation": {"call"},
    "visit": {"visit"},
    "trip": {"visit"},
    "meeting": {"meeting"},
    "summit": {"meeting", "conference"},
    "round": {"talks"},
}
_CLAIM = re.compile(
    r"(?:(?P<owner>[A-Z][\w.'’-]*(?:\s+(?:and|&)\s+[A-Z][\w.'’-]*)?)['’]s\s+)?"
    r"(?i:(?:the\s+)?(?P<ordinal>" + "|".join(_ORDINAL_WORDS) + r"|\d{1,3}(?:st|nd|rd|th))\s+"
    r"(?:(?:tele)?phone\s+)?(?P<noun>call|conversation|visit|trip|meeting|summit|round)s?\b)"
    r"(?P<rest>[^,.;:()]*)"
)
_PLACE = re.compile(r"^\s+to\s+(?P<place>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)")
_YEAR_SCOPE = re.compile(r"\b(?:(?P<this>of\s+the\s+year|this\s+year)|(?:of|in)\s+(?P<year>\d{4}))\b")
_PARTNERS = re.compile(r"\b(?:between|with)\s+(?P<names>.*)$")
_UNCHECKABLE = re.compile(r"\b(?:since|in\s+a\s+row|in\s+\w+\s+(?:years|months|decades))\b", re.IGNORECASE)


@dataclass(frozen=True)
class OrdinalClaim:
    """A claim such as "Witkoff's fifth visit to Russia of the year": the Nth event of some kinds with
    some actors (and place, and year), checkable against the file's own events."""

    text: str
    number: int
    kinds: frozenset[str]
    subjects: frozenset[str]
    place: str | None
    year: int | None

    def counts(self, event: Event) -> bool:
        """True when ``event`` is one of the events the claim counts."""
        return (
            event.kind in self.kinds
            and self.subjects <= set(event.actor_ids())
            and (self.place is None or self.place in (event.location or ""))
            and (self.year is None or event.date.year == self.year)
        )


def ordinal_claims(text: str, event: Event, names: NameIndex) -> Iterator[OrdinalClaim]:
    """The checkable ordinal claims in ``text`` (a title or summary of ``event``)."""
    for match in _CLAIM.finditer(text):
        rest = match["rest"]
        if _UNCHECKABLE.search(rest):
            continue
        subjects = _claim_subjects(match["owner"], rest, names, event)
        if subjects is None:
            continue
        place_match = _PLACE.match(rest)
        place = place_match["place"] if place_match and place_match["place"] in (event.location or "") else None
        scope = _YEAR_SCOPE.search(rest)
        year = None if scope is None else event.date.year if scope["this"] else int(scope["year"])
        yield OrdinalClaim(
            " ".join(match.group(0).split()),
            _ordinal_number(match["ordinal"]),
            frozenset(_NOUN_KINDS[match["noun"].casefold()]),
            frozenset(subjects),
            place,
            year,
        )


def _ordinal_number(word: str) -> int:
    word = word.casefold()
    return _ORDINAL_WORDS.index(word) + 1 if word in _ORDINAL_WORDS else int(word[:-2])


def _claim_subjects(owner: str | None, rest: str, names: NameIndex, event: Event) -> set[str] | None:
    """Whose events the claim counts: the owner ("Witkoff's"), the partners ("between Trump and
    Putin"), else the event's people (or all its actors when it has none). None when a named
    owner is not an actor of the file, so the claim cannot be checked."""
    subjects: set[str] = set()
    if owner:
        subjects = set(names.find(owner))
        if not subjects:
            return None
    partners = _PARTNERS.search(rest)
    if partners:
        subjects |= set(names.find(partners["names"]))
    if subjects:
        return subjects
    return set(event.actor_ids())


def contradicted_ordinals(dataset: Dataset) -> Iterator[Finding]:
    """An ordinal claim ("the sixth call of the year") when the file holds at least as many
    such events certainly before this one. Fewer is not reported: the file may be incomplete."""
    names = NameIndex.of(dataset.actors)
    for event in dataset.events:
        for field in ("title", "summary"):
            for claim in ordinal_claims(getattr(event, field) or "", event, names):
                earlier = [e for e in dataset.events if e.last < event.first and claim.counts(e)]
                if len(earlier) >= claim.number:
                    yield _ordinal_finding(event, field, claim, earlier)


def _ordinal_finding(event: Event, field: str, claim: OrdinalClaim, earlier: list[Event]) -> Finding:
    listed = ", ".join(f"{e.id} ({e.date})" for e in earlier[:6]) + (", …" if len(earlier) > 6 else "")
    scope = f" in {claim.year}" if claim.year else ""
    return Finding(
        "ordinal-claim",
        "event",
        event.id,
        (field,),
        f"the {field} says “{claim.text}”, but the file has {len(earlier)} such event"
        f"{'s' if len(earlier) != 1 else ''}{scope} before this one: {listed}",
        "correct the ordinal, or the kind, actors or dates of the earlier events",
    )


#: Every rule by the name printed with its warnings.
RULES: dict[str, Callable[[Dataset], Iterable[Finding]]] = {
    "speaker-not-actor": speakers_not_among_actors,
    "position-date": positions_dated_off_their_event,
    "named-not-actor": named_but_not_actors,
    "role-overlap": overlapping_roles,
    "role-gap": roles_without_successor,
    "island-event": island_events,
    "topic-without-positions": topics_without_positions,
    "actor-without-events": actors_without_events,
    "ordinal-claim": contradicted_ordinals,
}
