"""The council's governance committee: named by the Clerk, its members read the
governance report and a redacted audit trail (issues 14 and 15)."""

from __future__ import annotations

import csv
import datetime
import html
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.councils.actions import do_close_body, do_set_governance_committee
from propriety.councils.models import Council
from propriety.people.holders import is_governance_committee_member
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .audit_helpers import audit_key_file
from .conftest import Hollowmere
from .test_audit_pages import raise_concern, signed_in

__all__ = ["audit_key_file"]

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def gov(hollowmere: Hollowmere, audit_key_file: Any) -> dict[str, Any]:
    h = hollowmere
    committee = f.make_committee(h.council, "Audit and Governance Committee")
    member = f.make_person(
        h.council,
        Role.COUNCILLOR,
        Role.COMMITTEE_MEMBER,
        name="Gwen Governor",
        committee=committee,
    )
    do_set_governance_committee(h.council, committee=committee, acting_user=h.clerk)
    concern = raise_concern(h)
    return {"committee": committee, "member": member, "concern": concern}


def test_naming_the_committee_is_the_clerks_and_is_audited(
    hollowmere: Hollowmere, gov: dict[str, Any]
) -> None:
    h = hollowmere
    event = AuditEvent.objects.for_council(h.council).get(action="council.governance_committee_set")
    assert event.actor == h.clerk
    assert "Audit and Governance Committee" in event.details["says"]
    with pytest.raises(PermissionDenied):
        do_set_governance_committee(h.council, committee=None, acting_user=h.cllr_chair)
    assert Council.objects.get(pk=h.council.pk).governance_committee == gov["committee"]


def test_another_councils_or_a_closed_committee_is_refused(
    hollowmere: Hollowmere, fernley: Council, gov: dict[str, Any]
) -> None:
    h = hollowmere
    with pytest.raises(ValidationError, match="open committee of this council"):
        do_set_governance_committee(
            h.council, committee=f.make_committee(fernley, "Fern Audit"), acting_user=h.clerk
        )
    do_close_body(h.planning, closed_on=TODAY, acting_user=h.clerk)
    with pytest.raises(ValidationError, match="open committee"):
        do_set_governance_committee(h.council, committee=h.planning, acting_user=h.clerk)


def test_membership_counts_only_while_current(hollowmere: Hollowmere, gov: dict[str, Any]) -> None:
    h = hollowmere
    member = Person.objects.for_council(h.council).get(pk=gov["member"].pk)
    assert is_governance_committee_member(member)
    # The chair sits on another committee: not a member.
    assert not is_governance_committee_member(h.cllr_chair)
    # Closing the committee ends its members' reading.
    do_close_body(gov["committee"], closed_on=TODAY, acting_user=h.clerk)
    member = Person.objects.for_council(h.council).get(pk=member.pk)
    assert not is_governance_committee_member(member, datetime.date(2026, 11, 24))
    # And with no committee named, nobody is a member.
    do_set_governance_committee(h.council, committee=None, acting_user=h.clerk)
    member = Person.objects.for_council(h.council).get(pk=member.pk)
    assert not is_governance_committee_member(member, TODAY)


def test_the_member_reads_a_redacted_trail(hollowmere: Hollowmere, gov: dict[str, Any]) -> None:
    h = hollowmere
    client = signed_in(gov["member"])
    page = client.get(reverse("audit:trail")).content.decode()
    assert 'id="redacted-view"' in page
    assert "concern.raised" in page or "concern." in page
    # What the case says, and who raised the concern, stay out.
    assert "Rude reply" not in page
    assert "Jo Junior was short" not in page
    assert "Withheld" in page
    # Filtering by the person who raised it shows none of the concern's events.
    by_ward = client.get(reverse("audit:trail"), {"person": str(h.cllr_ward.pk)}).content.decode()
    assert "?case=concerns.concern:" not in by_ward
    # The Monitoring Officer reads the whole.
    full = signed_in(h.monitoring_officer).get(reverse("audit:trail")).content.decode()
    assert 'id="redacted-view"' not in full
    assert "Rude reply" in full
    mo_by_ward = (
        signed_in(h.monitoring_officer)
        .get(reverse("audit:trail"), {"person": str(h.cllr_ward.pk)})
        .content.decode()
    )
    assert "?case=concerns.concern:" in mo_by_ward


def test_the_members_export_is_redacted_and_recorded(
    hollowmere: Hollowmere, gov: dict[str, Any]
) -> None:
    h = hollowmere
    response = signed_in(gov["member"]).get(reverse("audit:export"))
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    concern_rows = [r for r in rows if r["case"].startswith("concerns.concern:")]
    assert concern_rows
    assert all(r["who"].startswith("Withheld") for r in concern_rows)
    assert all(r["description"] == "" and r["says"] == "" for r in rows)
    assert "Rude reply" not in body
    exported = AuditEvent.objects.for_council(h.council).filter(action="audit.trail_exported")
    assert exported.get().actor == gov["member"]
    assert "redacted" in exported.get().details["says"]


def test_the_member_reads_checkpoints_but_does_not_sign(
    hollowmere: Hollowmere, gov: dict[str, Any]
) -> None:
    client = signed_in(gov["member"])
    page = client.get(reverse("audit:checkpoints")).content.decode()
    assert "The audit log is intact" in page
    assert "Sign the log now" not in page
    assert client.post(reverse("audit:checkpoint_new")).status_code == 404


def test_the_member_gets_the_report_as_page_pdf_and_xlsx(gov: dict[str, Any]) -> None:
    client = signed_in(gov["member"])
    assert "Governance report" in client.get(reverse("workspace:report")).content.decode()
    xlsx = client.get(reverse("workspace:report"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("workspace:report"), {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"


def test_the_members_home_links_to_the_report_and_oversight(gov: dict[str, Any]) -> None:
    page = signed_in(gov["member"]).get(reverse("home")).content.decode()
    assert reverse("workspace:report") in page
    assert reverse("audit:trail") in page
    assert reverse("audit:checkpoints") in page
    assert reverse("audit:subject_access") not in page


def test_the_clerk_names_and_unnames_it_on_the_committees_page(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = signed_in(h.clerk)
    page = client.get(reverse("setup:body", args=["committees", h.planning.pk])).content.decode()
    assert "Make it the governance committee" in page
    url = reverse("setup:committee_governance", args=[h.planning.pk])
    response = client.post(url, {"governance": "yes"}, follow=True)
    assert "is now the council's governance committee" in html.unescape(response.content.decode())
    assert Council.objects.get(pk=h.council.pk).governance_committee_id == h.planning.pk
    index = client.get(reverse("setup:index")).content.decode()
    assert "Planning Committee: its members read the governance report" in index
    # The chair sits on it, so now reads the report.
    assert signed_in(h.cllr_chair).get(reverse("workspace:report")).status_code == 200
    client.post(url, {"governance": "no"})
    assert Council.objects.get(pk=h.council.pk).governance_committee_id is None
    assert signed_in(h.cllr_chair).get(reverse("workspace:report")).status_code == 404
    bad = client.post(url, {"governance": "maybe"}, follow=True).content.decode()
    assert "Choose whether this is the governance committee" in bad


def test_the_demo_governance_member_signs_in_and_sees_the_report(audit_key_file: Any) -> None:
    from propriety.web.demo import demo_sign_ins, load_demo

    council, _ = load_demo()
    sign_in = next(s for s in demo_sign_ins() if "Governance Committee" in s.role)
    client = Client()
    response = client.post(
        reverse("login"), {"username": sign_in.email, "password": sign_in.password}
    )
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert reverse("workspace:report") in home and reverse("audit:trail") in home
    assert client.get(reverse("audit:trail")).status_code == 200
    assert council.governance_committee is not None


def test_the_clerk_names_it_through_the_api(hollowmere: Hollowmere, fernley: Council) -> None:
    from .test_press_elections import _api

    h = hollowmere
    body = {"name": h.council.name, "nation": "england", "governance_committee_id": h.planning.pk}
    client = Client()
    put = client.put(
        "/api/v1/council", body, content_type="application/json", headers=_api(h.clerk)
    )
    assert put.status_code == 200, put.content
    assert put.json()["governance_committee"] == {"id": h.planning.pk, "name": "Planning Committee"}
    assert Council.objects.get(pk=h.council.pk).governance_committee_id == h.planning.pk
    other = f.make_committee(fernley, "Fern Audit")
    refused = client.put(
        "/api/v1/council",
        {**body, "governance_committee_id": other.pk},
        content_type="application/json",
        headers=_api(h.clerk),
    )
    assert refused.status_code == 422
    assert "governance_committee_id" in refused.content.decode()
    assert Council.objects.get(pk=h.council.pk).governance_committee_id == h.planning.pk
