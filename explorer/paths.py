"""Where explorer finds its files, shared by the command line and the web app."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_path() -> Path:
    """The curated dataset: ``$EXPLORER_DATA``, the checkout's ``data/events.yaml``,
    or the copy installed with the package."""
    if os.environ.get("EXPLORER_DATA"):
        return Path(os.environ["EXPLORER_DATA"])
    checkout = Path(__file__).resolve().parent.parent / "data" / "events.yaml"
    if checkout.exists():
        return checkout
    return Path(__file__).resolve().parent / "data" / "events.yaml"
