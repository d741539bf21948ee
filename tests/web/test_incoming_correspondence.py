"""Incoming correspondence to the council (``correspondence.incoming``): an officer records
a letter, the council's rulebook says who deals with it and how (citing its clauses), and
whoever it goes to records what was done, with reasons. The fictional Ashcombe rulebook
answers the question (§3.3); Hollowmere's own (acses-town) does not."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.correspondence import access
from propriety.correspondence.actions import do_record_incoming, do_record_incoming_dealt_with
from propriety.correspondence.models import IncomingLetter
from propriety.councils.models import Council
from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere

DAY = datetime.date(2026, 11, 23)


def on_ashcombe(h: Hollowmere) -> Hollowmere:
    # An example rulebook is never offered to a real council, so set it directly.
    with recording(council=h.council, actor=None, action="test.example_rulebook"):
        Council.objects.filter(pk=h.council.pk).update(rulebook="ashcombe")
    h.council.refresh_from_db()
    for person in vars(h).values():
        if hasattr(person, "council_id") and hasattr(person, "full_name"):
            person.council = h.council
    return h


@pytest.fixture
def ashcombe(hollowmere: Hollowmere) -> Hollowmere:
    return on_ashcombe(hollowmere)


def _record(h: Hollowmere, **kwargs: Any) -> IncomingLetter:
    fields: dict[str, Any] = {
        "received_on": DAY,
        "summary": "About the allotment waiting list",
        "sender": "A Resident",
        "today": DAY,
    }
    fields.update(kwargs)
    return do_record_incoming(h.clerk, acting_user=h.clerk, **fields)


def test_an_abusive_letter_goes_to_the_chair_who_records_what_was_done(
    ashcombe: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        letter = _record(ashcombe, flags={"abusive": True})
    assert letter.status == IncomingLetter.Status.REFERRED
    assert letter.handler_role == "council_chair"
    assert [c["clause"] for c in letter.decision["citations"]] == ["§3.3"]
    assert letter.decision["refer_to"]["role"] == "council_chair"
    event = AuditEvent.objects.for_council(ashcombe.council).get(
        action="correspondence.incoming_recorded"
    )
    assert [c["clause"] for c in event.citations] == ["§3.3"]
    assert [m.to for m in mail.outbox] == [[ashcombe.cllr_chair.email]]
    # The protocol leaves it to the chair: not the Clerk, not the officer.
    assert access.can_deal_with_incoming(ashcombe.cllr_chair, letter, DAY)
    assert not access.can_deal_with_incoming(ashcombe.clerk, letter, DAY)
    with pytest.raises(PermissionDenied):
        do_record_incoming_dealt_with(
            letter, action="not_answered", reasons="x", today=DAY, acting_user=ashcombe.clerk
        )
    with pytest.raises(ValidationError) as no_reasons:
        do_record_incoming_dealt_with(
            letter, action="passed_on", reasons=" ", today=DAY, acting_user=ashcombe.cllr_chair
        )
    assert "reasons" in no_reasons.value.message_dict
    do_record_incoming_dealt_with(
        letter,
        action="passed_on",
        reasons="Threatening: passed to the police, no reply.",
        today=DAY,
        acting_user=ashcombe.cllr_chair,
    )
    letter.refresh_from_db()
    assert letter.status == IncomingLetter.Status.DEALT_WITH
    assert letter.dealt_with_by == ashcombe.cllr_chair and letter.dealt_with_on == DAY
    done = AuditEvent.objects.for_council(ashcombe.council).get(
        action="correspondence.incoming_dealt_with"
    )
    assert [c["clause"] for c in done.citations] == ["§3.3"]
    assert "passed to the police" in done.details["says"]


def test_an_anonymous_letter_needs_no_answer_and_stays_with_the_clerk(
    ashcombe: Hollowmere,
) -> None:
    letter = _record(ashcombe, sender="", flags={"anonymous": True})
    assert letter.status == IncomingLetter.Status.OPEN
    assert letter.decision["outcome"] == "allow"
    assert "need not answer" in letter.decision["explanation"]
    assert [c["clause"] for c in letter.decision["citations"]] == ["§3.3"]
    assert access.can_deal_with_incoming(ashcombe.clerk, letter, DAY)
    assert not access.can_deal_with_incoming(ashcombe.cllr_chair, letter, DAY)
    # The chair does not see a letter the protocol does not give them; the officer who
    # did not record it does not either.
    with pytest.raises(Http404):
        access.access_incoming_by_id(ashcombe.cllr_chair, letter.pk, DAY)
    with pytest.raises(Http404):
        access.access_incoming_by_id(ashcombe.officer_junior, letter.pk, DAY)


def test_an_ordinary_letter_is_the_clerks_under_the_default(ashcombe: Hollowmere) -> None:
    letter = _record(ashcombe)
    assert letter.handler_role == "proper_officer"
    assert [c["clause"] for c in letter.decision["citations"]] == ["§2.1"]


def test_what_must_be_said_and_who_records(ashcombe: Hollowmere) -> None:
    with pytest.raises(ValidationError) as errors:
        _record(ashcombe, sender="", summary=" ", received_on=DAY + datetime.timedelta(days=1))
    assert set(errors.value.message_dict) == {"sender", "summary", "received_on"}
    with pytest.raises(PermissionDenied):
        do_record_incoming(
            ashcombe.cllr_ward,
            received_on=DAY,
            summary="A letter",
            sender="Someone",
            today=DAY,
            acting_user=ashcombe.cllr_ward,
        )
    assert not IncomingLetter.objects.for_council(ashcombe.council).exists()


def test_a_rulebook_that_does_not_answer_records_nothing_and_the_page_says_so(
    client: Client, hollowmere: Hollowmere
) -> None:
    with pytest.raises(ValidationError):
        _record(hollowmere)
    client.force_login(hollowmere.clerk)
    page = client.get("/correspondence/incoming/new/").content.decode()
    assert "does not say how the correspondence the council receives is dealt with" in page
    assert 'name="summary"' not in page


def test_the_pages_record_and_show_the_decision_with_its_clauses(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.clerk)
    form = client.get("/correspondence/incoming/new/").content.decode()
    assert 'name="abusive"' in form and "It is abusive, threatening or offensive" in form
    empty = client.post("/correspondence/incoming/new/", {"received_on": ""})
    assert empty.status_code == 200
    assert "Enter the day it was received." in empty.content.decode()
    posted = client.post(
        "/correspondence/incoming/new/",
        {
            "received_on": "2026-11-20",
            "medium": "email",
            "sender": "",
            "summary": "Threats about the play area",
            "addressed_to": "council",
            "anonymous": "on",
            "abusive": "on",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    letter = IncomingLetter.objects.for_council(ashcombe.council).get()
    assert (letter.anonymous, letter.abusive, letter.medium) == (True, True, "email")
    page = client.get(f"/correspondence/incoming/{letter.pk}/").content.decode()
    assert "passed to the Chair of the Council, who decides what is done" in page
    assert "§3.3" in page and "Waiting for a decision" in page
    assert "Record what was done" not in page  # the chair's, not the Clerk's
    client.force_login(ashcombe.cllr_chair)
    listed = client.get("/correspondence/incoming/").content.decode()
    assert letter.reference in listed
    sent = client.post(
        f"/correspondence/incoming/{letter.pk}/dealt-with/",
        {"action": "not_answered", "reasons": "Anonymous threats: kept on file, not answered."},
    )
    assert sent.status_code == 302
    letter.refresh_from_db()
    assert letter.status == IncomingLetter.Status.DEALT_WITH
    done = client.get(f"/correspondence/incoming/{letter.pk}/").content.decode()
    assert "Not answered: recorded by" in done and "kept on file" in done


def test_the_api_records_asks_declared_facts_and_records_what_was_done(
    client: Client, ashcombe: Hollowmere
) -> None:
    _, key = do_create_api_token(ashcombe.clerk, name="Tests", acting_user=ashcombe.clerk)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    bad = client.post(
        "/api/v1/correspondence/incoming",
        {"received_on": "2026-11-20", "summary": "x", "sender": "A", "facts": {"nonsense": True}},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and "nonsense" in bad.content.decode()
    made = client.post(
        "/api/v1/correspondence/incoming",
        {
            "received_on": "2026-11-20",
            "summary": "The same complaint again",
            "sender": "A Resident",
            "repeated": True,
        },
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "open" and body["handler_role"] == "proper_officer"
    assert [c["clause"] for c in body["decision"]["citations"]] == ["§3.3"]
    listed = client.get("/api/v1/correspondence/incoming", **headers).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    done = client.post(
        f"/api/v1/correspondence/incoming/{body['id']}/dealt-with",
        {"action": "not_answered", "reasons": "Answered in full in March."},
        content_type="application/json",
        **headers,
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "dealt_with"
    again = client.post(
        f"/api/v1/correspondence/incoming/{body['id']}/dealt-with",
        {"action": "answered", "reasons": "Again."},
        content_type="application/json",
        **headers,
    )
    assert again.status_code in (403, 422)


def test_the_demo_has_a_letter_in_each_state_where_the_protocol_answers(
    ashcombe: Hollowmere,
) -> None:
    from propriety.correspondence.demo import load_incoming_demo

    load_incoming_demo(ashcombe.council, DAY)
    letters = IncomingLetter.objects.for_council(ashcombe.council)
    assert {letter.status for letter in letters} == {
        IncomingLetter.Status.OPEN,
        IncomingLetter.Status.REFERRED,
        IncomingLetter.Status.DEALT_WITH,
    }
    dealt = letters.filter(status=IncomingLetter.Status.DEALT_WITH)
    assert {d.dealt_with_by for d in dealt} == {ashcombe.clerk, ashcombe.cllr_chair}
    assert all(letter.decision["citations"] for letter in letters)
    load_incoming_demo(ashcombe.council, DAY)
    assert letters.count() == 5


def test_the_demo_council_records_none_its_protocol_does_not_answer(
    hollowmere: Hollowmere,
) -> None:
    from propriety.correspondence.demo import load_incoming_demo

    load_incoming_demo(hollowmere.council, DAY)
    assert not IncomingLetter.objects.for_council(hollowmere.council).exists()


def test_the_clerks_home_offers_it_only_where_the_protocol_answers(
    client: Client, hollowmere: Hollowmere
) -> None:
    offer = "Record anonymous, abusive or repeated correspondence the council receives."
    client.force_login(hollowmere.clerk)
    assert offer not in client.get("/").content.decode()
    on_ashcombe(hollowmere)
    client.force_login(hollowmere.clerk)
    assert offer in client.get("/").content.decode()
