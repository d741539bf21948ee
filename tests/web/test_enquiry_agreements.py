"""The Clerk's agreements for direct contact with an officer, and enquiries made under them.

The national model (grantham, west-mersea: Some general principles ¶2) sends
members' approaches to the Clerk unless the Clerk has agreed direct contact
with another officer on a matter; acses-town (§4.6) sends requests to the Town
Clerk in the first instance, and enquiry.information-direct-agreed lets them
go direct once the Town Clerk has agreed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.audit.recording import UnauditedWriteError
from propriety.enquiries.actions import EnquiryRefused, do_submit_enquiry
from propriety.enquiries.agreements import (
    agreement_citations,
    do_end_direct_contact_agreement,
    do_record_direct_contact_agreement,
)
from propriety.enquiries.models import DirectContactAgreement, Enquiry
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

TODAY = datetime.date(2026, 11, 23)  # a Monday
GENERAL_PRINCIPLES = "Some general principles ¶2"


@dataclass
class Town:
    council: Any
    clerk: Person
    member: Person
    other_member: Person
    officer: Person


def make_town(rulebook: str, slug: str | None = None) -> Town:
    council = f.make_council(
        f"{rulebook.title()} Town Council", rulebook=rulebook, slug=slug or rulebook
    )
    return Town(
        council=council,
        clerk=f.make_person(council, Role.PROPER_OFFICER, name=f"{rulebook} Clerk"),
        member=f.make_person(council, Role.COUNCILLOR, name=f"{rulebook} Member"),
        other_member=f.make_person(council, Role.COUNCILLOR, name=f"{rulebook} Other"),
        officer=f.make_person(council, Role.STAFF, name=f"{rulebook} Officer"),
    )


@pytest.fixture
def grantham(db: None) -> Town:
    return make_town("grantham")


def _agree(
    town_clerk: Person,
    officer: Person,
    *,
    member: Person | None = None,
    starts_on: datetime.date = TODAY,
    ends_on: datetime.date | None = None,
    today: datetime.date = TODAY,
) -> DirectContactAgreement:
    return do_record_direct_contact_agreement(
        officer=officer,
        matter="Allotment lettings",
        member=member,
        starts_on=starts_on,
        ends_on=ends_on,
        today=today,
        acting_user=town_clerk,
    )


def _ask(
    member: Person,
    *,
    agreement: DirectContactAgreement | None = None,
    addressed_to: str = "other_officer",
    kind: str = "information",
    today: datetime.date = TODAY,
    **extra: Any,
) -> Enquiry:
    return do_submit_enquiry(
        member,
        subject="Plot 12",
        body="Who has the tenancy of plot 12?",
        kind=kind,
        addressed_to=addressed_to,
        agreement=agreement,
        today=today,
        acting_user=member,
        **extra,
    )


def _clauses(enquiry: Enquiry) -> set[str]:
    return {c["clause"] for c in enquiry.route["citations"]}


def _provisions(enquiry: Enquiry) -> set[str]:
    return {c["provision"] for c in enquiry.route["citations"]}


# --- grantham (the national model) -------------------------------------------------------


def test_grantham_without_an_agreement_another_officer_is_refused(grantham: Town) -> None:
    with pytest.raises(EnquiryRefused) as refused:
        _ask(grantham.member, addressed_officer=grantham.officer)
    assert refused.value.decision.outcome == "refuse"
    assert GENERAL_PRINCIPLES in refused.value.decision.clauses
    assert "Clerk" in refused.value.proper_route
    assert not Enquiry.objects.for_council(grantham.council).exists()


def test_grantham_without_an_agreement_the_clerk_has_it(grantham: Town) -> None:
    enquiry = _ask(grantham.member, addressed_to="proper_officer")
    assert enquiry.status == Enquiry.Status.WITH_CLERK
    assert enquiry.officer is None
    assert enquiry.handler_role == "proper_officer"
    assert enquiry.agreement is None


def test_grantham_with_a_current_agreement_goes_straight_to_its_officer(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer, member=grantham.member)
    enquiry = _ask(grantham.member, agreement=agreement)
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.officer == grantham.officer
    assert enquiry.addressed_officer == grantham.officer
    assert enquiry.handler_role == "officer"
    assert enquiry.agreement == agreement
    assert enquiry.route["outcome"] == "allow"
    assert GENERAL_PRINCIPLES in _clauses(enquiry)
    assert "enquiry.request-direct-agreed" in _provisions(enquiry)
    event = AuditEvent.unscoped.filter(action="enquiry.submitted", object_id=str(enquiry.pk)).get()
    assert GENERAL_PRINCIPLES in {c["clause"] for c in event.citations}
    assert event.details["agreement"] == agreement.pk
    assert f"under the Clerk’s agreement {agreement.reference}" in event.details["says"]
    assert f"straight to {grantham.officer.full_name}" in event.details["says"]


def test_an_agreement_for_every_member_serves_each_of_them(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer)
    for member in (grantham.member, grantham.other_member):
        assert _ask(member, agreement=agreement).officer == grantham.officer


def test_an_ended_agreement_is_refused(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer, member=grantham.member)
    do_end_direct_contact_agreement(agreement, today=TODAY, acting_user=grantham.clerk)
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=agreement)
    assert "ended it on 23 November 2026" in error.value.message_dict["agreement"][0]
    assert not Enquiry.objects.for_council(grantham.council).exists()


def test_an_agreement_ended_later_still_served_before(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer, member=grantham.member)
    before = _ask(grantham.member, agreement=agreement)
    do_end_direct_contact_agreement(
        agreement, today=TODAY + datetime.timedelta(days=3), acting_user=grantham.clerk
    )
    before.refresh_from_db()
    assert before.officer == grantham.officer
    with pytest.raises(ValidationError):
        _ask(grantham.member, agreement=agreement, today=TODAY + datetime.timedelta(days=3))


def test_an_expired_or_future_agreement_is_refused(grantham: Town) -> None:
    expired = _agree(
        grantham.clerk,
        grantham.officer,
        starts_on=TODAY - datetime.timedelta(days=30),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    future = _agree(grantham.clerk, grantham.officer, starts_on=TODAY + datetime.timedelta(days=7))
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=expired)
    assert "ran until 22 November 2026" in error.value.message_dict["agreement"][0]
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=future)
    assert "starts on 30 November 2026" in error.value.message_dict["agreement"][0]
    # The last day is still in force.
    assert _ask(grantham.member, agreement=expired, today=TODAY - datetime.timedelta(days=1))


def test_another_members_agreement_is_refused(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer, member=grantham.other_member)
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=agreement)
    assert error.value.message_dict["agreement"] == ["That agreement is for another member."]


def test_another_councils_agreement_is_refused(grantham: Town) -> None:
    west = make_town("west-mersea")
    agreement = _agree(west.clerk, west.officer)
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=agreement)
    assert error.value.message_dict["agreement"] == ["Choose an agreement of your council."]


def test_an_agreement_is_for_writing_to_its_officer(grantham: Town) -> None:
    agreement = _agree(grantham.clerk, grantham.officer)
    someone_else = f.make_person(grantham.council, Role.STAFF, name="Someone Else")
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=agreement, addressed_to="proper_officer")
    assert "addressed_to" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _ask(grantham.member, agreement=agreement, addressed_officer=someone_else)
    assert "addressed_officer" in error.value.message_dict


def test_an_instruction_is_not_made_direct_by_an_agreement(grantham: Town) -> None:
    # The agreement covers approaches, not instructions: the national model still sends
    # an instruction to another officer to the Clerk, and the timeline says so.
    agreement = _agree(grantham.clerk, grantham.officer)
    enquiry = _ask(grantham.member, agreement=agreement, kind="instruction")
    assert enquiry.officer is None
    assert enquiry.status == Enquiry.Status.WITH_CLERK
    event = AuditEvent.unscoped.filter(action="enquiry.submitted", object_id=str(enquiry.pk)).get()
    assert "all the same" in event.details["says"]


def test_west_mersea_works_the_same(db: None) -> None:
    town = make_town("west-mersea")
    with pytest.raises(EnquiryRefused):
        _ask(town.member)
    agreement = _agree(town.clerk, town.officer, member=town.member)
    enquiry = _ask(town.member, agreement=agreement)
    assert enquiry.officer == town.officer
    assert GENERAL_PRINCIPLES in _clauses(enquiry)


# --- acses-town (§4.6) -------------------------------------------------------------------


def test_acses_town_without_an_agreement_goes_to_the_town_clerk(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = _ask(h.cllr_ward, addressed_officer=h.officer_junior)
    assert enquiry.status == Enquiry.Status.WITH_CLERK
    assert enquiry.officer is None
    assert enquiry.handler_role == "proper_officer"
    assert enquiry.route["outcome"] == "refer"
    assert "§4.6" in _clauses(enquiry)


def test_acses_town_with_an_agreement_goes_direct_citing_4_6(hollowmere: Hollowmere) -> None:
    h = hollowmere
    agreement = _agree(h.clerk, h.officer_junior, member=h.cllr_ward)
    enquiry = _ask(h.cllr_ward, agreement=agreement)
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.officer == h.officer_junior
    assert enquiry.route["outcome"] == "allow"
    assert "§4.6" in _clauses(enquiry)
    assert "enquiry.information-direct-agreed" in _provisions(enquiry)
    # A written report on the matter may go direct too (§4.6), not only information.
    report = _ask(h.cllr_ward, agreement=agreement, kind="report")
    assert report.officer == h.officer_junior


def test_acses_town_ended_and_other_members_agreements_are_refused(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    chairs = _agree(h.clerk, h.officer_junior, member=h.cllr_chair)
    with pytest.raises(ValidationError):
        _ask(h.cllr_ward, agreement=chairs)
    wards = _agree(h.clerk, h.officer_junior, member=h.cllr_ward)
    do_end_direct_contact_agreement(wards, today=TODAY, acting_user=h.clerk)
    with pytest.raises(ValidationError):
        _ask(h.cllr_ward, agreement=wards)


# --- recording and ending: the Clerk only, audited with the clauses -------------------------


def test_the_clauses_are_the_rulebooks_provisions_on_direct_contact(db: None) -> None:
    assert [c.clause for c in agreement_citations(make_town("grantham").council, TODAY)] == [
        GENERAL_PRINCIPLES
    ]
    assert [c.clause for c in agreement_citations(make_town("acses-town").council, TODAY)] == [
        "§4.6"
    ]


@pytest.mark.parametrize("who", ["cllr_chair", "cllr_ward", "officer_junior", "monitoring_officer"])
def test_only_the_clerk_records_an_agreement(hollowmere: Hollowmere, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _agree(getattr(hollowmere, who), hollowmere.officer_junior)
    assert not DirectContactAgreement.objects.for_council(hollowmere.council).exists()


@pytest.mark.parametrize("who", ["cllr_chair", "cllr_ward", "officer_junior", "monitoring_officer"])
def test_only_the_clerk_ends_an_agreement(hollowmere: Hollowmere, who: str) -> None:
    agreement = _agree(hollowmere.clerk, hollowmere.officer_junior)
    with pytest.raises(PermissionDenied):
        do_end_direct_contact_agreement(
            agreement, today=TODAY, acting_user=getattr(hollowmere, who)
        )
    agreement.refresh_from_db()
    assert agreement.ended_on is None


def test_recording_and_ending_are_audited_with_the_clauses(hollowmere: Hollowmere) -> None:
    h = hollowmere
    agreement = _agree(h.clerk, h.officer_junior, member=h.cllr_ward)
    recorded = AuditEvent.unscoped.filter(action="enquiry.agreement_recorded").get()
    assert recorded.citations == [{"rulebook": "acses-town", "clause": "§4.6"}]
    assert recorded.actor_id == h.clerk.pk
    assert (
        "Wendy Ward may contact Jo Junior direct about “Allotment lettings”"
        in (recorded.details["says"])
    )
    do_end_direct_contact_agreement(agreement, today=TODAY, acting_user=h.clerk)
    ended = AuditEvent.unscoped.filter(action="enquiry.agreement_ended").get()
    assert ended.citations == [{"rulebook": "acses-town", "clause": "§4.6"}]
    assert agreement.ended_on == TODAY
    with pytest.raises(ValidationError):
        do_end_direct_contact_agreement(agreement, today=TODAY, acting_user=h.clerk)


def test_recording_checks_its_input(hollowmere: Hollowmere, fernley: Any) -> None:
    h = hollowmere
    stranger = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    with pytest.raises(ValidationError) as error:
        do_record_direct_contact_agreement(
            officer=stranger,
            matter="",
            member=h.officer_junior,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
            today=TODAY,
            acting_user=h.clerk,
        )
    assert set(error.value.message_dict) == {"officer", "matter", "member", "ends_on"}
    with pytest.raises(ValidationError) as error:
        _agree(h.clerk, h.clerk)
    assert "choose another officer" in error.value.message_dict["officer"][0]


def test_a_rulebook_without_direct_contact_gets_no_agreements(db: None) -> None:
    # Ludlow's enquiry routes never turn on the fact, so an agreement would change nothing.
    town = make_town("ludlow")
    assert agreement_citations(town.council, TODAY) == []
    with pytest.raises(ValidationError) as error:
        _agree(town.clerk, town.officer)
    assert "would change nothing" in error.value.messages[0]


def test_a_bare_save_is_refused(hollowmere: Hollowmere) -> None:
    agreement = _agree(hollowmere.clerk, hollowmere.officer_junior)
    agreement.matter = "Changed"
    with pytest.raises(UnauditedWriteError):
        agreement.save()


# --- pages ------------------------------------------------------------------------------


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_clerk_records_and_ends_an_agreement_on_the_page(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = _client(h.clerk)
    page = client.get(reverse("enquiries:agreements"))
    assert page.status_code == 200
    assert b"Record an agreement" in page.content
    assert "§4.6".encode() in page.content
    today = timezone.localdate()
    response = client.post(
        reverse("enquiries:agreements"),
        {
            "officer": h.officer_junior.pk,
            "matter": "Allotment lettings",
            "member": "",
            "starts_on": today.isoformat(),
            "ends_on": "",
        },
    )
    assert response.status_code == 302
    agreement = DirectContactAgreement.objects.for_council(h.council).get()
    assert agreement.member is None and agreement.officer == h.officer_junior
    page = client.get(reverse("enquiries:agreements"))
    assert b"Every member" in page.content
    assert reverse("enquiries:agreement_end", args=[agreement.pk]).encode() in page.content
    client.post(reverse("enquiries:agreement_end", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.ended_on == today


def test_the_agreement_form_shows_its_errors(hollowmere: Hollowmere) -> None:
    response = _client(hollowmere.clerk).post(
        reverse("enquiries:agreements"), {"starts_on": "not a date"}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Choose the officer members may contact direct." in response.content
    assert b"Enter a real date" in response.content


def test_members_see_only_the_agreements_for_them(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    _agree(h.clerk, h.officer_junior, member=h.cllr_ward, starts_on=today, today=today)
    ward_page = _client(h.cllr_ward).get(reverse("enquiries:agreements"))
    chair_page = _client(h.cllr_chair).get(reverse("enquiries:agreements"))
    assert b"Allotment lettings" in ward_page.content
    assert b"Record an agreement" not in ward_page.content
    assert b"Allotment lettings" not in chair_page.content
    assert b"No agreements apply to you." in chair_page.content
    officer_page = _client(h.officer_junior).get(reverse("enquiries:agreements"))
    assert b"Allotment lettings" in officer_page.content


def test_a_member_makes_an_enquiry_under_an_agreement_on_the_page(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()
    agreement = _agree(h.clerk, h.officer_junior, member=h.cllr_ward, starts_on=today, today=today)
    client = _client(h.cllr_ward)
    form = client.get(reverse("enquiries:new"))
    assert b"Use an agreement for direct contact" in form.content
    assert f"Jo Junior: Allotment lettings ({agreement.reference})".encode() in form.content
    # The chair has no agreement: no such choice.
    assert b"Use an agreement" not in _client(h.cllr_chair).get(reverse("enquiries:new")).content
    response = client.post(
        reverse("enquiries:new"),
        {
            "subject": "Plot 12",
            "body": "Who has plot 12?",
            "kind": "information",
            "addressed_to": "other_officer",
            "addressed_officer": "",
            "agreement": agreement.pk,
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.for_council(h.council).get()
    assert enquiry.agreement == agreement and enquiry.officer == h.officer_junior
    detail = client.get(reverse("enquiries:detail", args=[enquiry.pk]))
    assert f"Sent under the Clerk’s agreement {agreement.reference}".encode() in detail.content
    assert "under the Clerk’s agreement".encode() in detail.content


def test_the_page_refuses_the_agreement_with_an_error(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    agreement = _agree(h.clerk, h.officer_junior, member=h.cllr_ward, starts_on=today, today=today)
    response = _client(h.cllr_ward).post(
        reverse("enquiries:new"),
        {
            "subject": "Plot 12",
            "body": "Who has plot 12?",
            "kind": "information",
            "addressed_to": "proper_officer",
            "agreement": agreement.pk,
        },
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"An agreement is for writing direct to Jo Junior" in response.content
    assert not Enquiry.objects.for_council(h.council).exists()


# --- the API ----------------------------------------------------------------------------


def _api(person: Person) -> dict[str, str]:
    _, key = do_create_api_token(person, name="test", acting_user=person)
    return {"authorization": f"Bearer {key}"}


def _post(path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(
        path, data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_the_api_records_lists_and_ends_agreements(hollowmere: Hollowmere) -> None:
    h = hollowmere
    clerk = _api(h.clerk)
    created = _post(
        "/api/v1/enquiry-agreements",
        {
            "officer_id": h.officer_junior.pk,
            "matter": "Allotment lettings",
            "member_id": h.cllr_ward.pk,
        },
        clerk,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "Current" and body["current"] is True
    assert [c["clause"] for c in body["citations"]] == ["§4.6"]
    assert body["you_may"] == ["end"]
    assert body["timeline"][0]["clauses"] == ["§4.6"]
    ward = _api(h.cllr_ward)
    listed = Client().get("/api/v1/enquiry-agreements", headers=ward).json()["items"]
    assert [a["id"] for a in listed] == [body["id"]]
    assert listed[0]["you_may"] == ["use"]
    assert (
        Client().get("/api/v1/enquiry-agreements", headers=_api(h.cllr_chair)).json()["items"] == []
    )
    assert (
        _post(
            "/api/v1/enquiry-agreements", {"officer_id": h.officer_junior.pk, "matter": "x"}, ward
        ).status_code
        == 403
    )
    ended = _post(f"/api/v1/enquiry-agreements/{body['id']}/end", {}, clerk)
    assert ended.status_code == 200
    assert ended.json()["state"] == "Ended"


def test_the_api_makes_an_enquiry_under_an_agreement(hollowmere: Hollowmere, fernley: Any) -> None:
    h = hollowmere
    today = timezone.localdate()
    agreement = _agree(h.clerk, h.officer_junior, member=h.cllr_ward, starts_on=today, today=today)
    ward = _api(h.cllr_ward)
    payload = {
        "subject": "Plot 12",
        "body": "Who has plot 12?",
        "kind": "information",
        "addressed_to": "other_officer",
        "agreement_id": agreement.pk,
    }
    response = _post("/api/v1/enquiries", payload, ward)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["agreement"]["reference"] == agreement.reference
    assert body["officer"]["id"] == h.officer_junior.pk
    assert "§4.6" in {c["clause"] for c in body["route"]["citations"]}
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    theirs = _agree(f_clerk, f_officer, starts_on=today, today=today)
    refused = _post("/api/v1/enquiries", {**payload, "agreement_id": theirs.pk}, ward)
    assert refused.status_code == 422
    assert "agreement_id" in refused.json()["errors"]


# --- the demo ---------------------------------------------------------------------------


def test_the_demo_has_an_agreement_and_an_enquiry_made_under_it(db: None) -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    agreement = DirectContactAgreement.objects.for_council(council).get()
    assert agreement.is_current(timezone.localdate())
    enquiry = Enquiry.objects.for_council(council).get(agreement=agreement)
    assert enquiry.officer == agreement.officer
    assert "§4.6" in _clauses(enquiry)
    load_demo()
    assert DirectContactAgreement.objects.for_council(council).count() == 1
