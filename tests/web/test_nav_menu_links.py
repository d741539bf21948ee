"""Every link in the header menu opens for the person it is shown to: each demo person
signs in and follows every menu link (none may be "Page not found" or forbidden)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from propriety.web.demo import demo_sign_ins, load_demo

pytestmark = pytest.mark.django_db

_NAV = re.compile(r'<ul class="govuk-service-navigation__list".*?</ul>', re.S)
_HREF = re.compile(r'href="([^"]+)"')


def _menu_links(html: str) -> list[str]:
    block = _NAV.search(html)
    assert block, "no service navigation"
    return _HREF.findall(block.group(0))


def test_every_demo_persons_menu_links_open() -> None:
    load_demo()
    failures = []
    for sign_in in demo_sign_ins():
        if sign_in.role == "Operator":
            continue  # the operator's pages have no council menu
        client = Client()
        client.post(reverse("login"), {"username": sign_in.email, "password": sign_in.password})
        home = client.get(reverse("home"))
        assert home.status_code == 200, sign_in.role
        links = _menu_links(home.content.decode())
        assert links, sign_in.role
        for url in links:
            status = client.get(url).status_code
            if status in (403, 404):
                failures.append((sign_in.role, url, status))
    assert failures == []


def test_the_monitoring_officer_is_not_offered_can_i() -> None:
    load_demo()
    mo = next(s for s in demo_sign_ins() if s.role.startswith("Monitoring Officer"))
    client = Client()
    client.post(reverse("login"), {"username": mo.email, "password": mo.password})
    assert reverse("conduct:ask") not in _menu_links(client.get(reverse("home")).content.decode())
    clerk = next(s for s in demo_sign_ins() if s.role.startswith("Town Clerk"))
    client = Client()
    client.post(reverse("login"), {"username": clerk.email, "password": clerk.password})
    assert reverse("conduct:ask") in _menu_links(client.get(reverse("home")).content.decode())
