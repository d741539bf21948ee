"""The correspondence rows of the permission table (see test_permission_table.py).

Two pieces of correspondence in Hollowmere (acses-town):
- ``draft``: Jo Junior's draft to Wendy Ward: seen by Jo (its writer), Wendy (on
  its To line) and the Clerk; only Jo changes it or records it as sent, Jo or
  the Clerk checks it again.
- ``sent``: Wendy Ward's email to Jo Junior, recorded as sent: the chair, a
  serving member who is not party to it, may ask to see it (and is answered by
  the rulebook: §12.1); nobody else has that form.
The Monitoring Officer (of the principal council) neither drafts nor sees
correspondence. Another council's correspondence answers 404 to everyone signed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from propriety.correspondence.actions import do_draft_correspondence, do_record_sent
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import Correspondence
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import wrong_in_row

TODAY = datetime.date(2026, 11, 23)


@dataclass
class CorrespondenceWorld:
    people: dict[str, Person | None]
    ids: dict[str, int]


def _letters(writer: Person, member: Person) -> tuple[Correspondence, Correspondence]:
    draft = do_draft_correspondence(
        writer,
        subject="Mill Lane lights",
        body="Dear Cllr, the lights will be fixed on Friday.",
        recipients=[Addressee("to", member.full_name, "", "", member)],
        today=TODAY,
        acting_user=writer,
    )
    sent = do_draft_correspondence(
        member,
        subject="Thank you",
        body="Thank you for fixing the lights.",
        recipients=[Addressee("to", writer.full_name, "", "", writer)],
        today=TODAY,
        acting_user=member,
    )
    do_record_sent(sent, today=TODAY, acting_user=member)
    return draft, sent


@pytest.fixture
def cworld(hollowmere: Hollowmere, fernley: Any) -> CorrespondenceWorld:
    h = hollowmere
    draft, sent = _letters(h.officer_junior, h.cllr_ward)
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    f_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    other_draft, other_sent = _letters(f_officer, f_member)
    return CorrespondenceWorld(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={
            "draft": draft.pk,
            "sent": sent.pk,
            "other_draft": other_draft.pk,
            "other_sent": other_sent.pk,
        },
    )


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "correspondence:list", ""): (302, 200, 200, 200, 200, 200),
    # The register: everyone of the council sees what it lists (acses-town §12.1: nothing).
    ("GET", "correspondence:register", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "correspondence:new", ""): (302, 200, 200, 200, 200, 403),
    ("POST", "correspondence:new", ""): (302, 200, 200, 200, 200, 403),
    ("GET", "correspondence:upload", ""): (302, 200, 200, 200, 200, 403),
    ("POST", "correspondence:upload", ""): (302, 200, 200, 200, 200, 403),
    ("GET", "correspondence:detail", "draft"): (302, 200, 404, 200, 200, 404),
    ("GET", "correspondence:detail", "sent"): (302, 200, 404, 200, 200, 404),
    ("GET", "correspondence:edit", "draft"): (302, 403, 404, 403, 200, 404),
    ("POST", "correspondence:edit", "draft"): (302, 403, 404, 403, 200, 404),
    ("POST", "correspondence:edit", "sent"): (302, 403, 404, 403, 403, 404),
    ("POST", "correspondence:check", "draft"): (302, 302, 404, 403, 302, 404),
    ("POST", "correspondence:check", "sent"): (302, 403, 404, 403, 403, 404),
    # The draft has no missing footer: the fix is refused with a message, then back.
    ("POST", "correspondence:fix_footer", "draft"): (302, 403, 404, 403, 302, 404),
    # The draft has no problems under acses-town (§12.2): recorded as sent at once.
    ("POST", "correspondence:sent", "draft"): (302, 403, 404, 403, 302, 404),
    ("POST", "correspondence:sent", "sent"): (302, 403, 404, 403, 403, 404),
    ("GET", "correspondence:ask", "sent"): (302, 404, 200, 404, 404, 404),
    ("POST", "correspondence:ask", "sent"): (302, 404, 200, 404, 404, 404),
    # Drafts cannot be asked for: only correspondence that went.
    ("GET", "correspondence:ask", "draft"): (302, 404, 404, 404, 404, 404),
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={"correspondence_id": ids.get(obj, 999_999)})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_correspondence_permission_table(
    cworld: CorrespondenceWorld, method: str, name: str, obj: str
) -> None:
    wrong = wrong_in_row(
        cworld.people,
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, cworld.ids),
        obj,
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
