"""Where rulebooks live on disk."""

from __future__ import annotations

import os
from pathlib import Path


def rulebooks_dir() -> Path:
    """The rulebooks folder: ``$PROPRIETY_RULEBOOKS`` or ``rulebooks/`` in the checkout."""
    env = os.environ.get("PROPRIETY_RULEBOOKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "rulebooks"


def rulebook_names() -> list[str]:
    """Ids of every rulebook file in the rulebooks folder, sorted."""
    folder = rulebooks_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))
