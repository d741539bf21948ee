"""Each concrete rulebook, end to end at the action level (no HTTP).

For grantham, west-mersea, ludlow, part5-district and acses-town a fictional
council is built on that rulebook with the people it needs, then walked
through: a member's information enquiry routed as the rulebook says, an
instruction to staff refused (or, at the district, allowed for a Cabinet
member with delegated authority), the clocks, and a document access request
decided by an officer, refused, disputed and taken along the rulebook's
dispute route to its end. Every expected clause id was read from the
rulebook YAML (and checked with ``propriety decide``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.councils.models import Committee, Council
from propriety.documents.access import access_document_by_id
from propriety.documents.models import AccessDispute, AccessRequest, Document
from propriety.documents.request_access import can_decide_dispute
from propriety.documents.requests import (
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_take_dispute_further,
    handles_access_requests,
    report_required,
)
from propriety.enquiries.actions import EnquiryRefused, do_submit_enquiry
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_assign_role
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f

# A Wednesday two days before Christmas: the clocks skip 25 and 28 December and 1 January.
DAY = datetime.date(2026, 12, 23)
ACK_DUE = datetime.date(2026, 12, 30)  # 3 working days
RESPOND_DUE = datetime.date(2027, 1, 11)  # 10 working days
NATIONAL = ("grantham", "west-mersea")


@dataclass
class Place:
    """A council on one rulebook and the people its routes name."""

    council: Council
    committee: Committee
    clerk: Person  # the Proper Officer (the Chief Executive at the district)
    staff: Person
    member: Person  # a councillor not on the committee
    committee_member: Person
    monitoring_officer: Person
    chief_officer: Person | None = None
    line_manager: Person | None = None
    cabinet_member: Person | None = None


def build(rulebook: str, *, nation: str = "england") -> Place:
    """A fictional council on ``rulebook`` with the people it needs."""
    principal = rulebook == "part5-district"
    kind = "District" if principal else "Town"
    name = f"Fictional {rulebook.title()} {kind} Council ({nation.title()})"
    council = f.make_council(
        name,
        slug=f"fict-{rulebook}-{nation}",
        rulebook=rulebook,
        kind=Council.Kind.PRINCIPAL if principal else Council.Kind.TOWN,
        nation=nation,
    )
    committee = f.make_committee(council)
    head = Role.CHIEF_EXECUTIVE if principal else Role.PROPER_OFFICER
    place = Place(
        council=council,
        committee=committee,
        clerk=f.make_person(council, head, name="Pat Proper"),
        staff=f.make_person(council, Role.STAFF, name="Sam Staff"),
        member=f.make_person(council, Role.COUNCILLOR, name="Mo Member"),
        committee_member=f.make_person(
            council,
            Role.COUNCILLOR,
            Role.COMMITTEE_MEMBER,
            name="Cam Committee",
            committee=committee,
        ),
        monitoring_officer=f.make_person(council, Role.MONITORING_OFFICER, name="Morgan Monitor"),
    )
    if principal:
        place.chief_officer = f.make_person(council, Role.CHIEF_OFFICER, name="Chris Chief")
        place.line_manager = f.make_person(council, Role.LINE_MANAGER, name="Lee Manager")
        cabinet = f.make_person(council, Role.COUNCILLOR, name="Kit Cabinet")
        do_assign_role(
            cabinet,
            role=Role.CABINET_MEMBER,
            starts_on=f.TERM_STARTS,
            cabinet_portfolio="Environment",
            delegated_authority="Waste collection contracts",
            acting_user=None,
        )
        place.cabinet_member = cabinet
    return place


def ask(member: Person, **kwargs: object) -> Enquiry:
    values: dict[str, object] = {
        "subject": "Grass cutting on the green",
        "body": "When is the green next cut?",
        "kind": "information",
        "addressed_to": "proper_officer",
        "today": DAY,
        "acting_user": member,
        **kwargs,
    }
    return do_submit_enquiry(member, **values)  # type: ignore[arg-type]


def clauses(data: dict[str, Any]) -> list[str]:
    return [str(c["clause"]) for c in data["citations"]]


def last_event(council: Council, action: str) -> AuditEvent:
    event: AuditEvent | None = (
        AuditEvent.unscoped.filter(council=council, action=action).order_by("-pk").first()
    )
    assert event is not None, f"no {action} event"
    return event


def cited(event: AuditEvent) -> set[str]:
    return {c["clause"] for c in event.citations}


def assert_cites(event: AuditEvent, rulebook: str, *expected: str) -> None:
    assert set(expected) <= cited(event), (expected, event.citations)
    assert {c["rulebook"] for c in event.citations} == {rulebook}
    assert event.rulebook == rulebook


# --- (a) a member's information enquiry -----------------------------------------------


# rulebook -> (addressed_to, status, handler_role, officer attribute, route clauses)
ROUTES = {
    "grantham": (
        "proper_officer",
        Enquiry.Status.WITH_CLERK,
        "proper_officer",
        None,
        ["Some general principles ¶2", "Access to information ¶1"],
    ),
    "west-mersea": (
        "proper_officer",
        Enquiry.Status.WITH_CLERK,
        "proper_officer",
        None,
        ["Some general principles ¶2", "Access to information ¶1"],
    ),
    "ludlow": (
        "proper_officer",
        Enquiry.Status.WITH_CLERK,
        "proper_officer",
        None,
        ["§4.2.3", "§4.3.1(f)", "§4.3.2(g)"],
    ),
    # §7.1: normally ask the manager of the service concerned, whoever was addressed.
    "part5-district": (
        "proper_officer",
        Enquiry.Status.ALLOCATED,
        "service_manager",
        "line_manager",
        ["§7.1"],
    ),
    # §4.6: apart from purely factual enquiries, to the Town Clerk in the first instance.
    "acses-town": (
        "other_officer",
        Enquiry.Status.WITH_CLERK,
        "proper_officer",
        None,
        ["§4.6"],
    ),
}


@pytest.mark.parametrize("rulebook", sorted(ROUTES))
def test_information_enquiry_is_routed_as_the_rulebook_says(db: None, rulebook: str) -> None:
    place = build(rulebook)
    addressed_to, status, role, officer_attr, route_clauses = ROUTES[rulebook]

    enquiry = ask(place.member, addressed_to=addressed_to)

    assert enquiry.status == status
    assert enquiry.handler_role == role
    expected_officer = getattr(place, officer_attr) if officer_attr else None
    assert enquiry.officer == expected_officer
    assert clauses(enquiry.route) == route_clauses
    assert {c["rulebook"] for c in enquiry.route["citations"]} == {rulebook}
    assert (
        enquiry.rulebook_version and enquiry.rulebook_version == enquiry.route["rulebook_version"]
    )
    event = last_event(place.council, "enquiry.submitted")
    assert event.object_id == str(enquiry.pk)
    assert_cites(event, rulebook, *route_clauses)


@pytest.mark.parametrize("rulebook", NATIONAL)
def test_national_model_refuses_an_enquiry_sent_past_the_clerk(db: None, rulebook: str) -> None:
    """Communications go to the Clerk unless the Clerk agreed direct contact."""
    place = build(rulebook)
    with pytest.raises(EnquiryRefused) as refused:
        ask(place.member, addressed_to="other_officer", addressed_officer=place.staff)
    assert refused.value.decision.outcome == "refuse"
    assert "Some general principles ¶2" in refused.value.decision.clauses
    assert refused.value.proper_route == "Take it to the Clerk (Proper Officer)."
    assert not Enquiry.objects.for_council(place.council).exists()
    assert_cites(
        last_event(place.council, "enquiry.refused"), rulebook, "Some general principles ¶2"
    )


def test_ludlow_lets_an_information_enquiry_go_straight_to_the_officer(db: None) -> None:
    """§4.2.3/§4.3.1(f): the protocol does not make it go through the Town Clerk."""
    place = build("ludlow")
    enquiry = ask(place.member, addressed_to="other_officer", addressed_officer=place.staff)
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.officer == place.staff
    assert enquiry.handler_role == "officer"
    assert clauses(enquiry.route) == ["§4.2.3", "§4.3.1(f)", "§4.3.2(g)"]


# --- (b) an instruction to staff ----------------------------------------------------------


# rulebook -> (addressed_to, refusing clauses)
REFUSED_INSTRUCTIONS = {
    "grantham": ("proper_officer", ("Officers can expect councillors ¶1.7", "Councillors ¶3")),
    "west-mersea": ("proper_officer", ("Officers can expect councillors ¶1.7", "Councillors ¶3")),
    "ludlow": ("other_officer", ("§4.2.1", "§4.2")),
    "part5-district": ("other_officer", ("§2.4",)),
    "acses-town": ("other_officer", ("§2.9", "§4.6", "§7.3")),
}


@pytest.mark.parametrize("rulebook", sorted(REFUSED_INSTRUCTIONS))
def test_a_members_instruction_is_refused_with_its_clause(db: None, rulebook: str) -> None:
    place = build(rulebook)
    addressed_to, refusing = REFUSED_INSTRUCTIONS[rulebook]
    before = AuditEvent.unscoped.filter(council=place.council).count()

    with pytest.raises(EnquiryRefused) as refused:
        ask(
            place.member,
            subject="Cut the grass",
            body="Please cut the green tomorrow.",
            kind="instruction",
            addressed_to=addressed_to,
        )

    decision = refused.value.decision
    assert decision.outcome == "refuse"
    assert decision.clauses == refusing
    assert refused.value.proper_route
    assert not Enquiry.objects.for_council(place.council).exists()
    # The refusal is on the record, with its clauses, and nothing else was written.
    assert AuditEvent.unscoped.filter(council=place.council).count() == before + 1
    event = last_event(place.council, "enquiry.refused")
    assert event.object_id == str(place.member.pk)
    assert_cites(event, rulebook, *refusing)


@pytest.mark.parametrize("rulebook", NATIONAL)
def test_national_model_instruction_to_staff_goes_to_the_clerk_and_council(
    db: None, rulebook: str
) -> None:
    place = build(rulebook)
    assert REFUSED_INSTRUCTIONS[rulebook][0] == "proper_officer"
    with pytest.raises(EnquiryRefused) as refused:
        ask(place.member, kind="instruction", addressed_to="proper_officer")
    # Councillors ¶3: the Clerk takes instructions from the council or its committees.
    assert refused.value.proper_route == "Take it to the full council."

    # To the Clerk's staff: the Clerk decides, the protocol recommending refusal.
    to_staff = ask(place.member, kind="instruction", addressed_to="other_officer")
    assert to_staff.route["outcome"] == "refer"
    assert to_staff.route["recommendation"] == "refuse"
    assert to_staff.handler_role == "proper_officer"
    assert to_staff.status == Enquiry.Status.WITH_CLERK
    assert clauses(to_staff.route) == [
        "Some general principles ¶2",
        "Officers can expect councillors ¶1.7",
    ]

    # Through a council decision, passed to the Clerk: allowed.
    decided = ask(
        place.member, kind="instruction", addressed_to="proper_officer", via_formal_decision=True
    )
    assert decided.route["outcome"] == "allow"
    assert clauses(decided.route) == ["Councillors ¶3", "Some general principles ¶2"]


def test_part5_cabinet_member_with_delegated_authority_instructs_the_chief_officer(
    db: None,
) -> None:
    place = build("part5-district")
    assert place.cabinet_member is not None and place.chief_officer is not None

    enquiry = ask(
        place.cabinet_member,
        subject="Extend the waste contract",
        body="Please extend the waste contract as delegated to me.",
        kind="instruction",
        addressed_to="chief_officer",
        delegated_authority=True,
    )

    assert enquiry.route["outcome"] == "allow"
    assert clauses(enquiry.route) == ["§2.4"]
    assert enquiry.handler_role == "chief_officer"
    assert enquiry.officer == place.chief_officer
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert_cites(last_event(place.council, "enquiry.submitted"), "part5-district", "§2.4", "§7.1")


def test_part5_claiming_authority_one_does_not_hold_is_refused(db: None) -> None:
    """Ticking "delegated authority" counts only for a Cabinet member who holds it."""
    place = build("part5-district")
    with pytest.raises(EnquiryRefused) as refused:
        ask(
            place.member, kind="instruction", addressed_to="chief_officer", delegated_authority=True
        )
    assert refused.value.decision.clauses == ("§2.4",)
    assert place.cabinet_member is not None
    with pytest.raises(EnquiryRefused):
        ask(place.cabinet_member, kind="instruction", addressed_to="chief_officer")


# --- (c) the clocks ---------------------------------------------------------------------------


# rulebook -> the clauses behind its response targets
CLOCK_CLAUSES = {
    "grantham": ("Councillors can expect ¶1.4", "Officers must ¶1.6"),
    "west-mersea": ("Councillors can expect ¶1.4", "Officers must ¶1.6"),
    "ludlow": ("§4.3.1(d)",),
    "part5-district": ("§7.1",),
    "acses-town": ("§4.7",),
}


@pytest.mark.parametrize("rulebook", sorted(CLOCK_CLAUSES))
def test_clocks_come_from_the_rulebook_and_the_nation(db: None, rulebook: str) -> None:
    place = build(rulebook)
    enquiry = ask(place.member)
    # Every rulebook sets 3 and 10 working days; England skips 25 and 28 December and 1 January.
    assert enquiry.acknowledge_due == ACK_DUE
    assert enquiry.respond_due == RESPOND_DUE
    assert_cites(last_event(place.council, "enquiry.submitted"), rulebook, *CLOCK_CLAUSES[rulebook])

    # Scotland also keeps 2 January (a Saturday in 2027, so Monday 4 January).
    scottish = build(rulebook, nation="scotland")
    scots = ask(scottish.member)
    assert scots.acknowledge_due == ACK_DUE
    assert scots.respond_due == datetime.date(2027, 1, 12)


def _override_respond_days(council: Council, days: int) -> None:
    with recording(council=council, actor=None, action="council.settings_changed", obj=council):
        council.respond_working_days = days
        council.save(update_fields=["respond_working_days"])


@pytest.mark.parametrize("rulebook", sorted(CLOCK_CLAUSES))
def test_a_councils_own_respond_days_override_the_rulebook(db: None, rulebook: str) -> None:
    place = build(rulebook)
    _override_respond_days(place.council, 5)
    enquiry = ask(place.member)
    assert enquiry.acknowledge_due == ACK_DUE  # not overridden: the rulebook's 3
    assert enquiry.respond_due == datetime.date(2027, 1, 4)  # 24, 29, 30, 31 Dec, 4 Jan
    assert "5 working days" in last_event(place.council, "enquiry.submitted").details["says"]


# --- (d) documents: an officer's determination and the dispute route ----------------------


def committee_paper(place: Place) -> Document:
    return f.make_document(place.council, "committee", committee=place.committee)


def request(place: Place, document: Document, **kwargs: object) -> AccessRequest:
    values: dict[str, object] = {
        "purpose": "To answer a resident's question at the ward surgery",
        "justification": "The resident's complaint turns on what the committee was told.",
        "today": DAY,
        "acting_user": place.member,
        **kwargs,
    }
    return do_request_access(place.member, document, **values)  # type: ignore[arg-type]


def refused_request(place: Place, decider: Person, rulebook: str) -> AccessRequest:
    """A request left to ``decider``, who refuses it with reasons."""
    access_request = request(place, committee_paper(place))
    assert access_request.status == AccessRequest.Status.AWAITING_DECISION
    assert access_request.decider == decider
    do_determine_access_request(
        access_request,
        release=False,
        reasons="No need to know shown beyond curiosity.",
        today=DAY,
        acting_user=decider,
    )
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REFUSED
    assert access_request.determined_by == decider
    event = last_event(place.council, "access_request.determined")
    assert event.actor == decider
    assert event.citations and {c["rulebook"] for c in event.citations} == {rulebook}
    return access_request


def dispute(place: Place, access_request: AccessRequest) -> AccessDispute:
    return do_raise_dispute(
        access_request,
        grounds="I sit on the outside body the paper concerns.",
        today=DAY,
        acting_user=place.member,
    )


def test_acses_town_the_town_clerk_decides_the_dispute_and_that_is_final(db: None) -> None:
    place = build("acses-town")
    access_request = request(place, committee_paper(place))
    # §10.3(a)/§10.4: a non-member of the committee who shows a need: the Town Clerk decides.
    assert access_request.decider_role == "proper_officer"
    assert access_request.recommendation["recommendation"] == "allow"
    assert clauses(access_request.recommendation) == ["§10.3", "§10.3(a)", "§10.4"]
    assert_cites(
        last_event(place.council, "access_request.made"), "acses-town", "§10.3", "§10.3(a)", "§10.4"
    )
    do_determine_access_request(
        access_request,
        release=False,
        reasons="The need shown is general.",
        today=DAY,
        acting_user=place.clerk,
    )
    determined = last_event(place.council, "access_request.determined")
    assert_cites(determined, "acses-town", "§10.3", "§10.3(a)", "§10.4")
    assert determined.details["followed_recommendation"] is False

    raised = dispute(place, access_request)
    assert raised.handler_role == "proper_officer"
    assert clauses(raised.route) == ["§10.4"]
    assert raised.next_roles == []
    assert not report_required(raised)
    assert_cites(last_event(place.council, "access_dispute.raised"), "acses-town", "§10.4")
    assert can_decide_dispute(place.clerk, raised, DAY)
    assert not can_decide_dispute(place.monitoring_officer, raised, DAY)
    with pytest.raises(PermissionDenied):
        do_decide_dispute(
            raised, grant=True, reasons="x", today=DAY, acting_user=place.monitoring_officer
        )

    do_decide_dispute(
        raised, grant=False, reasons="The request is not valid.", today=DAY, acting_user=place.clerk
    )
    raised.refresh_from_db()
    assert raised.status == AccessDispute.Status.REFUSAL_UPHELD
    assert not raised.can_go_further
    assert_cites(last_event(place.council, "access_dispute.decided"), "acses-town", "§10.4")
    with pytest.raises(PermissionDenied):
        do_take_dispute_further(raised, today=DAY, acting_user=place.member)
    document = access_request.document
    with pytest.raises(Http404):
        access_document_by_id(place.member, document.pk, DAY)


def test_part5_dispute_goes_to_the_monitoring_officer_then_audit_and_standards(
    db: None,
) -> None:
    place = build("part5-district")
    assert place.line_manager is not None
    access_request = request(place, committee_paper(place))
    # §7.4/§7.5: need to know beyond the statutory right; the manager of the service decides.
    assert access_request.decider_role == "service_manager"
    assert access_request.decider == place.line_manager
    assert clauses(access_request.recommendation) == ["§7.4", "§7.5"]
    do_determine_access_request(
        access_request,
        release=False,
        reasons="Not needed for the member's duties.",
        today=DAY,
        acting_user=place.line_manager,
    )
    assert_cites(
        last_event(place.council, "access_request.determined"), "part5-district", "§7.4", "§7.5"
    )

    raised = dispute(place, access_request)
    assert raised.handler_role == "monitoring_officer"
    assert raised.next_roles == ["audit_and_standards_committee"]
    assert clauses(raised.route) == ["§7.5"]
    assert not report_required(raised)
    assert_cites(last_event(place.council, "access_dispute.raised"), "part5-district", "§7.5")
    # The manager who refused does not judge the dispute.
    assert not can_decide_dispute(place.line_manager, raised, DAY)
    do_decide_dispute(
        raised,
        grant=False,
        reasons="My advice is that the manager was right.",
        today=DAY,
        acting_user=place.monitoring_officer,
    )
    raised.refresh_from_db()
    assert raised.can_go_further
    assert (
        "Audit and Standards Committee"
        in (last_event(place.council, "access_dispute.decided").details["says"])
    )

    later = DAY + datetime.timedelta(days=14)
    further = do_take_dispute_further(raised, today=later, acting_user=place.member)
    assert further.stage == AccessDispute.Stage.ADVISED
    assert further.handler_role == "audit_and_standards_committee"
    assert further.status == AccessDispute.Status.OPEN
    assert further.next_roles == []
    assert report_required(further)
    taken = last_event(place.council, "access_dispute.taken_further")
    assert_cites(taken, "part5-district", "§7.5")
    assert "Monitoring Officer reports" in taken.details["says"]

    # The committee's decision, recorded by the Monitoring Officer, needs the MO's report.
    with pytest.raises(ValidationError) as missing:
        do_decide_dispute(
            further,
            grant=True,
            reasons="Need shown.",
            today=later,
            acting_user=place.monitoring_officer,
        )
    assert "report" in missing.value.message_dict
    do_decide_dispute(
        further,
        grant=True,
        reasons="The committee finds a need to know.",
        report="The Monitoring Officer's report to the committee.",
        today=later,
        acting_user=place.monitoring_officer,
    )
    further.refresh_from_db()
    assert further.status == AccessDispute.Status.ACCESS_GRANTED
    assert further.report
    assert not further.can_go_further
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.RELEASED
    assert_cites(last_event(place.council, "access_dispute.decided"), "part5-district", "§7.5")
    assert access_document_by_id(place.member, access_request.document_id, later)


@pytest.mark.parametrize("rulebook", NATIONAL)
def test_national_model_the_clerk_decides_need_to_know_with_no_appeal(
    db: None, rulebook: str
) -> None:
    place = build(rulebook)
    access_request = refused_request(place, place.clerk, rulebook)
    # Access to information ¶3/¶4: the Clerk decides whether a need to know is shown.
    assert access_request.decider_role == "proper_officer"
    assert "Access to information ¶4" in clauses(access_request.recommendation)

    raised = dispute(place, access_request)
    assert raised.handler_role == "proper_officer"
    assert clauses(raised.route) == ["Access to information ¶4"]
    assert raised.next_roles == []
    assert_cites(
        last_event(place.council, "access_dispute.raised"), rulebook, "Access to information ¶4"
    )
    do_decide_dispute(
        raised, grant=False, reasons="No need to know.", today=DAY, acting_user=place.clerk
    )
    raised.refresh_from_db()
    assert raised.status == AccessDispute.Status.REFUSAL_UPHELD
    assert not raised.can_go_further  # the protocol sets no appeal (FOI remains)
    with pytest.raises(PermissionDenied):
        do_take_dispute_further(raised, today=DAY, acting_user=place.member)


@pytest.mark.parametrize("rulebook", NATIONAL)
def test_national_model_committee_member_is_presumed_to_need_to_know(
    db: None, rulebook: str
) -> None:
    place = build(rulebook)
    paper = committee_paper(place)
    access_request = do_request_access(
        place.committee_member,
        paper,
        purpose="Committee business",
        today=DAY,
        acting_user=place.committee_member,
    )
    assert access_request.recommendation["recommendation"] == "allow"
    assert clauses(access_request.recommendation)[:2] == [
        "Access to information ¶4",
        "Access to information ¶5",
    ]
    assert access_request.decider == place.clerk


def test_ludlow_the_town_clerk_decides_requests_and_disputes(db: None) -> None:
    """Ludlow's text has no rule for documents: the Town Clerk decides on the merits
    (§4.3.1(f), §4.2.3), and a dispute goes to the Town Clerk, no further (§4.5.2)."""
    place = build("ludlow")
    access_request = refused_request(place, place.clerk, "ludlow")
    assert access_request.decider_role == "proper_officer"
    assert access_request.recommendation["recommendation"] is None  # "none": no lean
    assert clauses(access_request.recommendation) == ["§4.3.1(f)", "§4.2.3"]
    raised = dispute(place, access_request)
    assert raised.handler_role == "proper_officer"
    assert clauses(raised.route) == ["§4.5.2"]
    assert raised.next_roles == []
    assert_cites(last_event(place.council, "access_dispute.raised"), "ludlow", "§4.5.2")
    decided = do_decide_dispute(
        raised, grant=False, reasons="Still no need shown.", today=DAY, acting_user=place.clerk
    )
    assert decided.status == AccessDispute.Status.REFUSAL_UPHELD
    assert not decided.can_go_further


@pytest.mark.parametrize(
    "rulebook", ["grantham", "west-mersea", "ludlow", "part5-district", "acses-town"]
)
def test_the_other_rulebooks_take_access_requests(db: None, rulebook: str) -> None:
    assert handles_access_requests(build(rulebook).council)
