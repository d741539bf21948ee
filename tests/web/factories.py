"""Plain factory functions. They go through the actions, like real code does."""

from __future__ import annotations

import datetime
import itertools

from propriety.councils.actions import (
    do_create_committee,
    do_create_council,
    do_create_party_group,
    do_create_ward,
)
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.documents.actions import do_create_document
from propriety.documents.models import Document
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.models import Person
from propriety.people.roles import Role

TEST_RULEBOOK = "acses-town"
PASSWORD = "correct horse battery staple"
TERM_STARTS = datetime.date(2023, 5, 8)
_counter = itertools.count(1)


def follow_rulebook(council: Council, name: str) -> None:
    """Have the council follow the rulebook ``name``; nothing if it already does (the set-up
    branch made changing to the rulebook a council follows a refusal)."""
    from propriety.councils.actions import do_change_council_rulebook

    council.refresh_from_db()
    if council.rulebook != name:
        do_change_council_rulebook(council, rulebook=name, acting_user=None)


def make_council(name: str = "Hollowmere Parish Council", **kwargs: str) -> Council:
    slug = kwargs.pop("slug", name.lower().split(" ")[0])
    fields = {
        "kind": Council.Kind.PARISH,
        "nation": Council.Nation.ENGLAND,
        "rulebook": TEST_RULEBOOK,
        "principal_council_name": "Hollowmere District Council",
        **kwargs,
    }
    return do_create_council(name=name, slug=slug, acting_user=None, **fields)


def make_committee(council: Council, name: str = "Planning Committee") -> Committee:
    return do_create_committee(council, name=name, acting_user=None)


def make_ward(council: Council, name: str = "Brookside") -> Ward:
    return do_create_ward(council, name=name, acting_user=None)


def make_party_group(council: Council, name: str = "Hollowmere Voice") -> PartyGroup:
    return do_create_party_group(council, name=name, acting_user=None)


def make_person(
    council: Council,
    *roles: str,
    name: str | None = None,
    email: str | None = None,
    starts_on: datetime.date = TERM_STARTS,
    ends_on: datetime.date | None = None,
    committee: Committee | None = None,
    ward: Ward | None = None,
    party_group: PartyGroup | None = None,
) -> Person:
    """A person holding ``roles``; committee/ward/group roles use the given body."""
    n = next(_counter)
    person = do_create_person(
        council,
        email=email or f"person{n}@{council.slug}.example",
        full_name=name or f"Test Person {n}",
        password=PASSWORD,
        acting_user=None,
    )
    for role in roles:
        do_assign_role(
            person,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
            committee=committee if role in _COMMITTEE_NAMING else None,
            ward=ward if role == Role.WARD_COUNCILLOR else None,
            party_group=party_group if role in _GROUP_NAMING else None,
            acting_user=None,
        )
    return person


_COMMITTEE_NAMING = {
    Role.COMMITTEE_CHAIR,
    Role.COMMITTEE_VICE_CHAIR,
    Role.COMMITTEE_MEMBER,
    Role.PERSONNEL_COMMITTEE_MEMBER,
}
_GROUP_NAMING = {Role.PARTY_GROUP_MEMBER, Role.PARTY_GROUP_LEADER}


def make_document(
    council: Council,
    classification: str = "public",
    *,
    exempt_category: int | None = None,
    committee: Committee | None = None,
    title: str | None = None,
) -> Document:
    n = next(_counter)
    return do_create_document(
        council,
        title=title or f"Document {n}",
        reference=f"REF/{n}",
        classification=classification,
        exempt_category=exempt_category,
        committee=committee,
        meeting_date=datetime.date(2026, 11, 3),
        acting_user=None,
    )
