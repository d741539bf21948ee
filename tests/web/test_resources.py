"""Council resources (``resources.use``) for every seed rulebook: party-political or private
use refused citing the clause, council business allowed, referred where a person decides."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.resources.actions import do_decide_resource_request, do_request_resources
from propriety.resources.models import ResourceRequest

from . import factories as f
from .conftest import Hollowmere

DAY = datetime.date(2026, 11, 23)


def _ask(h: Hollowmere, rulebook: str, purpose: str, **kw: Any) -> ResourceRequest:
    f.follow_rulebook(h.council, rulebook)
    return do_request_resources(
        h.cllr_ward,
        kind=kw.pop("kind", "printing"),
        purpose=purpose,
        description="Leaflets",
        today=DAY,
        acting_user=h.cllr_ward,
        **kw,
    )


def _clauses(r: ResourceRequest) -> set[str]:
    return {c["clause"] for c in r.decision["citations"]}


# (rulebook, purpose) -> (status, a clause it must cite)
CASES = {
    ("acses-town", "party_political"): ("refused", "§14.3(a)"),
    ("acses-town", "private"): ("refused", "§14.3(e)"),
    ("acses-town", "council_business"): ("allowed", "§14.2"),
    ("part5-district", "campaigning"): ("refused", "§5.1"),
    ("part5-district", "council_business"): ("allowed", "§5.1"),
    ("ludlow", "party_political"): ("refused", "§4.3.1(a)"),
    ("ludlow", "private"): ("refused", "§4.3.2(h)"),
    ("ludlow", "council_business"): ("allowed", "§4.2"),
    ("grantham", "electioneering"): ("refused", "Officers can expect councillors ¶1.15"),
    ("grantham", "council_business"): ("allowed", "Officers ¶1"),
    ("west-mersea", "party_meeting"): ("refused", "Officers can expect councillors ¶1.15"),
    ("west-mersea", "private"): ("referred", "Officers ¶4"),
}


@pytest.mark.parametrize(("rulebook", "purpose"), list(CASES), ids=str)
def test_the_rulebook_decides(hollowmere: Hollowmere, rulebook: str, purpose: str) -> None:
    status, clause = CASES[(rulebook, purpose)]
    request = _ask(hollowmere, rulebook, purpose)
    assert request.status == status
    assert clause in _clauses(request)
    event = AuditEvent.objects.for_council(hollowmere.council).get(action="resources.requested")
    assert clause in {c["clause"] for c in event.citations}


def test_consumables_for_council_business_are_allowed(hollowmere: Hollowmere) -> None:
    request = _ask(hollowmere, "acses-town", "council_business", kind="consumables")
    assert request.status == "allowed"


def test_commercial_discussion_needs_officers_part5(hollowmere: Hollowmere) -> None:
    h = hollowmere
    alone = _ask(h, "part5-district", "council_business", commercial_discussion=True)
    assert alone.status == "refused" and "§11.2" in _clauses(alone)
    with_officers = _ask(
        h, "part5-district", "council_business", commercial_discussion=True, officers_present=True
    )
    assert with_officers.status == "allowed" and "§11.2" in _clauses(with_officers)


def test_referred_request_is_decided_with_reasons_by_the_officer_asked(
    hollowmere: Hollowmere,
) -> None:
    """National model Officers ¶4: the officer asked may decline to support a member in
    another role; the officer records the decision with reasons."""
    h = hollowmere
    request = _ask(h, "grantham", "other_authority", kind="staff_time", officer=h.officer_junior)
    assert request.status == "referred" and request.decider_role == "officer"
    with pytest.raises(PermissionDenied):
        do_decide_resource_request(request, allow=True, reasons="ok", acting_user=h.clerk)
    with pytest.raises(ValidationError):
        do_decide_resource_request(request, allow=False, reasons=" ", acting_user=h.officer_junior)
    do_decide_resource_request(
        request, allow=False, reasons="District council work", acting_user=h.officer_junior
    )
    request.refresh_from_db()
    assert request.status == "refused" and request.decided_by == h.officer_junior
    event = AuditEvent.objects.for_council(h.council).get(action="resources.decided")
    assert "Officers ¶4" in {c["clause"] for c in event.citations}
    with pytest.raises(PermissionDenied):  # once only
        do_decide_resource_request(request, allow=True, reasons="x", acting_user=h.officer_junior)


def test_clerk_decides_where_no_officer_was_named(hollowmere: Hollowmere) -> None:
    h = hollowmere
    request = _ask(h, "west-mersea", "private")
    client = Client()
    client.force_login(h.clerk)
    page = client.get(f"/resources/{request.pk}/").content.decode()
    assert "Your decision" in page
    response = client.post(f"/resources/{request.pk}/decide/", {"allow": "yes", "reasons": "Fine"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "allowed" and request.reasons == "Fine"


def test_only_serving_members_ask(hollowmere: Hollowmere) -> None:
    h = hollowmere
    with pytest.raises(PermissionDenied):
        do_request_resources(
            h.clerk,
            kind="printing",
            purpose="council_business",
            description="x",
            acting_user=h.clerk,
        )


def test_the_form_keeps_what_was_typed_and_cites_the_refusal(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.cllr_ward)
    bad = client.post("/resources/new/", {"kind": "printing", "description": "Leaflets"})
    assert "Choose what it is for." in bad.content.decode()
    assert "Leaflets" in bad.content.decode()
    response = client.post(
        "/resources/new/",
        {"kind": "printing", "purpose": "campaigning", "description": "Leaflets"},
    )
    request = ResourceRequest.objects.for_council(h.council).get()
    page = client.get(response["Location"]).content.decode()
    assert request.status == "refused"
    assert 'href="/protocol/#clause-14-1"' in page


def test_a_day_needed_already_past_is_an_error_that_keeps_what_was_typed(
    hollowmere: Hollowmere,
) -> None:
    """Asking to use a room on a day already gone was taken as a request like any other."""
    h = hollowmere
    client = Client()
    client.force_login(h.cllr_ward)
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    bad = client.post(
        "/resources/new/",
        {
            "kind": "room",
            "purpose": "council_business",
            "description": "The committee room for a ward surgery",
            "needed_on": past,
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 200
    assert "The day you need it must be today or later." in page
    assert f'value="{past}"' in page and "ward surgery" in page
    assert not ResourceRequest.objects.for_council(h.council).exists()
    today = timezone.localdate().isoformat()
    good = client.post(
        "/resources/new/",
        {
            "kind": "room",
            "purpose": "council_business",
            "description": "The committee room for a ward surgery",
            "needed_on": today,
        },
    )
    assert good.status_code == 302
