"""Finding actors named in free text (titles, summaries), by name, alias or surname."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Actor

# A word, with inner dots kept so that "U.S." is one token and "Moscow." ends before the dot.
_TOKEN = re.compile(r"\w+(?:\.\w+)*\.?")
_NOT_SURNAMES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class NameIndex:
    """Exact names → actor ids. Matching is case-sensitive and whole-word, and prefers the
    longest name at each place, so "Russian Direct Investment Fund" is not also "Russia"."""

    ids_by_name: dict[str, str]
    longest: int

    @classmethod
    def of(cls, actors: Iterable[Actor]) -> NameIndex:
        """Each actor's name and aliases, and a person's surname when no other actor shares it.

        >>> from explorer.model import Actor
        >>> index = NameIndex.of([Actor(id="vp", name="Vladimir Putin", kind="person")])
        >>> index.find("Putin's call with Trump")
        ['vp']
        """
        actors = list(actors)
        claimed: dict[str, set[str]] = {}
        for actor in actors:
            for name in (actor.name, *actor.aliases):
                claimed.setdefault(_normal(name), set()).add(actor.id)
        surnames = {actor.id: _surname(actor) for actor in actors}
        counts = Counter(surname for surname in surnames.values() if surname)
        for actor_id, surname in surnames.items():
            if surname and counts[surname] == 1 and surname not in claimed:
                claimed[surname] = {actor_id}
        ids_by_name = {name: ids.pop() for name, ids in claimed.items() if len(ids) == 1}
        longest = max((len(_TOKEN.findall(name)) for name in ids_by_name), default=0)
        return cls(ids_by_name, longest)

    def find(self, text: str) -> list[str]:
        """Ids of the actors named in ``text``, in order of first mention, each once."""
        tokens = list(_TOKEN.finditer(text))
        found: dict[str, None] = {}
        start = 0
        while start < len(tokens):
            width, actor_id = self._longest_at(text, tokens, start)
            if actor_id:
                found.setdefault(actor_id)
            start += width or 1
        return list(found)

    def _longest_at(self, text: str, tokens: list[re.Match], start: int) -> tuple[int, str | None]:
        for width in range(min(self.longest, len(tokens) - start), 0, -1):
            phrase = _normal(text[tokens[start].start() : tokens[start + width - 1].end()])
            actor_id = self.ids_by_name.get(phrase) or self.ids_by_name.get(phrase.removesuffix("."))
            if actor_id:
                return width, actor_id
        return 0, None


def _surname(actor: Actor) -> str | None:
    if actor.kind != "person":
        return None
    words = [word for word in actor.name.split() if word.casefold() not in _NOT_SURNAMES]
    return words[-1] if len(words) > 1 else None
