"""The demo's other councils, for the states Kestrelford's protocol never produces.

Kestrelford follows acses-town, which says nothing of written reports or of a councillor
acting as Proper Officer, and decides every request for council resources itself. So:

- **Larkhythe Town Council** (fictional) follows Ludlow's protocol: its councillors ask
  the Town Clerk for written reports (§4.4), in every state.
- **Quillerton Parish Council** (made by ``people/demo.py`` with a Clerk still to accept
  her invitation) follows the national model (West Mersea's wording): here it gains a
  chair, a councillor and an assistant clerk, an acting Proper Officer arrangement
  allowed and one refused, and resource requests referred to the officer asked.

Neither has wards, and neither protocol says whom to tell about ward matters, so their
ward notice pages say so, citing the protocol's scope. The Monitoring Officer of the
district serves Larkhythe too (three councils in her switcher). Loading is idempotent.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db import transaction

from propriety.councils.actions import do_create_council
from propriety.councils.models import Council
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.demo import SECOND_COUNCIL
from propriety.people.models import Person
from propriety.people.roles import Role

LARKHYTHE_SLUG = "larkhythe"
LARKHYTHE = "Larkhythe Town Council"
SINCE = datetime.date(2023, 5, 8)  # the councillors' term, and the officers' posts


class _Person(NamedTuple):
    key: str  # the email's local part, which the apps' demo loaders find people by
    name: str
    roles: tuple[str, ...]
    signs_in_as: str
    job_title: str = ""


_LARKHYTHE_PEOPLE = (
    _Person("clerk", "Nadia Farrow", (Role.PROPER_OFFICER,), "Town Clerk", "Town Clerk"),
    _Person(
        "officer",
        "Tom Pryce",
        (Role.STAFF,),
        "Assistant Town Clerk",
        "Assistant Town Clerk",
    ),
    _Person(
        "chair",
        "Rosalind Achebe",
        (Role.COUNCILLOR, Role.COUNCIL_CHAIR),
        "Chair of the council (Town Mayor)",
    ),
    _Person("councillor", "Martin Greaves", (Role.COUNCILLOR,), "Councillor"),
)
_QUILLERTON_PEOPLE = (
    _Person("chair", "Alan Brierley", (Role.COUNCILLOR, Role.COUNCIL_CHAIR), "Chair"),
    _Person(
        "councillor",
        "Joanna Sutton",
        (Role.COUNCILLOR,),
        "Councillor (acted as Proper Officer)",
    ),
    _Person("officer", "Priya Desai", (Role.STAFF,), "Assistant Clerk", "Assistant Clerk"),
)
_COUNCILS = (
    (LARKHYTHE, "larkhythe.example", _LARKHYTHE_PEOPLE),
    (SECOND_COUNCIL, "quillerton.example", _QUILLERTON_PEOPLE),
)


class OtherSignIn(NamedTuple):
    email: str
    password: str
    name: str
    role: str
    council: str


def _password(domain: str, key: str) -> str:
    return f"demo-{domain.split('.')[0]}-{key}-2026"


def other_sign_ins() -> list[OtherSignIn]:
    return [
        OtherSignIn(
            f"{p.key}@{domain}",
            _password(domain, p.key),
            f"Cllr {p.name}" if Role.COUNCILLOR in p.roles else p.name,
            f"{p.signs_in_as}, {council}",
            council,
        )
        for council, domain, people in _COUNCILS
        for p in people
    ]


def load_other_councils_demo(kestrelford: Council, monitoring_officer_email: str) -> None:
    """Larkhythe, and Quillerton's members and casework (after ``load_accounts_demo``)."""
    from propriety.reports.demo import load_acting_demo, load_report_requests_demo
    from propriety.resources.demo import load_referred_resources_demo

    with transaction.atomic():
        larkhythe = Council.objects.filter(slug=LARKHYTHE_SLUG).first()
        if larkhythe is None:
            larkhythe = _load_larkhythe(kestrelford, monitoring_officer_email)
        quillerton = Council.objects.get(name=SECOND_COUNCIL)
        if not Person.objects.for_council(quillerton).filter(email="chair@quillerton.example"):
            clerk = Person.objects.for_council(quillerton).get(email="clerk@quillerton.example")
            _add_people(quillerton, "quillerton.example", _QUILLERTON_PEOPLE, clerk)
    load_report_requests_demo(larkhythe)
    load_acting_demo(quillerton)
    load_referred_resources_demo(quillerton)


def _load_larkhythe(kestrelford: Council, monitoring_officer_email: str) -> Council:
    council = do_create_council(
        name=LARKHYTHE,
        slug=LARKHYTHE_SLUG,
        kind=Council.Kind.TOWN,
        nation=Council.Nation.ENGLAND,
        rulebook="ludlow",
        principal_council_name=kestrelford.principal_council_name,
        acting_user=None,
    )
    _add_people(council, "larkhythe.example", _LARKHYTHE_PEOPLE, None)
    clerk = Person.objects.for_council(council).get(email="clerk@larkhythe.example")
    mo = Person.objects.for_council(kestrelford).get(email=monitoring_officer_email)
    serving = do_create_person(council, email=mo.email, full_name=mo.full_name, acting_user=clerk)
    do_assign_role(serving, role=Role.MONITORING_OFFICER, starts_on=SINCE, acting_user=clerk)
    return council


def _add_people(
    council: Council, domain: str, people: tuple[_Person, ...], clerk: Person | None
) -> None:
    for p in people:
        person = do_create_person(
            council,
            email=f"{p.key}@{domain}",
            full_name=p.name,
            password=_password(domain, p.key),
            job_title=p.job_title,
            acting_user=clerk,
        )
        for role in p.roles:
            do_assign_role(
                person,
                role=role,
                starts_on=SINCE,
                job_title=p.job_title if role in (Role.PROPER_OFFICER, Role.STAFF) else "",
                line_manager=clerk if role == Role.STAFF else None,
                acting_user=clerk,
            )
        if clerk is None and Role.PROPER_OFFICER in p.roles:
            clerk = person
