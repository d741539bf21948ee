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


def examples_dir() -> Path:
    """Example rulebooks of fictional councils (``rulebooks/examples/``): loadable by
    name for trying things out and for the docs, never offered to a real council."""
    return rulebooks_dir() / "examples"


def example_names() -> list[str]:
    folder = examples_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def folder_of(name: str) -> Path:
    """Where the rulebook ``name`` lives: ``rulebooks/``, else ``rulebooks/examples/``."""
    main = rulebooks_dir()
    if not (main / f"{name}.yaml").is_file() and (examples_dir() / f"{name}.yaml").is_file():
        return examples_dir()
    return main
