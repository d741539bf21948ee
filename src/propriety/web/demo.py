"""The demo council: Kestrelford Town Council (fictional), loaded through the actions.

Loading is idempotent: if the council is already there, nothing is written.
Every row goes through an action, so the demo's audit trail shows how it was
built, as a real council's would.

The casework (members' enquiries and requests to see documents) is dated in
working days back from the day the demo is loaded, so whatever the date the
demo shows an enquiry that has just arrived, one on time, two overdue, and so
on (``enquiries/demo.py`` and ``documents/demo.py``). Loading sends no email: the
demo's people are fictional. The states Kestrelford's protocol never gives (written
reports, acting Proper Officers, requests referred to an officer) are in the demo's
other councils, Larkhythe and Quillerton (``demo_councils.py``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from propriety.audit.demo import load_audit_demo
from propriety.audit.recording import backdated
from propriety.concerns.demo import load_concerns_demo
from propriety.conduct.demo import load_conduct_demo
from propriety.correspondence.demo import load_correspondence_demo
from propriety.councils.actions import (
    do_create_committee,
    do_create_council,
    do_create_party_group,
    do_create_ward,
)
from propriety.councils.demo import load_setup_demo
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.documents.demo import load_access_requests_demo, load_documents_demo
from propriety.documents.models import AccessRequest, Document
from propriety.enquiries.demo import load_enquiries_demo
from propriety.enquiries.models import Enquiry
from propriety.mail.demo import load_mail_demo
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.demo import OPERATOR_EMAIL, OPERATOR_PASSWORD, load_accounts_demo
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.demo import load_press_demo
from propriety.protocoltext.demo import load_protocol_rest_demo
from propriety.web.demo_councils import load_other_councils_demo, other_sign_ins
from propriety.web.security_demo import load_security_demo
from propriety.workspace.demo import load_workspace_demo


def load_registers_demo(council: Council) -> None:
    """The register of relationships and interests, briefings and delegated actions."""
    from propriety.briefings.demo import load_briefings_demo
    from propriety.consultations.demo import load_consultations_demo
    from propriety.interests.demo import load_interests_demo

    load_interests_demo(council)
    load_briefings_demo(council)
    load_consultations_demo(council)


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
    council: str = COUNCIL_NAME


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
        "Member of the Audit and Governance Committee",
    ),
)

# Officers' job titles, as the council's staff list gives them (one left unknown).
_JOB_TITLES = {
    "clerk": "Town Clerk",
    "deputy-clerk": "Deputy Town Clerk",
    "staff": "Facilities Officer",
    "monitoring-officer": "Monitoring Officer, Harrowdean District Council",
}

_OFFICERS = (
    ("clerk", "Rachel Thornton", Role.PROPER_OFFICER, "Town Clerk (Proper Officer)"),
    ("deputy-clerk", "Owen Davies", Role.DEPUTY_CLERK, "Deputy Clerk"),
    ("staff", "Lucy Marsh", Role.STAFF, "Member of staff (facilities)"),
    ("staff2", "Kwame Mensah", Role.STAFF, ""),
    (
        "monitoring-officer",
        "Frances Heald",
        Role.MONITORING_OFFICER,
        "Monitoring Officer (Harrowdean District Council)",
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
    rows += [DemoSignIn(*row) for row in other_sign_ins()]
    rows.append(DemoSignIn(OPERATOR_EMAIL, OPERATOR_PASSWORD, "Pat Operator", "Operator"))
    return rows


# Building the demo emails nobody: its people and addresses are made up.
_NO_EMAIL = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")


def load_demo() -> tuple[Council, bool]:
    """Load Kestrelford Town Council; returns (council, created). Safe to run twice.

    A demo loaded before it had casework gets its casework added (once).
    """
    existing = Council.objects.filter(slug=COUNCIL_SLUG).first()
    with _NO_EMAIL, backdated():
        if existing is not None:
            if not _has_casework(existing):
                with transaction.atomic():
                    _load_casework(existing, timezone.localdate())
            load_correspondence_demo(existing)
            load_press_demo(existing)
            load_concerns_demo(existing)
            load_accounts_demo(existing, _email("monitoring-officer"))
            load_other_councils_demo(existing, _email("monitoring-officer"))
            load_mail_demo(existing)
            load_audit_demo(existing)
            load_registers_demo(existing)
            load_protocol_rest_demo(existing)
            load_conduct_demo(existing)
            load_security_demo(existing)
            load_workspace_demo(existing, _email("clerk"))
            load_setup_demo(existing)
            return existing, False
        with transaction.atomic():
            council = _load()
            _load_casework(council, timezone.localdate())
            load_correspondence_demo(council)
            load_press_demo(council)
            load_concerns_demo(council)
            load_accounts_demo(council, _email("monitoring-officer"))
            load_other_councils_demo(council, _email("monitoring-officer"))
            load_mail_demo(council)
            load_audit_demo(council)
            load_registers_demo(council)
            load_protocol_rest_demo(council)
            load_conduct_demo(council)
            load_security_demo(council)
            load_workspace_demo(council, _email("clerk"))
            load_setup_demo(council)
        return council, True


def _load() -> Council:
    council = do_create_council(
        name=COUNCIL_NAME,
        slug=COUNCIL_SLUG,
        kind=Council.Kind.TOWN,
        nation=Council.Nation.ENGLAND,
        rulebook="acses-town",
        principal_council_name="Harrowdean District Council",
        acting_user=None,
    )
    committees = {n: do_create_committee(council, name=n, acting_user=None) for n in _COMMITTEES}
    wards = {n: do_create_ward(council, name=n, acting_user=None) for n in _WARDS}
    groups = {n: do_create_party_group(council, name=n, acting_user=None) for n in _GROUPS}

    clerk = None
    for key, name, role, _label in _OFFICERS:
        person = do_create_person(
            council,
            email=_email(key),
            full_name=name,
            password=_password(key),
            job_title=_JOB_TITLES.get(key, ""),
            acting_user=None,
        )
        is_officer = role != Role.MONITORING_OFFICER
        do_assign_role(
            person,
            role=role,
            starts_on=datetime.date(2021, 4, 1),
            # Officers' posts as the staffing structure names them, managed by the Clerk.
            job_title=_label.split(" (")[0] if is_officer else "",
            line_manager=clerk if is_officer else None,
            acting_user=None,
        )
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

    load_documents_demo(council, committees, clerk)
    return council


# --- casework: members' enquiries and requests to see documents -----------------------


def _has_casework(council: Council) -> bool:
    return (
        Enquiry.objects.for_council(council).exists()
        or AccessRequest.objects.for_council(council).exists()
    )


class _Days:
    """Days counted back in the council's working days from the day the demo loads."""

    def __init__(self, council: Council, today: datetime.date) -> None:
        self.calendar = calendar_for(council)
        self.today = today

    def back(self, working_days: int) -> datetime.date:
        """``working_days`` working days before today (today itself for 0)."""
        day = self.today
        left = working_days
        while left > 0:
            day -= datetime.timedelta(days=1)
            if self.calendar.is_working_day(day):
                left -= 1
        return day


def _load_casework(council: Council, today: datetime.date) -> None:
    people: dict[str, Person] = {p.email: p for p in Person.objects.for_council(council)}

    def who(key: str) -> Person:
        return people[_email(key)]

    days = _Days(council, today)
    load_enquiries_demo(who, days.back)
    documents = {d.reference: d for d in Document.objects.for_council(council)}
    load_access_requests_demo(who, documents, days.back)
