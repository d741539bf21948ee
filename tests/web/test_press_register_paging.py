"""The spokesperson register's "Ended" list is paged like every other list."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.press.actions import do_appoint_spokesperson, do_end_spokesperson
from propriety.press.models import Spokesperson

from .conftest import Hollowmere


def test_the_ended_list_is_paged(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    for n in range(26):
        entry = do_appoint_spokesperson(
            h.council,
            person=h.officer_junior,
            basis=Spokesperson.Basis.AUTHORISATION,
            resolution_reference=f"AUTH/{n:02d}",
            resolved_on=today - datetime.timedelta(days=60),
            acting_user=h.clerk,
        )
        do_end_spokesperson(entry, reason="Moved on", acting_user=h.clerk)
    client = Client()
    client.force_login(h.clerk)
    first = client.get(reverse("press:spokespeople")).content.decode()
    assert "Showing 1 to 25 of 26 ended entries" in first
    assert first.count("Moved on") == 25
    second = client.get(reverse("press:spokespeople"), {"ended_page": 2}).content.decode()
    assert "Showing 26 to 26 of 26 ended entries" in second
    assert second.count("Moved on") == 1


def test_the_demo_register_shows_an_ended_entry(db: None) -> None:
    from propriety.people.models import Person
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    clerk = Person.objects.for_council(council).get(email="clerk@kestrelford.example")
    client = Client()
    client.force_login(clerk)
    page = client.get(reverse("press:spokespeople")).content.decode()
    assert "Showing 1 to 1 of 1 ended entries" in page and "The consultation closed" in page
