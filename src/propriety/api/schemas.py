"""Schemas every capability's API shares: people, clauses, decisions, timelines, errors.

"Cite or refuse": a response that shows a decision carries the clauses behind
it, each with the council's rulebook's own paraphrase (``says``).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import AfterValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from propriety.audit.timeline import TimelineEntry, timeline_for
from propriety.councils.models import Council
from propriety.councils.protocol import role_title
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.protocol import Decision
from propriety.web.forms import FIRST_YEAR, LAST_YEAR, YEAR_ERROR

_Day = TypeVar("_Day", bound=datetime.date)


def _plausible_year(value: _Day, info: ValidationInfo) -> _Day:
    """The pages' and imports' rule (``web.forms.FIRST_YEAR``..``LAST_YEAR``) for a date
    sent to the API: a year typed as "26" arrives as 0026, a slip as 9999, and either would
    set clocks and deadlines nobody meant. Refused in the schema, so nothing is written."""
    if FIRST_YEAR <= value.year <= LAST_YEAR:
        return value
    label = info.field_name or "The date"
    message = YEAR_ERROR.format(label=label, first=FIRST_YEAR, last=LAST_YEAR)
    raise PydanticCustomError("implausible_year", message)


# Every date or date and time a client sends (request bodies, queries) is one of these;
# tests/web/test_api_dates.py walks the OpenAPI schema for any that is not.
PlausibleDate = Annotated[datetime.date, AfterValidator(_plausible_year)]
PlausibleDateTime = Annotated[datetime.datetime, AfterValidator(_plausible_year)]


class PersonRef(Schema):
    id: int = Field(description="The person's id (use it for officer_id, decider_id).")
    name: str = Field(description="Their full name.")


def person_ref(person: Person | None) -> PersonRef | None:
    return PersonRef(id=person.pk, name=person.full_name) if person is not None else None


class CitationOut(Schema):
    rulebook: str = Field(description="The rulebook cited, e.g. `acses-town`.")
    clause: str = Field(description="The clause in the council's own numbering, e.g. `§4.6`.")
    says: str = Field(description="What the clause says, paraphrased in plain English.")


class ObligationOut(Schema):
    id: str = Field(description="The obligation's id in the rulebook.")
    text: str = Field(description="What someone must now do, in plain English.")
    clauses: list[str] = Field(description="The clauses that impose it.")


class RoleOut(Schema):
    role: str = Field(description="The rulebook's key for the role, e.g. `proper_officer`.")
    title: str = Field(description="The council's own words for it, e.g. `the Town Clerk`.")


class RouteOut(Schema):
    now: RoleOut = Field(description="Who deals with it now.")
    next: list[RoleOut] = Field(description="Who it goes to after that, in order.")


class DeclaredAnswerOut(Schema):
    fact: str = Field(description="The fact the council's rulebook declares.")
    ask: str = Field(description="The question the rulebook puts to a person.")
    answer: str = Field(description="The answer in words.")
    value: Any = Field(description="The answer as the fact's value (true/false, a choice, a date).")


class DecisionOut(Schema):
    """A rulebook decision as a case keeps it."""

    outcome: str = Field(
        description="`allow`; `refuse`; `refer` (an officer decides); or `put_right`: allowed "
        "once put right, it may go once the `obligations` (the steps) are done."
    )
    explanation: str = Field(description="Why, in plain English.")
    citations: list[CitationOut] = Field(description="The clauses behind the decision.")
    obligations: list[ObligationOut] = Field(description="What the decision requires of anyone.")
    route: RouteOut | None = Field(description="Who deals with it now and next, if routed.")
    refer_to: RoleOut | None = Field(description="Who decides, when the outcome is `refer`.")
    recommendation: str | None = Field(
        description="The rulebook's recommendation to whoever decides (`allow` or `refuse`)."
    )
    guidance: list[CitationOut] = Field(description="Guidance clauses the decider should read.")
    rulebook_version: str = Field(description="The version of the rulebook that decided.")
    as_of: datetime.date | None = Field(description="The day the rulebook was asked.")
    declared_facts: list[DeclaredAnswerOut] = Field(
        default_factory=list,
        description="The answers to the facts the council's rulebook declares for this "
        "question, as they were given when it decided.",
    )


def _role(value: Any) -> RoleOut | None:
    if not value:
        return None
    return RoleOut(role=str(value["role"]), title=str(value["title"]))


def decision_out(stored: dict[str, Any]) -> DecisionOut:
    """A decision stored on a case (``summary_of``) as the API shows it."""
    route = stored.get("route")
    return DecisionOut(
        outcome=str(stored.get("outcome", "")),
        explanation=str(stored.get("explanation", "")),
        citations=[
            CitationOut(rulebook=c["rulebook"], clause=c["clause"], says=c.get("says", ""))
            for c in stored.get("citations", [])
        ],
        obligations=[
            ObligationOut(id=o["id"], text=o["text"], clauses=list(o.get("clauses", [])))
            for o in stored.get("obligations", [])
        ],
        route=(
            RouteOut(
                now=RoleOut(**route["now"]),
                next=[RoleOut(**step) for step in route.get("next", [])],
            )
            if route
            else None
        ),
        refer_to=_role(stored.get("refer_to")),
        recommendation=stored.get("recommendation"),
        guidance=[
            CitationOut(
                rulebook=str(stored.get("rulebook", "")), clause=g["clause"], says=g["text"]
            )
            for g in stored.get("guidance", [])
        ],
        rulebook_version=str(stored.get("rulebook_version", "")),
        as_of=stored.get("as_of") or None,
        declared_facts=[DeclaredAnswerOut(**a) for a in stored.get("declared_facts", [])],
    )


def citations_out(*decisions: Decision) -> list[CitationOut]:
    """The clauses behind live decisions, each once, with what they say."""
    seen: dict[tuple[str, str], CitationOut] = {}
    for decision in decisions:
        for c in decision.citations:
            seen.setdefault(
                (c.rulebook, c.clause),
                CitationOut(rulebook=c.rulebook, clause=c.clause, says=c.says),
            )
    return list(seen.values())


class TimelineEntryOut(Schema):
    occurred_at: datetime.datetime = Field(description="When it happened (ISO 8601, with zone).")
    action: str = Field(description="The audit event's action, e.g. `enquiry.allocated`.")
    says: str = Field(description="What happened, in plain English.")
    actor: str = Field(description="Who did it (`Propriety (automatic)` for the system).")
    clauses: list[str] = Field(description="The clauses the event cites.")


def timeline_out(*objects: Any) -> list[TimelineEntryOut]:
    entries: list[TimelineEntry] = timeline_for(*objects)
    return [
        TimelineEntryOut(
            occurred_at=e.event.occurred_at,
            action=e.event.action,
            says=e.says,
            actor=e.actor_name,
            clauses=list(e.clauses),
        )
        for e in entries
    ]


def title_of(council: Council, role_key: str) -> str | None:
    return role_title(council, role_key) if role_key else None


def officer_of(council: Council, person_id: int, field: str) -> Person:
    """An officer of ``council`` by id, or a 422 on ``field`` (another council's id included)."""
    for officer in officers_of(council):
        if officer.pk == person_id:
            return officer
    raise ValidationError({field: "Choose an officer of this council."})


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in plain English.")


class InvalidOut(Schema):
    detail: str | list[dict[str, Any]] = Field(
        description=(
            "What was wrong: a sentence for a rule the action enforces, or ninja's list of "
            "schema errors when the request body does not match the schema."
        )
    )
    errors: dict[str, list[str]] | None = Field(
        None, description="The messages per field (`__all__` for the whole request)."
    )


# The error answers every endpoint that acts on a case may give, for the OpenAPI schema.
ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: InvalidOut,
}
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
