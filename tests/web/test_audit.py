"""Writes go through actions; each action writes its row and one audit event, together."""

from __future__ import annotations

import pytest
from django.db import connection

from propriety.audit.models import AppendOnlyError, AuditEvent
from propriety.audit.recording import CrossCouncilWriteError, UnauditedWriteError, recording
from propriety.councils.models import Committee, Council
from propriety.documents.actions import do_create_document
from propriety.documents.models import Document

from . import factories as f
from .conftest import Hollowmere


def test_a_bare_save_raises(hollowmere: Hollowmere) -> None:
    committee = Committee(council=hollowmere.council, name="Sneaky Committee")
    with pytest.raises(UnauditedWriteError, match="outside an action"):
        committee.save()
    assert (
        not Committee.objects.for_council(hollowmere.council)
        .filter(name="Sneaky Committee")
        .exists()
    )


def test_saving_a_council_outside_an_action_raises(hollowmere: Hollowmere) -> None:
    hollowmere.council.name = "Renamed"
    with pytest.raises(UnauditedWriteError):
        hollowmere.council.save()
    with pytest.raises(UnauditedWriteError):
        Council.objects.filter(pk=hollowmere.council.pk).update(name="Renamed")


def test_queryset_writes_outside_an_action_raise(hollowmere: Hollowmere) -> None:
    documents = Document.objects.for_council(hollowmere.council)
    with pytest.raises(UnauditedWriteError, match=r"QuerySet.update\(\)"):
        documents.update(title="x")
    with pytest.raises(UnauditedWriteError, match=r"QuerySet.delete\(\)"):
        documents.delete()
    with pytest.raises(UnauditedWriteError, match=r"bulk_create"):
        Committee.unscoped.bulk_create([Committee(council=hollowmere.council, name="A")])
    with pytest.raises(UnauditedWriteError, match=r"bulk_update"):
        Committee.unscoped.bulk_update([hollowmere.planning], ["name"])
    with pytest.raises(UnauditedWriteError, match=r"delete\(\)"):
        hollowmere.planning.delete()


def test_an_action_writes_its_row_and_exactly_one_event(hollowmere: Hollowmere) -> None:
    before = AuditEvent.objects.for_council(hollowmere.council).count()
    document = do_create_document(
        hollowmere.council,
        title="Tree survey",
        reference="HPC/1",
        classification="public",
        acting_user=hollowmere.clerk,
    )
    events = list(AuditEvent.objects.for_council(hollowmere.council).order_by("pk"))
    assert len(events) == before + 1
    event = events[-1]
    assert event.action == "document.created"
    assert event.actor == hollowmere.clerk
    assert (event.object_type, event.object_id) == ("documents.document", str(document.pk))
    assert event.object_repr == "HPC/1: Tree survey"
    assert event.details == {
        "says": "Added HPC/1 “Tree survey” to the register.",
        "classification": "public",
        "exempt_category": None,
        "contains_personal_data": False,
    }


@pytest.mark.django_db(transaction=True)
def test_an_exception_inside_an_action_rolls_back_row_and_event() -> None:
    council = f.make_council()
    events_before = AuditEvent.objects.for_council(council).count()
    with (
        pytest.raises(RuntimeError, match="boom"),
        recording(council=council, actor=None, action="committee.created") as rec,
    ):
        committee = Committee(council=council, name="Doomed Committee")
        committee.save()
        rec.obj = committee
        assert connection.in_atomic_block
        raise RuntimeError("boom")
    assert not Committee.objects.for_council(council).filter(name="Doomed Committee").exists()
    assert AuditEvent.objects.for_council(council).count() == events_before


@pytest.mark.django_db(transaction=True)
def test_a_failing_event_write_rolls_back_the_row() -> None:
    council = f.make_council()
    with (
        pytest.raises(ValueError, match="without a council"),
        recording(council=None, actor=None, action="committee.created"),
    ):
        Committee(council=council, name="Orphan").save()
    assert not Committee.objects.for_council(council).filter(name="Orphan").exists()


def test_an_action_cannot_write_another_councils_rows(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    with (
        pytest.raises(CrossCouncilWriteError),
        recording(council=hollowmere.council, actor=None, action="committee.created"),
    ):
        Committee(council=fernley, name="Trespass").save()


def test_audit_events_are_append_only(hollowmere: Hollowmere) -> None:
    event = AuditEvent.objects.for_council(hollowmere.council).first()
    assert event is not None
    with recording(council=hollowmere.council, actor=None, action="test.tamper"):
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.for_council(hollowmere.council).update(action="x")
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.for_council(hollowmere.council).delete()


def test_citations_default_to_the_councils_rulebook(hollowmere: Hollowmere) -> None:
    with recording(
        council=hollowmere.council,
        actor=hollowmere.clerk,
        action="document.access_decided",
        citations=[{"clause": "§10.3(b)"}],
    ):
        pass
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert event.citations == [{"clause": "§10.3(b)"}]
    assert event.rulebook == f.TEST_RULEBOOK


def test_building_the_council_left_an_event_per_action(hollowmere: Hollowmere) -> None:
    actions = list(
        AuditEvent.objects.for_council(hollowmere.council).values_list("action", flat=True)
    )
    assert actions[0] == "council.created"
    assert actions.count("person.created") == 5
    assert "committee.created" in actions and "role.assigned" in actions
