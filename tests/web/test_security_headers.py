"""Security headers on every page, no inline script, and GOV.UK-style error pages (never
Django's debug pages, which list every URL pattern)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from propriety.web.hardening import PERMISSIONS_POLICY

from .conftest import Hollowmere

TEMPLATES = Path(__file__).parents[2] / "src" / "propriety"


@pytest.mark.parametrize("url", ["/sign-in/", "/", "/profile/", "/enquiries/", "/nowhere/"])
def test_every_page_carries_the_security_headers(hollowmere: Hollowmere, url: str) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_api_carries_them_too(db: None) -> None:
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    """The policy forbids inline script, so a template with one would silently break."""
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        html = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", html):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path}: {tag}")
        if re.search(r"\son[a-z]+\s*=", html):
            offenders.append(f"{path}: an on...= event handler")
    assert offenders == []


def test_a_missing_or_forbidden_page_is_the_services_own_404(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.cllr_ward)
    for url in ("/nowhere/", "/enquiries/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Page not found" in html
        assert "govuk-heading-l" in html
        assert "URLconf" not in html and "urlpatterns" not in html
        assert "Sign out" in html  # the service's own layout, with its menu


def test_a_refusal_is_the_services_own_403(hollowmere: Hollowmere) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(hollowmere.clerk)
    response = client.post("/profile/", {"name": "No token from me"})  # no CSRF token
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert "govuk-heading-l" in html


def test_a_forbidden_page_is_the_services_own_403(hollowmere: Hollowmere) -> None:
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/")
    request.user = hollowmere.clerk
    response = permission_denied(request, PermissionDenied("Only the Clerk does that."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do that" in html
    assert "Only the Clerk does that." in html


def test_an_error_is_the_services_own_500(hollowmere: Hollowmere) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")  # Django renders it without a request
    assert "Sorry, there is a problem with the service" in html


def test_the_demo_settings_do_not_show_debug_pages_unless_asked() -> None:
    """`scripts/demo` runs the dev settings: DEBUG (and its pages) only with PROPRIETY_DEBUG."""
    code = "from django.conf import settings; import django; django.setup(); print(settings.DEBUG)"
    env = {k: v for k, v in os.environ.items() if k != "PROPRIETY_DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "propriety.web.settings.dev"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    env["PROPRIETY_DEBUG"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"
