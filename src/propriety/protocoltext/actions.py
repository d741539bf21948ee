"""Asking how the protocol applies, and answering (``protocol.interpretation``).

acses-town §15.1 sends questions on applying or interpreting the protocol to the
Town Clerk. The rulebook names who answers; where it says nothing, nobody can be
asked through here (the page says so and cites the protocol's scope clause).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.protocol import (
    citations_of,
    decide,
    role_title,
    stored_clauses,
    summary_of,
)
from propriety.enquiries.notify import send
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.protocol import UnansweredQuestion, rulebook
from propriety.protocoltext import access
from propriety.protocoltext.models import ClauseQuestion

QUESTION = "protocol.interpretation"


def do_ask_clerk(
    person: Person,
    *,
    question: str,
    clause: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> ClauseQuestion:
    """A member or officer asks how the protocol applies; the rulebook says who answers."""
    day = today or timezone.localdate()
    if acting_user.pk != person.pk or not access.may_ask(person, day):
        raise PermissionDenied("Members and officers ask about the protocol themselves.")
    council = person.council
    errors: dict[str, str] = {}
    if not question.strip():
        errors["question"] = "Enter your question about the protocol."
    elif len(question) > 4000:
        errors["question"] = "Your question must be 4,000 characters or fewer."
    clause = clause.strip()
    if clause and clause not in rulebook(council.rulebook).clauses:
        errors["clause"] = "Choose a clause of the council’s protocol, or leave it blank."
    if errors:
        raise ValidationError(errors)
    try:
        decision = decide(
            council, QUESTION, {"asked_by": access.asked_by_fact(person, day)}, today=day
        )
    except UnansweredQuestion:
        raise ValidationError(
            {"__all__": "The council’s protocol does not say who answers questions about it."}
        ) from None
    answerer = decision.refer_to or "proper_officer"
    record = ClauseQuestion(
        council=council,
        asked_by=person,
        clause=clause,
        question=question.strip(),
        asked_on=day,
        answerer_role=answerer,
        decision=summary_of(decision),
        rulebook_version=decision.rulebook_version,
    )
    who = role_title(council, answerer)
    with recording(
        council=council,
        actor=acting_user,
        action="protocol.question_asked",
        citations=citations_of(decision),
        rulebook_version=decision.rulebook_version,
    ) as rec:
        record.full_clean()
        record.save()
        rec.obj = record
        rec.details = {
            "says": f"{person.full_name} asked how the protocol applies"
            + (f" ({clause})" if clause else "")
            + f". {decision.explanation} It goes to {who}.",
        }
    send(
        holders_of(council, answerer, day),
        f"Question about the protocol: {record.reference}",
        f"{person.full_name} asks how the protocol applies"
        + (f" (clause {clause})" if clause else "")
        + f":\n\n{record.question}\n",
    )
    return record


def do_answer_clause_question(
    question: ClauseQuestion,
    *,
    answer: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> ClauseQuestion:
    """Whoever the rulebook named answers; the asker is emailed the answer."""
    day = today or timezone.localdate()
    with locked(question):
        if not access.can_answer(acting_user, question, day):
            raise PermissionDenied(
                f"Only {role_title(question.council, question.answerer_role)} answers this "
                "question, once."
            )
        if not answer.strip():
            raise ValidationError({"answer": "Enter your answer."})
        question.answer = answer.strip()
        question.answered_by = acting_user
        question.answered_on = day
        question.status = ClauseQuestion.Status.ANSWERED
        with recording(
            council=question.council,
            actor=acting_user,
            action="protocol.question_answered",
            obj=question,
            citations=stored_clauses(question.decision),
            rulebook_version=question.rulebook_version,
            details={"says": f"{acting_user.full_name} answered the question."},
        ):
            question.save(update_fields=["answer", "answered_by", "answered_on", "status"])
    send(
        [question.asked_by],
        f"Your question about the protocol has been answered: {question.reference}",
        f"{acting_user.full_name} answered:\n\n{question.answer}\n",
    )
    return question
