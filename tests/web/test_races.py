"""The race harness: two people doing conflicting things to the same row at once.

Each state-changing action locks and re-reads its row before it checks
anything (``propriety.councils.locking``). Here every such action is raced
against a conflicting one: both people load the row as a page would, both act
at the same moment, and whichever takes the lock first holds it a while
(``holding``). Exactly one must win, with one audit event; the other must
be told that someone has already acted (or, for the few actions that are
harmless to repeat, change nothing and record nothing).

It runs on SQLite (the test database is a real file in WAL mode, see
settings/test.py) and on PostgreSQL (``DATABASE_URL``, as ``scripts/test``
does). ``test_every_state_changing_action_takes_the_lock`` fails when a new
``do_*`` action changes an existing row without the lock, and
``test_every_locked_action_is_raced`` when one is not raced here (or in
test_casework_concurrency.py, or excused with a reason).
"""

from __future__ import annotations

import ast
import datetime
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import models
from django.utils import timezone
from django_otp.util import random_hex

import propriety
from propriety.audit.models import AuditEvent
from propriety.concerns.actions import (
    do_close_concern,
    do_move_concern_on,
    do_raise_concern,
    do_refer_to_monitoring_officer,
    do_resolve_concern,
)
from propriety.correspondence.actions import (
    do_apply_footer_fix,
    do_check_correspondence,
    do_draft_correspondence,
    do_edit_correspondence,
    do_record_sent,
)
from propriety.councils import locking
from propriety.councils.actions import do_set_governance_committee, do_set_two_factor_requirement
from propriety.documents.actions import do_reclassify_document
from propriety.documents.requests import (
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_withdraw_access_request,
)
from propriety.enquiries import actions as enq
from propriety.enquiries.agreements import (
    do_end_direct_contact_agreement,
    do_record_direct_contact_agreement,
)
from propriety.people.actions import (
    do_create_api_token,
    do_disable_person,
    do_end_role,
    do_note_api_token_used,
    do_revoke_api_token,
)
from propriety.people.models import RoleAssignment
from propriety.people.roles import Role
from propriety.press.actions import (
    do_approve_press_release,
    do_change_election,
    do_draft_press_release,
    do_edit_press_release,
    do_end_spokesperson,
    do_publish_press_release,
    do_record_election,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_election,
)
from propriety.press.models import PressRelease
from propriety.web.two_factor import do_turn_off_two_factor, do_turn_on_two_factor

from . import factories as f
from .conftest import Hollowmere
from .races import Act, Race
from .races_decisions import DECISION_RACES
from .races_incoming import INCOMING_RACES
from .races_more import MORE_RACES
from .races_registers import REGISTER_RACES
from .test_casework_concurrency import HOLD, allocated, race, refused
from .test_concern_routes import make_town
from .test_correspondence_check import to, world

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2027, 1, 12)
SRC = Path(propriety.__file__).parent

# --- the rows each race starts from ------------------------------------------------------------


def _concern(h: Hollowmere) -> models.Model:
    return do_raise_concern(
        h.cllr_ward,
        direction="member_about_officer",
        about=h.officer_junior,
        summary="Rude reply",
        details="Short with me.",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _release(h: Hollowmere, *, submitted: bool = False, approved: bool = False) -> PressRelease:
    release = do_draft_press_release(
        h.officer_junior,
        title="New play area opens",
        body="The park reopens on Monday.",
        today=DAY,
        acting_user=h.officer_junior,
    )
    if submitted or approved:
        do_submit_press_release(release, today=DAY, acting_user=h.officer_junior)
    if approved:
        do_approve_press_release(release, today=DAY, acting_user=h.clerk)
    return release


def _election(h: Hollowmere) -> models.Model:
    return do_record_election(
        h.council,
        title="Brookside by-election",
        notice_of_election=datetime.date(2027, 3, 1),
        polling_day=datetime.date(2027, 4, 8),
        today=DAY,
        acting_user=h.clerk,
    )


def _spokesperson(h: Hollowmere) -> models.Model:
    from propriety.press.actions import do_appoint_spokesperson

    return do_appoint_spokesperson(
        h.council,
        person=h.cllr_chair,
        resolution_reference="Minute 12/27",
        resolved_on=DAY,
        scope="The council's budget",
        today=DAY,
        acting_user=h.clerk,
    )


_LETTERS: dict[int, Any] = {}


def _letter(h: Hollowmere) -> models.Model:
    """A Grantham letter copied to a second councillor, without the CC footer yet."""
    w = world("grantham")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Planning",
        body="Dear Cllr Green,\n\nHere is the report.",
        recipients=[to(w.green), to(w.black, "cc")],
        flags={"original_councillor_told": True},
        today=DAY,
        acting_user=w.clerk,
    )
    _LETTERS[letter.pk] = w
    return letter


def _writer(letter: Any) -> Any:
    return _LETTERS[letter.pk].clerk


def _paper(h: Hollowmere) -> models.Model:
    return f.make_document(h.council, "committee", committee=h.planning)


def _term(h: Hollowmere) -> models.Model:
    return RoleAssignment.objects.for_council(h.council).get(
        person=h.cllr_ward, role=Role.COUNCILLOR
    )


def _token(h: Hollowmere) -> models.Model:
    token, _ = do_create_api_token(h.officer_junior, name="Laptop", acting_user=h.officer_junior)
    return token


def _enquiry(h: Hollowmere, *, state: str = "allocated") -> models.Model:
    enquiry = allocated(h)
    if state == "clarifying":
        enq.do_request_clarification(
            enquiry, question="Which shelter?", today=DAY, acting_user=h.officer_junior
        )
    if state == "answered":
        enq.do_answer_enquiry(
            enquiry, answer="The county does.", today=DAY, acting_user=h.officer_junior
        )
    return enquiry


def _access_request(h: Hollowmere) -> models.Model:
    paper = f.make_document(h.council, "committee", committee=h.planning)
    return do_request_access(
        h.cllr_ward,
        paper,
        purpose="To answer a resident at my surgery",
        justification="The resident's complaint turns on this paper.",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _withdraw_enquiry(h: Hollowmere) -> Act:
    return lambda e: enq.do_withdraw_enquiry(
        e, reason="Sorted it myself.", today=DAY, acting_user=h.cllr_ward
    )


def _dispute(h: Hollowmere) -> models.Model:
    request = _access_request(h)
    do_determine_access_request(
        request, release=False, reasons="No need shown.", today=DAY, acting_user=h.clerk
    )
    return do_raise_dispute(request, grounds="I need it.", today=DAY, acting_user=h.cllr_ward)


def _agreement(h: Hollowmere) -> models.Model:
    return do_record_direct_contact_agreement(
        officer=h.officer_junior, matter="Allotments", today=DAY, acting_user=h.clerk
    )


_COMPLAINANTS: dict[int, Any] = {}


def _complaint(h: Hollowmere) -> models.Model:
    """A Grantham officer's code-of-conduct complaint, which may go to the MO."""
    town = make_town("grantham")
    staff = town.people["staff"]
    concern = do_raise_concern(
        staff,
        direction="code_of_conduct",
        about=town.people["cllr"],
        summary="Shouted at me",
        details="In the office, on Monday.",
        today=DAY,
        acting_user=staff,
    )
    _COMPLAINANTS[concern.pk] = staff
    return concern


def _with_two_factor(h: Hollowmere) -> models.Model:
    do_turn_on_two_factor(h.clerk, key=random_hex(20), acting_user=h.clerk)
    return h.clerk


# --- the races ---------------------------------------------------------------------------------

RACES: list[Race] = [
    Race(
        "officer acknowledges as the member withdraws",
        ("do_acknowledge_enquiry",),
        _enquiry,
        _withdraw_enquiry,
        lambda h: lambda e: enq.do_acknowledge_enquiry(e, today=DAY, acting_user=h.officer_junior),
        staggered=True,
    ),
    Race(
        "officer asks for clarification as the member withdraws",
        ("do_request_clarification",),
        _enquiry,
        _withdraw_enquiry,
        lambda h: (
            lambda e: enq.do_request_clarification(
                e, question="Which shelter?", today=DAY, acting_user=h.officer_junior
            )
        ),
        staggered=True,
    ),
    Race(
        "member replies to a clarification twice",
        ("do_clarify_enquiry",),
        lambda h: _enquiry(h, state="clarifying"),
        lambda h: (
            lambda e: enq.do_clarify_enquiry(
                e, reply="The one on Mill Lane.", today=DAY, acting_user=h.cllr_ward
            )
        ),
        lambda h: (
            lambda e: enq.do_clarify_enquiry(
                e, reply="Mill Lane, by the church.", today=DAY, acting_user=h.cllr_ward
            )
        ),
    ),
    Race(
        "member gives feedback twice",
        ("do_record_feedback",),
        lambda h: _enquiry(h, state="answered"),
        lambda h: (
            lambda e: enq.do_record_feedback(e, answered=True, today=DAY, acting_user=h.cllr_ward)
        ),
        lambda h: (
            lambda e: enq.do_record_feedback(
                e, answered=False, comment="Not really.", today=DAY, acting_user=h.cllr_ward
            )
        ),
    ),
    Race(
        "Clerk closes an answered enquiry twice",
        ("do_close_enquiry",),
        lambda h: _enquiry(h, state="answered"),
        lambda h: lambda e: enq.do_close_enquiry(e, reason="Done.", today=DAY, acting_user=h.clerk),
        lambda h: (
            lambda e: enq.do_close_enquiry(e, reason="Finished.", today=DAY, acting_user=h.clerk)
        ),
    ),
    Race(
        "Clerk allocates an access request as the member withdraws it",
        ("do_allocate_access_request", "do_withdraw_access_request"),
        _access_request,
        lambda h: lambda r: do_withdraw_access_request(r, today=DAY, acting_user=h.cllr_ward),
        lambda h: (
            lambda r: do_allocate_access_request(
                r, decider=h.officer_junior, today=DAY, acting_user=h.clerk
            )
        ),
        staggered=True,
    ),
    Race(
        "handler moves a concern on as the raiser closes it",
        ("do_move_concern_on",),
        _concern,
        lambda h: (
            lambda c: do_close_concern(
                c, reason="Sorted it myself.", today=DAY, acting_user=h.cllr_ward
            )
        ),
        lambda h: (
            lambda c: do_move_concern_on(
                c, done="Spoke to them.", today=DAY, acting_user=h.officer_junior
            )
        ),
        staggered=True,
    ),
    Race(
        "handler resolves while the raiser closes",
        ("do_resolve_concern", "do_close_concern"),
        _concern,
        lambda h: (
            lambda c: do_resolve_concern(
                c, done="Apologised.", outcome="Accepted.", today=DAY, acting_user=h.officer_junior
            )
        ),
        lambda h: (
            lambda c: do_close_concern(
                c, reason="Sorted it myself.", today=DAY, acting_user=h.cllr_ward
            )
        ),
    ),
    Race(
        "drafter submits twice",
        ("do_submit_press_release",),
        lambda h: _release(h),
        lambda h: lambda r: do_submit_press_release(r, today=DAY, acting_user=h.officer_junior),
        lambda h: lambda r: do_submit_press_release(r, today=DAY, acting_user=h.officer_junior),
    ),
    Race(
        "drafter edits while the draft is submitted",
        ("do_edit_press_release",),
        lambda h: _release(h),
        lambda h: lambda r: do_submit_press_release(r, today=DAY, acting_user=h.officer_junior),
        lambda h: (
            lambda r: do_edit_press_release(
                r, title="Play area", body="It reopens.", kind=r.kind, acting_user=h.officer_junior
            )
        ),
        staggered=True,
    ),
    Race(
        "approver approves while another sends it back",
        ("do_approve_press_release", "do_return_press_release"),
        lambda h: _release(h, submitted=True),
        lambda h: lambda r: do_approve_press_release(r, today=DAY, acting_user=h.clerk),
        lambda h: (
            lambda r: do_return_press_release(
                r, reasons="Shorter, please.", today=DAY, acting_user=h.clerk
            )
        ),
    ),
    Race(
        "drafter publishes twice",
        ("do_publish_press_release",),
        lambda h: _release(h, approved=True),
        lambda h: lambda r: do_publish_press_release(r, today=DAY, acting_user=h.officer_junior),
        lambda h: lambda r: do_publish_press_release(r, today=DAY, acting_user=h.officer_junior),
    ),
    Race(
        "Clerk corrects an election while withdrawing it",
        ("do_change_election", "do_withdraw_election"),
        _election,
        lambda h: (
            lambda e: do_withdraw_election(
                e, reason="Countermanded.", today=DAY, acting_user=h.clerk
            )
        ),
        lambda h: (
            lambda e: do_change_election(
                e,
                title="Brookside ward by-election",
                notice_of_election=e.notice_of_election,
                polling_day=e.polling_day,
                today=DAY,
                acting_user=h.clerk,
            )
        ),
        staggered=True,
    ),
    Race(
        "Clerk ends a spokesperson twice",
        ("do_end_spokesperson",),
        _spokesperson,
        lambda h: lambda s: do_end_spokesperson(s, today=DAY, acting_user=h.clerk),
        lambda h: lambda s: do_end_spokesperson(s, today=DAY, acting_user=h.clerk),
    ),
    Race(
        "writer records a letter sent while fixing its footer",
        ("do_record_sent", "do_apply_footer_fix"),
        _letter,
        lambda h: (
            lambda c: do_record_sent(
                c, acknowledge=["corr.cc-footer-missing"], today=DAY, acting_user=_writer(c)
            )
        ),
        lambda h: lambda c: do_apply_footer_fix(c, today=DAY, acting_user=_writer(c)),
        staggered=True,
    ),
    Race(
        "writer records a letter sent while checking it again",
        ("do_check_correspondence",),
        _letter,
        lambda h: (
            lambda c: do_record_sent(
                c, acknowledge=["corr.cc-footer-missing"], today=DAY, acting_user=_writer(c)
            )
        ),
        lambda h: lambda c: do_check_correspondence(c, today=DAY, acting_user=_writer(c)),
        staggered=True,
    ),
    Race(
        "writer records a letter sent while editing it",
        ("do_edit_correspondence",),
        _letter,
        lambda h: (
            lambda c: do_record_sent(
                c, acknowledge=["corr.cc-footer-missing"], today=DAY, acting_user=_writer(c)
            )
        ),
        lambda h: (
            lambda c: do_edit_correspondence(
                c,
                subject="Planning report",
                body=c.body,
                recipients=[to(_LETTERS[c.pk].green)],
                today=DAY,
                acting_user=_writer(c),
            )
        ),
        staggered=True,
    ),
    Race(
        "two people make exempt information public at once",
        ("do_reclassify_document",),
        _paper,
        lambda h: (
            lambda d: do_reclassify_document(
                d,
                classification="public",
                reasons="Published with the minutes.",
                acting_user=h.clerk,
            )
        ),
        lambda h: (
            lambda d: do_reclassify_document(
                d, classification="public", reasons="No longer exempt.", acting_user=h.clerk
            )
        ),
    ),
    Race(
        "two people end the same term on the same day",
        ("do_end_role",),
        _term,
        lambda h: lambda t: do_end_role(t, ends_on=DAY, acting_user=h.clerk),
        lambda h: lambda t: do_end_role(t, ends_on=DAY, acting_user=h.clerk),
    ),
    Race(
        "two people disable the same person",
        ("do_disable_person",),
        lambda h: h.officer_junior,
        lambda h: lambda p: do_disable_person(p, acting_user=h.clerk),
        lambda h: lambda p: do_disable_person(p, acting_user=h.clerk),
        repeatable=True,
    ),
    Race(
        "two people revoke the same token",
        ("do_revoke_api_token",),
        _token,
        lambda h: lambda t: do_revoke_api_token(t, acting_user=h.officer_junior),
        lambda h: lambda t: do_revoke_api_token(t, acting_user=h.clerk),
        repeatable=True,
    ),
    Race(
        "two requests with one token note one use",
        ("do_note_api_token_used",),
        _token,
        lambda h: lambda t: do_note_api_token_used(t, now=timezone.now()),
        lambda h: lambda t: do_note_api_token_used(t, now=timezone.now()),
        repeatable=True,
    ),
]

RACES += [
    Race(
        "the complainant sends a complaint to the Monitoring Officer twice",
        ("do_refer_to_monitoring_officer",),
        _complaint,
        lambda h: (
            lambda c: do_refer_to_monitoring_officer(
                c, reason="Not resolved.", today=DAY, acting_user=_COMPLAINANTS[c.pk]
            )
        ),
        lambda h: (
            lambda c: do_refer_to_monitoring_officer(
                c, reason="Please look at it.", today=DAY, acting_user=_COMPLAINANTS[c.pk]
            )
        ),
        events=2,  # the step ended, and the hand-over
    ),
    Race(
        "the Clerk grants and refuses a dispute at once",
        ("do_decide_dispute",),
        _dispute,
        lambda h: (
            lambda d: do_decide_dispute(
                d, grant=True, reasons="The need is made out.", today=DAY, acting_user=h.clerk
            )
        ),
        lambda h: (
            lambda d: do_decide_dispute(
                d, grant=False, reasons="It is not.", today=DAY, acting_user=h.clerk
            )
        ),
    ),
    Race(
        "the Clerk ends an agreement twice",
        ("do_end_direct_contact_agreement",),
        _agreement,
        lambda h: lambda a: do_end_direct_contact_agreement(a, today=DAY, acting_user=h.clerk),
        lambda h: lambda a: do_end_direct_contact_agreement(a, today=DAY, acting_user=h.clerk),
    ),
    Race(
        "two operators require two-factor sign-in at once",
        ("do_set_two_factor_requirement",),
        lambda h: h.council,
        lambda h: lambda c: do_set_two_factor_requirement(c, required=True, acting_user=None),
        lambda h: lambda c: do_set_two_factor_requirement(c, required=True, acting_user=None),
    ),
    Race(
        "two Clerks name the same governance committee at once",
        ("do_set_governance_committee",),
        lambda h: h.council,
        lambda h: lambda c: do_set_governance_committee(c, committee=h.planning, acting_user=None),
        lambda h: lambda c: do_set_governance_committee(c, committee=h.planning, acting_user=None),
        repeatable=True,
    ),
    Race(
        "two operators reset the same lost phone",
        ("do_turn_off_two_factor",),
        _with_two_factor,
        lambda h: lambda p: do_turn_off_two_factor(p, acting_user=None),
        lambda h: lambda p: do_turn_off_two_factor(p, acting_user=None),
        repeatable=True,
    ),
]

RACES += REGISTER_RACES + MORE_RACES + DECISION_RACES + INCOMING_RACES

# Raced in test_casework_concurrency.py (enquiries and access requests), with the same harness.
RACED_ELSEWHERE = {
    "do_answer_enquiry",
    "do_triage_enquiry",
    "do_withdraw_enquiry",
    "do_determine_access_request",
    # Raced in test_races_across_rows.py: set-password links and a council's Clerk, whose
    # events are not on one row the harness above could count.
    "do_invite_person",
    "do_invite_operator",
    "do_request_password_reset",
    "do_set_password_from_link",
    "do_reinvite_clerk",
    "do_replace_clerk",
    # A sign-in's allowance of events is counted over the account's events in every
    # council it serves.
    "do_record_failed_sign_in",
    "do_record_sign_in_paused",
}

# Locked, but not raced yet: each with why a race is not needed or what remains.
NOT_RACED = {
    "do_change_council_rulebook": "an operator's edit of one field: two edits apply in turn, "
    "and the lock keeps the recorded 'from' true",
    "do_turn_on_two_factor": "the person's own app: a second set-up replaces the first, "
    "as its person asked",
    "do_turn_on_operator_two_factor": "the operator's own app, locked on the account: a "
    "second set-up replaces the first, as its operator asked",
    "do_check_operator_code": "locks the device: a code is accepted once, the second "
    "try at the same code is refused (test_operator_two_factor's replay check)",
    "do_turn_off_operator_two_factor": "locks the account: the second removal finds no app "
    "and records nothing",
    "do_set_council_two_factor": "the operator's way to do_set_two_factor_requirement, "
    "which is raced (the second refused as already set)",
    "do_add_concern_note": "adds a note: two notes at once are both wanted",
    "do_remind_access_request": "system work: raced by test_tick's two runs at once",
    "do_change_password": "the person's own password: two changes apply in turn, as its "
    "person asked; each ends the account's other sessions",
    "do_set_enquiries_address": "a Clerk's or operator's edit of one field: two edits apply "
    "in turn, and the lock keeps the recorded 'was' true; two councils claiming one address "
    "at once are raced in test_races_across_rows.py (a unique index, the later refused)",
    "do_create_operator": "installation work from the command line, logged in the accounts' "
    "log (not a council's audit trail): two runs at once for one person are raced in "
    "test_races_across_rows.py (one makes the operator, the other is refused)",
    "do_change_council_details": "the Clerk's edit of the council's details: two edits apply "
    "in turn, and the lock keeps the recorded 'was' true",
    "do_rename_body": "the Clerk's edit of a name: two renames apply in turn, and the lock "
    "keeps the recorded old name true",
    "do_make_checkpoint": "signs the log head it locks (log.locked_head): two checkpoints "
    "asked for at once are both made, the later covering the earlier's event; two runs of "
    "the schedule at once sign once (test_races_across_rows.py)",
}

# Actions that check who may act, then hand the change to a locked action (which re-reads
# the row and refuses or does nothing on the second of two at once): action -> callee.
DELEGATES = {
    "do_end_person_role": "do_end_role",
    "do_disable_person_by_clerk": "do_disable_person",
    "do_invite_person_by_clerk": "do_invite_person",
}

# Actions that only create rows: nobody else can be acting on a row that does not exist yet.
CREATES = {
    "do_record_event": "writes an audit event (called inside other actions)",
    "do_create_council": "creates a council",
    "do_create_committee": "creates a committee",
    "do_create_ward": "creates a ward",
    "do_create_party_group": "creates a party group",
    "do_create_person": "creates a person",
    "do_assign_role": "creates a role assignment",
    "do_sign_in": "records a sign-in (only last_login, the person's own)",
    "do_create_api_token": "creates a token",
    "do_create_document": "creates a document",
    "do_request_access": "creates an access request",
    "do_raise_dispute": "creates a dispute (locks its request first)",
    "do_submit_enquiry": "creates an enquiry",
    "do_record_direct_contact_agreement": "creates an agreement",
    "do_raise_concern": "creates a concern",
    "do_draft_correspondence": "creates a draft",
    "do_upload_correspondence": "creates a draft from an .eml file",
    "do_record_election": "creates an election",
    "do_draft_press_release": "creates a draft",
    "do_appoint_spokesperson": "creates a register entry",
    "do_record_media_contact": "creates a record",
    "do_record_media_interest": "creates a record",
    "do_ask_clerk": "creates a question about the protocol",
    "do_create_calendar_feed": "creates a feed address (each is its own; none is replaced)",
    "do_declare_relationship": "creates a declaration (ending one is do_end_declaration)",
    "do_form_panel": "creates a panel",
    "do_keep_conduct_question": "creates the person's kept answer",
    "do_record_acting_arrangement": "creates an arrangement",
    "do_record_delegation": "creates a delegated action",
    "do_record_ward_notice": "creates a notice (and its links to wards and members told)",
    "do_request_briefing": "creates a request (an earlier one on the same matter is only read)",
    "do_request_report": "creates a request",
    "do_request_resources": "creates a request",
    "do_record_incoming": "creates a record of a letter received",
    "do_add_person": "creates a person and their first roles (the set-up page)",
    "do_add_role": "creates a role assignment (the set-up page)",
    "do_create_council_with_clerk": "creates a council and its Clerk; the invitation "
    "(do_invite_person) locks the account whose older links it closes; two operators "
    "creating one council at once: test_races_across_rows.py",
}


def _actions() -> dict[str, ast.FunctionDef]:
    found: dict[str, ast.FunctionDef] = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("do_"):
                found[node.name] = node
    return found


def _takes_lock(node: ast.FunctionDef) -> bool:
    decorated = any(isinstance(d, ast.Name) and d.id == "locks_row" for d in node.decorator_list)
    calls = {
        (c.func.id if isinstance(c.func, ast.Name) else getattr(c.func, "attr", ""))
        for c in ast.walk(node)
        if isinstance(c, ast.Call)
    }
    # locked_head: the audit log head, locked with select_for_update (audit/log.py).
    return decorated or bool(
        calls & {"locked", "lock_and_refresh", "select_for_update", "locked_head"}
    )


@pytest.mark.django_db(transaction=False)
def test_every_state_changing_action_takes_the_lock() -> None:
    actions = _actions()
    assert len(actions) > 40  # the scan finds them
    unlocked = sorted(
        name
        for name, node in actions.items()
        if not _takes_lock(node) and name not in CREATES and name not in DELEGATES
    )
    for name, callee in DELEGATES.items():
        calls = {
            getattr(c.func, "id", "") for c in ast.walk(actions[name]) if isinstance(c, ast.Call)
        }
        assert callee in calls and _takes_lock(actions[callee]), (name, callee)
    assert unlocked == [], (
        "These actions change an existing row without locking it first: decorate them with "
        "@locks_row (propriety.councils.locking) or use `with locked(row):`, and race them in "
        f"tests/web/test_races.py: {unlocked}"
    )
    assert sorted(set(CREATES) - set(actions)) == []  # no stale names


@pytest.mark.django_db(transaction=False)
def test_every_locked_action_is_raced() -> None:
    locked = {name for name, node in _actions().items() if _takes_lock(node)} - set(CREATES)
    raced = {name for r in RACES for name in r.covers} | RACED_ELSEWHERE | set(NOT_RACED)
    assert sorted(locked - raced) == [], "race these in tests/web/test_races.py"
    assert sorted(raced - locked) == [], "these raced actions take no lock"


@pytest.fixture
def holding(monkeypatch: pytest.MonkeyPatch) -> threading.local:
    """Each action, once it has locked and re-read its row, says so (``signal``) and then
    keeps the lock for ``seconds``: the window in which an unlocked action would be raced."""
    hold = threading.local()
    real = locking.lock_and_refresh

    def slow(instance: Any) -> Any:
        real(instance)
        signal = getattr(hold, "signal", None)
        if signal is not None:
            signal.set()
        time.sleep(getattr(hold, "seconds", 0.0))
        return instance

    monkeypatch.setattr(locking, "lock_and_refresh", slow)
    return hold


def _events_on(obj: models.Model, after: int) -> list[str]:
    return list(
        AuditEvent.unscoped.filter(
            pk__gt=after, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _fresh(obj: models.Model) -> Any:
    """The row as one person's page loaded it, before they act."""
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.mark.parametrize("case", RACES, ids=[r.name for r in RACES])
def test_exactly_one_of_two_conflicting_actors_wins(
    hollowmere: Hollowmere, holding: threading.local, case: Race
) -> None:
    h = hollowmere
    row = case.setup(h)
    since = AuditEvent.unscoped.order_by("-pk").values_list("pk", flat=True).first() or 0
    mine, theirs = _fresh(row), _fresh(row)
    first, second = case.first(h), case.second(h)

    if case.staggered:
        # The second starts only once the first holds the lock, however busy the machine.
        first_locked = threading.Event()

        def act_first() -> object:
            holding.signal = first_locked
            return first(mine)

        def act_second() -> object:
            assert first_locked.wait(timeout=20), "the first action never took the lock"
            return second(theirs)
    else:

        def act_first() -> object:
            return first(mine)

        def act_second() -> object:
            return second(theirs)

    outcomes = race(holding, (0.0, HOLD, act_first), (0.0, HOLD, act_second))

    events = _events_on(row, since)
    assert len(events) == case.events, (events, outcomes)
    if case.repeatable:
        assert outcomes == [None, None], outcomes
        return
    assert sorted(o is None for o in outcomes) == [False, True], outcomes
    loser = next(o for o in outcomes if o is not None)
    assert refused(loser), loser
    assert "already" in str(loser).lower(), loser
