"""The parameters of the synthetic data: its years, participation skew and defaults."""

from __future__ import annotations

from collections.abc import Callable

#: Actors by default: a quarter of the events, at least 20, at most this many.
MAX_DEFAULT_ACTORS = 25_000
FIRST_YEAR, LAST_YEAR = 1990, 2025
#: Exponent of the participation weights: actor of rank r takes part with weight 1 / r**ZIPF.
ZIPF = 1.0
#: ``explorer generate`` reports progress on stderr from this many events up.
PROGRESS_FROM = 10_000

Progress = Callable[[int, int], None]
