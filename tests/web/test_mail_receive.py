"""Mail in: a member's email becomes an enquiry, replies land in their case as the right
person's words, and everything else waits in quarantine, never lost.

Hollowmere is on the acses-town rulebook: an information enquiry goes to the Town
Clerk (§4.6) and is due in 10 working days (§4.7)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.enquiries import actions as enquiry_actions
from propriety.enquiries.models import Enquiry
from propriety.mail import addressing
from propriety.mail.actions import do_convert_message, do_discard_message, do_file_message
from propriety.mail.models import InboundAttachment, InboundMessage
from propriety.mail.receive import receive_message

from . import factories as f
from .conftest import Hollowmere
from .mail_helpers import ADDRESS, message, receive_for

DAY = datetime.date(2026, 12, 23)
WARD = "ward@hollowmere.example"


def take(raw: bytes, **kwargs: Any) -> Any:
    return receive_message(raw, via="pipe", today=DAY, **kwargs)


@pytest.fixture
def h(hollowmere: Hollowmere) -> Hollowmere:
    receive_for(hollowmere.council)
    return hollowmere


def test_a_members_email_becomes_an_enquiry_routed_by_the_rulebook(h: Hollowmere) -> None:
    received = take(message(WARD))
    assert received.outcome == "enquiry"
    enquiry = received.message.enquiry
    assert enquiry.member == h.cllr_ward
    assert enquiry.subject == "Bus shelter on Mill Lane"
    assert enquiry.body == "Who repairs the bus shelter on Mill Lane?"
    assert enquiry.status == Enquiry.Status.WITH_CLERK
    assert enquiry.respond_due == datetime.date(2027, 1, 11)
    assert [c["clause"] for c in enquiry.route["citations"]]  # routed with its clauses
    stored = received.message
    assert stored.status == InboundMessage.Status.ENQUIRY
    assert stored.landing == "enquiry" and stored.authenticated
    actions = list(
        AuditEvent.unscoped.filter(council=h.council)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["enquiry.submitted", "mail.enquiry"]


def test_the_same_message_twice_is_taken_once(h: Hollowmere) -> None:
    raw = message(WARD)
    first = take(raw)
    again = take(raw)
    assert again.outcome == "duplicate" and again.message.pk == first.message.pk
    assert Enquiry.objects.for_council(h.council).count() == 1


def test_a_refusal_is_emailed_back_citing_its_clause(
    h: Hollowmere, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    # Read as an instruction to a member of staff, which acses-town refuses (§2.9, §4.6).
    real = enquiry_actions.do_submit_enquiry

    def as_instruction(member: Any, **kwargs: Any) -> Any:
        return real(member, **{**kwargs, "kind": "instruction", "addressed_to": "other_officer"})

    monkeypatch.setattr("propriety.mail.receive.do_submit_enquiry", as_instruction)
    with django_capture_on_commit_callbacks(execute=True):
        received = take(message(WARD, subject="Please cut the hedge"))
    assert received.outcome == "refused"
    assert Enquiry.objects.for_council(h.council).count() == 0
    assert received.message.status == InboundMessage.Status.REFUSED
    [reply] = mail.outbox
    assert reply.to == [WARD]
    assert "§4.6" in reply.body and "acses-town" in reply.body
    assert received.message.reference in reply.body
    event = AuditEvent.unscoped.filter(council=h.council, action="mail.refused").get()
    assert {c["clause"] for c in event.citations} >= {"§4.6"}


def _enquiry(h: Hollowmere) -> Enquiry:
    return take(message(WARD)).message.enquiry


def test_replies_land_as_clarification_answer_and_follow_up(
    h: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    enquiry = _enquiry(h)
    enquiry_actions.do_triage_enquiry(
        enquiry, priority="normal", officer=h.officer_junior, today=DAY, acting_user=h.clerk
    )
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_actions.do_request_clarification(
            enquiry, question="Which shelter?", today=DAY, acting_user=h.officer_junior
        )
    question = mail.outbox[-1]
    assert question.to == [WARD]
    assert f"[ENQ-{enquiry.pk}]" in question.subject
    [reply_to] = question.reply_to
    assert addressing.read_address(reply_to).enquiry_id == enquiry.pk
    assert question.alternatives and question.alternatives[0][1] == "text/html"
    assert question.extra_headers["References"] == question.extra_headers["In-Reply-To"]

    # The member replies to the tagged address: their clarification; the clock runs again.
    body = "The one by the church.\n\nOn 23 Dec 2026, Propriety wrote:\n> Which shelter?"
    clarified = take(message(WARD, to=reply_to, subject="Re: " + question.subject, body=body))
    assert clarified.outcome == "filed"
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ALLOCATED
    clarify = AuditEvent.unscoped.filter(council=h.council, action="enquiry.clarified").get()
    assert "“The one by the church.”" in clarify.details["says"]  # the quote was cut
    assert clarified.message.landing == "clarification"

    # The officer answers by email (subject reference only, no tag): the answer.
    answered = take(
        message(
            "jo@hollowmere.example",
            subject=f"Re: Bus shelter [ENQ-{enquiry.pk}]",
            body="Highways repair it; I have reported it.",
        )
    )
    assert answered.outcome == "filed" and answered.message.landing == "answer"
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert enquiry.answer == "Highways repair it; I have reported it."

    # The member says it did not answer the question: it reopens.
    followed = take(
        message(WARD, to=reply_to, subject="Re: answered", body="That is not the shelter I meant.")
    )
    assert followed.message.landing == "feedback"
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.member_feedback == "That is not the shelter I meant."


def test_a_reply_from_someone_not_party_to_the_case_is_quarantined(h: Hollowmere) -> None:
    enquiry = _enquiry(h)
    received = take(
        message("chair@hollowmere.example", subject=f"Re: [ENQ-{enquiry.pk}]", body="Me too")
    )
    assert received.outcome == "quarantined"
    assert "neither the member who asked" in received.message.reason
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.WITH_CLERK


def test_a_forged_tag_names_no_case(h: Hollowmere) -> None:
    enquiry = _enquiry(h)
    forged = f"enquiries+enq-{enquiry.pk}-0000000000@hollowmere.example"
    assert addressing.read_address(forged).enquiry_id is None
    # Without a valid tag or a subject reference, a member's email is a new enquiry.
    received = take(message(WARD, to=forged, subject="Another thing", body="Potholes"))
    assert received.outcome == "enquiry" and received.message.enquiry != enquiry


@pytest.mark.parametrize(
    ("sender", "auth", "headers", "why"),
    [
        ("stranger@elsewhere.example", "pass", {}, "not one of the council's people"),
        (WARD, None, {}, "may be spoofed"),
        (WARD, "mx.relay.example; dmarc=fail header.from=hollowmere.example", {}, "spoofed"),
        # DKIM passing for another domain does not vouch for this one.
        (WARD, "mx.relay.example; dkim=pass header.d=evil.example", {}, "spoofed"),
        (WARD, "pass", {"Auto-Submitted": "auto-replied"}, "automatic"),
        (WARD, "pass", {"X-Autoreply": "yes"}, "automatic"),
        (WARD, "pass", {"Precedence": "bulk"}, "automatic"),
        (WARD, "pass", {"X-Propriety-Loop": "abc"}, "mail loop"),
        ("mailer-daemon@hollowmere.example", "pass", {}, "automatic"),
        ("jo@hollowmere.example", "pass", {}, "only members make enquiries"),
    ],
)
def test_what_cannot_be_trusted_waits_in_quarantine(
    h: Hollowmere, sender: str, auth: str | None, headers: dict[str, str], why: str
) -> None:
    received = take(message(sender, auth=auth, headers=headers))
    assert received.outcome == "quarantined"
    assert why in received.message.reason
    assert received.message.raw  # kept as received
    assert Enquiry.objects.for_council(h.council).count() == 0
    assert AuditEvent.unscoped.filter(council=h.council, action="mail.quarantined").count() == 1


def test_an_out_of_office_subject_is_automatic(h: Hollowmere) -> None:
    received = take(message(WARD, subject="Automatic reply: Bus shelter"))
    assert received.outcome == "quarantined" and "automatic" in received.message.reason


def test_mail_for_no_council_is_not_taken(h: Hollowmere) -> None:
    received = take(message(WARD, to="enquiries@nowhere.example"))
    assert received.outcome == "no_council" and received.message is None
    assert InboundMessage.unscoped.count() == 0


def test_the_envelope_recipient_wins_over_the_headers(h: Hollowmere) -> None:
    raw = message(WARD, to="undisclosed-recipients:;")
    assert take(raw).outcome == "no_council"
    assert take(raw, envelope_recipients=[ADDRESS]).outcome == "enquiry"


def test_oversize_mail_keeps_its_headers_in_quarantine(h: Hollowmere, settings: Any) -> None:
    settings.PROPRIETY_MAIL_MAX_BYTES = 2000
    raw = message(WARD, body="x" * 5000)
    received = take(raw)
    assert received.outcome == "quarantined"
    assert "over the 1 kB limit" in received.message.reason
    assert received.message.raw_size == len(raw)
    assert len(received.message.raw) < 2000
    assert received.message.subject == "Bus shelter on Mill Lane"


def test_html_only_mail_becomes_text(h: Hollowmere) -> None:
    raw = message(
        WARD, body="", html="<html><body><p>Who repairs the <b>bus shelter</b>?</p></body></html>"
    )
    received = take(raw)
    assert received.outcome == "enquiry"
    assert received.message.html_only
    assert received.message.enquiry.body == "Who repairs the bus shelter?"


def test_attachments_are_files_of_the_case_seen_only_through_it(h: Hollowmere) -> None:
    photo = b"\x89PNG\r\n\x1a\nnot really a picture"
    received = take(message(WARD, attachments=[("shelter.png", "image/png", photo)]))
    [attachment] = InboundAttachment.objects.for_council(h.council)
    assert attachment.enquiry == received.message.enquiry
    assert attachment.size == len(photo) and attachment.filename == "shelter.png"
    event = AuditEvent.unscoped.filter(council=h.council, action="mail.enquiry").get()
    assert event.details["attachments"][0]["sha256"] == attachment.sha256
    url = reverse("mail:attachment", args=[attachment.pk])
    for person, status in ((h.cllr_ward, 200), (h.clerk, 200), (h.cllr_chair, 404)):
        client = Client()
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert response.content == photo
            assert response["Content-Disposition"].startswith("attachment")


# --- the Clerk's quarantine --------------------------------------------------------------


def _quarantined(h: Hollowmere, **kwargs: Any) -> InboundMessage:
    received = take(message("resident@elsewhere.example", **kwargs))
    assert received.outcome == "quarantined"
    return received.message


def test_the_clerk_files_a_quarantined_message_to_a_case(h: Hollowmere) -> None:
    enquiry = _enquiry(h)
    stray = _quarantined(h, attachments=[("map.pdf", "application/pdf", b"%PDF-1.4")])
    do_file_message(stray, enquiry=enquiry, acting_user=h.clerk)
    stray.refresh_from_db()
    assert stray.status == InboundMessage.Status.FILED and stray.enquiry == enquiry
    assert stray.handled_by == h.clerk
    assert stray.attachments.get().enquiry == enquiry
    event = AuditEvent.unscoped.filter(council=h.council, action="mail.filed").get()
    assert event.object_id == str(enquiry.pk)
    with pytest.raises(ValidationError, match="already dealt with"):
        do_discard_message(stray, reason="Oops", acting_user=h.clerk)


def test_the_clerk_records_a_members_unconfirmed_email_as_their_enquiry(h: Hollowmere) -> None:
    unconfirmed = take(message(WARD, auth=None)).message
    enquiry = do_convert_message(
        unconfirmed, member=h.cllr_ward, subject="", today=DAY, acting_user=h.clerk
    )
    assert enquiry.member == h.cllr_ward and enquiry.subject == "Bus shelter on Mill Lane"
    submitted = AuditEvent.unscoped.get(council=h.council, action="enquiry.submitted")
    assert submitted.actor == h.clerk
    assert "sent the enquiry by email and Clara Clerk recorded it" in submitted.details["says"]
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == InboundMessage.Status.ENQUIRY


def test_only_a_serving_member_can_be_named_as_sender(h: Hollowmere) -> None:
    stray = _quarantined(h)
    with pytest.raises(ValidationError):
        do_convert_message(stray, member=h.officer_junior, subject="", acting_user=h.clerk)
    stray.refresh_from_db()
    assert stray.status == InboundMessage.Status.QUARANTINED


def test_discarding_needs_a_reason_and_the_clerk(h: Hollowmere) -> None:
    stray = _quarantined(h)
    with pytest.raises(PermissionDenied):
        do_discard_message(stray, reason="Spam", acting_user=h.cllr_ward)
    with pytest.raises(ValidationError):
        do_discard_message(stray, reason=" ", acting_user=h.clerk)
    do_discard_message(stray, reason="Marketing", acting_user=h.clerk)
    stray.refresh_from_db()
    assert stray.status == InboundMessage.Status.DISCARDED and "Marketing" in stray.reason


def test_the_quarantine_pages(h: Hollowmere) -> None:
    stray = _quarantined(h, subject="Planning application 12")
    client = Client()
    client.force_login(h.clerk)
    listing = client.get(reverse("mail:list"))
    assert b"Planning application 12" in listing.content
    page = client.get(reverse("mail:detail", args=[stray.pk]))
    assert b"not one of the council" in page.content
    # A bad form keeps the page, with the error; nothing changes.
    bad = client.post(reverse("mail:detail", args=[stray.pk]), {"do": "discard"})
    assert bad.status_code == 200 and b"Say why the email is being discarded" in bad.content
    done = client.post(
        reverse("mail:detail", args=[stray.pk]),
        {"do": "discard", "discard-reason": "Not for the council"},
    )
    assert done.status_code == 302
    stray.refresh_from_db()
    assert stray.status == InboundMessage.Status.DISCARDED


def test_an_address_can_be_used_by_one_council_only(h: Hollowmere, fernley: Any) -> None:
    with pytest.raises(ValidationError, match="Another council"):
        receive_for(fernley, ADDRESS)
    with pytest.raises(ValidationError, match="plain address"):
        receive_for(fernley, "enquiries+x@fernley.example")


def test_the_database_keeps_an_address_to_one_council_whatever_its_case(
    h: Hollowmere, fernley: Any
) -> None:
    """The unique index behind the action's check (``council_enquiries_address_unique``):
    councils without an address ("") are many, one with it is one."""
    from django.db import IntegrityError, transaction

    from propriety.councils.models import Council

    f.make_council("Ashby Parish Council")
    assert Council.objects.filter(enquiries_address="").count() >= 2
    with pytest.raises(IntegrityError), transaction.atomic():
        # Under the action's check, as a second writer that had not seen the first would.
        Council._base_manager.filter(pk=fernley.pk).update(enquiries_address=ADDRESS.upper())


def test_a_migration_to_the_unique_address_names_councils_sharing_one() -> None:
    """Rather than fail on the index with a database error, the migration names them."""
    import importlib
    from pathlib import Path

    import propriety.councils.migrations as migrations

    # Found by its name, whatever number the merge gives it.
    (path,) = Path(migrations.__file__).parent.glob("*_council_enquiries_address_unique.py")
    migration = importlib.import_module(f"{migrations.__name__}.{path.stem}")
    rows = [
        ("Hollowmere Parish Council", "enquiries@shared.example"),
        ("Fernley Parish Council", "Enquiries@Shared.example"),
        ("Ashby Parish Council", "enquiries@ashby.example"),
    ]

    # The historical model, as far as the check uses it.
    councils = SimpleNamespace(
        objects=SimpleNamespace(exclude=lambda **kw: SimpleNamespace(values_list=lambda *f: rows))
    )
    apps = SimpleNamespace(get_model=lambda app, model: councils)

    with pytest.raises(RuntimeError) as refused:
        migration.refuse_shared_addresses(apps, None)
    assert str(refused.value).endswith(
        "enquiries@shared.example: Fernley Parish Council, Hollowmere Parish Council"
    )
    assert "ashby" not in str(refused.value)
    rows.pop(0)
    migration.refuse_shared_addresses(apps, None)  # nothing shared: nothing to say
