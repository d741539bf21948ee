"""What an operator is told, and what a Clerk is sent, when the Clerk is someone who
already has an account: greeted by the name held; re-naming the Clerk as Clerk is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from propriety.audit.models import AuditEvent
from propriety.people.models import Account
from propriety.people.operators import (
    current_clerks,
    do_create_council_with_clerk,
    do_replace_clerk,
)

from .conftest import Hollowmere


def test_an_existing_account_is_greeted_by_the_name_it_holds(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    """clerk@hollowmere.example is Clara Clerk's address: made Clerk of a second council with
    no name given, she is Clara Clerk there too, not "Clerk" (from the address)."""
    with django_capture_on_commit_callbacks(execute=True):
        new = do_create_council_with_clerk(
            name="Ashby Parva Parish Council",
            kind="parish",
            nation="england",
            rulebook="acses-town",
            clerk_email="clerk@hollowmere.example",
            operator=None,
        )
    assert new.clerk.full_name == "Clara Clerk"
    (sent,) = [m for m in mail.outbox if "Ashby Parva" in m.subject]
    assert sent.body.startswith("Dear Clara Clerk,")


def test_replacing_the_clerk_with_the_clerk_is_refused_and_changes_nothing(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    events = AuditEvent.objects.for_council(h.council).count()
    with pytest.raises(ValidationError) as refused:
        do_replace_clerk(h.council, email=" CLERK@hollowmere.example ", operator=None)
    assert "already the Clerk" in str(refused.value)
    assert current_clerks(h.council) == [h.clerk]
    assert AuditEvent.objects.for_council(h.council).count() == events
    assert Account.objects.filter(email="clerk@hollowmere.example").count() == 1


def test_the_operators_page_says_nothing_changed(hollowmere: Hollowmere, operator: Account) -> None:
    from django.urls import reverse

    from .test_operators import _operator_client

    client = _operator_client(operator)
    response = client.post(
        reverse("operator:replace_clerk", kwargs={"council_id": hollowmere.council.pk}),
        {"clerk_email": "clerk@hollowmere.example", "clerk_name": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Clara Clerk is already the Clerk of Hollowmere Parish Council" in page
    assert "is now the Clerk" not in page
