"""``/api/v1/conduct``: ask the protocol "Can I…?" and keep the answer, as the pages do.

Asking stores nothing. Keeping stores the answer for the person who asked, who alone
sees it (404 for anyone else's, as for one that does not exist). Only serving members
and officers ask (403 otherwise); a council whose protocol has no conduct rules gets
422 saying so.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from propriety.api.auth import current_person
from propriety.api.schemas import ERRORS, READ_ERRORS, DecisionOut, decision_out
from propriety.conduct import access
from propriety.conduct.actions import ask_conduct, do_keep_conduct_question
from propriety.conduct.models import (
    ACTION_LABELS,
    CONCERNING_LABELS,
    FORUM_LABELS,
    ConductQuestion,
)
from propriety.councils.declared import answered
from propriety.councils.protocol import summary_of

router = Router(tags=["can I…?"])


def _choices(labels: dict[str, str]) -> str:
    return "; ".join(f"`{k}`: {v}" for k, v in labels.items()) + "."


class AskIn(Schema):
    action: str = Field(
        description="What you plan to do: " + _choices(ACTION_LABELS),
        json_schema_extra={"enum": list(ACTION_LABELS)},
    )
    forum: str = Field(
        description="Where: " + _choices(FORUM_LABELS),
        json_schema_extra={"enum": list(FORUM_LABELS)},
    )
    concerning: str = Field(
        description="Whom it concerns: " + _choices(CONCERNING_LABELS),
        json_schema_extra={"enum": list(CONCERNING_LABELS)},
    )
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for `conduct.action` "
        "(name: value; see `schemas/rulebooks/<rulebook>.json`).",
    )


class KeepIn(AskIn):
    plan: str = Field("", max_length=2000, description="What you plan to do, in your words.")


class ConductQuestionOut(Schema):
    id: int = Field(description="The kept question's id.")
    asked_on: datetime.date = Field(description="The day it was asked and kept.")
    action: str = Field(description="What was planned (see AskIn.action).")
    forum: str = Field(description="Where (see AskIn.forum).")
    concerning: str = Field(description="Whom it concerned (see AskIn.concerning).")
    plan: str = Field(description="The plan in the asker's words, if given.")
    decision: DecisionOut = Field(description="What the protocol said, with its clauses.")


def _out(question: ConductQuestion) -> ConductQuestionOut:
    return ConductQuestionOut(
        id=question.pk,
        asked_on=question.asked_on,
        action=question.action,
        forum=question.forum,
        concerning=question.concerning,
        plan=question.plan,
        decision=decision_out(question.decision),
    )


@router.post(
    "/ask",
    response={200: DecisionOut, **ERRORS},
    summary="Ask the protocol about something you plan to do (nothing is stored)",
    operation_id="ask_conduct",
)
def ask(request: HttpRequest, payload: AskIn) -> DecisionOut:
    """The protocol's answer (`conduct.action`) with its clauses, obligations and guidance.
    Nothing is recorded and nobody is told."""
    person = current_person(request)
    decision, answers = ask_conduct(
        person,
        action=payload.action,
        forum=payload.forum,
        concerning=payload.concerning,
        declared=payload.facts,
    )
    return decision_out(summary_of(decision, answered(person.council, "conduct.action", answers)))


@router.get(
    "/questions",
    response={200: list[ConductQuestionOut], **READ_ERRORS},
    summary="The answers you kept",
    operation_id="list_conduct_questions",
)
def list_questions(request: HttpRequest) -> list[ConductQuestionOut]:
    """Only your own, newest first."""
    return [_out(q) for q in access.questions_kept_by(current_person(request))]


@router.post(
    "/questions",
    response={201: ConductQuestionOut, **ERRORS},
    summary="Keep the protocol's answer to a question you ask",
    operation_id="keep_conduct_question",
)
def keep(request: HttpRequest, payload: KeepIn) -> Status[ConductQuestionOut]:
    """Asks again and keeps the answer, for you alone; audited with its clauses."""
    person = current_person(request)
    question = do_keep_conduct_question(
        person,
        action=payload.action,
        forum=payload.forum,
        concerning=payload.concerning,
        plan=payload.plan,
        declared=payload.facts,
        acting_user=person,
    )
    return Status(201, _out(question))


@router.get(
    "/questions/{question_id}",
    response={200: ConductQuestionOut, **READ_ERRORS},
    summary="One answer you kept",
    operation_id="get_conduct_question",
)
def get_question(request: HttpRequest, question_id: int) -> ConductQuestionOut:
    """404 for one that is not yours, as for one that does not exist."""
    return _out(access.access_conduct_question_by_id(current_person(request), question_id))
