"""Councils name a rulebook that exists."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from propriety.audit.models import AuditEvent
from propriety.councils.actions import do_change_council_rulebook
from propriety.protocol import rulebook_names

from .conftest import Hollowmere


def test_a_council_must_name_a_rulebook_that_exists(hollowmere: Hollowmere) -> None:
    if not rulebook_names():
        pytest.skip("No rulebooks are written yet, so there is nothing to check against.")
    with pytest.raises(ValidationError, match="There is no rulebook 'no-such-rulebook'"):
        do_change_council_rulebook(
            hollowmere.council, rulebook="no-such-rulebook", acting_user=hollowmere.clerk
        )
    hollowmere.council.refresh_from_db()
    assert hollowmere.council.rulebook == "acses-town"


def test_changing_the_rulebook_is_recorded(hollowmere: Hollowmere) -> None:
    other = next((name for name in rulebook_names() if name != "acses-town"), "acses-town")
    do_change_council_rulebook(hollowmere.council, rulebook=other, acting_user=hollowmere.clerk)
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert event.action == "council.rulebook_changed"
    assert (event.details["from"], event.details["to"]) == ("acses-town", other)
    assert event.rulebook == other
    assert event.rulebook_version == event.details["version"]
