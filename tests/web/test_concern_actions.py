"""The concern actions' rules: who may act, no sanction, the personnel committee never
the chair alone, the referral record, and one audit event per change with its clauses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.models import AuditEvent
from propriety.concerns import access, actions
from propriety.concerns.actions import (
    ConcernRefused,
    do_add_concern_note,
    do_close_concern,
    do_move_concern_on,
    do_raise_concern,
    do_refer_to_monitoring_officer,
    do_resolve_concern,
)
from propriety.concerns.models import Concern
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_concern_routes import TODAY, make_town


def _events(concern: Concern) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.for_council(concern.council)
        .filter(object_type="concerns.concern", object_id=str(concern.pk))
        .order_by("pk")
    )


def _raise(h: Hollowmere, **kw: Any) -> Concern:
    args: dict[str, Any] = {
        "direction": "member_about_officer",
        "about": h.officer_junior,
        "summary": "Rude reply",
        "details": "Short with me.",
    }
    args.update(kw)
    return do_raise_concern(h.cllr_ward, today=TODAY, acting_user=h.cllr_ward, **args)


# --- no sanction -------------------------------------------------------------------------


def test_no_action_or_field_sanctions_a_member() -> None:
    assert not [name for name in dir(actions) if "sanction" in name.lower()]
    assert not [f.name for f in Concern._meta.get_fields() if "sanction" in f.name]


@pytest.mark.parametrize(
    ("rulebook", "clause"),
    [
        ("grantham", "If things go wrong: officers ¶4"),
        ("west-mersea", "If things go wrong: officers ¶4"),
        ("ludlow", "§6"),
        ("part5-district", "§11.3(ii)"),
        ("acses-town", "§15.6"),
    ],
)
def test_asking_the_council_to_sanction_a_member_is_refused_with_its_clause(
    db: None, rulebook: str, clause: str
) -> None:
    town = make_town(rulebook)
    p = town.people
    with pytest.raises(ConcernRefused) as refused:
        do_raise_concern(
            p["staff"],
            direction="code_of_conduct",
            about=p["cllr"],
            summary="Sanction them",
            details="I want the council to suspend them.",
            formal_written=True,
            sanction_requested=True,
            today=TODAY,
            acting_user=p["staff"],
        )
    assert refused.value.decision.outcome == "refuse"
    assert [c.clause for c in refused.value.decision.citations] == [clause]
    assert not Concern.objects.for_council(town.council).exists()
    event = AuditEvent.objects.for_council(town.council).get(action="concern.refused")
    assert [c["clause"] for c in event.citations] == [clause]


# --- raising -----------------------------------------------------------------------------


def test_raising_records_the_route_and_emails_the_handler(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    with django_capture_on_commit_callbacks(execute=True):
        concern = _raise(h)
    assert concern.status == Concern.Status.OPEN
    assert concern.handler_role == "officer"
    assert access.handlers_of(concern) == [h.officer_junior]
    assert [g["clause"] for g in concern.route["guidance"]] == ["§15.2(a)", "§15.2(b)", "§15.2(c)"]
    (event,) = _events(concern)
    assert event.action == "concern.raised"
    assert [c["clause"] for c in event.citations] == ["§15.2", "§15.2(d)", "§15.3"]
    assert "the officer concerned (or their line manager) (Jo Junior)" in event.details["says"]
    assert [m.to for m in mail.outbox] == [["jo@hollowmere.example"]]


@pytest.mark.parametrize(
    ("raiser", "direction", "about", "field"),
    [
        ("officer_junior", "member_about_officer", "clerk", "direction"),
        ("cllr_ward", "officer_about_member", "cllr_chair", "direction"),
        ("cllr_ward", "member_about_officer", "cllr_chair", "about"),
        ("officer_junior", "code_of_conduct", "clerk", "about"),
        ("cllr_ward", "disagreement", "cllr_chair", "about"),
        ("cllr_ward", "member_about_officer", None, "about"),
    ],
)
def test_who_raises_what_about_whom(
    hollowmere: Hollowmere, raiser: str, direction: str, about: str | None, field: str
) -> None:
    h = hollowmere
    person = getattr(h, raiser)
    with pytest.raises(ValidationError) as error:
        do_raise_concern(
            person,
            direction=direction,
            about=getattr(h, about) if about else None,
            summary="x",
            details="y",
            today=TODAY,
            acting_user=person,
        )
    assert field in error.value.message_dict


def test_people_raise_their_own_concerns(hollowmere: Hollowmere) -> None:
    h = hollowmere
    with pytest.raises(PermissionDenied):
        do_raise_concern(
            h.cllr_ward,
            direction="member_about_officer",
            about=h.officer_junior,
            summary="x",
            details="y",
            today=TODAY,
            acting_user=h.cllr_chair,
        )
    with pytest.raises(PermissionDenied):
        do_raise_concern(
            h.monitoring_officer,
            direction="code_of_conduct",
            about=h.cllr_ward,
            summary="x",
            details="y",
            today=TODAY,
            acting_user=h.monitoring_officer,
        )


def test_a_concern_about_someone_in_another_council_is_refused(
    hollowmere: Hollowmere, fernley: Any
) -> None:
    stranger = f.make_person(fernley, Role.STAFF)
    with pytest.raises(ValidationError) as error:
        _raise(hollowmere, about=stranger)
    assert "about" in error.value.message_dict


# --- step by step ------------------------------------------------------------------------


def test_only_the_current_handler_records_a_step(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    for person in (h.cllr_ward, h.clerk, h.cllr_chair, h.monitoring_officer):
        with pytest.raises(PermissionDenied):
            do_resolve_concern(concern, done="x", outcome="y", today=TODAY, acting_user=person)
        with pytest.raises(PermissionDenied):
            do_move_concern_on(concern, done="x", today=TODAY, acting_user=person)


def test_moving_on_asks_the_rulebook_again_and_emails_the_new_handler(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    concern = _raise(h)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_move_concern_on(
            concern,
            done="We talked; it did not settle it.",
            today=TODAY,
            acting_user=h.officer_junior,
        )
    concern.refresh_from_db()
    assert (concern.stage, concern.handler_role) == ("first", "proper_officer")
    assert access.handlers_of(concern) == [h.clerk]
    assert [m.to for m in mail.outbox] == [["clerk@hollowmere.example"]]
    event = _events(concern)[-1]
    assert event.action == "concern.moved_on"
    assert [c["clause"] for c in event.citations] == ["§15.3"]
    # The officer who handled the first step still sees the case; the Clerk now does too.
    assert access.concerns_visible_to(h.officer_junior).filter(pk=concern.pk).exists()
    assert access.concerns_visible_to(h.clerk).filter(pk=concern.pk).exists()
    # The officer no longer handles it.
    with pytest.raises(PermissionDenied):
        do_resolve_concern(
            concern, done="x", outcome="y", today=TODAY, acting_user=h.officer_junior
        )


def test_the_last_step_cannot_move_on(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h, direction="disagreement")  # acses-town §4.6: the Town Clerk, no next
    assert not access.can_move_on(concern)
    with pytest.raises(ValidationError):
        do_move_concern_on(concern, done="x", today=TODAY, acting_user=h.clerk)


def test_resolving_needs_what_was_done_and_the_outcome(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    with pytest.raises(ValidationError) as error:
        do_resolve_concern(concern, done=" ", outcome="", today=TODAY, acting_user=h.officer_junior)
    assert set(error.value.message_dict) == {"done", "outcome"}
    do_resolve_concern(
        concern, done="Apologised.", outcome="Accepted.", today=TODAY, acting_user=h.officer_junior
    )
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.finished_on) == (
        Concern.Status.RESOLVED,
        "Accepted.",
        TODAY,
    )
    assert _events(concern)[-1].action == "concern.resolved"


# --- the Clerk as the subject ------------------------------------------------------------


def test_a_serious_concern_about_the_clerk_goes_to_the_council_not_the_clerk(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    concern = _raise(h, about=h.clerk, seriousness="serious")
    assert concern.subject_is_proper_officer
    # The rulebook names the Council as employer (§5.1, §15.3); the Clerk, who would
    # record its work, is the subject, and Hollowmere has no personnel committee, so
    # the chair of the council stands in.
    assert concern.route["refer_to"]["role"] == "council"
    assert concern.handler_role == "council_chair"
    assert concern.route["stand_in"]["for"]["role"] == "council"
    assert (
        "Clara Clerk, who would otherwise deal with it, is the person it is about"
        in (concern.route["stand_in"]["why"])
    )
    assert access.handlers_of(concern) == [h.cllr_chair]
    assert not access.concerns_visible_to(h.clerk).filter(pk=concern.pk).exists()
    do_move_concern_on(concern, done="Heard it.", today=TODAY, acting_user=h.cllr_chair)
    concern.refresh_from_db()
    assert concern.route["refer_to"]["role"] == "disciplinary_procedure"
    assert access.handlers_of(concern) == [h.cllr_chair]
    assert not access.concerns_visible_to(h.clerk).filter(pk=concern.pk).exists()


def test_ludlow_still_raises_a_concern_about_the_town_clerk_with_the_town_clerk(db: None) -> None:
    town = make_town("ludlow")
    p = town.people
    concern = do_raise_concern(
        p["cllr"],
        direction="member_about_officer",
        about=p["clerk"],
        summary="x",
        details="y",
        today=TODAY,
        acting_user=p["cllr"],
    )
    assert concern.handler_role == "proper_officer"
    assert access.handlers_of(concern) == [p["clerk"]]
    assert [c["clause"] for c in concern.route["citations"]] == ["§4.5.2"]  # each clause once


# --- the personnel committee -------------------------------------------------------------


def _grievance(rulebook: str = "grantham") -> tuple[Any, Concern]:
    town = make_town(rulebook)
    p = town.people
    concern = do_raise_concern(
        p["staff"],
        direction="grievance",
        about=None,
        summary="My hours",
        details="My hours were changed without notice.",
        today=TODAY,
        acting_user=p["staff"],
    )
    return town, concern


def test_a_grievance_goes_to_the_personnel_committee_as_a_body(db: None) -> None:
    town, concern = _grievance()
    p = town.people
    assert concern.handler_role == "personnel_committee"
    assert {x.pk for x in access.handlers_of(concern)} == {p["pc1"].pk, p["pc2"].pk}
    assert [o["id"] for o in concern.route["obligations"]] == ["chair-not-alone"]
    assert not access.concerns_visible_to(p["chair"]).filter(pk=concern.pk).exists()
    assert not access.concerns_visible_to(p["clerk"]).filter(pk=concern.pk).exists()


def test_the_council_chair_cannot_decide_a_grievance_unless_on_the_committee(db: None) -> None:
    town, concern = _grievance()
    p = town.people
    with pytest.raises(PermissionDenied):
        do_resolve_concern(concern, done="x", outcome="y", today=TODAY, acting_user=p["chair"])


def test_a_chair_on_the_committee_cannot_deal_with_it_alone(db: None) -> None:
    town, concern = _grievance()
    p = town.people
    # The first committee member becomes the chair of the council too.
    from propriety.people.actions import do_assign_role

    do_assign_role(
        p["pc1"], role=Role.COUNCIL_CHAIR, starts_on=datetime.date(2026, 5, 1), acting_user=None
    )
    with pytest.raises(ValidationError) as error:
        do_resolve_concern(
            concern, done="Met.", outcome="Upheld.", today=TODAY, acting_user=p["pc1"]
        )
    assert "took_part" in error.value.message_dict
    assert "If things go wrong: officers ¶2" in error.value.message_dict["took_part"][0]
    do_resolve_concern(
        concern,
        done="Met with the officer.",
        outcome="Upheld: hours restored.",
        took_part=[p["pc2"]],
        today=TODAY,
        acting_user=p["pc1"],
    )
    concern.refresh_from_db()
    step = concern.current_step()
    assert step is not None
    assert sorted(h.person.full_name for h in step.handlers.all() if h.took_part) == [
        "Personnel One",
        "Personnel Two",
    ]
    assert set(_events(concern)[-1].details["took_part"]) == {p["pc1"].pk, p["pc2"].pk}


def test_took_part_must_be_handlers(db: None) -> None:
    town, concern = _grievance()
    p = town.people
    with pytest.raises(ValidationError):
        do_resolve_concern(
            concern,
            done="x",
            outcome="y",
            took_part=[p["chair"]],
            today=TODAY,
            acting_user=p["pc1"],
        )


def test_no_personnel_committee_means_no_one_handles_it_not_the_chair(db: None) -> None:
    council = f.make_council("Tiny Parish Council", slug="tiny", rulebook="grantham")
    chair = f.make_person(council, Role.COUNCILLOR, Role.COUNCIL_CHAIR)
    f.make_person(council, Role.PROPER_OFFICER)
    staff = f.make_person(council, Role.STAFF)
    concern = do_raise_concern(
        staff,
        direction="grievance",
        about=None,
        summary="x",
        details="y",
        today=TODAY,
        acting_user=staff,
    )
    assert access.handlers_of(concern) == []
    assert not access.concerns_visible_to(chair).filter(pk=concern.pk).exists()


# --- the Monitoring Officer --------------------------------------------------------------


def test_a_formal_code_of_conduct_complaint_is_handed_to_the_monitoring_officer(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    with django_capture_on_commit_callbacks(execute=True):
        concern = do_raise_concern(
            h.officer_junior,
            direction="code_of_conduct",
            about=h.cllr_chair,
            summary="Shouted at me",
            details="At the Planning Committee on 3 November.",
            formal_written=True,
            today=TODAY,
            acting_user=h.officer_junior,
        )
    assert concern.status == Concern.Status.REFERRED
    assert concern.referred_on == TODAY
    assert access.handlers_of(concern) == [h.monitoring_officer]
    record = concern.referral
    assert record["principal_council"] == "Hollowmere District Council"
    assert record["reference"] == concern.reference
    assert record["raised_by"] == "Jo Junior" and record["about"] == "Charles Chair"
    assert record["steps"][0]["clauses"] == ["§15.6"]
    assert [e["says"][:24] for e in record["history"]] == ["Jo Junior raised the con"]
    mo_mail = [m for m in mail.outbox if m.to == ["mo@hollowmere.example"]]
    assert len(mo_mail) == 1
    assert "Hollowmere District Council" in mo_mail[0].body
    assert "At the Planning Committee on 3 November." in mo_mail[0].body
    assert [e.action for e in _events(concern)] == [
        "concern.raised",
        "concern.referred_to_monitoring_officer",
    ]
    # The member it is about, the chair, and the Clerk do not see it.
    assert not access.concerns_visible_to(h.cllr_chair).filter(pk=concern.pk).exists()
    assert not access.concerns_visible_to(h.clerk).filter(pk=concern.pk).exists()
    # The Monitoring Officer records its outcome.
    do_resolve_concern(
        concern,
        done="Assessed under the code of conduct.",
        outcome="No further action.",
        today=TODAY,
        acting_user=h.monitoring_officer,
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.RESOLVED


def test_an_informal_complaint_is_referred_when_it_moves_on(db: None) -> None:
    town = make_town("grantham")
    p = town.people
    concern = do_raise_concern(
        p["staff"],
        direction="code_of_conduct",
        about=p["cllr"],
        summary="x",
        details="y",
        today=TODAY,
        acting_user=p["staff"],
    )
    assert concern.handler_role == "informal_resolution"
    assert access.can_refer(p["staff"], concern)  # the complainant may go to the MO
    assert not access.concerns_visible_to(p["mo"]).filter(pk=concern.pk).exists()
    do_refer_to_monitoring_officer(
        concern, reason="I want it looked at formally.", today=TODAY, acting_user=p["staff"]
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.REFERRED
    assert access.concerns_visible_to(p["mo"]).filter(pk=concern.pk).exists()
    assert [c["clause"] for c in concern.route["citations"]] == ["If things go wrong: officers ¶4"]


def test_a_concern_whose_route_does_not_lead_to_the_mo_cannot_be_referred(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    concern = _raise(h)
    with pytest.raises(PermissionDenied):
        do_refer_to_monitoring_officer(concern, today=TODAY, acting_user=h.officer_junior)


# --- notes and closing -------------------------------------------------------------------


def test_notes_are_for_the_parties_and_handlers(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    do_add_concern_note(concern, text="Meeting on Friday.", today=TODAY, acting_user=h.cllr_ward)
    do_add_concern_note(concern, text="Agreed.", today=TODAY, acting_user=h.officer_junior)
    for outsider in (h.clerk, h.cllr_chair, h.monitoring_officer):
        with pytest.raises(PermissionDenied):
            do_add_concern_note(concern, text="Nosy", today=TODAY, acting_user=outsider)
    with pytest.raises(ValidationError):
        do_add_concern_note(concern, text=" ", today=TODAY, acting_user=h.cllr_ward)
    assert [n.text for n in access.notes_of(h.cllr_ward, concern)] == [
        "Meeting on Friday.",
        "Agreed.",
    ]
    assert [e.action for e in _events(concern)][-2:] == ["concern.note_added"] * 2


def test_the_raiser_or_handler_closes_it(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    with pytest.raises(PermissionDenied):
        do_close_concern(concern, reason="x", today=TODAY, acting_user=h.clerk)
    with pytest.raises(ValidationError):
        do_close_concern(concern, reason="", today=TODAY, acting_user=h.cllr_ward)
    do_close_concern(concern, reason="Sorted it ourselves.", today=TODAY, acting_user=h.cllr_ward)
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED
    step = concern.current_step()
    assert step is not None and step.result == "closed"
    assert _events(concern)[-1].action == "concern.closed"
    with pytest.raises(PermissionDenied):
        do_add_concern_note(concern, text="late", today=TODAY, acting_user=h.cllr_ward)
