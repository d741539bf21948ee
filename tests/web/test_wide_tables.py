"""Wide tables scroll inside their own box on a narrow screen, never the page (WCAG 1.4.10
reflow): at 320 px the profile's API tokens, the spokesperson register, the election
timetable and the Clerk's set-up tables pushed the whole page sideways. Each page's tables
sit in ``.app-table-scroll`` (web/static/propriety/app.css), a focusable, named region."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from propriety.people.accounts import Account
from propriety.people.actions import do_create_api_token
from propriety.press.actions import do_appoint_spokesperson, do_record_election

from . import factories as f
from .conftest import Hollowmere
from .test_operators import _operator_client

TABLE = re.compile(r"<table\b")
WRAPPED = re.compile(
    r'<div class="app-table-scroll" tabindex="0" role="region" aria-label="[^"]+">\s*<table\b'
)


def _tables_wrapped(html: str) -> None:
    main = html[html.index("<main") :]
    assert TABLE.search(main), "the page has a table"
    assert len(TABLE.findall(main)) == len(WRAPPED.findall(main)), main[:3000]


def test_the_clerks_and_members_tables_scroll_in_their_box(hollowmere: Hollowmere) -> None:
    h = hollowmere
    do_create_api_token(h.clerk, name="Casework app", acting_user=h.clerk)
    do_record_election(
        h.council,
        title="Town council elections 2027",
        notice_of_election=f.TERM_STARTS.replace(year=2027, month=3, day=22),
        polling_day=f.TERM_STARTS.replace(year=2027, month=5, day=6),
        acting_user=h.clerk,
    )
    do_appoint_spokesperson(
        h.council,
        person=h.cllr_ward,
        resolution_reference="FC 2026/41",
        resolved_on=f.TERM_STARTS,
        acting_user=h.clerk,
    )
    client = Client()
    client.force_login(h.clerk)
    for url in (
        reverse("profile"),
        reverse("press:spokespeople"),
        reverse("press:elections"),
        reverse("setup:rulebook"),
        reverse("setup:person", args=[h.cllr_ward.pk]),
        reverse("setup:body", args=["committees", h.planning.pk]),
    ):
        _tables_wrapped(client.get(url).content.decode())


@pytest.mark.django_db
def test_the_operators_councils_scroll_in_their_box(
    operator: Account, hollowmere: Hollowmere
) -> None:
    _tables_wrapped(_operator_client(operator).get(reverse("operator:councils")).content.decode())
