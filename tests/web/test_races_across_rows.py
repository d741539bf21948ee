"""Races whose writes are spread over several rows: set-password links, a council's
Clerk, a new council, the checkpoint schedule. The harness is test_casework_concurrency.py's
(``hold_locks`` keeps the first lock a while); the events are not all on one row, so
they are raced here rather than in test_races.py's table. Both files run on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from propriety.audit import checkpointing
from propriety.audit.models import AuditEvent, Checkpoint
from propriety.councils.models import Council
from propriety.enquiries.tick import TickReport, tick
from propriety.mail import actions as mail_actions
from propriety.people import operators, sign_in_record
from propriety.people.accounts import Account, AccountEvent, SetPasswordLink
from propriety.people.invitations import (
    LinkClosedError,
    do_invite_operator,
    do_invite_person,
    do_request_password_reset,
    do_set_password_from_link,
)
from propriety.people.models import Person
from propriety.people.operators import (
    current_clerks,
    do_create_council_with_clerk,
    do_reinvite_clerk,
    do_replace_clerk,
)

from .conftest import Hollowmere
from .test_casework_concurrency import HOLD, STAGGER, allocated, hold_locks, last_event, race

__all__ = ["hold_locks"]  # the fixture, imported for the tests below

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 71"


def _person(pk: int) -> Person:
    """A person as one request loaded them."""
    return Person._base_manager.select_related("account", "council").get(pk=pk)


def _ask(how: str, clerk: Person) -> Callable[[], object]:
    if how == "invitation":
        return lambda: do_invite_person(_person(clerk.pk), acting_user=None)
    if how == "operator":
        return lambda: do_invite_operator(
            Account.objects.get(pk=clerk.account_id), acting_account=None
        )
    return lambda: do_request_password_reset(clerk.email)


@pytest.mark.parametrize("how", ["invitation", "operator", "reset"])
def test_two_links_asked_for_at_once_leave_one_that_works(
    hollowmere: Hollowmere, hold_locks: threading.local, how: str
) -> None:
    """Both are sent, as asked; the account is locked first, so the later closes the earlier."""
    clerk = hollowmere.clerk
    outcomes = race(hold_locks, (0.0, HOLD, _ask(how, clerk)), (0.0, HOLD, _ask(how, clerk)))

    assert outcomes == [None, None]
    links = SetPasswordLink.objects.filter(account_id=clerk.account_id)
    assert links.count() == 2
    assert [link.closed_because for link in links.order_by("pk")] == ["replaced", ""]


def test_one_link_used_twice_at_once_sets_one_password(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    clerk = hollowmere.clerk
    link = do_invite_person(clerk, acting_user=None).link
    since = last_event()

    def use() -> Callable[[], object]:
        mine = SetPasswordLink.objects.get(pk=link.pk)
        return lambda: do_set_password_from_link(mine, PASSWORD)

    outcomes = race(hold_locks, (0.0, HOLD, use()), (0.0, HOLD, use()))

    assert sorted(o is None for o in outcomes) == [False, True], outcomes
    loser = next(o for o in outcomes if o is not None)
    assert isinstance(loser, LinkClosedError) and "already" in str(loser), loser
    accepted = AuditEvent.unscoped.filter(pk__gt=since, action="person.invitation_accepted")
    assert accepted.count() == 1


def test_a_clerk_replaced_a_moment_ago_is_not_invited_again(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    h = hollowmere
    old = _person(h.clerk.pk)
    since = last_event()

    outcomes = race(
        hold_locks,
        (
            0.0,
            HOLD,
            lambda: do_replace_clerk(h.council, email="nina@hollowmere.example", operator=None),
        ),
        (STAGGER, HOLD, lambda: do_reinvite_clerk(old, operator=None)),
    )

    assert outcomes[0] is None, outcomes
    assert isinstance(outcomes[1], ValidationError), outcomes
    assert "already replaced" in str(outcomes[1]), outcomes
    assert [p.email for p in current_clerks(h.council)] == ["nina@hollowmere.example"]
    invited = AuditEvent.unscoped.filter(pk__gt=since, action="person.invited")
    assert [e.object_id for e in invited] == [str(current_clerks(h.council)[0].pk)]


def test_two_replacements_at_once_apply_one_after_the_other(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    """The council is locked first, so the later replacement ends the earlier one's Clerk
    (it does not act on the Clerk both operators saw, as if the other had not acted)."""
    h = hollowmere
    since = last_event()

    def replace(email: str) -> Callable[[], object]:
        council = type(h.council)._base_manager.get(pk=h.council.pk)
        return lambda: do_replace_clerk(council, email=email, operator=None)

    outcomes = race(
        hold_locks,
        (0.0, HOLD, replace("nina@hollowmere.example")),
        (0.0, HOLD, replace("omar@hollowmere.example")),
    )

    assert outcomes == [None, None]
    earlier, later = AuditEvent.unscoped.filter(
        pk__gt=since, action="operator.clerk_replaced"
    ).order_by("pk")
    assert earlier.details["ended"] == [h.clerk.pk]
    assert later.details["ended"] == [earlier.details["clerk"]["person"]]
    assert later.details["clerk"]["email"] in [p.email for p in current_clerks(h.council)]


def test_a_clerk_replaced_on_their_first_day_is_no_longer_clerk(hollowmere: Hollowmere) -> None:
    """Days are whole days: Nina's role, from today, is withdrawn (held on no day) rather
    than ended today, which would leave her Clerk beside Omar until midnight."""
    h = hollowmere
    since = last_event()
    nina, _ = do_replace_clerk(h.council, email="nina@hollowmere.example", operator=None)
    do_replace_clerk(h.council, email="omar@hollowmere.example", operator=None)
    assert [p.email for p in current_clerks(h.council)] == ["omar@hollowmere.example"]
    (row,) = nina.role_assignments.all()
    assert row.withdrawn and row.ends_on == row.starts_on - datetime.timedelta(days=1)
    assert not nina.roles_on(timezone.localdate())
    history = AuditEvent.unscoped.filter(pk__gt=since, object_type="people.roleassignment")
    assert [(e.action, e.object_id) for e in history.filter(object_id=str(row.pk))] == [
        ("role.assigned", str(row.pk)),
        ("role.withdrawn", str(row.pk)),
    ]
    # The first Clerk, a Clerk since long before today, keeps the days they held it.
    (ended,) = history.filter(action="role.ended")
    assert ended.details["ends_on"] == str(timezone.localdate() - datetime.timedelta(days=1))


def _slowly(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> threading.Event:
    """Make ``module.name`` wait a while before it runs: the first thread's transaction stays
    open there while the second one starts. The event is set once a call gets there: the
    second thread waits for it (``_then``), however busy the machine."""
    real = getattr(module, name)
    reached = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        reached.set()
        time.sleep(HOLD)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return reached


def _then(reached: threading.Event, act: Callable[[], object]) -> Callable[[], object]:
    """``act``, once the first thread is inside its open transaction."""

    def later() -> object:
        assert reached.wait(timeout=20), "the first thread never got there"
        return act()

    return later


def test_two_operators_creating_the_same_council_at_once_make_one(
    db: None, monkeypatch: pytest.MonkeyPatch, hold_locks: threading.local
) -> None:
    reached = _slowly(
        monkeypatch, operators, "_add_clerk"
    )  # the council is saved, not yet committed

    def create(email: str) -> Callable[[], object]:
        return lambda: do_create_council_with_clerk(
            name="Brackenford Parish Council",
            kind="parish",
            nation="england",
            rulebook="acses-town",
            clerk_email=email,
            operator=None,
        )

    outcomes = race(
        hold_locks,
        (0.0, 0.0, create("clerk@brackenford.example")),
        (0.0, 0.0, _then(reached, create("other@brackenford.example"))),
    )

    assert outcomes[0] is None, outcomes
    assert isinstance(outcomes[1], ValidationError), outcomes
    assert "already a council called" in str(outcomes[1]), outcomes
    assert Council.objects.filter(name="Brackenford Parish Council").count() == 1


def test_two_runs_of_the_schedule_at_once_sign_each_log_once(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch, hold_locks: threading.local
) -> None:
    reached = _slowly(
        monkeypatch, checkpointing, "sign_note"
    )  # the log head is locked, not yet signed
    before = Checkpoint.unscoped.filter(council=hollowmere.council).count()

    outcomes = race(
        hold_locks,
        (0.0, 0.0, checkpointing.make_due_checkpoints),
        (0.0, 0.0, _then(reached, checkpointing.make_due_checkpoints)),
    )

    assert outcomes == [None, None]
    assert Checkpoint.unscoped.filter(council=hollowmere.council).count() == before + 1


def test_two_runs_of_the_clock_at_once_chase_an_overdue_enquiry_once(
    hollowmere: Hollowmere, hold_locks: threading.local
) -> None:
    """``propriety tick`` from cron while ``propriety serve``'s timer ticks too: the enquiry
    is locked and re-read, so the second run finds it chased today and changes nothing."""
    enquiry = allocated(hollowmere)
    day = datetime.date(2027, 2, 15)
    assert enquiry.respond_due < day
    since = last_event()
    mail.outbox.clear()
    reports: list[TickReport] = []

    outcomes = race(
        hold_locks,
        (0.0, HOLD, lambda: reports.append(tick(day))),
        (0.0, HOLD, lambda: reports.append(tick(day))),
    )

    assert outcomes == [None, None]
    assert sorted(r.reminders for r in reports) == [0, 1]
    assert [r.problems for r in reports] == [[], []]
    chased = AuditEvent.unscoped.filter(pk__gt=since, action="enquiry.reminder_sent")
    assert [e.object_id for e in chased] == [str(enquiry.pk)]
    assert sorted(m.to[0] for m in mail.outbox) == [
        hollowmere.officer_junior.email,
        hollowmere.cllr_ward.email,
    ]


def test_two_councils_claiming_one_address_for_enquiries_at_once_get_one_each(
    hollowmere: Hollowmere, fernley: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each council's own row is locked, so nothing serialises the two; the unique index does,
    and the later claim is refused as a taken address (no database error)."""
    reached = _slowly(monkeypatch, mail_actions, "recording")  # checked, not yet written
    since = last_event()

    def claim(council: Council) -> Callable[[], object]:
        return lambda: mail_actions.do_set_enquiries_address(
            council, address="Enquiries@shared.example", acting_user=None
        )

    outcomes = race(
        threading.local(),
        (0.0, 0.0, claim(hollowmere.council)),
        (0.0, 0.0, _then(reached, claim(fernley))),
    )

    assert outcomes[0] is None, outcomes
    assert isinstance(outcomes[1], ValidationError), outcomes
    assert outcomes[1].message_dict == {
        "enquiries_address": ["Another council on this installation uses that address."]
    }
    claimed = Council.objects.exclude(enquiries_address="").values_list("pk", "enquiries_address")
    assert list(claimed) == [(hollowmere.council.pk, "enquiries@shared.example")]
    set_events = AuditEvent.unscoped.filter(pk__gt=since, action="council.enquiries_address_set")
    assert [e.council_id for e in set_events] == [hollowmere.council.pk]


@pytest.mark.parametrize("who", ["someone new", "a Clerk"])
def test_two_runs_making_one_operator_at_once_make_them_once(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    """`propriety operator create` twice at once (two terminals, a provisioning script run
    twice): one makes the operator and sends one link; the other is refused with a clear
    message and changes nothing (no database error, no second "promoted", no second link)."""
    email = "op@example.org" if who == "someone new" else hollowmere.clerk.email
    reached = _slowly(monkeypatch, operators, "log_account_event")  # saved, not yet committed
    since = AccountEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def create() -> object:
        return operators.do_create_operator(email=email, full_name="Olu Op", acting_account=None)

    outcomes = race(threading.local(), (0.0, 0.0, create), (0.0, 0.0, _then(reached, create)))

    assert outcomes[0] is None, outcomes
    assert isinstance(outcomes[1], ValidationError), outcomes
    assert outcomes[1].message_dict == {
        "email": [
            f"{email} was made an operator a moment ago, by another run at the same time, "
            "so this one changed nothing."
        ]
    }
    account = Account.objects.get(email=email)
    assert account.is_operator
    logged = AccountEvent.objects.filter(pk__gt=since, account=account).order_by("pk")
    made = "operator.created" if who == "someone new" else "operator.promoted"
    invited = ["operator.invited"] if who == "someone new" else []  # a Clerk keeps a password
    assert [e.action for e in logged] == [made, *invited]
    assert SetPasswordLink.objects.filter(account=account).count() == len(invited)


@pytest.mark.parametrize("at_once", ["paused", "failed"])
def test_two_sign_in_records_at_once_stay_within_the_days_allowance(
    hollowmere: Hollowmere,
    monkeypatch: pytest.MonkeyPatch,
    hold_locks: threading.local,
    settings: Any,
    at_once: str,
) -> None:
    """Two tries at once, with room for one more event: exactly one is recorded (and so
    only one lockout email would go)."""
    settings.AXES_FAILURE_LIMIT = 1
    clerk = hollowmere.clerk
    reached = _slowly(monkeypatch, sign_in_record, "_recorded_lately")  # locked, not counted
    told: list[bool] = []

    def record() -> object:
        if at_once == "paused":
            told.append(
                sign_in_record.do_record_sign_in_paused(
                    clerk.email, address="127.0.0.1", user_agent="test", acting_user=None
                )
            )
        else:
            told.append(
                sign_in_record.do_record_failed_sign_in(
                    clerk.email,
                    address="127.0.0.1",
                    user_agent="test",
                    failures=1,
                    acting_user=None,
                )
            )
        return None

    outcomes = race(hold_locks, (0.0, 0.0, record), (0.0, 0.0, _then(reached, record)))

    assert outcomes == [None, None]
    assert sorted(told) == [False, True]
    action = sign_in_record.PAUSED if at_once == "paused" else sign_in_record.FAILED
    recorded = AuditEvent.unscoped.filter(
        council=hollowmere.council, action=action, object_id=str(clerk.pk)
    )
    assert recorded.count() == 1
