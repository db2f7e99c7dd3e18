"""Ids made from text: slugs, and unique ids handed out in order."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, max_length: int | None = 60) -> str:
    """An id made of ``text``: ASCII lowercase letters, digits and '-', cut at a word when
    longer than ``max_length``; empty when ``text`` has no Latin letter or digit.

    >>> slugify("Ada Lovelace: Daughter of Lord Byron!"), slugify("Türkiye"), slugify("Путин")
    ('ada-lovelace-daughter-of-lord-byron', 'turkiye', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


class UniqueIds:
    """Hands out unique ids in the order asked: the same requests always give the same ids,
    and the second "meeting-2025" becomes "meeting-2025-2"."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``… when taken; the id is taken from then on."""
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{wanted}-{number}"
        self.taken.add(candidate)
        return candidate
