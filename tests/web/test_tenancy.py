"""One tenancy mechanism: every model pointing at Council is CouncilOwned and scoped."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from propriety.councils.models import Committee, Council
from propriety.councils.tenancy import CouncilOwned, UnscopedQueryError
from propriety.people.models import Person, RoleAssignment

from . import factories as f
from .conftest import Hollowmere


def _points_at_council(model: type[models.Model]) -> bool:
    return any(
        isinstance(field, models.ForeignKey) and field.related_model is Council
        for field in model._meta.get_fields()
        if field.concrete
    )


def _council_owned_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, CouncilOwned)]


def test_every_model_with_a_council_foreign_key_is_council_owned() -> None:
    offenders = [
        m._meta.label
        for m in apps.get_models()
        if _points_at_council(m) and not issubclass(m, CouncilOwned)
    ]
    assert offenders == [], (
        f"{offenders} point at Council but are not CouncilOwned: inherit "
        "propriety.councils.tenancy.CouncilOwned so their rows are scoped and audited."
    )


def test_the_known_council_owned_models_are_found() -> None:
    labels = {m._meta.label for m in _council_owned_models()}
    assert {
        "people.Person",
        "people.RoleAssignment",
        "councils.Committee",
        "councils.Ward",
        "councils.PartyGroup",
        "documents.Document",
        "audit.AuditEvent",
    } <= labels


@pytest.mark.parametrize("model", _council_owned_models(), ids=lambda m: m._meta.label)
def test_plain_querysets_raise_and_for_council_works(
    model: type[CouncilOwned], hollowmere: Hollowmere, fernley: Council
) -> None:
    with pytest.raises(UnscopedQueryError, match=rf"use {model.__name__}\.objects\.for_council"):
        model.objects.all()
    with pytest.raises(UnscopedQueryError):
        model.objects.filter(pk=1)
    mine = list(model.objects.for_council(hollowmere.council))
    assert all(row.council_id == hollowmere.council.pk for row in mine)
    assert not set(model.objects.for_council(fernley).values_list("pk", flat=True)) & {
        row.pk for row in mine
    }


def test_for_council_needs_a_saved_council() -> None:
    with pytest.raises(UnscopedQueryError):
        Person.objects.for_council(None)  # type: ignore[arg-type]


def test_related_managers_and_foreign_keys_work_from_a_scoped_object(
    hollowmere: Hollowmere,
) -> None:
    committee = Committee.objects.for_council(hollowmere.council).get(name="Planning Committee")
    members = list(committee.memberships.all())
    assert [m.person for m in members] == [hollowmere.cllr_chair]
    assignment = (
        RoleAssignment.objects.for_council(hollowmere.council).filter(committee=committee).get()
    )
    assert assignment.person.council == hollowmere.council
    assert list(hollowmere.cllr_chair.role_assignments.filter(committee=committee)) == [assignment]


def test_one_councils_rows_never_appear_in_anothers(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    f.make_person(fernley, "staff")
    hollowmere_people = set(Person.objects.for_council(hollowmere.council))
    fernley_people = set(Person.objects.for_council(fernley))
    assert hollowmere_people and fernley_people
    assert not hollowmere_people & fernley_people
