"""Sign-in, sign-out and the home page, through HTTP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.people.models import Account, Person
from propriety.web.demo import demo_sign_ins, load_demo

from . import factories as f
from .conftest import Hollowmere
from .test_operators import pass_operator_two_factor


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_the_sign_in_page_follows_the_govuk_patterns(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'class="govuk-generic-header"' in html
    assert 'class="govuk-service-navigation"' in html
    assert 'class="govuk-footer"' in html
    assert "govuk-crest" not in html and "GOV.UK" not in html
    assert 'autocomplete="current-password"' in html


def test_a_wrong_password_shows_the_error_summary(hollowmere: Hollowmere, client: Client) -> None:
    response = client.post(
        reverse("login"), {"username": hollowmere.clerk.email, "password": "wrong"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert "The email address or password is wrong. Check them and try again." in html
    assert "<title>Error: Sign in" in html


def test_empty_fields_link_each_error_to_its_field(client: Client, db: None) -> None:
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_signing_in_is_audited_and_records_last_login(
    hollowmere: Hollowmere, client: Client
) -> None:
    response = client.post(
        reverse("login"), {"username": "CLERK@hollowmere.example", "password": f.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    clerk = Person.objects.for_council(hollowmere.council).get(pk=hollowmere.clerk.pk)
    assert clerk.last_login is not None
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert (event.action, event.actor) == ("person.signed_in", clerk)


def test_the_home_page_says_who_you_are_and_what_you_can_do(
    hollowmere: Hollowmere, client: Client
) -> None:
    client.force_login(hollowmere.cllr_chair)
    html = client.get(reverse("home")).content.decode()
    assert "You are signed in as Cllr Charles Chair of Hollowmere Parish Council" in html
    assert "Committee chair" in html and "Planning Committee" in html
    assert "Chair of the council" in html
    assert "Since 8 May 2023" in html
    assert "Ask to see a council document you need to know about." in html
    assert "See every enquiry and document in the council." not in html


def test_the_clerk_is_told_they_see_everything(hollowmere: Hollowmere, client: Client) -> None:
    client.force_login(hollowmere.clerk)
    html = client.get(reverse("home")).content.decode()
    assert "You are signed in as Clara Clerk of Hollowmere Parish Council" in html
    assert "Proper Officer / Clerk" in html
    assert "See every enquiry and document in the council." in html


def test_the_ward_councillor_sees_their_ward(hollowmere: Hollowmere, client: Client) -> None:
    client.force_login(hollowmere.cllr_ward)
    html = client.get(reverse("home")).content.decode()
    assert "Ward councillor" in html and "Brookside ward" in html


def test_signing_out_needs_a_post_and_ends_the_session(
    hollowmere: Hollowmere, client: Client
) -> None:
    client.force_login(hollowmere.clerk)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)
    assert "You have signed out." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert (
        AuditEvent.objects.for_council(hollowmere.council)
        .filter(action="person.signed_out")
        .exists()
    )


def test_the_stylesheet_and_script_are_served(client: Client, db: None) -> None:
    css = client.get("/static/vendor/govuk/propriety.min.css")
    assert css.status_code == 200
    body = b"".join(css.streaming_content)  # type: ignore[attr-defined]
    css.close()
    assert b"GDS Transport" not in body
    assert b"--govuk-brand-colour: #0b4f55" in body
    script = client.get("/static/propriety/init.js")
    assert b"initAll()" in b"".join(script.streaming_content)  # type: ignore[attr-defined]
    script.close()


@pytest.mark.django_db
def test_every_demo_sign_in_works() -> None:
    _, created = load_demo()
    assert created
    for sign_in in demo_sign_ins():
        client = Client()
        response = client.post(
            reverse("login"), {"username": sign_in.email, "password": sign_in.password}
        )
        assert response.status_code == 302, sign_in
        if sign_in.role == "Operator":
            # Operators hold no council role: they land on their own pages.
            assert response.url == reverse("operator:councils")
            # ... once they have set up two-factor sign-in (required for operators).
            assert client.get(response.url)["Location"].startswith(
                reverse("operator:two_factor_setup")
            )
            pass_operator_two_factor(client, Account.objects.get(email=sign_in.email))
            assert client.get(response.url).status_code == 200
            continue
        html = client.get(reverse("home")).content.decode()
        assert f"You are signed in as {sign_in.name} of {sign_in.council}" in html


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing() -> None:
    council, _ = load_demo()
    people = Person.objects.for_council(council).count()
    events = AuditEvent.objects.for_council(council).count()
    again, created = load_demo()
    assert (again, created) == (council, False)
    assert Person.objects.for_council(council).count() == people
    assert AuditEvent.objects.for_council(council).count() == events


def test_the_cached_links_and_assets_follow_the_settings() -> None:
    """``{% link %}`` and ``{% asset %}`` keep what they worked out per URL configuration,
    script prefix and static storage, and always give what ``{% url %}`` and
    ``{% static %}`` give."""
    from django.template import Context, Template
    from django.test.utils import override_settings
    from django.urls import set_script_prefix

    page = Template("{% load propriety_nav %}{% link 'home' %} {% asset 'propriety/app.css' %}")
    django = Template("{% load static %}{% url 'home' %} {% static 'propriety/app.css' %}")

    def same() -> str:
        assert page.render(Context()) == django.render(Context())
        return page.render(Context())

    assert same() == "/ /static/propriety/app.css"
    with override_settings(STATIC_URL="/assets/"):
        assert same() == "/ /assets/propriety/app.css"
    with override_settings(STATIC_URL="files/"):  # relative: after the script prefix
        set_script_prefix("/council/")
        try:
            assert same() == "/council/ /council/files/propriety/app.css"
        finally:
            set_script_prefix("/")
    assert same() == "/ /static/propriety/app.css"
