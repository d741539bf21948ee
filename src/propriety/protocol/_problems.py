"""What is wrong with a rulebook: each problem with its file, line, clause or
provision, and how to fix it. Loading collects every problem (not just the
first) and raises them together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a rulebook, and how to fix it."""

    path: Path
    line: int
    where: str  # e.g. 'clause "§10.3(b)"' or 'provision "access.exempt"'
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{where} {self.message}.{fix}"


class RulebookError(Exception):
    """A rulebook that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the rulebook:\n{lines}")


class Collector:
    """Gathers problems as a rulebook is read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, where: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(path, line, where, message, fix))


def suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]
