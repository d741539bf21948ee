"""Mail in: rows of the permission table (see test_permission_table.py).

Hollowmere receives at enquiries@hollowmere.example. ``quarantined`` is a stranger's
email waiting for the Clerk; ``landed`` is Wendy Ward's email that became her enquiry
(with an attachment, ``attachment``), which she and the Clerk see. Another council's
message answers 404 to everyone signed in. The demo's mail sink is off in tests, so its
page is 404 for everyone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from propriety.mail.receive import receive_message
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .mail_helpers import message, receive_for
from .test_permission_table import ROLES, _status

DAY = datetime.date(2026, 12, 23)


@dataclass
class MailWorld:
    people: dict[str, Person | None]
    ids: dict[str, int]


def mail_world(h: Hollowmere, fernley: Any) -> MailWorld:
    receive_for(h.council)
    quarantined = receive_message(
        message("stranger@elsewhere.example"), via="pipe", today=DAY
    ).message
    landed = receive_message(
        message(
            "ward@hollowmere.example",
            attachments=[("plan.pdf", "application/pdf", b"%PDF-1.4 plan")],
        ),
        via="pipe",
        today=DAY,
    ).message
    receive_for(fernley, "enquiries@fernley.example")
    f.make_person(fernley, Role.COUNCILLOR, name="Fern Member", email="fern@fernley.example")
    other = receive_message(
        message("stranger@elsewhere.example", to="enquiries@fernley.example"), via="pipe"
    ).message
    assert quarantined and landed and other
    return MailWorld(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={
            "quarantined": quarantined.pk,
            "landed": landed.pk,
            "attachment": landed.attachments.get().pk,
            "other": other.pk,
            "other_attachment": 999_999,
        },
    )


@pytest.fixture
def mworld(hollowmere: Hollowmere, fernley: Any) -> MailWorld:
    return mail_world(hollowmere, fernley)


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "mail:list", ""): (302, 200, 404, 404, 404, 404),
    ("GET", "mail:sink", ""): (302, 404, 404, 404, 404, 404),
    ("GET", "mail:detail", "quarantined"): (302, 200, 404, 404, 404, 404),
    ("POST", "mail:detail", "quarantined"): (302, 200, 404, 404, 404, 404),
    # Landed in Wendy Ward's enquiry, still with the Clerk: she and the Clerk see it;
    # nobody acts on it any more.
    ("GET", "mail:detail", "landed"): (302, 200, 404, 200, 404, 404),
    ("POST", "mail:detail", "landed"): (302, 403, 404, 403, 404, 404),
    ("GET", "mail:attachment", "attachment"): (302, 200, 404, 200, 404, 404),
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    if obj.endswith("attachment"):
        return reverse(name, kwargs={"attachment_id": ids[obj]})
    return reverse(name, kwargs={"message_id": ids[obj]})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_mail_permission_table(mworld: MailWorld, method: str, name: str, obj: str) -> None:
    expected = PAGES[(method, name, obj)]
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        client = Client()
        if mworld.people[role] is not None:
            client.force_login(mworld.people[role])
        got = _status(client, method, _url(name, obj, mworld.ids))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if obj:
            other_obj = "other_attachment" if obj == "attachment" else "other"
            other = _status(client, method, _url(name, other_obj, mworld.ids))
            other_want = 302 if role == "anonymous" else 404
            if other != other_want:
                wrong.append(f"{role} on another council's: expected {other_want}, got {other}")
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
