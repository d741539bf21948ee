"""The demo's "Mail sent" page shows the council being viewed its own mail only: someone
serving two councils (one address) does not see the other council's messages there."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from propriety.enquiries import notify as enquiry_notify
from propriety.interests import notify as interests_notify
from propriety.people.invitations import do_invite_person

from .conftest import ManyCouncils


@pytest.fixture
def sink(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path
    settings.PROPRIETY_MAIL_SINK = True
    settings.EMAIL_BACKEND = "propriety.mail.sink.SinkEmailBackend"


@pytest.mark.usefixtures("sink")
def test_each_council_sees_only_its_own_mail_to_a_shared_address(
    many: ManyCouncils, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_notify.send([many.fernley], "FERN-1 a case for you", "Fernley's words")
        interests_notify.send([many.fernley], "FERN-2 a register entry", "Fernley's register")
        enquiry_notify.send([many.hollowmere], "HOLL-1 a case for you", "Hollowmere's words")
        do_invite_person(many.fernley, acting_user=None)  # "Your invitation to Fernley ..."
    client = Client()
    client.force_login(many.hollowmere)
    page = client.get(reverse("mail:sink")).content.decode()
    assert "HOLL-1" in page
    assert "FERN-" not in page and "Your invitation to" not in page
    client.force_login(many.fernley)
    page = client.get(reverse("mail:sink")).content.decode()
    assert "FERN-1" in page and "FERN-2" in page and "Your invitation to" in page
    assert "HOLL-" not in page
