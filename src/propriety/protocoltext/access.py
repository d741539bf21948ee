"""Who sees which questions about the protocol: the asker, and whoever the rulebook
names to answer them (the Town Clerk in acses-town §15.1). 404 for the rest."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.holders import holds, is_officer, rulebook_roles_held
from propriety.people.models import Person
from propriety.protocoltext.models import ClauseQuestion


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def may_ask(person: Person, day: datetime.date | None = None) -> bool:
    """Members and officers ask; both are covered by the protocol."""
    day = _day(day)
    return person.is_councillor_on(day) or is_officer(person, day)


def asked_by_fact(person: Person, day: datetime.date) -> str:
    return "member" if person.is_councillor_on(day) else "officer"


def questions_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[ClauseQuestion]:
    questions = ClauseQuestion.objects.for_council(person.council).select_related(
        "asked_by", "answered_by"
    )
    roles = rulebook_roles_held(person, _day(day))
    if roles:
        return questions.filter(asked_by=person) | questions.filter(answerer_role__in=roles)
    return questions.filter(asked_by=person)


def access_clause_question_by_id(
    person: Person, question_id: int, day: datetime.date | None = None
) -> ClauseQuestion:
    found = questions_visible_to(person, day).filter(pk=question_id).first()
    if found is None:
        raise Http404("No such question.")
    return found


def can_answer(person: Person, question: ClauseQuestion, day: datetime.date | None = None) -> bool:
    return question.status == ClauseQuestion.Status.OPEN and holds(
        person, question.answerer_role, _day(day)
    )
