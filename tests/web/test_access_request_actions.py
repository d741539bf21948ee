"""The access-request actions' rules: who may ask, allocate, determine, withdraw
and dispute; where a clause stops an officer releasing; the audit trail; and
what the member can then read. Hollowmere is on acses-town (§10)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council
from propriety.documents.access import (
    access_document_by_id,
    documents_visible_to,
    register_visible_to,
)
from propriety.documents.models import AccessDispute, AccessRequest, Document
from propriety.documents.request_access import (
    access_access_request_by_id,
    can_determine,
    dispute_of,
)
from propriety.documents.requests import (
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_take_dispute_further,
    do_withdraw_access_request,
    report_required,
)
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_rulebook_flows import build

DAY = datetime.date(2026, 12, 23)


def ask(member: Person, document: Document, **kwargs: Any) -> AccessRequest:
    values: dict[str, Any] = {
        "purpose": "To answer a resident at my surgery",
        "justification": "The resident's complaint turns on this paper.",
        "today": DAY,
        "acting_user": member,
        **kwargs,
    }
    return do_request_access(member, document, **values)


def count(council: Council) -> int:
    return AuditEvent.unscoped.filter(council=council).count()


@contextmanager
def one_event(council: Council, action: str) -> Iterator[None]:
    before = AuditEvent.unscoped.filter(council=council).order_by("-pk").first()
    yield
    new = AuditEvent.unscoped.filter(council=council)
    if before is not None:
        new = new.filter(pk__gt=before.pk)
    assert [e.action for e in new] == [action]


@contextmanager
def no_event(council: Council) -> Iterator[None]:
    before = count(council)
    yield
    assert count(council) == before


def latest(council: Council, action: str) -> AuditEvent:
    event: AuditEvent | None = (
        AuditEvent.unscoped.filter(council=council, action=action).order_by("-pk").first()
    )
    assert event is not None
    return event


def cited(data: dict[str, Any]) -> list[str]:
    return [c["clause"] for c in data["citations"]]


@pytest.fixture
def paper(hollowmere: Hollowmere) -> Document:
    """Planning committee business, not exempt: Wendy Ward is not on the committee."""
    return f.make_document(hollowmere.council, "committee", committee=hollowmere.planning)


@pytest.fixture
def waiting(hollowmere: Hollowmere, paper: Document) -> AccessRequest:
    return ask(hollowmere.cllr_ward, paper)


def refused(h: Hollowmere, request: AccessRequest) -> AccessRequest:
    do_determine_access_request(
        request, release=False, reasons="No need shown.", today=DAY, acting_user=h.clerk
    )
    return request


# --- asking ---------------------------------------------------------------------------------


def test_what_the_rulebook_does_with_each_request(hollowmere: Hollowmere) -> None:
    h = hollowmere
    council = h.council
    public = f.make_document(council, "public")
    exempt = f.make_document(council, "exempt", exempt_category=3, committee=h.planning)
    committee = f.make_document(council, "committee", committee=h.planning)

    with one_event(council, "access_request.made"):
        released = ask(h.cllr_ward, public)
    assert released.status == AccessRequest.Status.RELEASED
    assert cited(released.recommendation) == ["§10.9", "§10.6"]

    with one_event(council, "access_request.made"):
        blocked = ask(h.cllr_ward, exempt)
    assert blocked.status == AccessRequest.Status.REFUSED
    assert cited(blocked.recommendation) == ["§10.3", "§10.3(b)"]
    assert blocked.determined_on == DAY and blocked.determined_by is None
    assert {c["clause"] for c in latest(council, "access_request.made").citations} == {
        "§10.3",
        "§10.3(b)",
    }

    on_committee = ask(h.cllr_chair, committee)
    assert on_committee.status == AccessRequest.Status.RELEASED
    assert cited(on_committee.recommendation) == ["§10.2", "§10.6"]

    need = ask(h.cllr_ward, committee)
    assert need.status == AccessRequest.Status.AWAITING_DECISION
    assert (need.decider_role, need.decider) == ("proper_officer", h.clerk)
    assert need.recommendation["recommendation"] == "allow"

    no_reason = ask(h.cllr_ward, committee, justification="")
    assert no_reason.recommendation["recommendation"] == "refuse"

    for_constituent = ask(h.cllr_ward, committee, third_party_name="Mrs Jones")
    assert for_constituent.status == AccessRequest.Status.REFUSED
    assert cited(for_constituent.recommendation) == ["§10.1", "§10.1(a)"]

    interested = ask(h.cllr_ward, public, member_interest=True)
    assert interested.status == AccessRequest.Status.AWAITING_DECISION
    assert interested.recommendation["recommendation"] is None
    assert "§10.5(b)" in cited(interested.recommendation)


def test_only_a_serving_member_asks_for_their_own_councils_document(
    hollowmere: Hollowmere, fernley: Council, paper: Document
) -> None:
    h = hollowmere
    outsider = f.make_person(fernley, Role.COUNCILLOR)
    with no_event(h.council), no_event(fernley):
        for officer in (h.clerk, h.officer_junior, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                ask(officer, paper)
        with pytest.raises(PermissionDenied):
            ask(h.cllr_ward, paper, acting_user=h.cllr_chair)
        with pytest.raises(PermissionDenied):
            ask(outsider, paper)
        with pytest.raises(ValidationError) as blank:
            ask(h.cllr_ward, paper, purpose="  ")
        assert set(blank.value.message_dict) == {"purpose"}
    assert not AccessRequest.objects.for_council(h.council).exists()


# --- allocating and determining ---------------------------------------------------------


def test_only_the_clerk_allocates_to_an_officer_of_the_council(
    hollowmere: Hollowmere, fernley: Council, waiting: AccessRequest
) -> None:
    h = hollowmere
    elsewhere = f.make_person(fernley, Role.STAFF)
    with no_event(h.council):
        for person in (h.officer_junior, h.cllr_ward, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                do_allocate_access_request(
                    waiting, decider=h.officer_junior, today=DAY, acting_user=person
                )
        for wrong in (elsewhere, h.cllr_chair):
            with pytest.raises(ValidationError) as bad:
                do_allocate_access_request(waiting, decider=wrong, today=DAY, acting_user=h.clerk)
            assert set(bad.value.message_dict) == {"decider"}
    with one_event(h.council, "access_request.allocated"):
        do_allocate_access_request(
            waiting, decider=h.officer_junior, today=DAY, acting_user=h.clerk
        )
    assert waiting.decider == h.officer_junior
    assert {c["clause"] for c in latest(h.council, "access_request.allocated").citations} == {
        "§10.3",
        "§10.3(a)",
        "§10.4",
    }
    assert can_determine(h.officer_junior, waiting, DAY)
    assert can_determine(h.clerk, waiting, DAY)
    assert not can_determine(h.monitoring_officer, waiting, DAY)

    do_determine_access_request(
        waiting, release=True, reasons="Need shown.", today=DAY, acting_user=h.officer_junior
    )
    with no_event(h.council), pytest.raises(PermissionDenied):
        do_allocate_access_request(waiting, decider=h.clerk, today=DAY, acting_user=h.clerk)


def test_only_the_decider_or_the_clerk_determines_and_gives_reasons(
    hollowmere: Hollowmere, waiting: AccessRequest
) -> None:
    h = hollowmere
    with no_event(h.council):
        for person in (h.officer_junior, h.cllr_ward, h.cllr_chair, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                do_determine_access_request(
                    waiting, release=True, reasons="ok", today=DAY, acting_user=person
                )
        with pytest.raises(ValidationError) as blank:
            do_determine_access_request(
                waiting, release=True, reasons=" ", today=DAY, acting_user=h.clerk
            )
        assert set(blank.value.message_dict) == {"reasons"}

    with one_event(h.council, "access_request.determined"):
        do_determine_access_request(
            waiting, release=True, reasons="A clear need to know.", today=DAY, acting_user=h.clerk
        )
    waiting.refresh_from_db()
    assert waiting.status == AccessRequest.Status.RELEASED
    assert (waiting.determined_by, waiting.determined_on) == (h.clerk, DAY)
    event = latest(h.council, "access_request.determined")
    assert event.details["followed_recommendation"] is True
    assert event.rulebook == "acses-town"
    # Decided once: nobody determines it again.
    with no_event(h.council), pytest.raises(PermissionDenied):
        do_determine_access_request(
            waiting, release=False, reasons="Changed my mind.", today=DAY, acting_user=h.clerk
        )


def test_the_officer_cannot_release_where_a_clause_refuses(hollowmere: Hollowmere) -> None:
    """§10.1(b): nothing for a third party where data protection law bars it."""
    h = hollowmere
    public = f.make_document(h.council, "public")
    request = ask(h.cllr_ward, public, third_party_name="Mrs Jones", member_interest=True)
    assert request.status == AccessRequest.Status.AWAITING_DECISION

    with no_event(h.council), pytest.raises(ValidationError) as blocked:
        do_determine_access_request(
            request,
            release=True,
            reasons="She asked me to.",
            data_protection_risk=True,
            today=DAY,
            acting_user=h.clerk,
        )
    message = blocked.value.message_dict["release"][0]
    assert "§10.1(b)" in message
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.AWAITING_DECISION
    assert request.data_protection_risk is False

    with one_event(h.council, "access_request.determined"):
        do_determine_access_request(
            request,
            release=False,
            reasons="Release would breach data protection law.",
            data_protection_risk=True,
            today=DAY,
            acting_user=h.clerk,
        )
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REFUSED
    assert request.data_protection_risk is True
    assert {"§10.1", "§10.1(b)"} <= {
        c["clause"] for c in latest(h.council, "access_request.determined").citations
    }


def test_only_the_member_withdraws_a_waiting_request(
    hollowmere: Hollowmere, waiting: AccessRequest
) -> None:
    h = hollowmere
    with no_event(h.council):
        for person in (h.clerk, h.cllr_chair, h.officer_junior):
            with pytest.raises(PermissionDenied):
                do_withdraw_access_request(waiting, today=DAY, acting_user=person)
    with one_event(h.council, "access_request.withdrawn"):
        do_withdraw_access_request(waiting, today=DAY, acting_user=h.cllr_ward)
    assert waiting.status == AccessRequest.Status.WITHDRAWN
    with no_event(h.council), pytest.raises(PermissionDenied):
        do_withdraw_access_request(waiting, today=DAY, acting_user=h.cllr_ward)
    with pytest.raises(PermissionDenied):
        do_determine_access_request(
            waiting, release=True, reasons="x", today=DAY, acting_user=h.clerk
        )


# --- disputes -----------------------------------------------------------------------------


def test_only_a_refused_request_is_disputed_once_by_its_member(
    hollowmere: Hollowmere, waiting: AccessRequest
) -> None:
    h = hollowmere
    with no_event(h.council), pytest.raises(PermissionDenied):
        do_raise_dispute(waiting, grounds="Unfair.", today=DAY, acting_user=h.cllr_ward)

    released = ask(h.cllr_ward, f.make_document(h.council, "public"))
    with no_event(h.council), pytest.raises(PermissionDenied):
        do_raise_dispute(released, grounds="?", today=DAY, acting_user=h.cllr_ward)

    refused(h, waiting)
    with no_event(h.council):
        for person in (h.clerk, h.cllr_chair):
            with pytest.raises(PermissionDenied):
                do_raise_dispute(waiting, grounds="Unfair.", today=DAY, acting_user=person)
        with pytest.raises(ValidationError) as blank:
            do_raise_dispute(waiting, grounds=" ", today=DAY, acting_user=h.cllr_ward)
        assert set(blank.value.message_dict) == {"grounds"}

    with one_event(h.council, "access_dispute.raised"):
        dispute = do_raise_dispute(
            waiting, grounds="I need it for the ward.", today=DAY, acting_user=h.cllr_ward
        )
    assert dispute_of(waiting) == dispute
    assert dispute.handler_role == "proper_officer"
    again = AccessRequest.objects.for_council(h.council).get(pk=waiting.pk)
    with no_event(h.council), pytest.raises(ValidationError):
        do_raise_dispute(again, grounds="Once more.", today=DAY, acting_user=h.cllr_ward)


def test_the_town_clerk_decides_the_dispute_once_and_finally(
    hollowmere: Hollowmere, waiting: AccessRequest
) -> None:
    h = hollowmere
    refused(h, waiting)
    dispute = do_raise_dispute(waiting, grounds="Need.", today=DAY, acting_user=h.cllr_ward)
    with no_event(h.council):
        for person in (h.cllr_ward, h.officer_junior, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                do_decide_dispute(dispute, grant=True, reasons="ok", today=DAY, acting_user=person)
        with pytest.raises(ValidationError) as blank:
            do_decide_dispute(dispute, grant=True, reasons="", today=DAY, acting_user=h.clerk)
        assert set(blank.value.message_dict) == {"reasons"}
    with one_event(h.council, "access_dispute.decided"):
        do_decide_dispute(
            dispute, grant=True, reasons="The need is made out.", today=DAY, acting_user=h.clerk
        )
    waiting.refresh_from_db()
    assert waiting.status == AccessRequest.Status.RELEASED
    assert waiting.reasons == "On dispute: The need is made out."
    assert dispute.status == AccessDispute.Status.ACCESS_GRANTED
    with no_event(h.council):
        with pytest.raises(PermissionDenied):
            do_decide_dispute(dispute, grant=False, reasons="No.", today=DAY, acting_user=h.clerk)
        with pytest.raises(PermissionDenied):
            do_take_dispute_further(dispute, today=DAY, acting_user=h.cllr_ward)


def test_part5_committee_stage_needs_the_monitoring_officers_report(db: None) -> None:
    place = build("part5-district")
    assert place.line_manager is not None
    paper = f.make_document(place.council, "committee", committee=place.committee)
    request = ask(place.member, paper)
    do_determine_access_request(
        request, release=False, reasons="No need.", today=DAY, acting_user=place.line_manager
    )
    dispute = do_raise_dispute(request, grounds="Need.", today=DAY, acting_user=place.member)
    with no_event(place.council), pytest.raises(PermissionDenied):
        # Only once the Monitoring Officer's view is in, and only by the member.
        do_take_dispute_further(dispute, today=DAY, acting_user=place.member)
    do_decide_dispute(
        dispute,
        grant=False,
        reasons="Advice: refusal right.",
        today=DAY,
        acting_user=place.monitoring_officer,
    )
    with no_event(place.council), pytest.raises(PermissionDenied):
        do_take_dispute_further(dispute, today=DAY, acting_user=place.clerk)
    with one_event(place.council, "access_dispute.taken_further"):
        do_take_dispute_further(dispute, today=DAY, acting_user=place.member)
    assert report_required(dispute)
    with no_event(place.council), pytest.raises(ValidationError) as missing:
        do_decide_dispute(
            dispute,
            grant=False,
            reasons="Upheld.",
            report=" ",
            today=DAY,
            acting_user=place.monitoring_officer,
        )
    assert set(missing.value.message_dict) == {"report"}
    with one_event(place.council, "access_dispute.decided"):
        do_decide_dispute(
            dispute,
            grant=False,
            reasons="Upheld.",
            report="Report to the committee.",
            today=DAY,
            acting_user=place.monitoring_officer,
        )
    dispute.refresh_from_db()
    assert dispute.status == AccessDispute.Status.REFUSAL_UPHELD
    assert not dispute.can_go_further  # the Audit and Standards Committee is the last step
    with pytest.raises(Http404):
        access_document_by_id(place.member, paper.pk, DAY)


# --- reading the document ---------------------------------------------------------------


def test_a_released_request_lets_the_member_read_the_document(
    hollowmere: Hollowmere, waiting: AccessRequest, paper: Document
) -> None:
    h = hollowmere
    assert paper in register_visible_to(h.cllr_ward)
    with pytest.raises(Http404):
        access_document_by_id(h.cllr_ward, paper.pk, DAY)
    do_determine_access_request(
        waiting, release=True, reasons="Need shown.", today=DAY, acting_user=h.clerk
    )
    assert access_document_by_id(h.cllr_ward, paper.pk, DAY) == paper
    assert paper in documents_visible_to(h.cllr_ward, DAY)
    # Released to Wendy Ward, not to every member.
    other = f.make_person(h.council, Role.COUNCILLOR)
    with pytest.raises(Http404):
        access_document_by_id(other, paper.pk, DAY)


def test_a_refused_request_does_not(
    hollowmere: Hollowmere, waiting: AccessRequest, paper: Document
) -> None:
    h = hollowmere
    refused(h, waiting)
    with pytest.raises(Http404):
        access_document_by_id(h.cllr_ward, paper.pk, DAY)
    assert paper not in documents_visible_to(h.cllr_ward, DAY)


def test_another_councils_member_never_sees_it(
    hollowmere: Hollowmere, fernley: Council, waiting: AccessRequest, paper: Document
) -> None:
    h = hollowmere
    do_determine_access_request(
        waiting, release=True, reasons="Need shown.", today=DAY, acting_user=h.clerk
    )
    outsider = f.make_person(fernley, Role.COUNCILLOR)
    clerk_elsewhere = f.make_person(fernley, Role.PROPER_OFFICER)
    for person in (outsider, clerk_elsewhere):
        with pytest.raises(Http404):
            access_document_by_id(person, paper.pk, DAY)
        with pytest.raises(Http404):
            access_access_request_by_id(person, waiting.pk, DAY)
        assert paper not in register_visible_to(person)
        assert paper not in documents_visible_to(person, DAY)


def test_requests_are_seen_by_the_member_the_decider_and_the_clerk(
    hollowmere: Hollowmere, waiting: AccessRequest
) -> None:
    h = hollowmere
    for person in (h.cllr_ward, h.clerk):
        assert access_access_request_by_id(person, waiting.pk, DAY) == waiting
    for person in (h.cllr_chair, h.officer_junior):
        with pytest.raises(Http404):
            access_access_request_by_id(person, waiting.pk, DAY)
    do_allocate_access_request(waiting, decider=h.officer_junior, today=DAY, acting_user=h.clerk)
    assert access_access_request_by_id(h.officer_junior, waiting.pk, DAY) == waiting


# --- emails -----------------------------------------------------------------------------------


def test_emails_go_to_the_decider_the_member_and_the_dispute_handler(
    hollowmere: Hollowmere,
    paper: Document,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    h = hollowmere

    def sent(action: Callable[[], Any]) -> list[list[str]]:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return [m.to for m in mail.outbox]

    box: dict[str, AccessRequest] = {}
    assert sent(lambda: box.setdefault("r", ask(h.cllr_ward, paper))) == [
        ["clerk@hollowmere.example"]
    ]
    request = box["r"]
    assert sent(
        lambda: do_allocate_access_request(
            request, decider=h.officer_junior, today=DAY, acting_user=h.clerk
        )
    ) == [["jo@hollowmere.example"]]
    assert sent(
        lambda: do_determine_access_request(
            request, release=False, reasons="No.", today=DAY, acting_user=h.officer_junior
        )
    ) == [["ward@hollowmere.example"]]
    assert sent(
        lambda: do_raise_dispute(request, grounds="Need.", today=DAY, acting_user=h.cllr_ward)
    ) == [["clerk@hollowmere.example"]]
    # Released at once: nobody has anything to decide.
    assert sent(lambda: ask(h.cllr_ward, f.make_document(h.council, "public"))) == []
