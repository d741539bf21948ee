"""``/api/v1/protocol``: the readable protocol and its review status, and questions about
how it applies (``protocol.interpretation``). Thin, like the views."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, list_query, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
    DecisionOut,
    PersonRef,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
)
from propriety.protocoltext import access
from propriety.protocoltext.actions import do_answer_clause_question, do_ask_clerk
from propriety.protocoltext.listing import FILTERS, SORTS, sorted_questions
from propriety.protocoltext.models import ClauseQuestion
from propriety.protocoltext.review import review_status
from propriety.protocoltext.text import protocol_text
from propriety.web.list_controls import controls_from, described

router = Router(tags=["protocol"])


class ClauseOut(Schema):
    id: str = Field(description="The clause in the council's own numbering, e.g. `§4.3`.")
    anchor: str = Field(description="Its anchor on /protocol/, e.g. `clause-4-3`.")
    heading: str = Field(description="The section it is in.")
    says: str = Field(description="What it says, in plain English.")
    text: str = Field(description="The adopted text, where the source has it.")


class ReviewOut(Schema):
    status: str = Field(description="`current`, `due` (within 3 months), `overdue` or `unset`.")
    label: str = Field(description="The status in words.")
    decision: DecisionOut | None = Field(description="The protocol's `protocol.review` answer.")


class ProtocolOut(Schema):
    rulebook: str = Field(description="The rulebook of the council's protocol, e.g. `acses-town`.")
    title: str = Field(description="Its title.")
    version: str = Field(description="The version in force.")
    adopted: str = Field(description="When the protocol was adopted.")
    review_due: str = Field(description="When the protocol says it is next reviewed.")
    review: ReviewOut = Field(description="The protocol's review status.")
    clauses: list[ClauseOut] = Field(description="Every clause, in the protocol's order.")


@router.get("", response={200: ProtocolOut, **READ_ERRORS}, summary="Your council's protocol")
def get_protocol(request: HttpRequest) -> ProtocolOut:
    """The council's protocol, clause by clause, with its review status."""
    person = current_person(request)
    text = protocol_text(person.council.rulebook)
    review = review_status(person.council, timezone.localdate())
    return ProtocolOut(
        rulebook=text.rulebook,
        title=text.title,
        version=text.version,
        adopted=text.adopted,
        review_due=text.review_due,
        review=ReviewOut(
            status=review.status,
            label=review.label,
            decision=decision_out(review.decision) if review.decision else None,
        ),
        clauses=[
            ClauseOut(id=c.id, anchor=c.anchor, heading=s.heading, says=c.says, text=c.text)
            for s in text.sections
            for c in s.clauses
        ],
    )


class ProtocolQuestionIn(Schema):
    question: str = Field(description="Your question about how the protocol applies.")
    clause: str = Field("", description="The clause asked about, e.g. `§4.3` (optional).")


class ProtocolAnswerIn(Schema):
    answer: str = Field(description="The answer.")


class QuestionOut(Schema):
    id: int = Field(description="Its id, for the paths that take one.")
    reference: str = Field(description="The council's reference for it.")
    clause: str = Field(description="The clause asked about, if any.")
    question: str = Field(description="The question.")
    asked_by: PersonRef = Field(description="Who asked.")
    asked_on: datetime.date = Field(description="The day it was asked.")
    status: str = Field(description="`open` or `answered`.")
    answer: str = Field(description="The answer, once given.")
    answered_by: PersonRef | None = Field(description="Who answered; null until answered.")
    decision: DecisionOut = Field(description="Who answers, and the clause that says so.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")


def question_out(q: ClauseQuestion) -> QuestionOut:
    return QuestionOut(
        id=q.pk,
        reference=q.reference,
        clause=q.clause,
        question=q.question,
        asked_by=PersonRef(id=q.asked_by.pk, name=q.asked_by.full_name),
        asked_on=q.asked_on,
        status=q.status,
        answer=q.answer,
        answered_by=person_ref(q.answered_by),
        decision=decision_out(q.decision),
        timeline=timeline_out(q),
    )


class QuestionListQuery(list_query("QuestionListQuery", described(FILTERS), SORTS)):  # type: ignore[misc]
    """The list's filters and order, as its page offers them."""


@router.get(
    "/questions", response={200: Paged[QuestionOut], **READ_ERRORS}, summary="Questions you can see"
)
def list_questions(
    request: HttpRequest, query: Query[QuestionListQuery], paging: Query[PageIn]
) -> Paged[QuestionOut]:
    """Your questions, and those the protocol sends to you to answer. Those waiting for an
    answer first, then the rest newest first; paged, with the total `count`."""
    controls = controls_from(query.dict(), FILTERS, SORTS, strict=True)
    rows = controls.apply(access.questions_visible_to(current_person(request)))
    rows = sorted_questions(rows, controls.sort)
    return paged(rows, paging, question_out)


@router.post("/questions", response={201: QuestionOut, **ERRORS}, summary="Ask how it applies")
def ask(request: HttpRequest, payload: ProtocolQuestionIn) -> Status[Schema]:
    """Members and officers ask; the rulebook names who answers (acses-town §15.1)."""
    person = current_person(request)
    record = do_ask_clerk(
        person, question=payload.question, clause=payload.clause, acting_user=person
    )
    return Status(201, question_out(record))


@router.get(
    "/questions/{question_id}", response={200: QuestionOut, **READ_ERRORS}, summary="A question"
)
def get_question(request: HttpRequest, question_id: int) -> QuestionOut:
    """A question about the protocol: who answers it, the answer, its history. 404 if it does not exist or is not yours to see."""
    return question_out(access.access_clause_question_by_id(current_person(request), question_id))


@router.post(
    "/questions/{question_id}/answer", response={200: QuestionOut, **ERRORS}, summary="Answer it"
)
def answer(request: HttpRequest, question_id: int, payload: ProtocolAnswerIn) -> QuestionOut:
    """Whoever the rulebook named answers, once."""
    person = current_person(request)
    record = access.access_clause_question_by_id(person, question_id)
    if not access.can_answer(person, record):
        raise PermissionDenied("You do not answer this question.")
    return question_out(
        do_answer_clause_question(record, answer=payload.answer, acting_user=person)
    )
