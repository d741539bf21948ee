"""Races on the registers (declarations, panels, briefings, delegated actions, written
reports, resource requests, questions about the protocol), gathered by test_races.py."""

from __future__ import annotations

import datetime

from django.db import models

from propriety.briefings.actions import (
    do_decide_briefing,
    do_link_same_matter,
    do_record_briefing,
    do_request_briefing,
)
from propriety.consultations.actions import do_record_consulted_decision, do_record_delegation
from propriety.councils.actions import do_change_council_rulebook
from propriety.interests.actions import (
    do_close_panel,
    do_declare_relationship,
    do_end_declaration,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.people.roles import Role
from propriety.protocoltext.actions import do_answer_clause_question, do_ask_clerk
from propriety.reports.actions import do_request_report, do_respond_to_report_request
from propriety.resources.actions import do_decide_resource_request, do_request_resources

from . import factories as f
from .conftest import Hollowmere
from .races import Race

DAY = datetime.date(2027, 1, 12)


def _declaration(h: Hollowmere) -> models.Model:
    return do_declare_relationship(
        nature="relative", related_person=h.officer_junior, today=DAY, acting_user=h.cllr_ward
    )


def _panel(h: Hollowmere) -> models.Model:
    return do_form_panel(
        h.council,
        kind="discipline",
        title="Hearing",
        subject=h.officer_junior,
        today=DAY,
        acting_user=h.clerk,
    )


def _briefing(h: Hollowmere, *, agreed: bool = False) -> models.Model:
    group = f.make_party_group(h.council, "Reds")
    red = f.make_person(
        h.council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, name="Rita Red", party_group=group
    )
    briefing = do_request_briefing(group, matter="The budget", today=DAY, acting_user=red)
    if agreed:
        do_decide_briefing(briefing, agree=True, today=DAY, acting_user=h.clerk)
    return briefing


def _give(h: Hollowmere) -> object:
    return lambda b: do_record_briefing(
        b,
        given_on=DAY,
        advice="The precept rises 3%.",
        officers=[h.clerk],
        attendees=[],
        today=DAY,
        acting_user=h.clerk,
    )


def _delegation(h: Hollowmere) -> models.Model:
    return do_record_delegation(
        h.council,
        committee=h.planning,
        resolution_reference="PL 2027/3",
        matter="Choose the bus shelter contractor",
        officer=h.officer_junior,
        chair=h.cllr_chair,
        today=DAY,
        acting_user=h.officer_junior,
    )


def _decide_delegated(h: Hollowmere, decision: str) -> object:
    return lambda a: do_record_consulted_decision(
        a,
        consulted_on=DAY,
        chair_view="Either will do.",
        decision_text=decision,
        today=DAY,
        acting_user=h.officer_junior,
    )


def _report(h: Hollowmere) -> models.Model:
    do_change_council_rulebook(h.council, rulebook="ludlow", acting_user=None)
    return do_request_report(
        h.cllr_ward,
        subject="Allotment rents",
        for_body="council",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _provide(h: Hollowmere, text: str) -> object:
    return lambda r: do_respond_to_report_request(
        r, provide=True, report_text=text, today=DAY, acting_user=h.clerk
    )


def _resource_request(h: Hollowmere) -> models.Model:
    do_change_council_rulebook(h.council, rulebook="grantham", acting_user=None)
    return do_request_resources(
        h.cllr_ward,
        kind="staff_time",
        purpose="other_authority",
        description="Help with district council casework",
        officer=h.officer_junior,
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _decide_resources(h: Hollowmere, allow: bool) -> object:
    return lambda r: do_decide_resource_request(
        r,
        allow=allow,
        reasons="As the protocol leaves it to me.",
        today=DAY,
        acting_user=h.officer_junior,
    )


def _question(h: Hollowmere) -> models.Model:
    return do_ask_clerk(
        h.cllr_ward,
        question="Is a coffee morning a public meeting?",
        clause="§9.4",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _answer(h: Hollowmere, text: str) -> object:
    return lambda q: do_answer_clause_question(q, answer=text, today=DAY, acting_user=h.clerk)


REGISTER_RACES: list[Race] = [
    Race(
        "declarer and Clerk end a declaration at once",
        ("do_end_declaration",),
        _declaration,
        lambda h: lambda d: do_end_declaration(d, today=DAY, acting_user=h.cllr_ward),
        lambda h: lambda d: do_end_declaration(d, today=DAY, acting_user=h.clerk),
    ),
    Race(
        "Clerk seats the same member twice",
        ("do_seat_panel_member",),
        _panel,
        lambda h: (
            lambda p: do_seat_panel_member(p, member=h.cllr_chair, today=DAY, acting_user=h.clerk)
        ),
        lambda h: (
            lambda p: do_seat_panel_member(p, member=h.cllr_chair, today=DAY, acting_user=h.clerk)
        ),
    ),
    Race(
        "Clerk closes a panel twice",
        ("do_close_panel",),
        _panel,
        lambda h: (
            lambda p: do_close_panel(p, outcome="Warning given.", today=DAY, acting_user=h.clerk)
        ),
        lambda h: lambda p: do_close_panel(p, outcome="No case.", today=DAY, acting_user=h.clerk),
    ),
    Race(
        "Clerk agrees a briefing while declining it in another tab",
        ("do_decide_briefing",),
        _briefing,
        lambda h: lambda b: do_decide_briefing(b, agree=True, today=DAY, acting_user=h.clerk),
        lambda h: (
            lambda b: do_decide_briefing(
                b, agree=False, reasons="No officer is free.", today=DAY, acting_user=h.clerk
            )
        ),
    ),
    Race(
        "Clerk links a briefing to an earlier one as it is decided",
        ("do_link_same_matter",),
        _briefing,
        lambda h: lambda b: do_decide_briefing(b, agree=True, today=DAY, acting_user=h.clerk),
        lambda h: lambda b: do_link_same_matter(b, earlier=None, today=DAY, acting_user=h.clerk),
        staggered=True,
    ),
    Race(
        "two officers record the same briefing",
        ("do_record_briefing",),
        lambda h: _briefing(h, agreed=True),
        _give,
        _give,
    ),
    Race(
        "named officer records the decision twice",
        ("do_record_consulted_decision",),
        _delegation,
        lambda h: _decide_delegated(h, "Smith's"),
        lambda h: _decide_delegated(h, "Jones's"),
    ),
    Race(
        "Proper Officer provides a written report twice",
        ("do_respond_to_report_request",),
        _report,
        lambda h: _provide(h, "Rents rise 2%: the options are..."),
        lambda h: _provide(h, "Rents are frozen: the options are..."),
    ),
    Race(
        "officer allows a resource request while refusing it in another tab",
        ("do_decide_resource_request",),
        _resource_request,
        lambda h: _decide_resources(h, True),
        lambda h: _decide_resources(h, False),
    ),
    Race(
        "Clerk answers a question about the protocol twice",
        ("do_answer_clause_question",),
        _question,
        lambda h: _answer(h, "Yes: tell me first."),
        lambda h: _answer(h, "No."),
    ),
]
