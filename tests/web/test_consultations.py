"""Action delegated "in consultation with the chair" (acses-town §7.4): the officer records
whom they consulted, what was said and their own decision; the chair cannot take it. On
the seeds that do not deal with it the page says so citing the scope clause."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.consultations.actions import do_record_consulted_decision, do_record_delegation
from propriety.consultations.models import DelegatedAction
from propriety.people.roles import Role

from . import factories as f

DAY = datetime.date(2026, 11, 23)
SCOPE = {
    "grantham": "This Protocol covers ¶1.1",
    "west-mersea": "This Protocol covers ¶1.1",
    "ludlow": "§3",
    "part5-district": "§1.2",
}


def _setup(rulebook: str):  # type: ignore[no-untyped-def]
    council = f.make_council(f"{rulebook.title()} Town Council", rulebook=rulebook)
    committee = f.make_committee(council)
    clerk = f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    officer = f.make_person(council, Role.STAFF, name="Jo Junior")
    chair = f.make_person(
        council, Role.COUNCILLOR, Role.COMMITTEE_CHAIR, name="Charles Chair", committee=committee
    )
    action = do_record_delegation(
        council,
        committee=committee,
        resolution_reference="PL 2026/31",
        matter="Choose the bus shelter contractor",
        officer=officer,
        chair=chair,
        today=DAY,
        acting_user=officer,
    )
    return council, clerk, officer, chair, action


def test_the_officer_decides_after_consulting_and_the_chair_cannot(db: None) -> None:
    council, clerk, officer, chair, action = _setup("acses-town")
    assert action.decision["outcome"] == "allow"
    assert [c["clause"] for c in action.decision["citations"]] == ["§7.4"]
    with pytest.raises(PermissionDenied) as info:
        do_record_consulted_decision(
            action,
            consulted_on=DAY,
            chair_view="Use Smith's",
            decision_text="Smith's",
            today=DAY,
            acting_user=chair,
        )
    assert "§7.4" in str(info.value)
    with pytest.raises(PermissionDenied):
        do_record_consulted_decision(
            action,
            consulted_on=DAY,
            chair_view="x",
            decision_text="y",
            today=DAY,
            acting_user=clerk,
        )
    with pytest.raises(ValidationError) as bad:
        do_record_consulted_decision(
            action,
            consulted_on=DAY,
            chair_view="",
            decision_text="",
            today=DAY,
            acting_user=officer,
        )
    assert {"chair_view", "decision_text"} <= set(bad.value.message_dict)
    do_record_consulted_decision(
        action,
        consulted_on=DAY,
        chair_view="The chair preferred Smith's and pressed for it.",
        decision_text="Jones & Co: the lowest compliant tender.",
        pressure_applied=True,
        today=DAY,
        acting_user=officer,
    )
    assert action.status == DelegatedAction.Status.DECIDED
    assert {c["clause"] for c in action.decision["citations"]} == {"§7.4", "§15.5"}
    assert "no-pressure" in {o["id"] for o in action.decision["obligations"]}
    event = AuditEvent.objects.for_council(council).get(action="consultations.decided")
    assert {c["clause"] for c in event.citations} == {"§7.4", "§15.5"}
    # The chair's page says they cannot decide, citing the clause, while it waits.
    client = Client()
    client.force_login(chair)
    page = client.get(reverse("consultations:detail", args=[action.pk])).content.decode()
    assert "Jones &amp; Co" in page and "§7.4" in page
    assert client.post(reverse("consultations:decide", args=[action.pk])).status_code == 403


def test_the_chair_sees_why_they_cannot_decide(db: None) -> None:
    _council, _clerk, _officer, chair, action = _setup("acses-town")
    client = Client()
    client.force_login(chair)
    page = client.get(reverse("consultations:detail", args=[action.pk])).content.decode()
    assert "app-chair-cannot-decide" in page and "no legal power" in page
    assert 'action="/consultations/' not in page  # no decision form for the chair


@pytest.mark.parametrize("rulebook", sorted(SCOPE))
def test_where_the_protocol_does_not_deal_with_it_the_page_says_so(db: None, rulebook: str) -> None:
    _council, _clerk, officer, chair, action = _setup(rulebook)
    assert action.decision["outcome"] == "not_answered"
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("consultations:detail", args=[action.pk])).content.decode()
    assert "app-not-answered" in page and SCOPE[rulebook] in page
    response = client.post(
        reverse("consultations:decide", args=[action.pk]),
        {"consulted_on": DAY.isoformat(), "chair_view": "Fine", "decision_text": "Jones & Co"},
    )
    assert response.status_code == 302
    with pytest.raises(PermissionDenied):
        do_record_consulted_decision(
            action, consulted_on=DAY, chair_view="x", decision_text="y", acting_user=chair
        )


def test_the_chair_is_told_and_the_clerk_hears_of_pressure(
    db: None, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    _council, clerk, officer, chair, action = _setup("acses-town")
    with django_capture_on_commit_callbacks(execute=True):
        do_record_consulted_decision(
            action,
            consulted_on=DAY,
            chair_view="Pressed for Smith's.",
            decision_text="Jones & Co.",
            pressure_applied=True,
            today=DAY,
            acting_user=officer,
        )
    told = {address for m in mailoutbox for address in m.to}
    assert told == {chair.email, clerk.email}
    assert all("Choose the bus shelter contractor" in m.subject for m in mailoutbox)
