"""The pure core of Propriety: rulebooks, citations, working-day clocks and
the decision engine. Standard library and small pure libraries only: this
package never imports Django (see docs/adr/0001-core-never-imports-django.md).

    >>> from propriety.protocol import engine_for
    >>> decision = engine_for("acses-town").decide("document.access", {...})
"""

from __future__ import annotations

from functools import lru_cache

from propriety.protocol._clock import (
    NATIONS,
    Clock,
    Deadline,
    Pause,
    WorkingDays,
    format_date,
    run_clock,
    working_days,
)
from propriety.protocol._dates import long_date, month_name
from propriety.protocol._decision import Citation, Decision, Route, UnansweredQuestion
from propriety.protocol._engine import Engine
from propriety.protocol._facts import FactsError, validate_facts
from propriety.protocol._loading import load_rulebook
from propriety.protocol._paths import rulebook_names, rulebooks_dir
from propriety.protocol._problems import Problem, RulebookError
from propriety.protocol._questions import QUESTIONS, Fact, Question
from propriety.protocol._reports import ReadableClause, readable_clauses, source_paragraph
from propriety.protocol._reports import diff as rulebook_diff
from propriety.protocol._rulebook import ROLES, Clause, Provision, Rulebook

__all__ = [
    "NATIONS",
    "QUESTIONS",
    "ROLES",
    "Citation",
    "Clause",
    "Clock",
    "Deadline",
    "Decision",
    "Engine",
    "Fact",
    "FactsError",
    "Pause",
    "Problem",
    "Provision",
    "Question",
    "ReadableClause",
    "Route",
    "Rulebook",
    "RulebookError",
    "UnansweredQuestion",
    "WorkingDays",
    "concrete_rulebook_names",
    "engine_for",
    "format_date",
    "load_rulebook",
    "long_date",
    "month_name",
    "readable_clauses",
    "rulebook",
    "rulebook_diff",
    "rulebook_names",
    "rulebooks_dir",
    "run_clock",
    "source_paragraph",
    "validate_facts",
    "working_days",
]


@lru_cache(maxsize=64)
def rulebook(name: str) -> Rulebook:
    """The loaded rulebook ``name`` (cached for the life of the process)."""
    return load_rulebook(name)


@lru_cache(maxsize=64)
def engine_for(name: str) -> Engine:
    """A ready engine for the rulebook ``name`` (cached)."""
    return Engine(rulebook(name))


def concrete_rulebook_names() -> list[str]:
    """Rulebooks a council can adopt (not abstract models)."""
    return [n for n in rulebook_names() if not rulebook(n).abstract]
