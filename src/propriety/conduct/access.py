"""Who sees a kept "Can I…?" question: only the person who asked and kept it.

It is their own note of advice they sought; nobody else (the Clerk included)
sees it, and a question that is not theirs gets the same 404 as one that does
not exist.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404

from propriety.conduct.models import ConductQuestion
from propriety.councils.models import Council
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.protocol import rulebook


def answers_conduct(council: Council) -> bool:
    """Whether the council's rulebook answers conduct.action (an optional feature)."""
    return "conduct.action" in rulebook(council.rulebook).questions


def actor_of(person: Person, day: datetime.date) -> str | None:
    """``member`` for a serving councillor, ``officer`` for an officer, else None."""
    if person.is_councillor_on(day):
        return "member"
    if is_officer(person, day):
        return "officer"
    return None


def can_ask(person: Person, day: datetime.date) -> bool:
    return actor_of(person, day) is not None


def questions_kept_by(person: Person) -> QuerySet[ConductQuestion]:
    return ConductQuestion.objects.for_council(person.council).filter(asked_by=person)


def access_conduct_question_by_id(person: Person, question_id: int) -> ConductQuestion:
    """The kept question, or 404 if missing, another council's or someone else's."""
    question: ConductQuestion | None = questions_kept_by(person).filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question.")
    return question
