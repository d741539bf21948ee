"""Every concern route of every rulebook, walked end to end through the actions.

For each of the five rulebooks and each direction (with the variants the
rulebook distinguishes: serious, direct discussion inappropriate, about the
Proper Officer, formal or informal), the concern is raised, each handler
records what was done and moves it on while the route has a next step, and
the last handler resolves it (or the Monitoring Officer records the outcome of
a referral). Each step's handler role, handlers and exact clauses are
asserted, as read from rulebooks/*.yaml and tests/rulebooks/scenarios/*.yaml.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from propriety.concerns import access
from propriety.concerns.actions import (
    do_move_concern_on,
    do_raise_concern,
    do_resolve_concern,
)
from propriety.concerns.models import Concern, ConcernStep
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f

TODAY = datetime.date(2026, 11, 23)


@dataclass
class Town:
    council: Council
    people: dict[str, Person]


def make_town(rulebook: str) -> Town:
    council = f.make_council(
        f"{rulebook.title()} Test Council",
        slug=rulebook.replace("-", ""),
        rulebook=rulebook,
        principal_council_name="Shire District Council",
    )
    personnel = f.make_committee(council, "Personnel Committee")
    group = f.make_party_group(council, "Shire Independents")
    p = {
        "clerk": f.make_person(council, Role.PROPER_OFFICER, name="Clerk"),
        "chief_exec": f.make_person(council, Role.CHIEF_EXECUTIVE, name="Chief Exec"),
        "chief_officer": f.make_person(council, Role.CHIEF_OFFICER, name="Chief Officer"),
        "line_manager": f.make_person(council, Role.LINE_MANAGER, name="Line Manager"),
        "staff": f.make_person(council, Role.STAFF, name="Staff"),
        "mo": f.make_person(council, Role.MONITORING_OFFICER, name="Monitor"),
        "chair": f.make_person(council, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Chair"),
        "cllr": f.make_person(
            council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, name="Cllr", party_group=group
        ),
        "pc1": f.make_person(
            council,
            Role.COUNCILLOR,
            Role.PERSONNEL_COMMITTEE_MEMBER,
            name="Personnel One",
            committee=personnel,
        ),
        "pc2": f.make_person(
            council,
            Role.COUNCILLOR,
            Role.PERSONNEL_COMMITTEE_MEMBER,
            name="Personnel Two",
            committee=personnel,
        ),
        "group_leader": f.make_person(
            council,
            Role.COUNCILLOR,
            Role.PARTY_GROUP_LEADER,
            name="Group Leader",
            party_group=group,
        ),
        "leader": f.make_person(council, Role.COUNCILLOR, Role.LEADER, name="Leader"),
    }
    return Town(council, p)


def walk(town: Town, raiser: str, about: str | None, **facts: object) -> list[tuple[object, ...]]:
    """Raise, move on while the route allows, then resolve; the steps as
    (handler_role, handler names, clauses, result)."""
    p = town.people
    concern = do_raise_concern(
        p[raiser],
        about=p[about] if about else None,
        summary="A concern",
        details="What happened",
        today=TODAY,
        acting_user=p[raiser],
        **facts,  # type: ignore[arg-type]
    )
    for _ in range(5):
        concern = Concern.objects.for_council(town.council).get(pk=concern.pk)
        handlers = access.handlers_of(concern)
        if concern.status == Concern.Status.REFERRED or not access.can_move_on(concern):
            break
        actor = handlers[0]
        took = handlers[:2] if concern.handler_role == "personnel_committee" else None
        do_move_concern_on(
            concern, done="Talked it over", took_part=took, today=TODAY, acting_user=actor
        )
    concern = Concern.objects.for_council(town.council).get(pk=concern.pk)
    handlers = access.handlers_of(concern)
    took = handlers[:2] if concern.handler_role == "personnel_committee" else None
    do_resolve_concern(
        concern,
        done="Dealt with",
        outcome="Sorted",
        took_part=took,
        today=TODAY,
        acting_user=handlers[0],
    )
    steps = ConcernStep.objects.for_council(town.council).filter(concern=concern)
    return [
        (
            s.handler_role,
            sorted(h.person.full_name for h in s.handlers.all()),
            list(dict.fromkeys(c["clause"] for c in s.route["citations"])),
            s.result,
        )
        for s in steps
    ]


# (rulebook, direction, raised by, about, facts, steps): each step is
# (handler role, the people handling it, the clauses its decision cites, result).
# The "Clerk" records the work of a procedure or of the council as a body,
# except where the concern is about the Clerk: then the personnel committee
# (the council as employer) does (acses-town §5.1; Ludlow §4.5.2 keeps the
# first step with the Town Clerk, as its text says).
ROUTES = [
    (
        "grantham",
        "member_about_officer",
        "cllr",
        "staff",
        {},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "member_about_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "member_about_officer",
        "cllr",
        "staff",
        {"direct_discussion_inappropriate": True},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "member_about_officer",
        "cllr",
        "clerk",
        {},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Clerk"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "member_about_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Clerk"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "officer_about_member",
        "staff",
        "cllr",
        {},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "officer_about_member",
        "staff",
        "cllr",
        {"seriousness": "serious"},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "officer_about_member",
        "staff",
        "cllr",
        {"direct_discussion_inappropriate": True},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "disagreement",
        "cllr",
        "staff",
        {},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶1"], "resolved"),
        ],
    ),
    (
        "grantham",
        "grievance",
        "staff",
        None,
        {},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "grantham",
        "code_of_conduct",
        "staff",
        "cllr",
        {"formal_written": True},
        [
            ("monitoring_officer", ["Monitor"], ["If things go wrong: officers ¶4"], "resolved"),
        ],
    ),
    (
        "grantham",
        "code_of_conduct",
        "staff",
        "cllr",
        {},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶4"], "referred"),
            ("monitoring_officer", ["Monitor"], ["If things go wrong: officers ¶4"], "resolved"),
        ],
    ),
    (
        "grantham",
        "breach_by_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶1"], "resolved"),
        ],
    ),
    (
        "grantham",
        "breach_by_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: officers ¶1"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "member_about_officer",
        "cllr",
        "staff",
        {},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "member_about_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "member_about_officer",
        "cllr",
        "staff",
        {"direct_discussion_inappropriate": True},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Staff"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "member_about_officer",
        "cllr",
        "clerk",
        {},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Clerk"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "member_about_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "council_chair",
                ["Chair"],
                [
                    "Relationship ¶5",
                    "Relationship ¶5.4",
                    "If things go wrong: councillors ¶1",
                    "If things go wrong: officers ¶2",
                ],
                "moved_on",
            ),
            (
                "officer",
                ["Clerk"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: councillors ¶1", "If things go wrong: officers ¶2"],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "officer_about_member",
        "staff",
        "cllr",
        {},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "officer_about_member",
        "staff",
        "cllr",
        {"seriousness": "serious"},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "officer_about_member",
        "staff",
        "cllr",
        {"direct_discussion_inappropriate": True},
        [
            (
                "informal_resolution",
                ["Clerk"],
                ["If things go wrong: officers ¶1", "If things go wrong: officers ¶2"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "disagreement",
        "cllr",
        "staff",
        {},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶1"], "resolved"),
        ],
    ),
    (
        "west-mersea",
        "grievance",
        "staff",
        None,
        {},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                [
                    "If things go wrong: officers ¶1",
                    "If things go wrong: officers ¶2",
                    "If things go wrong: officers ¶3",
                ],
                "resolved",
            ),
        ],
    ),
    (
        "west-mersea",
        "code_of_conduct",
        "staff",
        "cllr",
        {"formal_written": True},
        [
            ("monitoring_officer", ["Monitor"], ["If things go wrong: officers ¶4"], "resolved"),
        ],
    ),
    (
        "west-mersea",
        "code_of_conduct",
        "staff",
        "cllr",
        {},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶4"], "referred"),
            ("monitoring_officer", ["Monitor"], ["If things go wrong: officers ¶4"], "resolved"),
        ],
    ),
    (
        "west-mersea",
        "breach_by_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("informal_resolution", ["Clerk"], ["If things go wrong: officers ¶1"], "resolved"),
        ],
    ),
    (
        "west-mersea",
        "breach_by_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["If things go wrong: officers ¶1"],
                "resolved",
            ),
        ],
    ),
    (
        "ludlow",
        "member_about_officer",
        "cllr",
        "staff",
        {},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "member_about_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "member_about_officer",
        "cllr",
        "staff",
        {"direct_discussion_inappropriate": True},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "member_about_officer",
        "cllr",
        "clerk",
        {},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("personnel_committee", ["Personnel One", "Personnel Two"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "member_about_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("personnel_committee", ["Personnel One", "Personnel Two"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "officer_about_member",
        "staff",
        "cllr",
        {},
        [
            ("informal_resolution", ["Clerk"], ["§4.5.1"], "moved_on"),
            ("grievance_procedure", ["Clerk"], ["§4.5.1", "§6"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "officer_about_member",
        "staff",
        "cllr",
        {"seriousness": "serious"},
        [
            ("informal_resolution", ["Clerk"], ["§4.5.1"], "moved_on"),
            ("grievance_procedure", ["Clerk"], ["§4.5.1", "§6"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "officer_about_member",
        "staff",
        "cllr",
        {"direct_discussion_inappropriate": True},
        [
            ("informal_resolution", ["Clerk"], ["§4.5.1"], "moved_on"),
            ("grievance_procedure", ["Clerk"], ["§4.5.1", "§6"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "disagreement",
        "cllr",
        "staff",
        {},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2", "§4.2.3"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "grievance",
        "staff",
        None,
        {},
        [
            ("grievance_procedure", ["Clerk"], ["§4.5.1", "§6"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "code_of_conduct",
        "staff",
        "cllr",
        {"formal_written": True},
        [
            ("monitoring_officer", ["Monitor"], ["§6", "§4.3.2(i)"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "code_of_conduct",
        "staff",
        "cllr",
        {},
        [
            ("monitoring_officer", ["Monitor"], ["§6", "§4.3.2(i)"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "breach_by_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "ludlow",
        "breach_by_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§4.5.2"], "moved_on"),
            ("personnel_committee", ["Personnel One", "Personnel Two"], ["§4.5.2"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "member_about_officer",
        "cllr",
        "staff",
        {},
        [
            ("officer", ["Staff"], ["§2.5"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.5"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "member_about_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("officer", ["Staff"], ["§2.5"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.5"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "member_about_officer",
        "cllr",
        "staff",
        {"direct_discussion_inappropriate": True},
        [
            ("chief_officer", ["Chief Officer"], ["§2.5"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "member_about_officer",
        "cllr",
        "clerk",
        {},
        [
            ("officer", ["Clerk"], ["§2.5"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.5"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "member_about_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            ("officer", ["Clerk"], ["§2.5"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.5"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "officer_about_member",
        "staff",
        "cllr",
        {},
        [
            ("member", ["Cllr"], ["§2.6"], "moved_on"),
            ("line_manager", ["Line Manager"], ["§2.6"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.6"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "officer_about_member",
        "staff",
        "cllr",
        {"seriousness": "serious"},
        [
            ("member", ["Cllr"], ["§2.6"], "moved_on"),
            ("line_manager", ["Line Manager"], ["§2.6"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.6"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "officer_about_member",
        "staff",
        "cllr",
        {"direct_discussion_inappropriate": True},
        [
            ("line_manager", ["Line Manager"], ["§2.6"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§2.6"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "disagreement",
        "cllr",
        "staff",
        {},
        [
            ("informal_resolution", ["Clerk"], ["§4.1"], "moved_on"),
            ("chief_officer", ["Chief Officer"], ["§4.1"], "moved_on"),
            ("chief_executive", ["Chief Exec"], ["§4.1"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "grievance",
        "staff",
        None,
        {},
        [
            ("chief_executive", ["Chief Exec"], ["§2.4"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "code_of_conduct",
        "staff",
        "cllr",
        {"formal_written": True},
        [
            ("monitoring_officer", ["Monitor"], ["§11.3(ii)"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "code_of_conduct",
        "staff",
        "cllr",
        {},
        [
            ("monitoring_officer", ["Monitor"], ["§11.3(ii)"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "breach_by_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("chief_executive", ["Chief Exec"], ["§2.4"], "resolved"),
        ],
    ),
    (
        "part5-district",
        "breach_by_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            ("chief_executive", ["Chief Exec"], ["§2.4"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "member_about_officer",
        "cllr",
        "staff",
        {},
        [
            ("officer", ["Staff"], ["§15.2", "§15.2(d)", "§15.3"], "moved_on"),
            ("proper_officer", ["Clerk"], ["§15.3"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§15.3"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "member_about_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§15.3", "§15.4"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§15.3", "§15.4"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "member_about_officer",
        "cllr",
        "staff",
        {"direct_discussion_inappropriate": True},
        [
            ("proper_officer", ["Clerk"], ["§15.3"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§15.3"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "member_about_officer",
        "cllr",
        "clerk",
        {},
        [
            ("officer", ["Clerk"], ["§5.1", "§15.2", "§15.2(d)"], "moved_on"),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.3"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.3"],
                "resolved",
            ),
        ],
    ),
    (
        "acses-town",
        "member_about_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.3", "§15.4"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.3", "§15.4"],
                "resolved",
            ),
        ],
    ),
    (
        "acses-town",
        "officer_about_member",
        "staff",
        "cllr",
        {},
        [
            ("proper_officer", ["Clerk"], ["§15.5", "§15.6"], "moved_on"),
            ("party_group_leader", ["Group Leader"], ["§15.5", "§15.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "officer_about_member",
        "staff",
        "cllr",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§15.5", "§15.6"], "referred"),
            ("monitoring_officer", ["Monitor"], ["§15.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "officer_about_member",
        "staff",
        "cllr",
        {"direct_discussion_inappropriate": True},
        [
            ("proper_officer", ["Clerk"], ["§15.5", "§15.6"], "moved_on"),
            ("party_group_leader", ["Group Leader"], ["§15.5", "§15.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "disagreement",
        "cllr",
        "staff",
        {},
        [
            ("proper_officer", ["Clerk"], ["§2.11", "§4.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "grievance",
        "staff",
        None,
        {},
        [
            ("proper_officer", ["Clerk"], ["§3.2", "§4.9", "§5.2(c)"], "moved_on"),
            ("council", ["Clerk"], ["§3.2", "§4.9", "§5.2(c)"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "code_of_conduct",
        "staff",
        "cllr",
        {"formal_written": True},
        [
            ("monitoring_officer", ["Monitor"], ["§15.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "code_of_conduct",
        "staff",
        "cllr",
        {},
        [
            ("monitoring_officer", ["Monitor"], ["§15.6"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "breach_by_officer",
        "cllr",
        "staff",
        {"seriousness": "serious"},
        [
            ("proper_officer", ["Clerk"], ["§15.4"], "moved_on"),
            ("disciplinary_procedure", ["Clerk"], ["§15.4"], "resolved"),
        ],
    ),
    (
        "acses-town",
        "breach_by_officer",
        "cllr",
        "clerk",
        {"seriousness": "serious"},
        [
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.4"],
                "moved_on",
            ),
            (
                "personnel_committee",
                ["Personnel One", "Personnel Two"],
                ["§5.1", "§15.4"],
                "resolved",
            ),
        ],
    ),
]


RULEBOOKS = ("grantham", "west-mersea", "ludlow", "part5-district", "acses-town")


def test_every_rulebook_and_direction_is_walked() -> None:
    from propriety.concerns.models import DIRECTIONS

    walked = {(r[0], r[1]) for r in ROUTES}
    assert walked == {(rb, d) for rb in RULEBOOKS for d in DIRECTIONS}


@pytest.mark.parametrize(
    ("rulebook", "direction", "raiser", "about", "facts", "steps"),
    ROUTES,
    ids=[f"{r[0]}-{r[1]}-{r[3]}-{'-'.join(f'{k}' for k in r[4])}" for r in ROUTES],
)
def test_route_walked_end_to_end(
    db: None,
    rulebook: str,
    direction: str,
    raiser: str,
    about: str | None,
    facts: dict[str, object],
    steps: list[tuple[object, ...]],
) -> None:
    town = make_town(rulebook)
    got = walk(town, raiser, about, direction=direction, **facts)
    assert got == [tuple(s) for s in steps]
