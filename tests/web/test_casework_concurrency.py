"""Two people acting on the same case at the same moment.

Each casework action locks and re-reads its row before it checks anything
(propriety.councils.locking), so the second person's action waits, sees the
first one's change and is refused by the ordinary checks, instead of both
succeeding on the same old state and one overwriting the other.

To make the race real, ``hold_locks`` makes each action pause just after it
has locked and re-read the row, before it checks and writes: without the lock
(on PostgreSQL, where re-reading inside ``atomic()`` is not enough) the other
action reads the same old row in that pause and both write. On SQLite the
transaction already holds the database's write lock (IMMEDIATE), so the same
tests pass there for that reason.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models

from propriety.audit.models import AuditEvent
from propriety.councils import locking
from propriety.documents.models import AccessRequest, Document
from propriety.documents.requests import (
    do_allocate_access_request,
    do_determine_access_request,
    do_request_access,
)
from propriety.enquiries import actions as a
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2026, 12, 23)
HOLD = 0.6  # how long the first action keeps its lock, in seconds
STAGGER = 0.15  # how long the second person waits before acting

Outcome = BaseException | None


@pytest.fixture
def hold_locks(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.local]:
    """Each thread sets ``hold.seconds``: how long its action waits after locking."""
    hold = threading.local()
    real = locking.lock_and_refresh

    def slow(instance: Any) -> Any:
        real(instance)
        time.sleep(getattr(hold, "seconds", 0.0))
        return instance

    monkeypatch.setattr(locking, "lock_and_refresh", slow)
    yield hold


def race(hold: threading.local, *acts: tuple[float, float, Callable[[], object]]) -> list[Outcome]:
    """Run each (start delay, hold after locking, action) in its own thread at once.

    Returns what each raised (None if it succeeded). Each thread closes its
    own database connection.
    """
    barrier = threading.Barrier(len(acts))
    outcomes: list[Outcome] = [None] * len(acts)

    def run(n: int, delay: float, seconds: float, act: Callable[[], object]) -> None:
        hold.seconds = seconds
        try:
            barrier.wait(timeout=10)
            time.sleep(delay)
            act()
        except BaseException as error:  # the test's assertions report it
            outcomes[n] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(n, delay, seconds, act))
        for n, (delay, seconds, act) in enumerate(acts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    return outcomes


def refused(outcome: Outcome) -> bool:
    return isinstance(outcome, (PermissionDenied, ValidationError))


def events_on(obj: models.Model, after: int) -> list[str]:
    """The audit events about ``obj`` since event ``after``, oldest first."""
    return list(
        AuditEvent.unscoped.filter(
            pk__gt=after, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def last_event() -> int:
    latest = AuditEvent.unscoped.order_by("-pk").values_list("pk", flat=True).first()
    return latest or 0


def submitted(h: Hollowmere) -> Enquiry:
    return a.do_submit_enquiry(
        h.cllr_ward,
        subject="Bus shelter",
        body="Who repairs the bus shelter on Mill Lane?",
        kind="information",
        addressed_to="proper_officer",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def allocated(h: Hollowmere) -> Enquiry:
    return a.do_triage_enquiry(
        submitted(h),
        priority=Enquiry.Priority.NORMAL,
        officer=h.officer_junior,
        today=DAY,
        acting_user=h.clerk,
    )


def loaded(enquiry: Enquiry) -> Enquiry:
    """The enquiry as a page would load it for one person, before they act."""
    mine: Enquiry = Enquiry.objects.for_council(enquiry.council).get(pk=enquiry.pk)
    return mine


# --- the shared helper ----------------------------------------------------------------------


def test_lock_and_refresh_copies_the_current_row_onto_the_callers_object(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    enquiry = allocated(h)
    stale = loaded(enquiry)
    assert stale.officer == h.officer_junior  # the related object is now cached
    second = f.make_person(h.council, Role.STAFF, name="Sam Second", email="sam@h.example")
    a.do_triage_enquiry(
        enquiry, priority=Enquiry.Priority.HIGH, officer=second, today=DAY, acting_user=h.clerk
    )
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        locking.lock_and_refresh(stale)
    with locking.locked(stale):
        assert (stale.priority, stale.officer_id) == (Enquiry.Priority.HIGH, second.pk)
        assert stale.officer == second  # the stale cached officer was dropped


# --- enquiries ------------------------------------------------------------------------------


def test_two_officers_answering_at_once_record_one_answer(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    h = hollowmere
    enquiry = allocated(h)
    since = last_event()
    answers = {h.officer_junior.pk: "The county repairs it.", h.clerk.pk: "The parish does."}

    def answer(person: Person) -> Callable[[], object]:
        mine = loaded(enquiry)
        return lambda: a.do_answer_enquiry(
            mine, answer=answers[person.pk], today=DAY, acting_user=person
        )

    outcomes = race(hold_locks, (0.0, HOLD, answer(h.officer_junior)), (0.0, HOLD, answer(h.clerk)))

    assert sorted(o is None for o in outcomes) == [False, True], outcomes
    loser = next(o for o in outcomes if o is not None)
    assert refused(loser), loser
    assert events_on(enquiry, since) == ["enquiry.answered"]
    event = AuditEvent.unscoped.get(pk__gt=since, action="enquiry.answered")
    stored = loaded(enquiry)
    assert stored.status == Enquiry.Status.ANSWERED
    assert event.actor is not None
    assert stored.answer == answers[event.actor.pk]  # the recorded answer is the one kept


@pytest.mark.parametrize("already_allocated", [False, True], ids=["allocating", "reallocating"])
@pytest.mark.parametrize("first", ["clerk", "member"])
def test_the_clerk_allocating_while_the_member_withdraws_loses_nothing(
    hollowmere: Hollowmere, hold_locks: threading.local, first: str, already_allocated: bool
) -> None:
    h = hollowmere
    enquiry = allocated(h) if already_allocated else submitted(h)
    second = f.make_person(h.council, Role.STAFF, name="Sam Second", email="sam@h.example")
    since = last_event()
    clerks, members = loaded(enquiry), loaded(enquiry)

    def triage() -> object:
        return a.do_triage_enquiry(
            clerks, priority=Enquiry.Priority.HIGH, officer=second, today=DAY, acting_user=h.clerk
        )

    def withdraw() -> object:
        return a.do_withdraw_enquiry(
            members, reason="Sorted it myself.", today=DAY, acting_user=h.cllr_ward
        )

    # Whoever goes first holds the row for a while; the other starts a moment later.
    if first == "clerk":
        triaged, withdrew = race(hold_locks, (0.0, HOLD, triage), (STAGGER, 0.0, withdraw))
    else:
        withdrew, triaged = race(hold_locks, (0.0, HOLD, withdraw), (STAGGER, 0.0, triage))

    allocation = "enquiry.reallocated" if already_allocated else "enquiry.allocated"
    recorded = events_on(enquiry, since)
    stored = loaded(enquiry)
    # The final state is what the recorded events say, and nothing follows a withdrawal.
    assert recorded[-1] == "enquiry.withdrawn", recorded
    assert stored.status == Enquiry.Status.WITHDRAWN
    assert recorded.count("enquiry.withdrawn") == 1
    assert withdrew is None
    if first == "clerk":
        assert triaged is None
        assert recorded == [allocation, "enquiry.withdrawn"]
        assert (stored.officer_id, stored.priority) == (second.pk, Enquiry.Priority.HIGH)
    else:
        assert refused(triaged), triaged  # it was withdrawn under the Clerk
        assert recorded == ["enquiry.withdrawn"]
        assert stored.officer_id != second.pk
        assert stored.priority != Enquiry.Priority.HIGH


# --- access requests ------------------------------------------------------------------------


def test_two_deciders_determining_at_once_record_one_determination(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    h = hollowmere
    paper: Document = f.make_document(h.council, "committee", committee=h.planning)
    request = do_request_access(
        h.cllr_ward,
        paper,
        purpose="To answer a resident at my surgery",
        justification="The resident's complaint turns on this paper.",
        today=DAY,
        acting_user=h.cllr_ward,
    )
    assert request.status == AccessRequest.Status.AWAITING_DECISION
    do_allocate_access_request(request, decider=h.officer_junior, today=DAY, acting_user=h.clerk)
    since = last_event()

    def determine(person: Person, release: bool) -> Callable[[], object]:
        mine = AccessRequest.objects.for_council(h.council).get(pk=request.pk)
        return lambda: do_determine_access_request(
            mine,
            release=release,
            reasons=f"{person.full_name} decided.",
            today=DAY,
            acting_user=person,
        )

    outcomes = race(
        hold_locks,
        (0.0, HOLD, determine(h.officer_junior, True)),
        (0.0, HOLD, determine(h.clerk, False)),
    )

    assert sorted(o is None for o in outcomes) == [False, True], outcomes
    loser = next(o for o in outcomes if o is not None)
    assert refused(loser), loser
    assert events_on(request, since) == ["access_request.determined"]
    event = AuditEvent.unscoped.get(pk__gt=since, action="access_request.determined")
    stored = AccessRequest.objects.for_council(h.council).get(pk=request.pk)
    assert stored.determined_by_id == (event.actor.pk if event.actor else None)
    released = event.details["release"]
    assert stored.status == (
        AccessRequest.Status.RELEASED if released else AccessRequest.Status.REFUSED
    )
