"""Validating facts at the boundary (CLI, API, web): JSON in, typed facts out,
or a FactsError naming the field."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from propriety.protocol._questions import PERSON_KINDS, QUESTIONS, Fact
from propriety.protocol._rulebook import Rulebook


class FactsError(ValueError):
    """Facts that do not fit the question; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def validate_facts(question: str, raw: Any, rulebook: Rulebook | None = None) -> dict[str, Any]:
    """Check and convert JSON facts for a question; raise FactsError naming the field.

    With a rulebook, the facts it declares for the question are accepted too."""
    q = QUESTIONS.get(question)
    if q is not None and rulebook is not None:
        q = rulebook.question(question)
    if q is None:
        close = difflib.get_close_matches(question, list(QUESTIONS), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else f" Questions: {', '.join(QUESTIONS)}."
        raise FactsError("question", f"unknown question {question!r}.{hint}")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise FactsError("facts", "facts must be an object of fact: value")
    out: dict[str, Any] = {}
    given = {f.name: f for f in q.facts}
    for name, value in raw.items():
        fact = given.get(name)
        if fact is None:
            derived = q.fact(name)
            if derived is not None:
                raise FactsError(
                    f"facts.{name}", "this fact is worked out by the engine; leave it out"
                )
            close = difflib.get_close_matches(name, list(given), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"{question} takes: {', '.join(given) or 'no facts'}"
            )
            raise FactsError(f"facts.{name}", f"{question} has no such fact; {hint}")
        out[name] = _convert(fact, value)
    for fact in q.facts:
        if fact.required and out.get(fact.name) is None:
            raise FactsError(
                f"facts.{fact.name}", f"{question} needs this fact ({fact.description})"
            )
    return out


def _convert(fact: Fact, value: Any) -> Any:
    field = f"facts.{fact.name}"
    if value is None:
        return fact.default
    if fact.type == "bool":
        if not isinstance(value, bool):
            raise FactsError(field, f"must be true or false, not {value!r}")
        return value
    if fact.type == "enum":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in fact.choices:
            raise FactsError(field, f"must be one of {', '.join(fact.choices)}; got {value!r}")
        return value
    if fact.type == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise FactsError(field, f"must be a date like 2026-11-22; got {value!r}") from None
    if fact.type == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise FactsError(field, f"must be a whole number; got {value!r}")
        return value
    if fact.type == "text":
        if not isinstance(value, str):
            raise FactsError(field, f"must be text; got {value!r}")
        return value
    if fact.type == "person":
        return _person(field, value)
    if fact.type == "people":
        if not isinstance(value, list):
            raise FactsError(field, 'must be a list of {"name": ..., "kind": ...}')
        return tuple(_person(f"{field}[{i}]", v) for i, v in enumerate(value))
    raise FactsError(field, f"unsupported fact type {fact.type}")  # pragma: no cover


def _person(field: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise FactsError(
            field, 'must be an object like {"name": "Alex Green", "kind": "councillor"}'
        )
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FactsError(f"{field}.name", "every person needs a name")
    kind = value.get("kind", "officer" if value.get("role") == "officer" else None)
    if kind is None and value.get("role") in (
        "councillor",
        "council_chair",
        "mayor",
        "committee_chair",
    ):
        kind = "councillor"
    if kind not in PERSON_KINDS:
        raise FactsError(f"{field}.kind", f"must be one of {', '.join(PERSON_KINDS)}; got {kind!r}")
    out = {"name": name.strip(), "kind": str(kind)}
    role = value.get("role")
    if role is not None:
        if not isinstance(role, str):
            raise FactsError(f"{field}.role", "must be text")
        out["role"] = role
    return out
