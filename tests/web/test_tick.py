"""The clock's work without a person: reminders, escalations, closing, idempotent."""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail

from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.councils.models import Council
from propriety.documents.models import AccessRequest
from propriety.documents.requests import do_request_access
from propriety.enquiries.actions import (
    do_answer_enquiry,
    do_escalate_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
    escalation_decision,
)
from propriety.enquiries.models import Enquiry
from propriety.enquiries.tick import CHASE_EVERY_WORKING_DAYS, TickReport, tick
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import working_days
from propriety.web import cli as web_cli

from . import factories as f
from .conftest import Hollowmere

D = datetime.date
RECEIVED = D(2026, 12, 23)
DUE = D(2027, 1, 11)

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture
def run(django_capture_on_commit_callbacks: Capture) -> Callable[[datetime.date], TickReport]:
    """Tick on a day, sending the emails its actions queue for after commit."""

    def _run(day: datetime.date) -> TickReport:
        with django_capture_on_commit_callbacks(execute=True):
            return tick(day)

    return _run


def _submit(
    member: Person, subject: str = "Bins in Brookside", day: datetime.date = RECEIVED
) -> Enquiry:
    return do_submit_enquiry(
        member,
        subject=subject,
        body="When will the bins be emptied?",
        kind="information",
        addressed_to="proper_officer",
        today=day,
        acting_user=member,
    )


@pytest.fixture
def allocated(hollowmere: Hollowmere) -> Enquiry:
    h = hollowmere
    enquiry = _submit(h.cllr_ward)
    do_triage_enquiry(
        enquiry, priority="normal", officer=h.officer_junior, today=RECEIVED, acting_user=h.clerk
    )
    mail.outbox.clear()
    return enquiry


def _events(enquiry: Enquiry, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.for_council(enquiry.council).filter(
            action=action, object_type="enquiries.enquiry", object_id=str(enquiry.pk)
        )
    )


def _fresh(enquiry: Enquiry) -> Enquiry:
    return Enquiry.objects.for_council(enquiry.council).get(pk=enquiry.pk)


def test_nothing_happens_on_the_due_day(allocated: Enquiry, run: Any) -> None:
    assert allocated.respond_due == DUE
    report = run(DUE)
    assert not report.changed
    assert mail.outbox == []
    assert _fresh(allocated).escalation_level == 0


def test_first_working_day_overdue_reminds_the_officer_and_tells_the_member(
    allocated: Enquiry, hollowmere: Hollowmere, run: Any
) -> None:
    report = run(D(2027, 1, 12))
    assert (report.reminders, report.escalations, report.closures) == (1, 0, 0)
    enquiry = _fresh(allocated)
    assert enquiry.escalation_level == 1
    assert enquiry.last_escalated_on == D(2027, 1, 12)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "jo@hollowmere.example",
        "ward@hollowmere.example",
    ]
    to_officer = next(m for m in mail.outbox if m.to == ["jo@hollowmere.example"])
    assert "was due on 11 January 2027" in to_officer.body
    assert f"/enquiries/{enquiry.pk}/" in to_officer.body
    to_member = next(m for m in mail.outbox if m.to == ["ward@hollowmere.example"])
    assert "overdue" in to_member.subject
    (event,) = _events(enquiry, "enquiry.reminder_sent")
    assert event.actor is None
    assert event.details["says"] == "The answer was due on 11 January 2027. Reminded Jo Junior."
    assert {"rulebook": "acses-town", "clause": "§4.6"} in event.citations
    assert {"rulebook": "acses-town", "clause": "§4.7"} in event.citations
    assert "Reminded Jo Junior" in report.summary()


def test_running_twice_on_the_same_day_changes_nothing(allocated: Enquiry, run: Any) -> None:
    run(D(2027, 1, 12))
    sent = len(mail.outbox)
    again = run(D(2027, 1, 12))
    assert not again.changed
    assert len(mail.outbox) == sent
    assert len(_events(allocated, "enquiry.reminder_sent")) == 1


def test_next_working_day_is_too_soon_to_chase_again(allocated: Enquiry, run: Any) -> None:
    assert CHASE_EVERY_WORKING_DAYS == 2
    run(D(2027, 1, 12))
    mail.outbox.clear()
    assert not run(D(2027, 1, 13)).changed
    assert mail.outbox == []


def test_still_unanswered_it_escalates_to_the_town_clerk(
    allocated: Enquiry, hollowmere: Hollowmere, run: Any
) -> None:
    run(D(2027, 1, 12))
    mail.outbox.clear()
    report = run(D(2027, 1, 14))
    assert (report.reminders, report.escalations) == (0, 1)
    enquiry = _fresh(allocated)
    assert enquiry.escalation_level == 2
    (event,) = _events(enquiry, "enquiry.escalated")
    assert event.details["says"] == ("Still unanswered: escalated to the Town Clerk (Clara Clerk).")
    assert event.details["escalated_to_role"] == "proper_officer"
    assert {c["clause"] for c in event.citations} == {"§4.6", "§4.7"}
    recipients = {m.to[0] for m in mail.outbox}
    assert {"clerk@hollowmere.example", "jo@hollowmere.example"} <= recipients
    to_clerk = next(m for m in mail.outbox if m.to == ["clerk@hollowmere.example"])
    assert "escalated to you" in to_clerk.subject


def test_the_top_of_the_route_is_reminded_at_most_every_interval(
    allocated: Enquiry, run: Any
) -> None:
    run(D(2027, 1, 12))
    run(D(2027, 1, 14))
    assert not run(D(2027, 1, 15)).changed
    report = run(D(2027, 1, 18))
    assert report.escalations == 1
    enquiry = _fresh(allocated)
    assert enquiry.escalation_level == 2
    says = [e.details["says"] for e in _events(enquiry, "enquiry.escalated")]
    assert says[-1] == "Still unanswered: reminded the Town Clerk (Clara Clerk) again."
    assert not run(D(2027, 1, 18)).changed


def test_a_weekend_is_not_a_working_day_overdue(hollowmere: Hollowmere, run: Any) -> None:
    h = hollowmere
    enquiry = _submit(h.cllr_ward, day=D(2027, 1, 1))
    # 10 working days from New Year's Day: due Friday 15 January.
    assert enquiry.respond_due == D(2027, 1, 15)
    assert not run(D(2027, 1, 16)).changed
    assert not run(D(2027, 1, 17)).changed
    assert run(D(2027, 1, 18)).reminders == 1


def test_unallocated_enquiry_reminds_the_clerk(hollowmere: Hollowmere, run: Any) -> None:
    enquiry = _submit(hollowmere.cllr_ward)
    assert enquiry.officer is None
    mail.outbox.clear()
    run(D(2027, 1, 12))
    (event,) = _events(enquiry, "enquiry.reminder_sent")
    assert event.details["says"].endswith("Reminded Clara Clerk.")
    assert "clerk@hollowmere.example" in {m.to[0] for m in mail.outbox}


def test_a_paused_enquiry_is_never_chased(
    allocated: Enquiry, hollowmere: Hollowmere, run: Any
) -> None:
    do_request_clarification(
        allocated,
        question="Which street?",
        today=D(2027, 1, 5),
        acting_user=hollowmere.officer_junior,
    )
    mail.outbox.clear()
    for day in (D(2027, 1, 12), D(2027, 1, 14), D(2027, 2, 1)):
        assert not run(day).changed
    assert mail.outbox == []
    assert _fresh(allocated).escalation_level == 0


def test_answered_enquiry_closes_when_its_follow_up_window_ends(
    hollowmere: Hollowmere, run: Any
) -> None:
    h = hollowmere
    quiet = _submit(h.cllr_ward, "Quiet")
    satisfied = _submit(h.cllr_ward, "Satisfied")
    unhappy = _submit(h.cllr_ward, "Unhappy")
    for enquiry in (quiet, satisfied, unhappy):
        do_answer_enquiry(enquiry, answer="On Tuesday.", today=D(2027, 1, 8), acting_user=h.clerk)
    assert quiet.follow_up_until == D(2027, 1, 22)
    do_record_feedback(satisfied, answered=True, today=D(2027, 1, 11), acting_user=h.cllr_ward)
    do_record_feedback(
        unhappy,
        answered=False,
        comment="Which Tuesday?",
        today=D(2027, 1, 11),
        acting_user=h.cllr_ward,
    )
    assert run(D(2027, 1, 22)).closures == 0
    report = run(D(2027, 1, 25))
    assert report.closures == 1
    assert _fresh(quiet).status == Enquiry.Status.CLOSED
    (event,) = _events(quiet, "enquiry.closed")
    assert event.actor is None
    assert event.details["says"] == (
        "Propriety closed the enquiry: The follow-up window ended on 22 January 2027."
    )
    assert _events(satisfied, "enquiry.closed") == []
    assert _fresh(unhappy).status == Enquiry.Status.ALLOCATED.value or (
        _fresh(unhappy).status == Enquiry.Status.WITH_CLERK
    )
    assert _events(unhappy, "enquiry.closed") == []
    assert run(D(2027, 1, 25)).closures == 0


def test_every_council_is_ticked_and_kept_apart(
    allocated: Enquiry, fernley: Council, run: Any
) -> None:
    member = f.make_person(fernley, Role.COUNCILLOR, name="Fay Fernley")
    f.make_person(fernley, Role.PROPER_OFFICER, name="Fred Clerk")
    other = _submit(member)
    report = run(D(2027, 1, 12))
    assert report.councils == 2
    assert report.reminders == 2
    (event,) = _events(other, "enquiry.reminder_sent")
    assert event.council_id == fernley.pk
    assert event.details["says"].endswith("Reminded Fred Clerk.")


# --- a district council: officer -> service manager -> Chief Officer -> Chief Executive ----


@pytest.fixture
def district(db: None) -> dict[str, Any]:
    council = f.make_council(
        "Ashdown District Council",
        rulebook="part5-district",
        kind=Council.Kind.PRINCIPAL,
        principal_council_name="",
    )
    people = {
        "ceo": f.make_person(
            council, Role.CHIEF_EXECUTIVE, name="Cara Chief", email="ceo@a.example"
        ),
        "director": f.make_person(
            council, Role.CHIEF_OFFICER, name="Dev Director", email="dir@a.example"
        ),
        "manager": f.make_person(
            council, Role.LINE_MANAGER, name="Mo Manager", email="mgr@a.example"
        ),
        "officer": f.make_person(council, Role.STAFF, name="Olu Officer", email="olu@a.example"),
        "member": f.make_person(council, Role.COUNCILLOR, name="Mel Member", email="mel@a.example"),
    }
    enquiry = _submit(people["member"])
    do_triage_enquiry(
        enquiry,
        priority="normal",
        officer=people["officer"],
        today=RECEIVED,
        acting_user=people["ceo"],
    )
    assert enquiry.handler_role == "officer"
    return {"council": council, "enquiry": enquiry, **people}


def test_district_escalation_climbs_the_line(district: dict[str, Any], run: Any) -> None:
    enquiry: Enquiry = district["enquiry"]
    calendar = working_days("england")
    due = enquiry.respond_due
    day = calendar.add(due, 1).due
    expected = [
        (1, "enquiry.reminder_sent", "Reminded Olu Officer.", "olu@a.example"),
        (
            2,
            "enquiry.escalated",
            "escalated to the manager of the service concerned (Mo Manager).",
            "mgr@a.example",
        ),
        (
            3,
            "enquiry.escalated",
            "escalated to the relevant Chief Officer (Dev Director).",
            "dir@a.example",
        ),
        (4, "enquiry.escalated", "(Cara Chief).", "ceo@a.example"),
        (4, "enquiry.escalated", "(Cara Chief) again.", "ceo@a.example"),
    ]
    for level, action, says_end, emailed in expected:
        mail.outbox.clear()
        assert run(day).changed, day
        fresh = _fresh(enquiry)
        assert fresh.escalation_level == level
        event = _events(enquiry, action)[-1]
        assert event.details["says"].endswith(says_end), event.details["says"]
        assert {c["rulebook"] for c in event.citations} == {"part5-district"}
        assert emailed in {m.to[0] for m in mail.outbox}
        assert not run(day).changed  # idempotent on every rung
        day = calendar.add(day, CHASE_EVERY_WORKING_DAYS).due


def test_a_role_nobody_holds_is_passed_over(district: dict[str, Any], run: Any) -> None:
    from propriety.people.actions import do_end_role

    manager: Person = district["manager"]
    assignment = manager.role_assignments.get(role=Role.LINE_MANAGER)
    do_end_role(assignment, ends_on=D(2026, 12, 31), acting_user=None)
    enquiry: Enquiry = district["enquiry"]
    run(D(2027, 1, 12))
    run(D(2027, 1, 14))
    event = _events(enquiry, "enquiry.escalated")[-1]
    # The service manager is then the Chief Officer: escalated to once, not twice.
    assert "(Dev Director)" in event.details["says"]
    run(D(2027, 1, 18))
    assert "(Cara Chief)" in _events(enquiry, "enquiry.escalated")[-1].details["says"]


# --- the action on its own -----------------------------------------------------------------


def test_escalate_refuses_an_enquiry_not_yet_overdue(
    allocated: Enquiry, hollowmere: Hollowmere
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_escalate_enquiry(
            allocated,
            level=1,
            reminded=[hollowmere.officer_junior],
            escalated_to_role=None,
            decision=escalation_decision(allocated, DUE),
            today=DUE,
        )


def test_escalate_by_a_person_needs_the_clerk(allocated: Enquiry, hollowmere: Hollowmere) -> None:
    from django.core.exceptions import PermissionDenied

    day = D(2027, 1, 12)
    with pytest.raises(PermissionDenied):
        do_escalate_enquiry(
            allocated,
            level=1,
            reminded=[hollowmere.officer_junior],
            escalated_to_role=None,
            decision=escalation_decision(allocated, day),
            today=day,
            acting_user=hollowmere.officer_junior,
        )
    do_escalate_enquiry(
        allocated,
        level=1,
        reminded=[hollowmere.officer_junior],
        escalated_to_role=None,
        decision=escalation_decision(allocated, day),
        today=day,
        acting_user=hollowmere.clerk,
    )
    assert _events(allocated, "enquiry.reminder_sent")[0].actor == hollowmere.clerk


# --- access requests waiting too long --------------------------------------------------------


def test_access_request_waiting_too_long_reminds_the_decider(
    hollowmere: Hollowmere, run: Any
) -> None:
    h = hollowmere
    document = f.make_document(h.council, "committee", committee=h.planning)
    request = do_request_access(
        h.cllr_ward,
        document,
        purpose="To check the staffing report before the meeting.",
        justification="I sit on the committee that will decide it.",
        today=RECEIVED,
        acting_user=h.cllr_ward,
    )
    # Not on the planning committee: the Town Clerk decides the need to know.
    assert request.status == AccessRequest.Status.AWAITING_DECISION
    mail.outbox.clear()
    assert run(DUE).access_reminders == 0
    report = run(D(2027, 1, 12))
    assert report.access_reminders == 1
    (reminder,) = mail.outbox
    assert "waiting for a decision" in reminder.subject
    assert reminder.to == ["clerk@hollowmere.example"]
    assert run(D(2027, 1, 12)).access_reminders == 0
    assert run(D(2027, 1, 13)).access_reminders == 0
    assert run(D(2027, 1, 14)).access_reminders == 1


# --- the command line ------------------------------------------------------------------------


def test_cli_tick_with_a_date(
    allocated: Enquiry, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = CliRunner().invoke(main, ["tick", "--date", "2027-01-12"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("12 January 2027")
    assert "1 reminder," in result.output
    assert _fresh(allocated).escalation_level == 1
    assert len(mail.outbox) == 2
    again = CliRunner().invoke(main, ["tick", "--date", "2027-01-12"])
    assert again.exit_code == 0
    assert "0 reminders, 0 escalations" in again.output


def test_cli_tick_refuses_a_bad_date() -> None:
    result = CliRunner().invoke(main, ["tick", "--date", "12/01/2027"])
    assert result.exit_code == 2
    assert "--date" in result.output


def test_serve_and_demo_take_tick_every() -> None:
    for name in ("serve", "demo"):
        option = next(p for p in main.commands[name].params if p.name == "tick_every")
        assert option.default == 60


def test_scheduled_tick_failure_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import django.db

    def broken(today: datetime.date | None = None) -> TickReport:
        raise RuntimeError("database is on fire")

    monkeypatch.setattr("propriety.enquiries.tick.tick", broken)
    monkeypatch.setattr(django.db.connections, "close_all", lambda: None)
    with caplog.at_level(logging.ERROR, logger="propriety.tick"):
        web_cli._tick_once()
    assert "The clock work failed" in caplog.text
    assert "database is on fire" in caplog.text


def test_start_ticking_runs_at_once_in_a_daemon_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = threading.Event()
    never = threading.Event()

    def once() -> None:
        ran.set()
        never.wait()  # park the thread: the test is over

    monkeypatch.setattr(web_cli, "_tick_once", once)
    assert web_cli._start_ticking(0) is None
    thread = web_cli._start_ticking(5)
    assert thread is not None and thread.daemon
    assert ran.wait(5)


@pytest.fixture(autouse=True)
def _no_stray_mail() -> Iterator[None]:
    mail.outbox = []
    yield
