"""The demo council: Kestrelford Town Council (fictional), loaded through the actions.

Loading is idempotent: if the council is already there, nothing is written.
Every row goes through an action, so the demo's audit trail shows how it was
built, as a real council's would.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from propriety.councils.actions import (
    do_create_committee,
    do_create_council,
    do_create_party_group,
    do_create_ward,
)
from propriety.councils.models import Council
from propriety.documents.actions import do_create_document
from propriety.documents.models import Classification, ExemptCategory
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.roles import Role

COUNCIL_SLUG = "kestrelford"
COUNCIL_NAME = "Kestrelford Town Council"
# The councillors' term: elected in May 2023; open-ended here so the demo keeps
# working after the next election date.
TERM_STARTS = datetime.date(2023, 5, 8)
YEAR_STARTS = datetime.date(2026, 5, 11)  # the annual meeting: chairs appointed


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    password: str
    name: str
    role: str


@dataclass(frozen=True)
class _Member:
    key: str
    name: str
    ward: str
    group: str | None
    roles: tuple[tuple[str, str | None], ...] = ()  # (role, committee name)
    signs_in_as: str = ""


_COMMITTEES = (
    "Planning Committee",
    "Finance and General Purposes Committee",
    "Personnel Committee",
)
_WARDS = ("Abbey", "Millfield", "Riverside")
_GROUPS = ("Kestrelford Independents", "Green Valley Group")

_COUNCILLORS = (
    _Member(
        "mayor",
        "Margaret Ashby",
        "Abbey",
        "Kestrelford Independents",
        ((Role.MAYOR, None), (Role.COUNCIL_CHAIR, None)),
        "Mayor and chair of the council",
    ),
    _Member(
        "deputy-mayor",
        "Tomasz Nowak",
        "Millfield",
        "Green Valley Group",
        ((Role.DEPUTY_MAYOR, None), (Role.COUNCIL_VICE_CHAIR, None)),
        "Deputy Mayor and vice-chair of the council",
    ),
    _Member(
        "planning-chair",
        "Priya Raman",
        "Riverside",
        "Kestrelford Independents",
        ((Role.COMMITTEE_CHAIR, "Planning Committee"),),
        "Chair of the Planning Committee",
    ),
    _Member(
        "finance-chair",
        "Gareth Lloyd",
        "Abbey",
        "Green Valley Group",
        ((Role.COMMITTEE_CHAIR, "Finance and General Purposes Committee"),),
        "Chair of Finance and General Purposes",
    ),
    _Member(
        "personnel-chair",
        "Helen Okafor",
        "Millfield",
        "Kestrelford Independents",
        (
            (Role.COMMITTEE_CHAIR, "Personnel Committee"),
            (Role.PERSONNEL_COMMITTEE_MEMBER, "Personnel Committee"),
        ),
        "Chair of the Personnel Committee",
    ),
    _Member(
        "independents-leader",
        "David Whitlock",
        "Riverside",
        "Kestrelford Independents",
        ((Role.PARTY_GROUP_LEADER, None), (Role.COMMITTEE_MEMBER, "Planning Committee")),
        "Leader of the Kestrelford Independents",
    ),
    _Member(
        "green-valley-leader",
        "Siân Parry",
        "Abbey",
        "Green Valley Group",
        (
            (Role.PARTY_GROUP_LEADER, None),
            (Role.COMMITTEE_MEMBER, "Finance and General Purposes Committee"),
        ),
        "Leader of the Green Valley Group",
    ),
    _Member(
        "ward-councillor",
        "Ben Carter",
        "Millfield",
        None,
        (
            (Role.COMMITTEE_MEMBER, "Personnel Committee"),
            (Role.PERSONNEL_COMMITTEE_MEMBER, "Personnel Committee"),
        ),
        "Ward councillor (independent), personnel committee member",
    ),
    _Member(
        "riverside-councillor",
        "Aisha Begum",
        "Riverside",
        "Green Valley Group",
        ((Role.COMMITTEE_MEMBER, "Planning Committee"),),
        "",
    ),
)

_OFFICERS = (
    ("clerk", "Rachel Thornton", Role.PROPER_OFFICER, "Town Clerk (Proper Officer)"),
    ("deputy-clerk", "Owen Davies", Role.DEPUTY_CLERK, "Deputy Clerk"),
    ("staff", "Lucy Marsh", Role.STAFF, "Member of staff (facilities)"),
    ("staff2", "Kwame Mensah", Role.STAFF, ""),
    (
        "monitoring-officer",
        "Frances Heald",
        Role.MONITORING_OFFICER,
        "Monitoring Officer (Kestrelford District Council)",
    ),
)


def _email(key: str) -> str:
    return f"{key}@kestrelford.example"


def _password(key: str) -> str:
    return f"demo-{key}-2026"


def demo_sign_ins() -> list[DemoSignIn]:
    """One sign-in per role, in the order the demo table shows them."""
    rows = [
        DemoSignIn(_email(key), _password(key), name, label)
        for key, name, _role, label in _OFFICERS
        if label
    ]
    rows += [
        DemoSignIn(_email(m.key), _password(m.key), f"Cllr {m.name}", m.signs_in_as)
        for m in _COUNCILLORS
        if m.signs_in_as
    ]
    return rows


def load_demo() -> tuple[Council, bool]:
    """Load Kestrelford Town Council; returns (council, created). Safe to run twice."""
    existing = Council.objects.filter(slug=COUNCIL_SLUG).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        return _load(), True


def _load() -> Council:
    council = do_create_council(
        name=COUNCIL_NAME,
        slug=COUNCIL_SLUG,
        kind=Council.Kind.TOWN,
        nation=Council.Nation.ENGLAND,
        rulebook="acses-town",
        principal_council_name="Kestrelford District Council",
        acting_user=None,
    )
    committees = {n: do_create_committee(council, name=n, acting_user=None) for n in _COMMITTEES}
    wards = {n: do_create_ward(council, name=n, acting_user=None) for n in _WARDS}
    groups = {n: do_create_party_group(council, name=n, acting_user=None) for n in _GROUPS}

    clerk = None
    for key, name, role, _label in _OFFICERS:
        person = do_create_person(
            council, email=_email(key), full_name=name, password=_password(key), acting_user=None
        )
        do_assign_role(person, role=role, starts_on=datetime.date(2021, 4, 1), acting_user=None)
        if role == Role.PROPER_OFFICER:
            clerk = person

    for member in _COUNCILLORS:
        person = do_create_person(
            council,
            email=_email(member.key),
            full_name=member.name,
            password=_password(member.key),
            acting_user=clerk,
        )
        do_assign_role(person, role=Role.COUNCILLOR, starts_on=TERM_STARTS, acting_user=clerk)
        do_assign_role(
            person,
            role=Role.WARD_COUNCILLOR,
            ward=wards[member.ward],
            starts_on=TERM_STARTS,
            acting_user=clerk,
        )
        if member.group:
            do_assign_role(
                person,
                role=Role.PARTY_GROUP_MEMBER,
                party_group=groups[member.group],
                starts_on=TERM_STARTS,
                acting_user=clerk,
            )
        for member_role, committee_name in member.roles:
            do_assign_role(
                person,
                role=member_role,
                committee=committees[committee_name] if committee_name else None,
                party_group=groups[member.group]
                if member_role == Role.PARTY_GROUP_LEADER and member.group
                else None,
                starts_on=YEAR_STARTS,
                acting_user=clerk,
            )

    planning = committees["Planning Committee"]
    finance = committees["Finance and General Purposes Committee"]
    personnel = committees["Personnel Committee"]
    documents = (
        (
            "KTC/FC/2026/01",
            "Minutes of the Full Council, 8 June 2026",
            Classification.PUBLIC,
            None,
            None,
            datetime.date(2026, 6, 8),
        ),
        (
            "KTC/PL/2026/14",
            "Planning application 26/0412: Millfield Lane car park",
            Classification.PUBLIC,
            None,
            planning,
            datetime.date(2026, 11, 3),
        ),
        (
            "KTC/FGP/2026/07",
            "Draft budget and precept 2027/28",
            Classification.COMMITTEE,
            None,
            finance,
            datetime.date(2026, 11, 17),
        ),
        (
            "KTC/FGP/2026/08",
            "Tender evaluation: grounds maintenance contract",
            Classification.EXEMPT,
            ExemptCategory.FINANCIAL,
            finance,
            datetime.date(2026, 11, 17),
        ),
        (
            "KTC/PC/2026/03",
            "Staffing review: Deputy Clerk post",
            Classification.EXEMPT,
            ExemptCategory.LABOUR_RELATIONS,
            personnel,
            datetime.date(2026, 10, 20),
        ),
        (
            "KTC/PC/2026/04",
            "Grievance hearing arrangements",
            Classification.EXEMPT,
            ExemptCategory.INDIVIDUAL,
            personnel,
            datetime.date(2026, 10, 20),
        ),
        (
            "KTC/CL/2026/22",
            "Legal advice on the Riverside lease",
            Classification.CONFIDENTIAL,
            None,
            None,
            None,
        ),
        (
            "KTC/CL/2026/23",
            "Complaint from a Riverside resident (with correspondence)",
            Classification.PERSONAL_DATA,
            None,
            None,
            None,
        ),
    )
    for reference, title, classification, category, committee, meeting_date in documents:
        do_create_document(
            council,
            title=title,
            reference=reference,
            classification=classification,
            exempt_category=category,
            committee=committee,
            meeting_date=meeting_date,
            summary=f"{title}.",
            acting_user=clerk,
        )
    return council
