"""The home page's "What you can do": one function, role by role, listing only what exists.

Each role's entries come from ``people.roles.CAN_DO``. An entry is shown when its page
exists in this installation and the council's rulebook answers the question the page
asks, so nobody is promised a page that is not there or a rule their protocol lacks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from propriety.people.models import Person
from propriety.people.roles import CAN_DO
from propriety.protocol import rulebook


@dataclass(frozen=True)
class Offer:
    text: str
    url: str


def what_you_can_do(person: Person, day: datetime.date) -> list[Offer]:
    answered = set(rulebook(person.council.rulebook).questions)
    offers: dict[str, Offer] = {}
    for assignment in person.roles_on(day):
        for entry in CAN_DO.get(assignment.role, ()):
            if entry.text in offers or (entry.question and entry.question not in answered):
                continue
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            offers[entry.text] = Offer(entry.text, url)
    return list(offers.values())
