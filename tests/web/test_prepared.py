"""Prepared queries (web/prepared.py) give what their querysets give, for any values."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import QuerySet

from propriety.councils.models import Council
from propriety.people.models import Person, RoleAssignment
from propriety.web.prepared import DATE, IDS, INT, TEXT, Prepared

from .conftest import Hollowmere


def _roles(shape: str, *, council: int, day: datetime.date, role: str) -> QuerySet[RoleAssignment]:
    rows = RoleAssignment.objects.for_council(Council(pk=council)).filter(starts_on__lte=day)
    if shape == "role":
        rows = rows.filter(role=role)
    return rows.select_related("person", "committee").order_by("pk")


ROLES = Prepared(_roles, council=INT, day=DATE, role=TEXT)


def _names(shape: None, *, council: int, ids: list[int]) -> QuerySet[Any]:
    return (
        Person.objects.for_council(Council(pk=council))
        .filter(pk__in=ids)
        .order_by("full_name")
        .values_list("full_name", "pk")
    )


NAMES = Prepared(_names, council=INT, ids=IDS)


@pytest.mark.django_db
def test_prepared_objects_match_the_queryset_for_each_value(hollowmere: Hollowmere) -> None:
    council = hollowmere.council.pk
    for day in (datetime.date(2000, 1, 1), datetime.date.today()):
        for shape, role in (("all", None), ("role", "proper_officer"), ("role", "councillor")):
            expected = list(_roles(shape, council=council, day=day, role=role))
            got = ROLES.objects(shape, council=council, day=day, role=role)
            assert [r.pk for r in got] == [r.pk for r in expected]
            # Related rows are populated as select_related does, and values converted.
            assert [(r.person.full_name, r.starts_on, r.committee) for r in got] == [
                (r.person.full_name, r.starts_on, r.committee) for r in expected
            ]
    everything = ROLES.objects("all", council=council, day=datetime.date.today(), role=None)
    assert everything, "Hollowmere has roles"
    paged = ROLES.objects(
        "all", council=council, day=datetime.date.today(), role=None, limit=2, offset=1
    )
    assert [r.pk for r in paged] == [r.pk for r in everything[1:3]]


@pytest.mark.django_db
def test_another_council_is_never_answered_from_the_first(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    other = fernley
    today = datetime.date.today()
    ROLES.objects("all", council=hollowmere.council.pk, day=today, role=None)
    assert ROLES.objects("all", council=other.pk, day=today, role=None) == []


@pytest.mark.django_db
def test_prepared_values_take_lists_of_any_length(hollowmere: Hollowmere) -> None:
    h = hollowmere
    people = [h.clerk, h.cllr_chair, h.cllr_ward, h.officer_junior, h.monitoring_officer]
    for n in range(1, len(people) + 1):
        ids = [p.pk for p in people[:n]]
        expected = list(_names(None, council=h.council.pk, ids=ids))
        assert NAMES.values(None, council=h.council.pk, ids=ids) == expected
    with pytest.raises(ValueError, match="empty"):
        NAMES.values(None, council=h.council.pk, ids=[])


def _changed(shape: None, *, council: int, text: str) -> QuerySet[Any]:
    return (
        Person.objects.for_council(Council(pk=council))
        .filter(full_name__icontains=text)
        .values_list("pk")
    )


@pytest.mark.django_db
def test_a_slot_django_rewrites_is_refused(hollowmere: Hollowmere) -> None:
    changed = Prepared(_changed, council=INT, text=TEXT)
    with pytest.raises(ValueError, match="changed"):
        changed.values(None, council=hollowmere.council.pk, text="Clerk")


def _leaves_out(shape: None, *, council: int, text: str | None) -> QuerySet[Any]:
    rows = Person.objects.for_council(Council(pk=council))
    if text in ("Clara Clerk", "Cllr Ward"):  # looks at the value: the stand-in fails it
        rows = rows.filter(full_name=text)
    return rows.values_list("pk")


@pytest.mark.django_db
def test_a_slot_the_query_leaves_out_is_refused(hollowmere: Hollowmere) -> None:
    """Otherwise the SQL would ignore the real value too, and show every row."""
    leaves_out = Prepared(_leaves_out, council=INT, text=TEXT)
    with pytest.raises(ValueError, match="does not use"):
        leaves_out.values(None, council=hollowmere.council.pk, text="Clara Clerk")
    assert len(leaves_out.values(None, council=hollowmere.council.pk)) >= 5


def test_only_its_slots_may_be_given() -> None:
    with pytest.raises(TypeError, match="slots"):
        ROLES.objects("all", council=1, day=datetime.date.today(), rank=3)


@pytest.mark.django_db
def test_a_process_keeps_only_so_many_shapes(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shapes a URL can multiply (pages, sizes) never grow the process without bound."""
    import propriety.web.prepared as prepared

    monkeypatch.setattr(prepared, "KEEP", 2)
    roles = Prepared(_roles, council=INT, day=DATE, role=TEXT)
    today = datetime.date.today()
    for shape in ("a", "b", "c", "a"):
        got = roles.objects(shape, council=hollowmere.council.pk, day=today)
        assert [r.pk for r in got] == [
            r.pk for r in _roles(shape, council=hollowmere.council.pk, day=today, role=None)
        ]
    assert len(roles._compiled) == 2
