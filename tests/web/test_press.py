"""Press and media: the approval route under each of the five rulebooks, the
pre-election period, the political-content hint, the spokesperson register,
media contacts and media interest, with the actions' audit events."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press import access
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_approve_press_release,
    do_draft_press_release,
    do_edit_press_release,
    do_end_spokesperson,
    do_publish_press_release,
    do_record_election,
    do_record_media_contact,
    do_record_media_interest,
    do_return_press_release,
    do_submit_press_release,
)
from propriety.press.models import PressRelease, Spokesperson
from propriety.press.rules import election_on, political_suggestions

from . import factories as f
from .conftest import Hollowmere

TODAY = datetime.date(2027, 1, 5)


@dataclass
class Town:
    council: Council
    clerk: Person
    officer: Person
    councillor: Person
    chair: Person
    head_of_comms: Person | None


def _town(rulebook: str) -> Town:
    kind = Council.Kind.PRINCIPAL if rulebook == "part5-district" else Council.Kind.TOWN
    council = f.make_council(f"Press {rulebook} Council", rulebook=rulebook, kind=kind)
    clerk_role = Role.CHIEF_EXECUTIVE if kind == Council.Kind.PRINCIPAL else Role.PROPER_OFFICER
    return Town(
        council=council,
        clerk=f.make_person(council, clerk_role, name="Casey Clerk"),
        officer=f.make_person(council, Role.STAFF, name="Oli Officer"),
        councillor=f.make_person(council, Role.COUNCILLOR, name="Cora Councillor"),
        chair=f.make_person(council, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Chris Chair"),
        head_of_comms=(
            f.make_person(council, Role.HEAD_OF_COMMUNICATIONS, name="Hana Comms")
            if rulebook == "part5-district"
            else None
        ),
    )


def _draft(person: Person, **kwargs: object) -> PressRelease:
    fields: dict[str, object] = {"title": "New play area opens", "body": "The park reopens."}
    fields.update(kwargs)
    return do_draft_press_release(person, today=TODAY, acting_user=person, **fields)  # type: ignore[arg-type]


def _clauses(release: PressRelease) -> set[str]:
    return {c["clause"] for c in release.decision["citations"]}


def _actions(release: PressRelease) -> list[str]:
    return list(
        AuditEvent.objects.for_council(release.council)
        .filter(object_type="press.pressrelease", object_id=str(release.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# (rulebook, who drafts) -> (outcome, approver role, who approves, exact clauses)
ROUTES = {
    ("grantham", "officer"): (
        "allow",
        "proper_officer",
        "clerk",
        {"Press and media ¶1", "Press and media ¶2", "Press and media ¶5"},
    ),
    ("grantham", "councillor"): (
        "refer",
        "council",
        "clerk",
        {"Press and media ¶1", "Press and media ¶4", "Press and media ¶5"},
    ),
    ("grantham", "chair"): (
        "allow",
        "proper_officer",
        "clerk",
        {"Press and media ¶1", "Press and media ¶4", "Press and media ¶5"},
    ),
    ("west-mersea", "officer"): (
        "allow",
        "proper_officer",
        "clerk",
        {"Press and media ¶1", "Press and media ¶2", "Press and media ¶5"},
    ),
    ("west-mersea", "councillor"): (
        "refer",
        "council",
        "clerk",
        {"Press and media ¶1", "Press and media ¶4", "Press and media ¶5"},
    ),
    ("ludlow", "officer"): ("refer", "proper_officer", "clerk", {"§4.3.2(i)", "§6"}),
    ("ludlow", "councillor"): ("refer", "proper_officer", "clerk", {"§4.3.2(i)", "§6"}),
    ("part5-district", "officer"): ("refer", "head_of_communications", "head_of_comms", {"§9.1"}),
    ("part5-district", "councillor"): (
        "refer",
        "head_of_communications",
        "head_of_comms",
        {"§9.1"},
    ),
    ("acses-town", "officer"): ("allow", "proper_officer", "clerk", {"§11.1", "§11.2"}),
    ("acses-town", "councillor"): ("refer", "proper_officer", "clerk", {"§11.5", "§11.5(c)"}),
    ("acses-town", "chair"): ("refer", "proper_officer", "clerk", {"§11.5", "§11.5(c)"}),
}


@pytest.mark.parametrize(("rulebook", "drafter"), list(ROUTES), ids=lambda v: str(v))
def test_approval_route_end_to_end(db: None, rulebook: str, drafter: str) -> None:
    outcome, role, approver_key, clauses = ROUTES[(rulebook, drafter)]
    town = _town(rulebook)
    author: Person = getattr(town, drafter)
    approver: Person = getattr(town, approver_key)
    release = _draft(author)
    assert release.status == PressRelease.Status.DRAFT
    assert release.drafter_role == {"officer": "officer", "councillor": "councillor"}.get(
        drafter, "council_chair"
    )
    do_submit_press_release(release, today=TODAY, acting_user=author)
    assert release.status == PressRelease.Status.AWAITING_APPROVAL
    assert release.decision["outcome"] == outcome
    assert release.approver_role == role
    assert _clauses(release) == clauses
    assert [p.pk for p in access.approvers_of(release, TODAY)] == [approver.pk]
    # Only the approver may approve; the drafter (unless they are the approver) may not.
    outsider = town.councillor if approver_key != "councillor" else town.officer
    with pytest.raises(PermissionDenied):
        do_approve_press_release(release, today=TODAY, acting_user=outsider)
    # The approver sees the draft; an unrelated member does not.
    assert access.access_press_release_by_id(approver, release.pk, TODAY) == release
    if outsider.pk != author.pk:
        with pytest.raises(Http404):
            access.access_press_release_by_id(outsider, release.pk, TODAY)
    do_approve_press_release(release, reasons="Fine.", today=TODAY, acting_user=approver)
    assert release.status == PressRelease.Status.APPROVED
    assert release.decided_by == approver
    do_publish_press_release(release, today=TODAY, acting_user=author)
    assert release.status == PressRelease.Status.PUBLISHED
    assert release.published_on == TODAY
    # Published: every member and officer of the council sees it.
    assert access.access_press_release_by_id(outsider, release.pk, TODAY) == release
    assert _actions(release) == [
        "press.release_drafted",
        "press.release_submitted",
        "press.release_approved",
        "press.release_published",
    ]
    submitted = AuditEvent.objects.for_council(town.council).get(action="press.release_submitted")
    assert {c["clause"] for c in submitted.citations} == clauses
    assert "to approve" in submitted.details["says"]


def test_part5_falls_back_to_the_chief_executive_when_nobody_is_head_of_communications(
    db: None,
) -> None:
    council = f.make_council("Nocomms District", rulebook="part5-district", kind="principal")
    chief = f.make_person(council, Role.CHIEF_EXECUTIVE, name="Chief")
    officer = f.make_person(council, Role.STAFF)
    release = _draft(officer)
    do_submit_press_release(release, today=TODAY, acting_user=officer)
    assert release.approver_role == "head_of_communications"
    assert access.approvers_of(release, TODAY) == [chief]
    assert access.can_approve(chief, release, TODAY)


# --- the pre-election period ------------------------------------------------------------


def _election(town: Town, notice: datetime.date, polling: datetime.date) -> None:
    do_record_election(
        town.council,
        title="Town council elections",
        notice_of_election=notice,
        polling_day=polling,
        today=TODAY,
        acting_user=town.clerk,
    )


def test_the_period_runs_from_notice_to_polling_day_inclusive(db: None) -> None:
    town = _town("acses-town")
    _election(town, datetime.date(2027, 3, 22), datetime.date(2027, 5, 6))
    assert election_on(town.council, datetime.date(2027, 3, 21)) is None
    assert election_on(town.council, datetime.date(2027, 3, 22)) is not None
    assert election_on(town.council, datetime.date(2027, 5, 6)) is not None
    assert election_on(town.council, datetime.date(2027, 5, 7)) is None


# rulebook -> (a council release by an officer in the period: extra clause and obligation)
PRE_ELECTION = {
    "grantham": ("Press and media ¶6", "pre-election-publicity"),
    "west-mersea": ("Press and media ¶6", "pre-election-publicity"),
    "acses-town": ("§11.1", "publicity-code"),
    "ludlow": (None, None),
    "part5-district": (None, None),
}


@pytest.mark.parametrize("rulebook", list(PRE_ELECTION))
def test_pre_election_flags_as_the_rulebook_says(db: None, rulebook: str) -> None:
    clause, obligation = PRE_ELECTION[rulebook]
    town = _town(rulebook)
    _election(town, TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=30))
    author = town.councillor
    release = _draft(author)
    do_submit_press_release(release, today=TODAY, acting_user=author)
    assert release.pre_election is True
    assert release.election is not None
    obligations = {o["id"] for o in release.decision["obligations"]}
    if clause is None:
        # The protocol sets no pre-election rule: nothing is flagged or blocked.
        assert not {"pre-election-publicity", "publicity-code"} & obligations
        assert release.status == PressRelease.Status.AWAITING_APPROVAL
    else:
        assert clause in _clauses(release)
        assert obligation in obligations
        assert release.status == PressRelease.Status.AWAITING_APPROVAL


@pytest.mark.parametrize(
    ("rulebook", "clauses"),
    [
        ("grantham", {"Press and media ¶1", "Press and media ¶5", "Press and media ¶6"}),
        ("west-mersea", {"Press and media ¶1", "Press and media ¶5", "Press and media ¶6"}),
        ("acses-town", {"§11.1", "§11.2"}),
    ],
)
def test_party_publicity_in_the_period_is_blocked_citing_the_clause(
    db: None, rulebook: str, clauses: set[str]
) -> None:
    town = _town(rulebook)
    _election(town, TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=30))
    release = _draft(town.officer, promotes_party_group=True)
    do_submit_press_release(release, today=TODAY, acting_user=town.officer)
    assert release.status == PressRelease.Status.BLOCKED
    assert _clauses(release) == clauses
    assert release.approver_role == ""
    assert not access.can_approve(town.clerk, release, TODAY)
    with pytest.raises(PermissionDenied):
        do_approve_press_release(release, today=TODAY, acting_user=town.clerk)
    assert _actions(release)[-1] == "press.release_blocked"


def test_a_period_that_begins_before_approval_is_applied_on_the_day(db: None) -> None:
    town = _town("acses-town")
    release = _draft(town.officer, promotes_party_group=False)
    do_submit_press_release(release, today=TODAY, acting_user=town.officer)
    assert release.pre_election is False
    later = TODAY + datetime.timedelta(days=20)
    _election(town, later - datetime.timedelta(days=1), later + datetime.timedelta(days=30))
    do_approve_press_release(release, today=later, acting_user=town.clerk)
    assert release.status == PressRelease.Status.APPROVED
    assert release.pre_election is True
    assert "publicity-code" in {o["id"] for o in release.decision["obligations"]}


def test_only_the_clerk_records_elections_and_polling_day_follows_notice(db: None) -> None:
    town = _town("acses-town")
    with pytest.raises(PermissionDenied):
        do_record_election(
            town.council,
            title="x",
            notice_of_election=TODAY,
            polling_day=TODAY,
            acting_user=town.officer,
        )
    with pytest.raises(ValidationError) as error:
        do_record_election(
            town.council,
            title="Elections",
            notice_of_election=TODAY,
            polling_day=TODAY - datetime.timedelta(days=1),
            acting_user=town.clerk,
        )
    assert "polling_day" in error.value.message_dict


# --- political content ------------------------------------------------------------------


def test_the_keyword_hint_suggests_but_never_decides(db: None) -> None:
    town = _town("acses-town")
    f.make_party_group(town.council, "Hollow Voice")
    assert political_suggestions(town.council, "Vote for Hollow Voice in May") == [
        "hollow voice",
        "vote for",
    ]
    assert political_suggestions(town.council, "The voter roll is open") == []
    release = _draft(town.officer, body="The opposition has blocked the play area.")
    assert release.political_suggestions == ["the opposition"]
    do_submit_press_release(release, today=TODAY, acting_user=town.officer)
    # The drafter did not tick political content: the rulebook allows it, and the
    # approver sees the hint.
    assert release.status == PressRelease.Status.AWAITING_APPROVAL


@pytest.mark.parametrize(
    ("rulebook", "status", "clauses"),
    [
        ("grantham", "blocked", {"Press and media ¶1", "Press and media ¶2", "Press and media ¶5"}),
        ("acses-town", "blocked", {"§11.2"}),
        ("part5-district", "awaiting_approval", {"§9.1"}),
        ("ludlow", "awaiting_approval", {"§4.3.2(i)", "§6"}),
    ],
)
def test_an_officers_political_draft(
    db: None, rulebook: str, status: str, clauses: set[str]
) -> None:
    town = _town(rulebook)
    release = _draft(town.officer, political_content=True)
    do_submit_press_release(release, today=TODAY, acting_user=town.officer)
    assert release.status == status
    assert _clauses(release) == clauses


def test_send_back_edit_and_resubmit(db: None, hollowmere: Hollowmere) -> None:
    h = hollowmere
    release = _draft(h.cllr_ward)
    do_submit_press_release(release, today=TODAY, acting_user=h.cllr_ward)
    with pytest.raises(ValidationError):
        do_return_press_release(release, reasons=" ", today=TODAY, acting_user=h.clerk)
    do_return_press_release(release, reasons="Add the date.", today=TODAY, acting_user=h.clerk)
    assert release.status == PressRelease.Status.RETURNED
    with pytest.raises(PermissionDenied):
        do_edit_press_release(
            release, title="x", body="y", kind="release", acting_user=h.cllr_chair
        )
    do_edit_press_release(
        release,
        title="New play area opens on 1 May",
        body="The park reopens on 1 May.",
        kind="statement",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    do_submit_press_release(release, today=TODAY, acting_user=h.cllr_ward)
    assert release.status == PressRelease.Status.AWAITING_APPROVAL
    assert release.reasons == ""
    assert _actions(release) == [
        "press.release_drafted",
        "press.release_submitted",
        "press.release_returned",
        "press.release_edited",
        "press.release_submitted",
    ]
    assert mail.outbox == [] or all(m.to for m in mail.outbox)


def test_the_monitoring_officer_cannot_draft(db: None, hollowmere: Hollowmere) -> None:
    with pytest.raises(PermissionDenied):
        _draft(hollowmere.monitoring_officer)


# --- spokespeople and media contacts -------------------------------------------------------


def test_register_and_spokesperson_decisions_acses(db: None, hollowmere: Hollowmere) -> None:
    h = hollowmere
    # An officer must be authorised before answering the media (§11.4).
    refused = do_record_media_contact(
        h.officer_junior,
        capacity="council",
        outlet="Hollowmere Gazette",
        topic="Bins",
        today=TODAY,
        acting_user=h.officer_junior,
    )
    assert refused.decision["outcome"] == "refuse"
    assert {c["clause"] for c in refused.decision["citations"]} == {"§11.4"}
    with pytest.raises(PermissionDenied):
        do_appoint_spokesperson(
            h.council,
            person=h.officer_junior,
            basis="authorisation",
            resolution_reference="x",
            resolved_on=TODAY,
            acting_user=h.cllr_chair,
        )
    entry = do_appoint_spokesperson(
        h.council,
        person=h.officer_junior,
        basis=Spokesperson.Basis.AUTHORISATION,
        resolution_reference="TC delegation 4",
        resolved_on=TODAY,
        scope="Waste collection",
        today=TODAY,
        acting_user=h.clerk,
    )
    allowed = do_record_media_contact(
        h.officer_junior,
        capacity="council",
        outlet="Hollowmere Gazette",
        topic="Bins",
        today=TODAY,
        acting_user=h.officer_junior,
    )
    assert allowed.decision["outcome"] == "allow"
    assert {c["clause"] for c in allowed.decision["citations"]} == {"§11.2", "§11.3", "§11.4"}
    do_end_spokesperson(entry, reason="Left the post", today=TODAY, acting_user=h.clerk)
    ended = do_record_media_contact(
        h.officer_junior,
        capacity="council",
        outlet="Hollowmere Gazette",
        topic="Bins",
        today=TODAY,
        acting_user=h.officer_junior,
    )
    assert ended.decision["outcome"] == "refuse"
    assert [
        e.action
        for e in AuditEvent.objects.for_council(h.council)
        .filter(object_type="press.spokesperson")
        .order_by("pk")
    ] == ["press.spokesperson_appointed", "press.spokesperson_ended"]
    # A member for the council needs a resolution; as a ward member they may speak.
    member = do_record_media_contact(
        h.cllr_ward,
        capacity="council",
        outlet="Radio",
        topic="Flooding",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    assert member.decision["outcome"] == "refer"
    assert {c["clause"] for c in member.decision["citations"]} == {"§11.1", "§11.5(c)"}
    own = do_record_media_contact(
        h.cllr_ward,
        capacity="ward_member",
        outlet="Radio",
        topic="Flooding",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    assert own.decision["outcome"] == "allow"
    with pytest.raises(ValidationError):
        do_appoint_spokesperson(
            h.council,
            person=h.officer_junior,
            basis=Spokesperson.Basis.RESOLUTION,
            resolution_reference="FC 1",
            resolved_on=TODAY,
            acting_user=h.clerk,
        )
    do_appoint_spokesperson(
        h.council,
        person=h.cllr_ward,
        resolution_reference="FC 2027/3",
        resolved_on=TODAY,
        today=TODAY,
        acting_user=h.clerk,
    )
    appointed = do_record_media_contact(
        h.cllr_ward,
        capacity="council",
        outlet="Radio",
        topic="Flooding",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    assert appointed.decision["outcome"] == "allow"
    # Someone else's contact is theirs and the Clerk's to see.
    with pytest.raises(Http404):
        access.access_media_contact_by_id(h.cllr_chair, appointed.pk, TODAY)
    assert access.access_media_contact_by_id(h.clerk, appointed.pk, TODAY) == appointed


@pytest.mark.parametrize(
    ("rulebook", "who", "capacity", "outcome", "clauses"),
    [
        ("grantham", "chair", "council", "allow", {"Press and media ¶4"}),
        ("grantham", "councillor", "council", "refuse", {"Press and media ¶4"}),
        ("west-mersea", "officer", "council", "allow", {"Press and media ¶2"}),
        ("ludlow", "councillor", "ward_member", "refer", {"§4.3.2(i)", "§6"}),
        ("part5-district", "councillor", "council", "refer", {"§9.1"}),
        ("acses-town", "councillor", "unstated", "put_right", {"§11.5", "§11.5(a)"}),
    ],
)
def test_spokesperson_decisions_per_rulebook(
    db: None, rulebook: str, who: str, capacity: str, outcome: str, clauses: set[str]
) -> None:
    town = _town(rulebook)
    person: Person = getattr(town, who)
    contact = do_record_media_contact(
        person, capacity=capacity, outlet="Gazette", topic="Roads", today=TODAY, acting_user=person
    )
    assert contact.decision["outcome"] == outcome
    assert {c["clause"] for c in contact.decision["citations"]} == clauses


# --- media interest -------------------------------------------------------------------------


def test_media_interest_tells_ward_members_where_the_rulebook_says(
    db: None, hollowmere: Hollowmere
) -> None:
    h = hollowmere
    mail.outbox.clear()
    record = do_record_media_interest(
        h.officer_junior,
        matter="Flooding on Brook Lane",
        outlet="Hollowmere Gazette",
        ward=h.brookside,
        today=TODAY,
        acting_user=h.officer_junior,
    )
    told = set(record.members_told.all())
    assert told == {h.cllr_ward, h.cllr_chair}
    assert {c["clause"] for c in record.decision["citations"]} == {"§9.1", "§11.3"}
    event = AuditEvent.objects.for_council(h.council).get(action="press.media_interest_recorded")
    assert set(event.details["told"]) == {h.cllr_ward.pk, h.cllr_chair.pk}
    # Members told may see it; the Monitoring Officer (not an officer of the council) may not.
    assert access.access_media_interest_by_id(h.cllr_ward, record.pk, TODAY) == record
    with pytest.raises(Http404):
        access.access_media_interest_by_id(h.monitoring_officer, record.pk, TODAY)
    with pytest.raises(PermissionDenied):
        do_record_media_interest(h.cllr_ward, matter="x", today=TODAY, acting_user=h.cllr_ward)


def test_media_interest_where_the_protocol_is_silent_tells_only_whom_the_officer_chooses(
    db: None,
) -> None:
    town = _town("grantham")
    record = do_record_media_interest(
        town.officer,
        matter="Market",
        also_tell=[town.councillor],
        today=TODAY,
        acting_user=town.officer,
    )
    assert record.decision == {}
    assert list(record.members_told.all()) == [town.councillor]
