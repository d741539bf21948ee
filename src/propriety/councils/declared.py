"""Asking a council's declared facts on any form, and keeping the answers.

A rulebook may declare facts of its own for a question (docs/rulebooks.md
§4a): a yes/no, a choice or a date, each with the question to put to a person
and help text. This is the one place the web side turns those declarations
into form fields, reads the answers back, checks answers sent to the API, and
says what was answered so a case keeps it with its decision. Forms use
:class:`DeclaredFactsForm`; templates include ``includes/declared_facts.html``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from propriety.councils.models import Council
from propriety.protocol import Fact, FactsError, long_date, rulebook, validate_facts
from propriety.web.forms import ProprietyForm

PREFIX = "fact_"
_YES_NO = [("yes", "Yes"), ("no", "No")]


def declared_facts(council: Council, question: str) -> tuple[Fact, ...]:
    """The facts the council's rulebook declares for ``question`` that a person answers."""
    return tuple(
        f for f in rulebook(council.rulebook).question(question).declared_facts if not f.derived
    )


def field_for(fact: Fact) -> forms.Field:
    """The form field that asks one declared fact, as its declaration says."""
    required = {"required": f"Answer the question: {fact.ask}"}
    if fact.type == "bool":
        return forms.TypedChoiceField(
            choices=_YES_NO,
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            initial="yes" if fact.default else "no",
            error_messages={**required, "invalid_choice": required["required"]},
        )
    if fact.type == "enum":
        return forms.ChoiceField(
            choices=[(v, fact.label(v)) for v in fact.choices],
            widget=forms.RadioSelect,
            initial=fact.default,
            error_messages={**required, "invalid_choice": required["required"]},
        )
    return forms.DateField(
        required=False,
        error_messages={"invalid": f"Enter a real date for: {fact.ask}"},
    )


class DeclaredFactsForm(ProprietyForm):
    """A form that also asks the facts a council's rulebook declares for a question.

    Call :meth:`add_declared` in ``__init__``; ``protocol_fields`` lists the
    bound fields with their facts for the template, ``declared_answers()`` the
    answers as facts once the form is valid."""

    protocol_declared: tuple[Fact, ...] = ()

    def add_declared(self, council: Council, question: str) -> None:
        self.protocol_declared = declared_facts(council, question)
        for fact in self.protocol_declared:
            self.fields[PREFIX + fact.name] = field_for(fact)

    @property
    def protocol_fields(self) -> list[tuple[forms.BoundField, Fact]]:
        return [(self[PREFIX + fact.name], fact) for fact in self.protocol_declared]

    def declared_answers(self) -> dict[str, Any]:
        """The answers as JSON-ready facts (dates as YYYY-MM-DD), by fact name."""
        answers: dict[str, Any] = {}
        for fact in self.protocol_declared:
            value = self.cleaned_data.get(PREFIX + fact.name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            answers[fact.name] = value
        return answers


def initial_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Stored answers as a form's initial values (yes/no for booleans)."""
    return {
        PREFIX + name: ("yes" if value else "no") if isinstance(value, bool) else value
        for name, value in answers.items()
    }


def current_answers(council: Council, question: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Stored answers the council's rulebook still declares (a rulebook may drop a fact)."""
    own = {f.name for f in declared_facts(council, question)}
    return {k: v for k, v in answers.items() if k in own}


def check_answers(
    council: Council, question: str, answers: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Answers sent to the API: only the council's declared facts for the question, each
    of the right type. Raises ValidationError keyed ``facts.NAME``."""
    if not answers:
        return {}
    own = {f.name for f in declared_facts(council, question)}
    for name in answers:
        if name not in own:
            known = ", ".join(sorted(own)) or "none"
            raise ValidationError(
                {
                    f"facts.{name}": f"The council's protocol declares no fact {name!r} for "
                    f"{question}; it declares: {known}."
                }
            )
    try:
        validate_facts(question, dict(answers), rulebook(council.rulebook))
    except FactsError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in answers.items()}


def answered(council: Council, question: str, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What a case keeps with its decision: each declared fact asked, and the answer
    in words (``[{"fact", "ask", "answer", "value"}]``)."""
    kept = []
    for fact in declared_facts(council, question):
        if fact.name not in answers:
            continue
        value = answers[fact.name]
        if fact.type == "bool":
            words = "Yes" if value else "No"
        elif fact.type == "enum":
            words = fact.label(value)
        elif value:
            day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
            words = long_date(day)
        else:
            words = "Not given"
        kept.append({"fact": fact.name, "ask": fact.ask, "answer": words, "value": value})
    return kept
