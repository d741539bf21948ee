"""Correspondence actions and audit events: the footer fix, recording as sent, changing a
draft, .eml parsing and uploading, and asking to see another member's correspondence
through the documents access-request flow."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.correspondence import access
from propriety.correspondence.actions import (
    do_apply_footer_fix,
    do_check_correspondence,
    do_draft_correspondence,
    do_edit_correspondence,
    do_record_sent,
    do_upload_correspondence,
    footer_fix_of,
)
from propriety.correspondence.check import Addressee
from propriety.correspondence.eml import MAX_EML_BYTES, EmlError, parse_eml
from propriety.correspondence.models import Correspondence
from propriety.documents.models import AccessRequest
from propriety.documents.requests import (
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
)
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_correspondence_check import World, world

DAY = datetime.date(2027, 1, 12)


def to(person: Any, line: str = "to") -> Addressee:
    return Addressee(line, person.full_name, "", "", person)


def events(council: Any, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_council(council).filter(action=action).order_by("pk"))


# --- the footer fix (national model) ---------------------------------------------------


def test_footer_fix_adds_the_line_and_rechecks(db: None) -> None:
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
    assert [p["id"] for p in letter.problems] == ["corr.cc-footer-missing"]
    corrected = footer_fix_of(letter, DAY)
    assert corrected == "Dear Cllr Green,\n\nHere is the report.\n\nCC councillor Jo Black"
    with pytest.raises(PermissionDenied):
        do_apply_footer_fix(letter, today=DAY, acting_user=w.green)
    do_apply_footer_fix(letter, today=DAY, acting_user=w.clerk)
    letter.refresh_from_db()
    assert letter.body == corrected
    assert letter.problems == []
    assert letter.check_result["outcome"] == "allow"
    (event,) = events(w.council, "correspondence.footer_fixed")
    assert event.details["added"] == "CC councillor Jo Black"
    assert [c["clause"] for c in event.citations] == ["Correspondence ¶1"]
    assert footer_fix_of(letter, DAY) is None
    with pytest.raises(ValidationError):
        do_apply_footer_fix(letter, today=DAY, acting_user=w.clerk)


# --- recording as sent -----------------------------------------------------------------


def test_sent_with_problems_needs_each_acknowledged(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Budget",
        body="Dear Cllr Green",
        recipients=[to(w.green), to(w.black, "bcc")],
        today=DAY,
        acting_user=w.clerk,
    )
    ids = ["corr.copied-without-consent", "corr.blind-copy"]
    with pytest.raises(ValidationError) as exc:
        do_record_sent(letter, acknowledge=ids[:1], today=DAY, acting_user=w.clerk)
    assert "acknowledge" in exc.value.message_dict
    assert "§12.1" in exc.value.message_dict["acknowledge"][0]
    letter.refresh_from_db()
    assert letter.status == Correspondence.Status.DRAFT
    with pytest.raises(PermissionDenied):
        do_record_sent(letter, acknowledge=ids, today=DAY, acting_user=w.green)
    do_record_sent(letter, acknowledge=ids, today=DAY, acting_user=w.clerk)
    letter.refresh_from_db()
    assert letter.status == Correspondence.Status.SENT
    assert letter.sent_on == DAY
    assert letter.acknowledged_problems == ids
    assert letter.check_result["outcome"] == "refuse"
    (event,) = events(w.council, "correspondence.sent")
    assert "acknowledging each problem" in event.details["says"]
    assert {c["clause"] for c in event.citations} == {"§12.1"}
    # Once sent it is no longer a draft: nobody changes or re-checks it.
    with pytest.raises(PermissionDenied):
        do_check_correspondence(letter, today=DAY, acting_user=w.clerk)


def test_clean_letter_is_sent_without_acknowledgement(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Hello",
        body="Dear Cllr Green",
        recipients=[to(w.green)],
        today=DAY,
        acting_user=w.clerk,
    )
    with pytest.raises(ValidationError):
        do_record_sent(
            letter, sent_on=DAY + datetime.timedelta(days=1), today=DAY, acting_user=w.clerk
        )
    do_record_sent(letter, sent_on=DAY - datetime.timedelta(days=2), today=DAY, acting_user=w.clerk)
    assert letter.sent_on == datetime.date(2027, 1, 10)
    assert letter.acknowledged_problems == []


# --- drafting and changing -------------------------------------------------------------


def test_officer_may_draft_for_a_member_but_a_member_not_for_another(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk,
        sender=w.green,
        subject="Ward",
        body="Dear resident",
        recipients=[Addressee("to", "Sam Resident", "member_of_public", "sam@example.com")],
        today=DAY,
        acting_user=w.clerk,
    )
    assert letter.sender == w.green and letter.drafted_by == w.clerk
    assert letter.signatory_capacity == "councillor"
    with pytest.raises(ValidationError) as exc:
        do_draft_correspondence(
            w.green,
            sender=w.black,
            subject="x",
            body="y",
            recipients=[to(w.clerk)],
            today=DAY,
            acting_user=w.green,
        )
    assert "sender" in exc.value.message_dict


def test_draft_validation(db: None) -> None:
    w = world("acses-town")

    def bad(**kw: Any) -> dict[str, list[str]]:
        values: dict[str, Any] = {"subject": "S", "body": "B", "recipients": [to(w.green)], **kw}
        with pytest.raises(ValidationError) as exc:
            do_draft_correspondence(w.clerk, today=DAY, acting_user=w.clerk, **values)
        return exc.value.message_dict

    assert "subject" in bad(subject=" ")
    assert "body" in bad(body="")
    assert "recipients" in bad(recipients=[to(w.green, "cc")])
    assert "recipients" in bad(recipients=[Addressee("to", "Sam", "friend")])
    assert "recipients" in bad(recipients=[Addressee("to", " ", "complainant")])
    assert "signatory_capacity" in bad(signatory_capacity="king")
    other = f.make_council("Elsewhere Council", slug="elsewhere")
    stranger = f.make_person(other, Role.COUNCILLOR)
    assert "recipients" in bad(recipients=[to(stranger)])
    assert not Correspondence.objects.for_council(w.council).exists()
    mo = f.make_person(w.council, Role.MONITORING_OFFICER)
    with pytest.raises(PermissionDenied):
        do_draft_correspondence(
            mo, subject="S", body="B", recipients=[to(w.green)], today=DAY, acting_user=mo
        )


def test_edit_rechecks_and_replaces_recipients(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Hello",
        body="Dear Cllr Green",
        recipients=[to(w.green), to(w.black, "bcc")],
        today=DAY,
        acting_user=w.clerk,
    )
    assert len(letter.problems) == 2
    with pytest.raises(PermissionDenied):
        do_edit_correspondence(
            letter, subject="x", body="y", recipients=[to(w.green)], today=DAY, acting_user=w.green
        )
    do_edit_correspondence(
        letter,
        subject="Hello again",
        body="Dear Cllr Green",
        recipients=[to(w.green)],
        today=DAY,
        acting_user=w.clerk,
    )
    letter.refresh_from_db()
    assert letter.problems == []
    assert [(r.line, r.name) for r in letter.recipients.all()] == [("to", "Alex Green")]
    (event,) = events(w.council, "correspondence.edited")
    assert event.details["problems"] == []


def test_writes_outside_an_action_are_refused(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk, subject="Hello", body="B", recipients=[to(w.green)], today=DAY, acting_user=w.clerk
    )
    from propriety.audit.recording import UnauditedWriteError

    letter.subject = "Changed"
    with pytest.raises(UnauditedWriteError):
        letter.save()


# --- access ---------------------------------------------------------------------------


def test_who_sees_correspondence(hollowmere: Hollowmere) -> None:
    h = hollowmere
    letter = do_draft_correspondence(
        h.officer_junior,
        subject="Lights",
        body="Dear Cllr",
        recipients=[to(h.cllr_ward), to(h.cllr_chair, "bcc")],
        today=DAY,
        acting_user=h.officer_junior,
    )
    for person in (h.officer_junior, h.cllr_ward, h.cllr_chair, h.clerk):
        assert access.access_correspondence_by_id(person, letter.pk) == letter
    with pytest.raises(Http404):
        access.access_correspondence_by_id(h.monitoring_officer, letter.pk)
    with pytest.raises(Http404):
        access.access_correspondence_by_id(h.clerk, 999_999)


# --- .eml ------------------------------------------------------------------------------

GOOD = (
    b"From: Clara Clerk <clerk@hollowmere.example>\r\n"
    b"To: Wendy Ward <WARD@hollowmere.example>\r\n"
    b"Cc: Sam Resident <sam@example.com>\r\n"
    b"Bcc: chair@hollowmere.example\r\n"
    b"Subject: Brookside footpath\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Dear Cllr Ward,\r\n\r\nThe footpath will be cleared.\r\n"
)
HTML_ONLY = (
    b"From: clerk@hollowmere.example\r\nTo: ward@hollowmere.example\r\nSubject: Hi\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b"<html><head><style>p{}</style></head><body><p>Dear Cllr Ward,</p>"
    b"<p>The path&nbsp;is clear.<br>CC councillor Charles Chair</p></body></html>"
)


def test_parse_good_email() -> None:
    parsed = parse_eml(GOOD, "reply.eml")
    assert parsed.sender.email == "clerk@hollowmere.example"
    assert [a.email for a in parsed.to] == ["ward@hollowmere.example"]
    assert [a.name for a in parsed.cc] == ["Sam Resident"]
    assert [a.email for a in parsed.bcc] == ["chair@hollowmere.example"]
    assert parsed.subject == "Brookside footpath"
    assert parsed.body == "Dear Cllr Ward,\n\nThe footpath will be cleared."


def test_parse_html_only_email() -> None:
    parsed = parse_eml(HTML_ONLY)
    assert parsed.body == "Dear Cllr Ward,\n\nThe path is clear.\nCC councillor Charles Chair"
    assert "p{}" not in parsed.body


def test_parse_multipart_prefers_plain_text() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "clerk@hollowmere.example"
    message["To"] = "ward@hollowmere.example"
    message["Subject"] = "Both"
    message.set_content("Plain words")
    message.add_alternative("<p>HTML words</p>", subtype="html")
    assert parse_eml(message.as_bytes()).body == "Plain words"


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (GOOD, "reply.txt", "saved as .eml"),
        (b"", "x.eml", "empty"),
        (b"x" * (MAX_EML_BYTES + 1), "x.eml", "larger than 2 MB"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.eml", "not an email"),
        (b"just some words\nand more words\n", "x.eml", "no headers"),
        (b"To: ward@hollowmere.example\r\nSubject: x\r\n\r\nHello", "x.eml", "no From line"),
        (b"From: nobody\r\nSubject: x\r\n\r\nHello", "x.eml", "no From line"),
        (b"From: clerk@hollowmere.example\r\nSubject: x\r\n\r\n   \r\n", "x.eml", "no text"),
    ],
)
def test_malformed_email_is_refused(data: bytes, name: str, says: str) -> None:
    with pytest.raises(EmlError) as exc:
        parse_eml(data, name)
    assert says in str(exc.value)


def test_upload_matches_people_and_keeps_strangers_as_outside(hollowmere: Hollowmere) -> None:
    h = hollowmere
    letter = do_upload_correspondence(h.clerk, parse_eml(GOOD), today=DAY, acting_user=h.clerk)
    assert letter.source == Correspondence.Source.EML
    assert letter.sender == h.clerk
    rows = [(r.line, r.person, r.kind, r.email) for r in letter.recipients.all()]
    assert rows == [
        ("to", h.cllr_ward, "councillor", "ward@hollowmere.example"),
        ("cc", None, "other", "sam@example.com"),
        ("bcc", h.cllr_chair, "councillor", "chair@hollowmere.example"),
    ]
    assert {p["id"] for p in letter.problems} == {"corr.copied-without-consent", "corr.blind-copy"}
    (event,) = events(h.council, "correspondence.drafted")
    assert "uploaded the email" in event.details["says"]


def test_upload_from_a_stranger_stores_nothing(hollowmere: Hollowmere) -> None:
    h = hollowmere
    stranger = GOOD.replace(b"clerk@hollowmere.example", b"someone@example.org")
    with pytest.raises(ValidationError) as exc:
        do_upload_correspondence(h.clerk, parse_eml(stranger), today=DAY, acting_user=h.clerk)
    assert "someone@example.org" in exc.value.message_dict["eml"][0]
    assert not Correspondence.objects.for_council(h.council).exists()


# --- asking to see another member's correspondence ---------------------------------------


def _sent(w: World) -> Correspondence:
    letter = do_draft_correspondence(
        w.green,
        subject="My ward",
        body="Dear Clerk, about the park.",
        recipients=[to(w.clerk)],
        today=DAY,
        acting_user=w.green,
    )
    return do_record_sent(letter, today=DAY, acting_user=w.green)


def test_part5_district_opens_correspondence_on_need_to_know(db: None) -> None:
    w = world("part5-district")
    manager = f.make_person(w.council, Role.LINE_MANAGER, name="Sam Manager")
    letter = _sent(w)
    with pytest.raises(Http404):
        access.access_correspondence_by_id(w.black, letter.pk)
    assert access.access_correspondence_to_ask(w.black, letter.pk) == letter
    request = do_request_access(
        w.black,
        letter,
        purpose="The park is in my ward too",
        justification="Residents have asked me about the same park.",
        today=DAY,
        acting_user=w.black,
    )
    assert request.correspondence == letter and request.document is None
    assert request.status == AccessRequest.Status.AWAITING_DECISION
    assert request.decider == manager
    assert request.recommendation["recommendation"] == "allow"
    clauses = [c["clause"] for c in request.recommendation["citations"]]
    assert clauses[0] == "§10.1" and "§7.4" in clauses
    event = AuditEvent.objects.for_council(w.council).get(action="access_request.made")
    assert event.details["correspondence"] == letter.pk
    assert "§10.1" in {c["clause"] for c in event.citations}
    do_determine_access_request(
        request, release=True, reasons="Same park, same residents.", today=DAY, acting_user=manager
    )
    assert access.access_correspondence_by_id(w.black, letter.pk) == letter


def test_acses_town_refuses_without_the_authors_consent(db: None) -> None:
    w = world("acses-town")
    letter = _sent(w)
    request = do_request_access(
        w.black,
        letter,
        purpose="Curious",
        justification="I want to know",
        today=DAY,
        acting_user=w.black,
    )
    assert request.status == AccessRequest.Status.REFUSED
    assert [c["clause"] for c in request.recommendation["citations"]] == ["§12.1"]
    assert "unless its author states or agrees" in request.reasons
    with pytest.raises(Http404):
        access.access_correspondence_by_id(w.black, letter.pk)
    dispute = do_raise_dispute(request, grounds="I need it", today=DAY, acting_user=w.black)
    assert dispute.handler_role == "proper_officer"
    assert {c["clause"] for c in dispute.route["citations"]} == {"§12.1", "§15.1"}


def test_acses_town_releases_with_the_authors_consent(db: None) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.green,
        subject="Share",
        body="Dear Clerk",
        recipients=[to(w.clerk)],
        flags={"author_consents_to_copy": True},
        today=DAY,
        acting_user=w.green,
    )
    do_record_sent(letter, today=DAY, acting_user=w.green)
    request = do_request_access(
        w.black, letter, purpose="Ward work", today=DAY, acting_user=w.black
    )
    assert request.status == AccessRequest.Status.RELEASED
    assert "§12.1" in [c["clause"] for c in request.recommendation["citations"]]
    assert access.access_correspondence_by_id(w.black, letter.pk) == letter


def test_national_model_refuses_a_copy_to_another_councillor(db: None) -> None:
    w = world("grantham")
    letter = _sent(w)
    request = do_request_access(w.black, letter, purpose="Ward", today=DAY, acting_user=w.black)
    assert request.status == AccessRequest.Status.REFUSED
    assert {c["clause"] for c in request.recommendation["citations"]} == {"Correspondence ¶1"}


def test_an_access_request_has_exactly_one_target(hollowmere: Hollowmere) -> None:
    h = hollowmere
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        recording(council=h.council, actor=None, action="test"),
    ):
        AccessRequest(council=h.council, member=h.cllr_ward, purpose="x", requested_on=DAY).save()
