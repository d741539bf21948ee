"""What a question is: its typed facts (given or derived) and what it is for.

A fact that is a choice has a closed domain, so the rulebook loader can tell
when two provisions may both apply. Derived facts are worked out from the
facts given, the same way for every council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

FactValue = Any


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact a question takes (or derives)."""

    name: str
    type: str  # "bool" | "enum" | "date" | "int" | "text" | "people" | "person"
    description: str
    choices: tuple[str, ...] = ()
    default: FactValue = None
    required: bool = False
    derived: bool = False
    # Set for facts a rulebook declares (docs/rulebooks.md "Facts your protocol turns on").
    ask: str = ""  # the plain-English question put to a person
    help: str = ""  # help text shown under the question
    labels: tuple[tuple[str, str], ...] = ()  # (value, words shown) for a choice
    declared_by: str = ""  # the rulebook that declares it ("" for the catalogue's own)

    @property
    def declared(self) -> bool:
        return bool(self.declared_by)

    def label(self, value: FactValue) -> str:
        """The words shown for one value of a choice (the value itself if none given)."""
        for v, words in self.labels:
            if v == value:
                return words
        return str(value).replace("_", " ")

    @property
    def domain(self) -> tuple[FactValue, ...] | None:
        """The closed set of values a condition may test, or None if open."""
        if self.type == "bool":
            return (False, True)
        if self.type == "enum":
            return self.choices
        return None


@dataclass(frozen=True, slots=True)
class Question:
    """A question type: its facts, derived facts and what it is for."""

    name: str
    summary: str
    facts: tuple[Fact, ...]
    derived: tuple[Fact, ...] = ()
    derive: Callable[[dict[str, FactValue], dt.date], None] | None = None
    # Optional: given the derived facts a rulebook reads, a derive that works out at least
    # those, each with the value the full derive gives it and failing where it fails, or
    # None where nothing need be worked out and the full derive cannot fail (then the
    # engine reads the facts as given): a council's protocol may read few of a question's
    # derived facts, and a decision shows only what it reads.
    derive_for: (
        Callable[[frozenset[str]], Callable[[dict[str, FactValue], dt.date], None] | None] | None
    ) = None
    # The facts a rulebook derives for this question (docs/rulebooks.md §4a), worked out
    # after the catalogue's own: (name, the conditions of which any makes it true). The
    # question's derive already includes them; the engine compiles them with the part of
    # the catalogue's derive a rulebook reads.
    derivations: tuple[tuple[str, tuple[Mapping[str, frozenset[Any]], ...]], ...] = ()
    example: Mapping[str, Any] = field(default_factory=dict)
    # Effects a provision may state besides its outcome (name -> meaning), which the app
    # acts on by name as it does facts: e.g. correspondence.check's open_on_need_to_know.
    effects: Mapping[str, str] = field(default_factory=dict)

    def fact(self, name: str) -> Fact | None:
        for f in self.facts:
            if f.name == name:
                return f
        for f in self.derived:
            if f.name == name:
                return f
        return None

    @property
    def all_facts(self) -> tuple[Fact, ...]:
        return self.facts + self.derived

    @property
    def declared_facts(self) -> tuple[Fact, ...]:
        """The facts a rulebook added to this question, given ones first."""
        return tuple(f for f in self.all_facts if f.declared)


def b(name: str, description: str, default: bool = False) -> Fact:
    return Fact(name, "bool", description, default=default)


def e(name: str, description: str, choices: tuple[str, ...], default: str | None = None) -> Fact:
    return Fact(
        name,
        "enum",
        description,
        choices=choices,
        default=choices[0] if default is None else default,
    )


def d(name: str, description: str, required: bool = False) -> Fact:
    return Fact(name, "date", description, required=required)


def derived_bool(name: str, description: str) -> Fact:
    return Fact(name, "bool", description, default=False, derived=True)


def derived_enum(name: str, description: str, choices: tuple[str, ...]) -> Fact:
    return Fact(name, "enum", description, choices=choices, default=choices[0], derived=True)


def derived_text(name: str, description: str) -> Fact:
    return Fact(name, "text", description, default="", derived=True)


# --- shared choices -----------------------------------------------------------

MEMBER_ROLES = (
    "councillor",
    "council_chair",
    "council_vice_chair",
    "committee_chair",
    "mayor",
    "leader",
    "cabinet_member",
    "co_opted_member",
)
OFFICER_ROLES = (
    "proper_officer",
    "chief_executive",
    "chief_officer",
    "service_manager",
    "line_manager",
    "other_officer",
    "head_of_communications",
)
PERSON_KINDS = ("councillor", "officer", "complainant", "third_party", "member_of_public")
