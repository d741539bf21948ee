"""Links for the home page's "What you can do": the register of relationships and
interests, party-group briefings and delegated action, for the people each serves."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from propriety.people.models import Person


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def home_links(person: Person, day: datetime.date) -> list[Link]:
    from propriety.briefings import access as briefings
    from propriety.consultations import access as consultations
    from propriety.interests import access as interests

    links: list[Link] = []
    if interests.may_declare(person, day):
        links.append(
            Link("Declare a close personal relationship or an interest", reverse("interests:new"))
        )
    if interests.sees_register(person, day):
        links.append(
            Link("See the register of relationships and interests", reverse("interests:list"))
        )
    if interests.can_manage_panels(person, day):
        links.append(
            Link(
                "Form an appointment, pay, discipline or grievance panel and check its members "
                "against the register",
                reverse("interests:panels"),
            )
        )
    if briefings.can_request(person, day):
        links.append(Link("Ask the Clerk to brief your group", reverse("briefings:new")))
    if briefings.is_clerk(person, day):
        links.append(Link("Answer party groups' requests for briefings", reverse("briefings:list")))
    if consultations.can_record_delegation(person, day):
        links.append(
            Link(
                "Record action delegated to you in consultation with a chair, and your decision",
                reverse("consultations:new"),
            )
        )
    elif consultations.actions_visible_to(person).exists():
        links.append(
            Link("See the decisions you are consulted on as chair", reverse("consultations:list"))
        )
    return links
