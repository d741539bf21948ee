"""The demo council: Kestrelford Town Council (fictional), loaded through the actions.

Loading is idempotent: if the council is already there, nothing is written.
Every row goes through an action, so the demo's audit trail shows how it was
built, as a real council's would.

The casework (members' enquiries and requests to see documents) is dated in
working days back from the day the demo is loaded, so whatever the date the
demo shows an enquiry that has just arrived, one on time, two overdue, and so
on. Loading sends no email: the demo's people are fictional.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
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
from propriety.documents.actions import do_create_document
from propriety.documents.models import AccessRequest, Classification, Document, ExemptCategory
from propriety.documents.requests import (
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_withdraw_access_request,
)
from propriety.enquiries.actions import (
    EnquiryRefused,
    do_acknowledge_enquiry,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_close_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
    do_withdraw_enquiry,
)
from propriety.enquiries.agreements import do_record_direct_contact_agreement
from propriety.enquiries.models import Enquiry
from propriety.mail.demo import load_mail_demo
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.demo import OPERATOR_EMAIL, OPERATOR_PASSWORD, load_accounts_demo
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.demo import load_press_demo
from propriety.protocoltext.demo import load_protocol_rest_demo
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


# --- casework: members' enquiries and requests to see documents -----------------------


def _has_casework(council: Council) -> bool:
    return (
        Enquiry.objects.for_council(council).exists()
        or AccessRequest.objects.for_council(council).exists()
    )


_Who = Callable[[str], Person]  # a demo person's key -> the person


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
    _load_enquiries(who, days)
    documents = {d.reference: d for d in Document.objects.for_council(council)}
    _load_access_requests(who, documents, days)


def _ask(
    member: Person,
    received: datetime.date,
    subject: str,
    body: str,
    *,
    kind: str = "information",
    addressed_to: str = "proper_officer",
    addressed_officer: Person | None = None,
    constituent_name: str = "",
    asks_for_priority: bool = False,
) -> Enquiry:
    return do_submit_enquiry(
        member,
        subject=subject,
        body=body,
        kind=kind,
        addressed_to=addressed_to,
        addressed_officer=addressed_officer,
        constituent_name=constituent_name,
        asks_for_priority=asks_for_priority,
        today=received,
        acting_user=member,
    )


def _load_enquiries(person: _Who, days: _Days) -> None:
    clerk = person("clerk")
    deputy = person("deputy-clerk")
    lucy = person("staff")
    kwame = person("staff2")
    back = days.back

    # With the Clerk: arrived today, not yet triaged.
    _ask(
        person("ward-councillor"),
        back(0),
        "Grass cutting on Millfield recreation ground",
        "Several residents have told me the grass on Millfield recreation ground has not been "
        "cut since early October and the football pitches are now unusable. When is the next "
        "cut scheduled, and is it part of the grounds maintenance contract?",
    )

    # With the Clerk: the member asks for it to be dealt with first (no queue-jumping).
    _ask(
        person("independents-leader"),
        back(1),
        "Flooding at the Riverside allotments",
        "The lower plots at the Riverside allotments flooded again this week. Could the "
        "Council look at clearing the ditch along the boundary? Please treat this as urgent: "
        "I would like it dealt with ahead of other work.",
        asks_for_priority=True,
    )

    # With an officer, on time.
    lights = _ask(
        person("green-valley-leader"),
        back(4),
        "Cost of the Christmas lights",
        "Could you tell me what the Christmas lights in the town centre cost this year, "
        "including putting them up and taking them down, and how that compares with last year?",
    )
    do_triage_enquiry(lights, priority="normal", officer=deputy, today=back(3), acting_user=clerk)

    # A purely factual question sent straight to the officer concerned.
    toilets = _ask(
        person("mayor"),
        back(2),
        "Opening hours of the Abbey Road public toilets",
        "What are the winter opening hours of the public toilets on Abbey Road? A visitor "
        "asked me at the weekend and the sign on the door is out of date.",
        kind="factual",
        addressed_to="other_officer",
        addressed_officer=lucy,
    )
    do_acknowledge_enquiry(toilets, today=back(1), acting_user=lucy)

    # On behalf of a named constituent.
    drain = _ask(
        person("riverside-councillor"),
        back(3),
        "Blocked drain outside 14 Mill Street",
        "Mrs Joan Pemberton of Mill Street has asked me to find out whether the blocked drain "
        "outside her house has been reported to the highways authority, and if so when it "
        "will be cleared.",
        constituent_name="Mrs Joan Pemberton",
    )
    do_triage_enquiry(drain, priority="normal", officer=lucy, today=back(2), acting_user=clerk)

    # Overdue by more than a week.
    swing = _ask(
        person("deputy-mayor"),
        back(18),
        "Broken swing in Millfield play area",
        "One of the toddler swings in the Millfield play area has a broken chain and has been "
        "tied up out of use. When will it be repaired, and has the play area had its annual "
        "safety inspection?",
    )
    do_triage_enquiry(swing, priority="high", officer=lucy, today=back(17), acting_user=clerk)

    # Overdue by a couple of days.
    verge = _ask(
        person("independents-leader"),
        back(12),
        "Parking on the verge outside Riverside surgery",
        "Cars are parking on the grass verge outside Riverside surgery and churning it up. Is "
        "the verge the Council's land, and could bollards or a low rail be put in?",
    )
    do_triage_enquiry(verge, priority="normal", officer=kwame, today=back(11), acting_user=clerk)

    # Paused: waiting for the councillor to clarify.
    hedge = _ask(
        person("personnel-chair"),
        back(7),
        "Hedge overhanging the footpath on Church Lane",
        "The hedge on Church Lane is overhanging the footpath so badly that people with "
        "pushchairs have to step into the road. Is it the Council's hedge to cut?",
    )
    do_triage_enquiry(hedge, priority="normal", officer=lucy, today=back(6), acting_user=clerk)
    do_request_clarification(
        hedge,
        question="Church Lane is about half a mile long. Which stretch do you mean: the end by "
        "St Mary's church, or the end by the old school?",
        today=back(5),
        acting_user=lucy,
    )

    # Answered, still within the follow-up window.
    visits = _ask(
        person("planning-chair"),
        back(8),
        "Booking the Abbey community hall for the planning consultation",
        "Is the Abbey community hall free on the evenings of the second and third weeks of "
        "January for the Millfield Lane car park consultation, and what would it cost?",
    )
    do_triage_enquiry(visits, priority="normal", officer=deputy, today=back(7), acting_user=clerk)
    do_answer_enquiry(
        visits,
        answer="The main hall is free on the Tuesday and Thursday evenings of both weeks. "
        "Council events are not charged for; I have pencilled in the first Tuesday and will "
        "hold it until you confirm.",
        today=back(2),
        acting_user=deputy,
    )

    # Answered after a clarification, and the member confirmed it answered the question.
    hire = _ask(
        person("finance-chair"),
        back(20),
        "Hire charges for the Abbey community hall",
        "Could you send me the current hire charges for the Abbey community hall and say when "
        "they were last reviewed?",
    )
    do_triage_enquiry(hire, priority="low", officer=deputy, today=back(19), acting_user=clerk)
    do_request_clarification(
        hire,
        question="Do you need the charges for the main hall only, or for the meeting rooms too?",
        today=back(18),
        acting_user=deputy,
    )
    do_clarify_enquiry(
        hire,
        reply="Both, please: the finance committee is reviewing all the charges.",
        today=back(16),
        acting_user=person("finance-chair"),
    )
    do_answer_enquiry(
        hire,
        answer="The main hall is £18 an hour and each meeting room £9 an hour; local "
        "charities pay half. The charges were last reviewed by the Finance and General "
        "Purposes Committee in February 2025. The full table is attached.",
        today=back(12),
        acting_user=deputy,
    )
    do_record_feedback(hire, answered=True, today=back(11), acting_user=person("finance-chair"))

    # Answered; the follow-up window ended without a word, so Propriety closed it.
    bins = _ask(
        person("riverside-councillor"),
        back(30),
        "Litter bins on the riverside path",
        "How often are the litter bins on the riverside path emptied? They were overflowing "
        "after the regatta.",
    )
    do_triage_enquiry(bins, priority="normal", officer=kwame, today=back(29), acting_user=clerk)
    do_answer_enquiry(
        bins,
        answer="The bins are emptied every Monday and Thursday. After the regatta we arranged "
        "an extra collection, and we will book one for events from now on.",
        today=back(24),
        acting_user=kwame,
    )
    do_close_enquiry(
        bins,
        reason="The follow-up window ended without a reply from the councillor.",
        today=back(13),
        acting_user=None,
    )

    # Answered, but the member said it did not answer the question: back with the officer.
    lighting = _ask(
        person("ward-councillor"),
        back(9),
        "Street lighting on Kestrel Way",
        "Two of the street lights on Kestrel Way have been out for a month. Are they the "
        "Council's lights, and when will they be fixed?",
    )
    do_triage_enquiry(lighting, priority="normal", officer=kwame, today=back(8), acting_user=clerk)
    do_answer_enquiry(
        lighting,
        answer="The lights on Kestrel Way are the Council's footway lights. They were last "
        "inspected in September.",
        today=back(4),
        acting_user=kwame,
    )
    do_record_feedback(
        lighting,
        answered=False,
        comment="You have told me when the lights were last inspected, but not when the two "
        "broken ones will be fixed.",
        today=back(3),
        acting_user=person("ward-councillor"),
    )

    # Withdrawn by the member before it was allocated.
    parking = _ask(
        person("mayor"),
        back(6),
        "Parking for the Remembrance Sunday civic service",
        "Could the car park behind the town hall be kept free for guests at the civic service?",
    )
    do_withdraw_enquiry(
        parking,
        reason="Sorted out directly with the churchwardens.",
        today=back(5),
        acting_user=person("mayor"),
    )

    # The Town Clerk agreed that the ward councillor may go direct to Kwame about allotment
    # lettings (§4.6), and an enquiry made under it went straight to him.
    allotments = do_record_direct_contact_agreement(
        officer=kwame,
        matter="Allotment lettings",
        member=person("ward-councillor"),
        starts_on=back(20),
        today=back(20),
        acting_user=clerk,
    )
    do_submit_enquiry(
        person("ward-councillor"),
        subject="Waiting list for the Brookside allotments",
        body="How many people are on the waiting list for the Brookside allotments, and how "
        "long is the wait for a half plot?",
        kind="information",
        addressed_to="other_officer",
        agreement=allotments,
        today=back(1),
        acting_user=person("ward-councillor"),
    )

    # An instruction to an officer: the protocol refuses it and says where to take it.
    # The refusal leaves an audit event citing its clauses, but no enquiry.
    with contextlib.suppress(EnquiryRefused):
        _ask(
            person("finance-chair"),
            back(2),
            "Re-lay the Abbey car park surface",
            "Please tell the contractor to re-lay the surface of the Abbey car park this month; "
            "the potholes are a disgrace.",
            kind="instruction",
            addressed_to="other_officer",
            addressed_officer=lucy,
        )


def _load_access_requests(person: _Who, documents: dict[str, Document], days: _Days) -> None:
    clerk = person("clerk")
    back = days.back
    budget = documents["KTC/FGP/2026/07"]
    tender = documents["KTC/FGP/2026/08"]
    staffing = documents["KTC/PC/2026/03"]
    complaint = documents["KTC/CL/2026/23"]
    minutes = documents["KTC/FC/2026/01"]
    car_park = documents["KTC/PL/2026/14"]

    def request(
        key: str,
        document: Document,
        day: datetime.date,
        *,
        purpose: str,
        justification: str = "",
        member_interest: bool = False,
    ) -> AccessRequest:
        member = person(key)
        return do_request_access(
            member,
            document,
            purpose=purpose,
            justification=justification,
            member_interest=member_interest,
            today=day,
            acting_user=member,
        )

    # Released at once: a member of the committee that owns the document.
    request(
        "green-valley-leader",
        tender,
        back(6),
        purpose="preparing for the committee's decision on the grounds maintenance contract",
    )
    # Released at once: a public document.
    request(
        "deputy-mayor",
        minutes,
        back(15),
        purpose="checking what the council agreed about the Millfield play area in June",
    )

    # Refused by the protocol (not on the committee, exempt), and disputed: open.
    staffing_request = request(
        "deputy-mayor",
        staffing,
        back(4),
        purpose="understanding the cost of the proposed Deputy Clerk post before the budget",
        justification="The post affects the precept, which every member votes on.",
    )
    do_raise_dispute(
        staffing_request,
        grounds="I am not asking about any individual, only the cost of the post, which the "
        "whole council must approve in the budget.",
        today=back(2),
        acting_user=person("deputy-mayor"),
    )

    # Refused by the protocol, disputed, and the Town Clerk upheld the refusal.
    tender_request = request(
        "planning-chair",
        tender,
        back(10),
        purpose="seeing how the tenders were scored",
        justification="Residents have asked me why the current contractor was not shortlisted.",
    )
    dispute = do_raise_dispute(
        tender_request,
        grounds="The grounds maintenance contract affects every ward, not only the committee's "
        "members.",
        today=back(9),
        acting_user=person("planning-chair"),
    )
    do_decide_dispute(
        dispute,
        grant=False,
        reasons="The evaluation contains the bidders' prices, which are exempt, and Cllr Raman "
        "is not on the Finance and General Purposes Committee. The committee's decision and "
        "the winning price will be published once the contract is signed.",
        today=back(6),
        acting_user=clerk,
    )

    # Waiting for the Clerk, recommended to allow (a need to know shown).
    request(
        "independents-leader",
        budget,
        back(2),
        purpose="answering residents' questions about the precept",
        justification="The draft budget sets the precept for Riverside ward residents, who "
        "have asked me how much it will rise.",
    )

    # Waiting, recommended to refuse (no need to know shown); the Clerk asked the Deputy
    # Clerk to decide.
    complaint_request = request(
        "ward-councillor",
        complaint,
        back(3),
        purpose="understanding the complaint",
    )
    do_allocate_access_request(
        complaint_request, decider=person("deputy-clerk"), today=back(2), acting_user=clerk
    )

    # Released by the Clerk, with reasons.
    play_request = request(
        "riverside-councillor",
        budget,
        back(8),
        purpose="checking whether the Riverside play area bid is in the draft budget",
        justification="I put the bid in for Riverside ward and need to report back to the "
        "residents' association.",
    )
    do_determine_access_request(
        play_request,
        release=True,
        reasons="Cllr Begum has shown a need to know: the play area bid is her ward's, and "
        "nothing confidential or exempt is in the draft budget.",
        today=back(7),
        acting_user=clerk,
    )

    # Withdrawn: the member declared an interest and no longer needs the document.
    interest_request = request(
        "finance-chair",
        car_park,
        back(12),
        purpose="reading the application before the Planning Committee meets",
        member_interest=True,
    )
    do_withdraw_access_request(
        interest_request, today=back(10), acting_user=person("finance-chair")
    )
