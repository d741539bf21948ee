"""Races on decisions taken once: chasing an overdue enquiry (the clock), taking an upheld
refusal further, deciding a referred ward notice and withdrawing a role on its first day,
gathered by test_races.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models

from propriety.documents.requests import (
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_take_dispute_further,
)
from propriety.enquiries.actions import do_escalate_enquiry, escalation_decision
from propriety.people.actions import do_assign_role, do_withdraw_role
from propriety.people.roles import Role
from propriety.wardnotices.actions import do_decide_ward_notice, do_record_ward_notice

from . import factories as f
from .conftest import Hollowmere
from .races import Act, Race
from .test_casework_concurrency import allocated

DAY = datetime.date(2027, 1, 12)
# Well past the answer due for an enquiry allocated on 23 December 2026.
OVERDUE = datetime.date(2027, 2, 15)

# Who acts on each row a setup made, by the row's key (the harness passes only the row).
_ACTORS: dict[tuple[str, int], Any] = {}


def _chase(h: Hollowmere) -> Act:
    """What one run of the clock does for an enquiry overdue since its last chase."""

    def act(enquiry: Any) -> object:
        return do_escalate_enquiry(
            enquiry,
            level=enquiry.escalation_level + 1,
            reminded=[h.officer_junior],
            escalated_to_role=None,
            decision=escalation_decision(enquiry, OVERDUE),
            today=OVERDUE,
            acting_user=None,
        )

    return act


def _upheld_dispute(h: Hollowmere) -> models.Model:
    """A Part 5 dispute on which the Monitoring Officer upheld the refusal: the member may
    take it to the Audit and Standards Committee (§9)."""
    from .test_access_request_actions import ask
    from .test_rulebook_flows import build

    place = build("part5-district")
    assert place.line_manager is not None
    paper = f.make_document(place.council, "committee", committee=place.committee)
    request = ask(place.member, paper, today=DAY)
    do_determine_access_request(
        request, release=False, reasons="No need.", today=DAY, acting_user=place.line_manager
    )
    dispute = do_raise_dispute(request, grounds="Need.", today=DAY, acting_user=place.member)
    do_decide_dispute(
        dispute,
        grant=False,
        reasons="Advice: refusal right.",
        today=DAY,
        acting_user=place.monitoring_officer,
    )
    assert dispute.can_go_further
    _ACTORS["dispute", dispute.pk] = place.member
    return dispute


def _take_further(h: Hollowmere) -> Act:
    return lambda d: do_take_dispute_further(d, today=DAY, acting_user=_ACTORS["dispute", d.pk])


def _referred_notice(h: Hollowmere) -> models.Model:
    """Part 5 sets no rule for a member's own public meeting: its default (§2.4) refers it
    to the relevant Chief Officer."""
    f.follow_rulebook(h.council, "part5-district")
    chief = f.make_person(h.council, Role.CHIEF_OFFICER, name="Cai Chief")
    notice = do_record_ward_notice(
        h.cllr_ward,
        event="member_public_meeting",
        title="Parking on Mill Lane",
        takes_place_on=DAY,
        wards=[h.brookside],
        today=DAY,
        acting_user=h.cllr_ward,
    )
    assert notice.outcome == "refer" and notice.decider_role == "chief_officer"
    _ACTORS["notice", notice.pk] = chief
    return notice


def _decide_notice(allow: bool, reasons: str) -> Any:
    return lambda h: (
        lambda n: do_decide_ward_notice(
            n, allow=allow, reasons=reasons, today=DAY, acting_user=_ACTORS["notice", n.pk]
        )
    )


def _new_membership(h: Hollowmere) -> models.Model:
    return do_assign_role(
        h.officer_junior,
        role=Role.COMMITTEE_MEMBER,
        committee=h.planning,
        starts_on=DAY,
        acting_user=h.clerk,
    )


def _withdraw(h: Hollowmere) -> Act:
    return lambda r: do_withdraw_role(r, today=DAY, acting_user=h.clerk)


DECISION_RACES: list[Race] = [
    Race(
        "two runs of the clock chase the same overdue enquiry",
        ("do_escalate_enquiry",),
        allocated,
        _chase,
        _chase,
    ),
    Race(
        "the member takes an upheld refusal further twice",
        ("do_take_dispute_further",),
        _upheld_dispute,
        _take_further,
        _take_further,
    ),
    Race(
        "the Chief Officer allows a referred ward notice while refusing it in another tab",
        ("do_decide_ward_notice",),
        _referred_notice,
        _decide_notice(True, "A council matter, not a party one."),
        _decide_notice(False, "Too close to the election."),
    ),
    Race(
        "two people withdraw a role on its first day at once",
        ("do_withdraw_role",),
        _new_membership,
        _withdraw,
        _withdraw,
    ),
]
