"""The signed-in person is read in one query per request (people/signed_in.py), and reads
exactly what the ORM would: counted queries and real outcomes, never timings."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from propriety.people.actions import do_end_role
from propriety.people.models import Person, RoleAssignment
from propriety.people.signed_in import has_two_factor_kept, load_signed_in, memberships_kept
from propriety.web.two_factor import do_turn_on_two_factor

from .conftest import Hollowmere


def _described(person: Person) -> list[tuple[object, ...]]:
    return [
        (r.pk, r.role, r.starts_on, r.ends_on, str(r.committee), str(r.ward), str(r.party_group))
        for r in person.roles_on()
    ]


def test_one_query_reads_what_the_orm_reads(hollowmere: Hollowmere) -> None:
    h = hollowmere
    for someone in (h.clerk, h.cllr_chair, h.cllr_ward, h.officer_junior, h.monitoring_officer):
        orm = Person.unscoped.select_related("council", "account").get(pk=someone.pk)
        with CaptureQueriesContext(connection) as queries:
            loaded = load_signed_in(someone.pk)
            assert loaded is not None
            fields = [f.attname for f in Person._meta.concrete_fields]
            assert [getattr(loaded, n) for n in fields] == [getattr(orm, n) for n in fields]
            assert loaded.council == orm.council and loaded.council.name == orm.council.name
            assert loaded.account.password == orm.account.password
            assert loaded.get_session_auth_hash() == orm.get_session_auth_hash()
            roles = _described(loaded)
            loaded.display_name()
            loaded.is_councillor_on()
        assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
        assert roles == _described(orm)
        assert has_two_factor_kept(loaded) is False
        assert memberships_kept(loaded.account) == 1
    assert load_signed_in(10**9) is None
    assert load_signed_in("not a number") is None


def test_a_signed_in_page_reads_the_person_in_one_query(
    hollowmere: Hollowmere, client: Client
) -> None:
    client.force_login(hollowmere.cllr_ward)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "people_person" p' in s for s in sqls) == 1, sqls
    assert not any('FROM "otp_totp_totpdevice" WHERE' in s for s in sqls), sqls
    assert not any(s.startswith('SELECT COUNT(*) AS "__count" FROM "people_person"') for s in sqls)


def test_an_ended_role_ends_access_on_the_very_next_request(
    hollowmere: Hollowmere, client: Client
) -> None:
    h = hollowmere
    client.force_login(h.cllr_ward)
    assert client.get(reverse("enquiries:list")).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for role in RoleAssignment.objects.for_council(h.council).filter(person=h.cllr_ward):
        role.refresh_from_db()  # the term's end ends the member roles with it
        if role.ends_on != yesterday:
            do_end_role(role, ends_on=yesterday, acting_user=None)
    response = client.get(reverse("enquiries:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_authenticator_app_turned_on_elsewhere_counts_on_the_next_request(
    hollowmere: Hollowmere, client: Client
) -> None:
    h = hollowmere
    client.force_login(h.officer_junior)
    assert client.get(reverse("enquiries:list")).status_code == 200
    do_turn_on_two_factor(
        h.officer_junior,
        key="3132333435363738393031323334353637383930",
        acting_user=h.officer_junior,
    )
    assert has_two_factor_kept(load_signed_in(h.officer_junior.pk)) is True  # type: ignore[arg-type]
    response = client.get(reverse("enquiries:list"))
    assert response.status_code == 302
    assert reverse("two_factor_verify") in response["Location"]
