"""The request-cost fixes of issue 16: counted queries and real responses, never timings."""

from __future__ import annotations

import datetime
import gzip

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from propriety.people.actions import do_assign_role, do_end_role
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

D = datetime.date


def _role_queries(queries: CaptureQueriesContext) -> int:
    return sum('FROM "people_roleassignment"' in q["sql"] for q in queries.captured_queries)


def test_roles_are_read_once_per_person_and_day(hollowmere: Hollowmere) -> None:
    clerk = Person.objects.for_council(hollowmere.council).get(pk=hollowmere.clerk.pk)
    with CaptureQueriesContext(connection) as queries:
        first = clerk.roles_on()
        clerk.is_councillor_on()
        clerk.display_name()
        clerk.job_title_on()
    assert _role_queries(queries) == 1
    assert [r.role for r in first] == [Role.PROPER_OFFICER]
    # A different day is a different question.
    with CaptureQueriesContext(connection) as queries:
        clerk.roles_on(D(2000, 1, 1))
    assert _role_queries(queries) == 1


def test_the_role_actions_drop_the_kept_roles(hollowmere: Hollowmere) -> None:
    h = hollowmere
    person = Person.objects.for_council(h.council).get(pk=h.officer_junior.pk)
    today = datetime.date.today()
    assert not person.is_councillor_on(today)
    do_assign_role(
        person, role=Role.COUNCILLOR, starts_on=today - datetime.timedelta(days=1), acting_user=None
    )
    assert person.is_councillor_on(today)
    # Ended by an action on another instance of the assignment: still seen.
    assignment = RoleAssignment.objects.for_council(h.council).get(
        person=person, role=Role.COUNCILLOR
    )
    do_end_role(assignment, ends_on=today - datetime.timedelta(days=1), acting_user=None)
    assert not person.is_councillor_on(today)


def test_a_signed_in_page_reads_roles_once_and_no_session_table(
    hollowmere: Hollowmere, client: Client
) -> None:
    client.force_login(hollowmere.clerk)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any("django_session" in s for s in sqls)
    own = f'"people_roleassignment"."person_id" = {hollowmere.clerk.pk}'
    mine = [s for s in sqls if 'FROM "people_roleassignment"' in s and own in s]
    assert len(mine) <= 1, mine


def test_sessions_live_in_a_signed_cookie_and_still_work(
    hollowmere: Hollowmere, client: Client
) -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.signed_cookies"
    response = client.post(
        reverse("login"), {"username": hollowmere.clerk.email, "password": f.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].pk == hollowmere.clerk.pk
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    # A tampered cookie is no session at all.
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie.value[:-2] + "xx"
    assert client.get(reverse("enquiries:list")).status_code == 302


def test_disabling_a_person_ends_their_cookie_session(
    hollowmere: Hollowmere, client: Client
) -> None:
    from propriety.people.actions import do_disable_person

    client.force_login(hollowmere.officer_junior)
    assert client.get(reverse("home")).status_code == 200
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    response = client.get(reverse("enquiries:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_pages_are_gzipped_for_browsers_that_ask(hollowmere: Hollowmere, client: Client) -> None:
    client.force_login(hollowmere.clerk)
    response = client.get(reverse("enquiries:list"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "govuk-table" in html or "enquir" in html.lower()
    assert "Content-Security-Policy" in response
    plain = client.get(reverse("enquiries:list"))
    assert "Content-Encoding" not in plain


def test_the_ward_filter_reads_no_enquiries(hollowmere: Hollowmere, client: Client) -> None:
    client.force_login(hollowmere.clerk)
    client.get(reverse("enquiries:list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("enquiries:list"))
    html = response.content.decode()
    assert hollowmere.brookside.name in html
    enquiry_reads = [q["sql"] for q in queries.captured_queries if "enquiries_enquiry" in q["sql"]]
    # The page's rows and its count, the officer check, nothing for the filter.
    assert not any('"councils_ward"' in s for s in enquiry_reads), enquiry_reads


def test_sqlite_connections_are_kept(db: None) -> None:
    config = settings.DATABASES["default"]
    if config["ENGINE"].endswith("sqlite3"):
        assert config["CONN_MAX_AGE"] > 0
        assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_the_bench_pages_exist_only_when_the_bench_asks(settings: object) -> None:
    from propriety.web import bench_views

    assert bench_views.urls() == []
    settings.PROPRIETY_BENCH_VIEWS = True  # type: ignore[attr-defined]
    assert [p.name for p in bench_views.urls()] == ["bench-bare", "bench-bare-signed-in"]


def test_serve_production_options() -> None:
    from propriety.web.production_server import default_workers, gunicorn_options

    options = gunicorn_options("127.0.0.1", 8123, workers=3, timeout=45)
    assert options["bind"] == "127.0.0.1:8123"
    assert (options["workers"], options["timeout"], options["worker_class"]) == (3, 45, "sync")
    assert options["preload_app"] is False
    assert default_workers() >= 3


def test_a_worker_freezes_what_it_loaded_before_serving() -> None:
    """The garbage collector's full passes skip the worker's long-lived objects."""
    import gc

    from propriety.web.production_server import _Propriety

    app = _Propriety.__new__(_Propriety)
    try:
        assert callable(app.load())
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
