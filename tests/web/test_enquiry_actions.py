"""The enquiry actions' rules: who may act, what is checked, the clocks, the audit
trail and the emails. Hollowmere is on the acses-town rulebook (3 and 10
working days, §4.7; information goes to the Town Clerk, §4.6)."""

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
from propriety.councils.protocol import calendar_for
from propriety.enquiries import actions as a
from propriety.enquiries.access import access_enquiry_by_id
from propriety.enquiries.clocks import clocks_for, is_overdue
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

DAY = datetime.date(2026, 12, 23)
RESPOND_DUE = datetime.date(2027, 1, 11)


def submit(member: Person, **kwargs: Any) -> Enquiry:
    values: dict[str, Any] = {
        "subject": "Bus shelter",
        "body": "Who repairs the bus shelter on Mill Lane?",
        "kind": "information",
        "addressed_to": "proper_officer",
        "today": DAY,
        "acting_user": member,
        **kwargs,
    }
    return a.do_submit_enquiry(member, **values)


def events(council: Council) -> int:
    return AuditEvent.unscoped.filter(council=council).count()


@contextmanager
def one_event(council: Council, action: str) -> Iterator[None]:
    """The block writes exactly one audit event, with this action."""
    before = AuditEvent.unscoped.filter(council=council).order_by("-pk").first()
    yield
    new = AuditEvent.unscoped.filter(council=council)
    if before is not None:
        new = new.filter(pk__gt=before.pk)
    assert [e.action for e in new] == [action]


@contextmanager
def no_event(council: Council) -> Iterator[None]:
    before = events(council)
    yield
    assert events(council) == before


def allocated(h: Hollowmere, officer: Person | None = None, day: datetime.date = DAY) -> Enquiry:
    enquiry = submit(h.cllr_ward)
    return a.do_triage_enquiry(
        enquiry,
        priority=Enquiry.Priority.NORMAL,
        officer=officer or h.officer_junior,
        today=day,
        acting_user=h.clerk,
    )


@pytest.fixture
def other_officer(hollowmere: Hollowmere) -> Person:
    return f.make_person(
        hollowmere.council, Role.STAFF, name="Olive Other", email="olive@h.example"
    )


# --- submitting ------------------------------------------------------------------------------


def test_submitting_routes_to_the_town_clerk_and_records_one_event(hollowmere: Hollowmere) -> None:
    with one_event(hollowmere.council, "enquiry.submitted"):
        enquiry = submit(hollowmere.cllr_ward)
    assert enquiry.status == Enquiry.Status.WITH_CLERK
    assert enquiry.handler_role == "proper_officer"
    assert enquiry.ward == hollowmere.brookside
    assert enquiry.respond_due == RESPOND_DUE
    assert enquiry.acknowledge_due == datetime.date(2026, 12, 30)


def test_only_a_serving_member_submits_and_only_for_themselves(hollowmere: Hollowmere) -> None:
    h = hollowmere
    former = f.make_person(h.council, Role.COUNCILLOR, ends_on=datetime.date(2026, 5, 1))
    with no_event(h.council):
        for officer in (h.clerk, h.officer_junior, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                submit(officer)
        with pytest.raises(PermissionDenied):
            submit(h.cllr_ward, acting_user=h.cllr_chair)
        with pytest.raises(PermissionDenied):
            submit(former)
    assert not Enquiry.objects.for_council(h.council).exists()


def test_submitting_checks_subject_body_and_officer(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    h = hollowmere
    with no_event(h.council):
        with pytest.raises(ValidationError) as blank:
            submit(h.cllr_ward, subject="  ", body="\n")
        assert set(blank.value.message_dict) == {"subject", "body"}

        elsewhere = f.make_person(fernley, Role.STAFF)
        with pytest.raises(ValidationError) as foreign:
            submit(h.cllr_ward, addressed_to="other_officer", addressed_officer=elsewhere)
        assert set(foreign.value.message_dict) == {"addressed_officer"}

        with pytest.raises(ValidationError) as not_officer:
            submit(h.cllr_ward, addressed_to="other_officer", addressed_officer=h.cllr_chair)
        assert set(not_officer.value.message_dict) == {"addressed_officer"}


def test_a_refused_enquiry_writes_only_its_refusal(hollowmere: Hollowmere) -> None:
    with (
        one_event(hollowmere.council, "enquiry.refused"),
        pytest.raises(a.EnquiryRefused) as refused,
    ):
        submit(hollowmere.cllr_ward, kind="financial")
    assert refused.value.decision.clauses[:2] == ("§2.9", "§2.9(c)")
    assert not Enquiry.objects.for_council(hollowmere.council).exists()


# --- triage and reassignment ------------------------------------------------------------


def test_only_the_clerk_triages(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = submit(h.cllr_ward)
    with no_event(h.council):
        for person in (h.cllr_ward, h.cllr_chair, h.officer_junior, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                a.do_triage_enquiry(
                    enquiry,
                    priority="normal",
                    officer=h.officer_junior,
                    today=DAY,
                    acting_user=person,
                )


def test_triage_checks_priority_and_officer(hollowmere: Hollowmere, fernley: Council) -> None:
    h = hollowmere
    enquiry = submit(h.cllr_ward)
    elsewhere = f.make_person(fernley, Role.STAFF)
    with no_event(h.council):
        with pytest.raises(ValidationError) as no_priority:
            a.do_triage_enquiry(
                enquiry, priority="", officer=h.officer_junior, today=DAY, acting_user=h.clerk
            )
        assert set(no_priority.value.message_dict) == {"priority"}
        for wrong in (elsewhere, h.cllr_chair):
            with pytest.raises(ValidationError) as bad:
                a.do_triage_enquiry(
                    enquiry, priority="high", officer=wrong, today=DAY, acting_user=h.clerk
                )
            assert set(bad.value.message_dict) == {"officer"}
    enquiry.refresh_from_db()
    assert enquiry.officer is None and enquiry.status == Enquiry.Status.WITH_CLERK


def test_allocating_then_reallocating_never_moves_the_due_date(
    hollowmere: Hollowmere, other_officer: Person
) -> None:
    h = hollowmere
    enquiry = submit(h.cllr_ward)
    with one_event(h.council, "enquiry.allocated"):
        a.do_triage_enquiry(
            enquiry, priority="high", officer=h.officer_junior, today=DAY, acting_user=h.clerk
        )
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.handler_role == "officer"
    assert enquiry.acknowledged_on == DAY
    later = datetime.date(2027, 1, 6)
    with one_event(h.council, "enquiry.reallocated"):
        a.do_triage_enquiry(
            enquiry, priority="urgent", officer=other_officer, today=later, acting_user=h.clerk
        )
    enquiry.refresh_from_db()
    assert enquiry.officer == other_officer
    assert enquiry.received_on == DAY
    assert enquiry.respond_due == RESPOND_DUE
    assert enquiry.acknowledged_on == DAY
    assert clocks_for(enquiry, later).respond.due == RESPOND_DUE
    event = AuditEvent.unscoped.filter(action="enquiry.reallocated").get()
    assert "Jo Junior" in event.details["says"] and "11 January 2027" in event.details["says"]
    assert {c["clause"] for c in event.citations} == {"§4.6", "§10.1"}
    # The Clerk can take it back themselves: they are the Proper Officer.
    a.do_triage_enquiry(enquiry, priority="low", officer=h.clerk, today=later, acting_user=h.clerk)
    assert enquiry.handler_role == "proper_officer"
    assert enquiry.respond_due == RESPOND_DUE


# --- answering, acknowledging, clarification ----------------------------------------------


def test_only_the_allocated_officer_or_the_clerk_answers(
    hollowmere: Hollowmere, other_officer: Person
) -> None:
    h = hollowmere
    enquiry = allocated(h)
    with no_event(h.council):
        for person in (other_officer, h.cllr_ward, h.cllr_chair, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                a.do_answer_enquiry(enquiry, answer="Yes.", today=DAY, acting_user=person)
            with pytest.raises(PermissionDenied):
                a.do_request_clarification(
                    enquiry, question="Which?", today=DAY, acting_user=person
                )
        with pytest.raises(ValidationError) as blank:
            a.do_answer_enquiry(enquiry, answer=" ", today=DAY, acting_user=h.officer_junior)
        assert set(blank.value.message_dict) == {"answer"}
    with one_event(h.council, "enquiry.answered"):
        a.do_answer_enquiry(
            enquiry, answer="The district council.", today=DAY, acting_user=h.officer_junior
        )
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert enquiry.follow_up_until == calendar_for(h.council).add(DAY, 10).due

    by_clerk = allocated(h)
    a.do_answer_enquiry(by_clerk, answer="The county.", today=DAY, acting_user=h.clerk)
    assert by_clerk.status == Enquiry.Status.ANSWERED


def test_acknowledging_once_by_the_officer_or_clerk(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = submit(
        h.cllr_ward,
        kind="factual",
        addressed_to="other_officer",
        addressed_officer=h.officer_junior,
    )
    # §4.6: a purely factual enquiry goes straight to the officer concerned.
    assert enquiry.officer == h.officer_junior and enquiry.acknowledged_on is None
    with pytest.raises(PermissionDenied):
        a.do_acknowledge_enquiry(enquiry, today=DAY, acting_user=h.cllr_ward)
    with one_event(h.council, "enquiry.acknowledged"):
        a.do_acknowledge_enquiry(enquiry, today=DAY, acting_user=h.officer_junior)
    with no_event(h.council), pytest.raises(ValidationError):
        a.do_acknowledge_enquiry(enquiry, today=DAY, acting_user=h.clerk)


def test_a_pause_of_n_working_days_moves_the_due_date_by_exactly_n(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    enquiry = allocated(h)
    asked_on, replied_on = datetime.date(2027, 1, 4), datetime.date(2027, 1, 7)
    with one_event(h.council, "enquiry.clarification_requested"):
        a.do_request_clarification(
            enquiry, question="Which bus shelter?", today=asked_on, acting_user=h.officer_junior
        )
    assert enquiry.status == Enquiry.Status.AWAITING_MEMBER
    assert clocks_for(enquiry, datetime.date(2027, 1, 20)).respond.paused_now
    assert not is_overdue(enquiry, datetime.date(2027, 1, 20))
    # Nobody answers while the member is asked to clarify.
    with pytest.raises(PermissionDenied):
        a.do_answer_enquiry(enquiry, answer="x", today=asked_on, acting_user=h.officer_junior)

    with one_event(h.council, "enquiry.clarified"):
        a.do_clarify_enquiry(
            enquiry, reply="The one on Mill Lane.", today=replied_on, acting_user=h.cllr_ward
        )
    calendar = calendar_for(h.council)
    paused = calendar.between(asked_on, replied_on)
    assert paused == 3
    assert (
        enquiry.respond_due == calendar.add(RESPOND_DUE, paused).due == datetime.date(2027, 1, 14)
    )
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.pauses == [{"start": "2027-01-04", "end": "2027-01-07"}]
    says = AuditEvent.unscoped.filter(action="enquiry.clarified").get().details["says"]
    assert "14 January 2027" in says
    # Quoted words keep their own full stop, and the sentence adds none after it.
    assert "replied: “The one on Mill Lane.” The clock runs again" in says
    asked = AuditEvent.unscoped.filter(action="enquiry.clarification_requested").get()
    assert "to clarify: “Which bus shelter?” The clock" in asked.details["says"]


def test_clarification_is_the_askers_alone_and_needs_words(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = allocated(h)
    with no_event(h.council), pytest.raises(ValidationError):
        a.do_request_clarification(enquiry, question=" ", today=DAY, acting_user=h.officer_junior)
    a.do_request_clarification(enquiry, question="Which?", today=DAY, acting_user=h.officer_junior)
    with no_event(h.council):
        for person in (h.cllr_chair, h.clerk, h.officer_junior):
            with pytest.raises(PermissionDenied):
                a.do_clarify_enquiry(enquiry, reply="This one.", today=DAY, acting_user=person)
        with pytest.raises(ValidationError):
            a.do_clarify_enquiry(enquiry, reply="", today=DAY, acting_user=h.cllr_ward)


def test_withdrawing_while_paused_closes_the_pause(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = allocated(h)
    a.do_request_clarification(
        enquiry, question="Which?", today=datetime.date(2027, 1, 4), acting_user=h.officer_junior
    )
    with no_event(h.council):
        for person in (h.cllr_chair, h.clerk, h.officer_junior):
            with pytest.raises(PermissionDenied):
                a.do_withdraw_enquiry(enquiry, today=DAY, acting_user=person)
    withdrawn_on = datetime.date(2027, 1, 8)
    with one_event(h.council, "enquiry.withdrawn"):
        a.do_withdraw_enquiry(
            enquiry, reason="Sorted it myself.", today=withdrawn_on, acting_user=h.cllr_ward
        )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.WITHDRAWN
    assert enquiry.pauses == [{"start": "2027-01-04", "end": "2027-01-08"}]
    assert not clocks_for(enquiry, datetime.date(2027, 2, 1)).respond.paused_now
    with pytest.raises(PermissionDenied):
        a.do_withdraw_enquiry(enquiry, today=withdrawn_on, acting_user=h.cllr_ward)


# --- feedback and closing -----------------------------------------------------------------


def test_feedback_no_reopens_with_the_original_due_date(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = allocated(h)
    answered_on = datetime.date(2027, 1, 8)
    a.do_answer_enquiry(enquiry, answer="The district.", today=answered_on, acting_user=h.clerk)
    with no_event(h.council):
        for person in (h.cllr_chair, h.clerk, h.officer_junior):
            with pytest.raises(PermissionDenied):
                a.do_record_feedback(enquiry, answered=True, today=DAY, acting_user=person)
        with pytest.raises(ValidationError) as no_comment:
            a.do_record_feedback(enquiry, answered=False, today=DAY, acting_user=h.cllr_ward)
        assert set(no_comment.value.message_dict) == {"comment"}

    feedback_on = datetime.date(2027, 1, 13)
    with one_event(h.council, "enquiry.feedback"):
        a.do_record_feedback(
            enquiry,
            answered=False,
            comment="I asked who repairs it, not who owns it.",
            today=feedback_on,
            acting_user=h.cllr_ward,
        )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.officer == h.officer_junior
    assert enquiry.answered_on is None and enquiry.follow_up_until is None
    assert enquiry.member_satisfied is False
    assert enquiry.respond_due == RESPOND_DUE
    assert is_overdue(enquiry, feedback_on)

    a.do_answer_enquiry(
        enquiry, answer="Highways.", today=feedback_on, acting_user=h.officer_junior
    )
    with one_event(h.council, "enquiry.feedback"):
        a.do_record_feedback(enquiry, answered=True, today=feedback_on, acting_user=h.cllr_ward)
    assert enquiry.status == Enquiry.Status.CLOSED


def test_only_the_clerk_or_the_system_closes(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = allocated(h)
    with no_event(h.council):
        for person in (h.officer_junior, h.cllr_ward, h.monitoring_officer):
            with pytest.raises(PermissionDenied):
                a.do_close_enquiry(enquiry, reason="Done.", today=DAY, acting_user=person)
        with pytest.raises(ValidationError):
            a.do_close_enquiry(enquiry, reason=" ", today=DAY, acting_user=h.clerk)
    with one_event(h.council, "enquiry.closed"):
        a.do_close_enquiry(enquiry, reason="Duplicate of ENQ-1.", today=DAY, acting_user=h.clerk)
    with no_event(h.council), pytest.raises(ValidationError):
        a.do_close_enquiry(enquiry, reason="Again.", today=DAY, acting_user=None)

    answered = allocated(h)
    a.do_answer_enquiry(answered, answer="Yes.", today=DAY, acting_user=h.clerk)
    with one_event(h.council, "enquiry.closed"):
        a.do_close_enquiry(answered, reason="Follow-up window ended.", today=DAY, acting_user=None)
    event = AuditEvent.unscoped.filter(action="enquiry.closed").order_by("-pk").first()
    assert event is not None and event.actor is None
    assert event.details["says"].startswith("Propriety closed the enquiry")


# --- one transaction ----------------------------------------------------------------------


def test_the_change_and_its_audit_event_commit_or_roll_back_together(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = hollowmere
    enquiry = allocated(h)

    def broken(rec: Any) -> None:
        raise RuntimeError("the audit table is unavailable")

    monkeypatch.setattr("propriety.audit.recording._write_event", broken)
    with no_event(h.council), pytest.raises(RuntimeError):
        a.do_answer_enquiry(enquiry, answer="The district.", today=DAY, acting_user=h.clerk)
    stored = Enquiry.objects.for_council(h.council).get(pk=enquiry.pk)
    assert stored.status == Enquiry.Status.ALLOCATED
    assert stored.answer == ""
    with pytest.raises(RuntimeError):
        submit(h.cllr_chair, subject="Never stored")
    assert not Enquiry.objects.for_council(h.council).filter(subject="Never stored").exists()


# --- emails ---------------------------------------------------------------------------------


def _sent(capture: Callable[..., Any], action: Callable[[], Any]) -> list[mail.EmailMessage]:
    mail.outbox.clear()
    with capture(execute=True):
        action()
    return list(mail.outbox)


def test_emails_go_to_the_right_people_after_commit(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    h = hollowmere
    capture = django_capture_on_commit_callbacks

    # Nothing is sent until the transaction commits.
    mail.outbox.clear()
    submit(h.cllr_ward)
    assert mail.outbox == []

    holder: dict[str, Enquiry] = {}
    sent = _sent(capture, lambda: holder.setdefault("e", submit(h.cllr_ward)))
    enquiry = holder["e"]
    assert [m.to for m in sent] == [["clerk@hollowmere.example"]]
    assert "Wendy Ward" in sent[0].subject and "11 January 2027" in sent[0].body

    sent = _sent(
        capture,
        lambda: a.do_triage_enquiry(
            enquiry, priority="high", officer=h.officer_junior, today=DAY, acting_user=h.clerk
        ),
    )
    assert [m.to for m in sent] == [["jo@hollowmere.example"]]
    assert "priority: high" in sent[0].body

    sent = _sent(
        capture,
        lambda: a.do_request_clarification(
            enquiry, question="Which shelter?", today=DAY, acting_user=h.officer_junior
        ),
    )
    assert [m.to for m in sent] == [["ward@hollowmere.example"]]
    assert "Which shelter?" in sent[0].body

    sent = _sent(
        capture,
        lambda: a.do_clarify_enquiry(
            enquiry, reply="Mill Lane.", today=DAY, acting_user=h.cllr_ward
        ),
    )
    assert [m.to for m in sent] == [["jo@hollowmere.example"]]

    sent = _sent(
        capture,
        lambda: a.do_answer_enquiry(
            enquiry, answer="Highways repair it.", today=DAY, acting_user=h.officer_junior
        ),
    )
    assert [m.to for m in sent] == [["ward@hollowmere.example"]]
    assert "Highways repair it." in sent[0].body

    sent = _sent(
        capture,
        lambda: a.do_record_feedback(
            enquiry, answered=False, comment="When?", today=DAY, acting_user=h.cllr_ward
        ),
    )
    assert [m.to for m in sent] == [["jo@hollowmere.example"]]

    # A failed action sends nothing.
    def fails() -> None:
        with pytest.raises(PermissionDenied):
            a.do_answer_enquiry(enquiry, answer="x", today=DAY, acting_user=h.cllr_chair)

    assert _sent(capture, fails) == []

    # A factual enquiry sent straight to an officer emails that officer, not the Clerk.
    sent = _sent(
        capture,
        lambda: submit(
            h.cllr_chair,
            kind="factual",
            addressed_to="other_officer",
            addressed_officer=h.officer_junior,
        ),
    )
    assert [m.to for m in sent] == [["jo@hollowmere.example"]]


# --- reading ----------------------------------------------------------------------------------


def test_enquiries_are_seen_by_the_asker_the_officer_and_the_clerk_only(
    hollowmere: Hollowmere, fernley: Council, other_officer: Person
) -> None:
    h = hollowmere
    enquiry = allocated(h)
    for person in (h.cllr_ward, h.officer_junior, h.clerk):
        assert access_enquiry_by_id(person, enquiry.pk, DAY) == enquiry
    stranger = f.make_person(fernley, Role.PROPER_OFFICER)
    for person in (h.cllr_chair, other_officer, h.monitoring_officer, stranger):
        with pytest.raises(Http404):
            access_enquiry_by_id(person, enquiry.pk, DAY)
