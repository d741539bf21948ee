"""The demo's other councils: the states Kestrelford's protocol (acses-town) never gives.
Larkhythe (Ludlow §4.4) has written reports in every state; Quillerton (the national model)
an acting Proper Officer arrangement allowed and one refused, and resource requests
referred to the officer asked. Their people sign in and see them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from propriety.councils.models import Council
from propriety.reports.models import ActingArrangement, ReportRequest
from propriety.resources.models import ResourceRequest
from propriety.web.demo import demo_sign_ins, load_demo
from propriety.web.demo_councils import LARKHYTHE, LARKHYTHE_SLUG, SECOND_COUNCIL

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils() -> tuple[Council, Council]:
    load_demo()
    return Council.objects.get(slug=LARKHYTHE_SLUG), Council.objects.get(name=SECOND_COUNCIL)


def _signed_in(role: str) -> Client:
    sign_in = next(s for s in demo_sign_ins() if s.role == role)
    client = Client()
    response = client.post(
        reverse("login"), {"username": sign_in.email, "password": sign_in.password}
    )
    assert response.status_code == 302
    return client


def test_larkhythe_follows_ludlow_and_has_every_report_state(
    councils: tuple[Council, Council],
) -> None:
    larkhythe, _ = councils
    assert larkhythe.rulebook == "ludlow"
    reports = list(ReportRequest.objects.for_council(larkhythe))
    assert {r.status for r in reports} == {"accepted", "referred", "provided", "declined"}
    assert all(r.decision["citations"] for r in reports)
    provided = next(r for r in reports if r.status == "provided")
    assert provided.recommendation and provided.responded_by is not None
    assert next(r for r in reports if r.status == "declined").reasons


def test_quillerton_has_acting_arrangements_allowed_and_refused(
    councils: tuple[Council, Council],
) -> None:
    _, quillerton = councils
    assert quillerton.rulebook == "west-mersea"
    arrangements = list(ActingArrangement.objects.for_council(quillerton))
    assert {a.allowed for a in arrangements} == {True, False}
    refused = next(a for a in arrangements if not a.allowed)
    assert refused.paid and refused.decision["citations"]


def test_quillerton_has_resource_requests_referred_to_the_officer(
    councils: tuple[Council, Council],
) -> None:
    _, quillerton = councils
    requests = list(ResourceRequest.objects.for_council(quillerton))
    assert {r.status for r in requests} == {"allowed", "refused", "referred"}
    referred = [r for r in requests if r.decider_role]
    assert len(referred) == 2 and all(r.decider_role == "officer" for r in referred)
    assert any(r.decided_by_id and r.reasons for r in referred)


def test_the_clerk_and_a_councillor_of_larkhythe_sign_in_and_see_the_reports(
    councils: tuple[Council, Council],
) -> None:
    larkhythe, _ = councils
    clerk = _signed_in(f"Town Clerk, {LARKHYTHE}")
    page = clerk.get(reverse("reports:list")).content.decode()
    assert "Repairing or replacing the Market Hall roof" in page
    assert "The allotment waiting list" in page
    waiting = ReportRequest.objects.for_council(larkhythe).get(status="referred")
    detail = clerk.get(reverse("reports:detail", args=[waiting.pk])).content.decode()
    assert "§4.4.1" in detail
    member = _signed_in(f"Councillor, {LARKHYTHE}")
    mine = member.get(reverse("reports:list")).content.decode()
    assert "Renewing the Christmas lights contract" in mine
    assert "The allotment waiting list" not in mine  # the chair's, not his
    wards = member.get(reverse("wardnotices:new")).content.decode()
    assert "does not say whom to invite or tell about ward matters" in wards


def test_quillertons_chair_and_officer_see_the_acting_and_referred_pages(
    councils: tuple[Council, Council],
) -> None:
    _, quillerton = councils
    chair = _signed_in(f"Chair, {SECOND_COUNCIL}")
    acting = chair.get(reverse("reports:acting_list")).content.decode()
    assert "Joanna Sutton" in acting and "Does not allow it" in acting
    refused = ActingArrangement.objects.for_council(quillerton).get(allowed=False)
    detail = chair.get(reverse("reports:acting", args=[refused.pk])).content.decode()
    assert "Officers ¶6" in detail
    officer = _signed_in(f"Assistant Clerk, {SECOND_COUNCIL}")
    waiting = ResourceRequest.objects.for_council(quillerton).get(status="referred")
    detail = officer.get(reverse("resources:detail", args=[waiting.pk])).content.decode()
    assert "Officers ¶4" in detail and "Record decision" in detail
