"""The demo council receives enquiries at enquiries@kestrelford.example, and its mail shows
each thing that can become of a message; the Clerk reads it on the quarantine page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from propriety.mail.models import InboundMessage
from propriety.people.models import Person
from propriety.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_receives_mail_and_shows_each_outcome() -> None:
    council, _ = load_demo()
    assert council.enquiries_address == "enquiries@kestrelford.example"
    messages = InboundMessage.objects.for_council(council)
    by_sender = {m.sender: m for m in messages}
    emailed = by_sender["planning-chair@kestrelford.example"]
    assert emailed.status == InboundMessage.Status.ENQUIRY and emailed.enquiry is not None
    assert emailed.enquiry.subject == "Street lights out on Riverside Walk"
    assert by_sender["resident@example.net"].status == InboundMessage.Status.QUARANTINED
    assert "automatic" in by_sender["finance-chair@kestrelford.example"].reason
    assert "spoofed" in by_sender["deputy-mayor@kestrelford.example"].reason
    count = messages.count()
    load_demo()
    assert InboundMessage.objects.for_council(council).count() == count

    client = Client()
    client.force_login(Person.objects.for_council(council).get(email="clerk@kestrelford.example"))
    page = client.get(reverse("mail:list"))
    assert page.status_code == 200
    assert b"Dog fouling at the recreation ground" in page.content
    assert b"Street lights out" not in page.content  # it landed: not waiting
