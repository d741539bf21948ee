"""The demo council's ward notices, resource requests and questions about the protocol:
every state acses-town gives each, each with its clauses."""

from __future__ import annotations

import pytest

from propriety.councils.models import Council
from propriety.protocoltext.models import ClauseQuestion
from propriety.resources.models import ResourceRequest
from propriety.wardnotices.models import WardNotice
from propriety.web.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def council() -> Council:
    council, _ = load_demo()
    return council


def test_ward_notices_in_every_state(council: Council) -> None:
    notices = list(WardNotice.objects.for_council(council))
    assert {n.outcome for n in notices} == {"allow", "refuse"}
    refused_in_election = [n for n in notices if n.election is not None]
    assert refused_in_election and refused_in_election[0].outcome == "refuse"
    assert any(n.members_told.exists() for n in notices if n.outcome == "allow")
    assert all(n.decision["citations"] for n in notices)
    visit = next(n for n in notices if n.event == "officer_visit")
    assert visit.visiting_officer is not None and visit.recorded_by != visit.visiting_officer
    assert visit.members_told.filter(pk=visit.visiting_officer.pk).exists()
    assert visit.members_told.count() > 1  # the Abbey ward members too


def test_resources_allowed_and_refused(council: Council) -> None:
    statuses = {r.status for r in ResourceRequest.objects.for_council(council)}
    assert statuses == {"allowed", "refused"}


def test_questions_answered_and_waiting(council: Council) -> None:
    statuses = {q.status for q in ClauseQuestion.objects.for_council(council)}
    assert statuses == {"open", "answered"}


def test_loading_twice_adds_nothing(council: Council) -> None:
    before = WardNotice.objects.for_council(council).count()
    load_demo()
    assert WardNotice.objects.for_council(council).count() == before
