"""docs/architecture.md is the map: every path its tables name must exist, and every app
the project installs must be in its table of apps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.core

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "docs" / "architecture.md"
CODE = re.compile(r"`([^`]+)`")


def _table_rows() -> list[str]:
    return [line for line in MAP.read_text(encoding="utf-8").splitlines() if line.startswith("|")]


def _named_paths() -> set[str]:
    """Backticked repository paths in the first column of any table, and ``src/…``,
    ``docs/…``, ``tests/…`` paths anywhere in a table row."""
    found: set[str] = set()
    for row in _table_rows():
        cells = [c.strip() for c in row.strip("|").split("|")]
        first = CODE.findall(cells[0]) if cells else []
        for text in first:
            if "/" in text and "<" not in text and " " not in text:
                found.add(text)
        for text in CODE.findall(row):
            if re.match(r"^(src|docs|tests|bench|scripts|rulebooks|schemas)/[\w./-]*$", text):
                found.add(text)
    return found


def test_every_path_the_map_names_exists() -> None:
    paths = _named_paths()
    assert len(paths) > 10  # the tables were read
    missing = sorted(p for p in paths if not (ROOT / p.rstrip("/")).exists())
    assert missing == [], f"docs/architecture.md names paths that do not exist: {missing}"


def test_every_app_is_on_the_map() -> None:
    apps = sorted(
        p.parent.name
        for p in (ROOT / "src" / "propriety").glob("*/apps.py")
        if p.parent.name not in ("web",)
    )
    text = MAP.read_text(encoding="utf-8")
    missing = [a for a in apps if f"`{a}`" not in text]
    assert missing == [], f"apps missing from docs/architecture.md: {missing}"


def test_no_table_row_is_written_twice() -> None:
    firsts = [row.strip("|").split("|")[0].strip() for row in _table_rows()]
    firsts = [f for f in firsts if f.startswith("`")]
    doubled = sorted({f for f in firsts if firsts.count(f) > 1})
    assert doubled == [], f"rows written twice in docs/architecture.md: {doubled}"
