"""Personal API tokens: created and revoked through actions, used as `Bearer` keys on the API."""

from __future__ import annotations

import datetime
import hashlib
import json
import re

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from propriety.api.auth import current_person
from propriety.api.service import api
from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.councils.models import Council
from propriety.people.access import access_api_token_by_id
from propriety.people.actions import (
    do_create_api_token,
    do_disable_person,
    do_end_role,
    do_revoke_api_token,
)
from propriety.people.models import ApiToken, Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

ME = "/api/v1/me"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# --- actions -------------------------------------------------------------------------


def test_creating_a_token_stores_only_its_hash_and_is_audited(hollowmere: Hollowmere) -> None:
    token, key = do_create_api_token(
        hollowmere.clerk, name="Casework app", acting_user=hollowmere.clerk
    )
    assert key.startswith("prp_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert token.council == hollowmere.council and token.revoked_at is None
    stored = ApiToken.objects.for_council(hollowmere.council).get(pk=token.pk)
    assert key not in {stored.key_hash, stored.prefix, stored.name}

    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert event.action == "api_token.created"
    assert event.actor == hollowmere.clerk
    assert event.object_id == str(token.pk)
    assert event.details == {
        "person": hollowmere.clerk.pk,
        "name": "Casework app",
        "prefix": key[:8],
        "expires_at": stored.expires_at.isoformat() if stored.expires_at else None,
        "read_only": False,
    }
    # The raw key is nowhere in the audit trail.
    assert key not in json.dumps(event.details) + event.object_repr


def test_each_token_gets_its_own_key(hollowmere: Hollowmere) -> None:
    _, first = do_create_api_token(hollowmere.clerk, name="One", acting_user=hollowmere.clerk)
    _, second = do_create_api_token(hollowmere.clerk, name="Two", acting_user=hollowmere.clerk)
    assert first != second


def test_a_token_needs_a_name(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_api_token(hollowmere.clerk, name="   ", acting_user=hollowmere.clerk)
    assert "name" in caught.value.message_dict
    assert not hollowmere.clerk.api_tokens.exists()


def test_revoking_a_token_is_audited_and_happens_once(hollowmere: Hollowmere) -> None:
    token, key = do_create_api_token(hollowmere.clerk, name="Old", acting_user=hollowmere.clerk)
    do_revoke_api_token(token, acting_user=hollowmere.clerk)
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert event.action == "api_token.revoked"
    assert event.actor == hollowmere.clerk
    assert event.object_id == str(token.pk)
    assert key not in json.dumps(event.details)

    count = AuditEvent.objects.for_council(hollowmere.council).count()
    do_revoke_api_token(token, acting_user=hollowmere.clerk)
    assert AuditEvent.objects.for_council(hollowmere.council).count() == count


def test_a_token_is_saved_only_inside_an_action(hollowmere: Hollowmere) -> None:
    from propriety.audit.recording import UnauditedWriteError

    token, _ = do_create_api_token(hollowmere.clerk, name="Old", acting_user=hollowmere.clerk)
    token.revoked_at = timezone.now()
    with pytest.raises(UnauditedWriteError):
        token.save(update_fields=["revoked_at"])


def test_people_reach_only_their_own_tokens(hollowmere: Hollowmere, fernley: Council) -> None:
    mine, _ = do_create_api_token(hollowmere.clerk, name="Mine", acting_user=hollowmere.clerk)
    assert access_api_token_by_id(hollowmere.clerk, mine.pk) == mine
    with pytest.raises(Http404):
        access_api_token_by_id(hollowmere.cllr_ward, mine.pk)
    stranger = f.make_person(fernley, Role.PROPER_OFFICER)
    with pytest.raises(Http404):
        access_api_token_by_id(stranger, mine.pk)
    with pytest.raises(Http404):
        access_api_token_by_id(hollowmere.clerk, 999_999)


# --- the API -------------------------------------------------------------------------


def test_me_answers_for_the_tokens_person(hollowmere: Hollowmere, client: Client) -> None:
    _, key = do_create_api_token(hollowmere.cllr_ward, name="App", acting_user=None)
    response = client.get(ME, **bearer(key))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Wendy Ward"
    assert body["email"] == "ward@hollowmere.example"
    assert body["council"] == {"name": "Hollowmere Parish Council", "slug": "hollowmere"}
    roles = {r["role"]: r for r in body["roles"]}
    assert set(roles) == {Role.COUNCILLOR.value, Role.WARD_COUNCILLOR.value}
    ward = roles[Role.WARD_COUNCILLOR.value]
    assert ward["label"] == Role.WARD_COUNCILLOR.label
    assert ward["body"] == "Brookside"
    assert ward["starts_on"] == f.TERM_STARTS.isoformat()
    assert ward["ends_on"] is None
    assert roles[Role.COUNCILLOR.value]["body"] is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer prp_not-a-real-key"},
        {"HTTP_AUTHORIZATION": "Bearer "},
        {"HTTP_AUTHORIZATION": "Token prp_whatever"},
        {"HTTP_AUTHORIZATION": "Basic Y2xlcms6cGFzc3dvcmQ="},
    ],
    ids=["no header", "unknown key", "empty key", "wrong scheme", "basic auth"],
)
def test_no_or_a_bad_token_is_401_json(
    hollowmere: Hollowmere, client: Client, headers: dict[str, str]
) -> None:
    response = client.get(ME, **headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Unauthorized"}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_hash_is_not_a_key(hollowmere: Hollowmere, client: Client) -> None:
    token, _ = do_create_api_token(hollowmere.clerk, name="App", acting_user=None)
    assert client.get(ME, **bearer(token.key_hash)).status_code == 401


def test_a_revoked_token_stops_working(hollowmere: Hollowmere, client: Client) -> None:
    token, key = do_create_api_token(hollowmere.clerk, name="App", acting_user=None)
    assert client.get(ME, **bearer(key)).status_code == 200
    do_revoke_api_token(token, acting_user=hollowmere.clerk)
    assert client.get(ME, **bearer(key)).status_code == 401


def test_a_disabled_persons_token_stops_working(hollowmere: Hollowmere, client: Client) -> None:
    _, key = do_create_api_token(hollowmere.officer_junior, name="App", acting_user=None)
    assert client.get(ME, **bearer(key)).status_code == 200
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    assert client.get(ME, **bearer(key)).status_code == 401


def test_a_token_stops_working_when_its_persons_term_ends(
    hollowmere: Hollowmere, client: Client
) -> None:
    _, key = do_create_api_token(hollowmere.cllr_ward, name="App", acting_user=None)
    assert client.get(ME, **bearer(key)).status_code == 200
    term = hollowmere.cllr_ward.role_assignments.get(role=Role.COUNCILLOR)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    do_end_role(term, ends_on=yesterday, acting_user=hollowmere.clerk)
    # The ward role is still open, but a member's roles end with their term.
    assert client.get(ME, **bearer(key)).status_code == 401


def test_a_token_never_reaches_another_councils_data(
    hollowmere: Hollowmere, fernley: Council, client: Client
) -> None:
    fernley_clerk = f.make_person(
        fernley, Role.PROPER_OFFICER, name="Fern Clerk", email="clerk@fernley.example"
    )
    fernley_token, fernley_key = do_create_api_token(fernley_clerk, name="F", acting_user=None)
    hollowmere_token, hollowmere_key = do_create_api_token(
        hollowmere.clerk, name="H", acting_user=None
    )

    fernley_me = client.get(ME, **bearer(fernley_key)).json()
    assert fernley_me["council"]["slug"] == "fernley"
    assert fernley_me["name"] == "Fern Clerk"
    assert "hollowmere" not in json.dumps(fernley_me).lower()
    hollowmere_me = client.get(ME, **bearer(hollowmere_key)).json()
    assert hollowmere_me["council"]["slug"] == "hollowmere"

    # Each council's tokens are that council's rows, and one council's person
    # cannot reach the other's token by id.
    assert list(ApiToken.objects.for_council(fernley)) == [fernley_token]
    with pytest.raises(Http404):
        access_api_token_by_id(fernley_clerk, hollowmere_token.pk)
    with pytest.raises(Http404):
        access_api_token_by_id(hollowmere.clerk, fernley_token.pk)


def test_the_token_sets_request_user_to_its_person(hollowmere: Hollowmere) -> None:
    from propriety.api.auth import TokenAuth

    _, key = do_create_api_token(hollowmere.monitoring_officer, name="App", acting_user=None)
    request = RequestFactory().get(ME, **bearer(key))
    person = TokenAuth()(request)
    assert person == hollowmere.monitoring_officer
    assert request.user == hollowmere.monitoring_officer
    request.auth = person  # type: ignore[attr-defined]
    assert current_person(request) == hollowmere.monitoring_officer


def test_current_person_refuses_a_request_without_a_person() -> None:
    from ninja.errors import AuthenticationError

    with pytest.raises(AuthenticationError):
        current_person(RequestFactory().get(ME))


def test_api_errors_have_one_json_shape(db: None) -> None:
    request = RequestFactory().get(ME)

    missing = api.on_exception(request, Http404("No such token."))
    assert missing.status_code == 404
    assert json.loads(missing.content) == {"detail": "Not found."}

    invalid = api.on_exception(
        request, ValidationError({"name": ["Enter a name.", "Too short."], "__all__": ["No."]})
    )
    assert invalid.status_code == 422
    body = json.loads(invalid.content)
    assert body["errors"] == {"name": ["Enter a name.", "Too short."], "__all__": ["No."]}
    assert "Enter a name." in body["detail"]

    plain = api.on_exception(request, ValidationError("Not allowed today."))
    assert plain.status_code == 422
    assert json.loads(plain.content) == {
        "detail": "Not allowed today.",
        "errors": {"__all__": ["Not allowed today."]},
    }


def test_the_openapi_schema_is_served(db: None, client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Propriety API"
    assert schema["info"]["version"] == "1"
    assert "/api/v1/me" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_the_api_docs_load_nothing_from_the_internet(
    hollowmere: Hollowmere, client: Client
) -> None:
    # The page is for signed-in people; the OpenAPI document itself stays public.
    anonymous = client.get("/api/v1/docs")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/sign-in/")
    client.force_login(hollowmere.clerk)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), html
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    assert settings["validatorUrl"] is None
    assert settings["url"] == "/api/v1/openapi.json"
    assets = re.findall(r'(?:src|href)="(/static/ninja/[^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()


# --- the profile page ----------------------------------------------------------------


def test_the_profile_page_shows_the_person_and_their_tokens(
    hollowmere: Hollowmere, client: Client
) -> None:
    live, _ = do_create_api_token(hollowmere.cllr_chair, name="Casework", acting_user=None)
    dead, _ = do_create_api_token(hollowmere.cllr_chair, name="Old laptop", acting_user=None)
    do_revoke_api_token(dead, acting_user=hollowmere.cllr_chair)
    do_create_api_token(hollowmere.clerk, name="Clerk's own", acting_user=None)

    client.force_login(hollowmere.cllr_chair)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Charles Chair" in html and "chair@hollowmere.example" in html
    assert Role.COMMITTEE_CHAIR.label in html and "Planning Committee" in html
    assert "Casework" in html and f"{live.prefix}…" in html
    assert "Old laptop" in html and "Revoked" in html
    assert "Clerk&#x27;s own" not in html and "Clerk's own" not in html
    assert html.count(">Revoke<") == 1
    assert reverse("revoke_api_token", args=[live.pk]) in html
    assert reverse("revoke_api_token", args=[dead.pk]) not in html
    assert '<a class="govuk-service-navigation__link" href="/profile/" aria-current="page">' in html


def test_creating_a_token_shows_its_key_once(hollowmere: Hollowmere, client: Client) -> None:
    client.force_login(hollowmere.clerk)
    response = client.post(
        reverse("profile"), {"name": "Spreadsheet", "access": "read_only", "expires_in_days": "30"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    key = re.search(r'id="new-token-key">(prp_[^<]+)<', html)[1]  # type: ignore[index]
    assert 'class="govuk-panel govuk-panel--confirmation' in html
    assert "It will not be shown again" in html

    token = hollowmere.clerk.api_tokens.get()
    assert token.name == "Spreadsheet"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert client.get(ME, **bearer(key)).json()["email"] == hollowmere.clerk.email

    again = client.get(reverse("profile")).content.decode()
    assert key not in again
    assert "Spreadsheet" in again and token.prefix in again


def test_a_token_without_a_name_shows_the_error_summary(
    hollowmere: Hollowmere, client: Client
) -> None:
    client.force_login(hollowmere.clerk)
    response = client.post(reverse("profile"), {"name": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_name">Enter a name for the token</a>' in html
    assert "<title>Error: Your profile" in html
    assert "new-token-key" not in html
    assert not hollowmere.clerk.api_tokens.exists()


def test_revoking_from_the_profile_page(hollowmere: Hollowmere, client: Client) -> None:
    token, key = do_create_api_token(hollowmere.clerk, name="App", acting_user=None)
    client.force_login(hollowmere.clerk)
    response = client.post(reverse("revoke_api_token", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(ME, **bearer(key)).status_code == 401
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert (event.action, event.actor) == ("api_token.revoked", hollowmere.clerk)


def test_revoking_needs_a_post(hollowmere: Hollowmere, client: Client) -> None:
    token, _ = do_create_api_token(hollowmere.clerk, name="App", acting_user=None)
    client.force_login(hollowmere.clerk)
    assert client.get(reverse("revoke_api_token", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_someone_elses_token_is_not_found(
    hollowmere: Hollowmere, fernley: Council, client: Client
) -> None:
    theirs, key = do_create_api_token(hollowmere.cllr_ward, name="Wendy's", acting_user=None)
    elsewhere = f.make_person(fernley, Role.PROPER_OFFICER)
    fernleys, _ = do_create_api_token(elsewhere, name="Fernley's", acting_user=None)
    client.force_login(hollowmere.clerk)
    for token_id in (theirs.pk, fernleys.pk, 999_999):
        response = client.post(reverse("revoke_api_token", args=[token_id]))
        assert response.status_code == 404
    theirs.refresh_from_db()
    fernleys.refresh_from_db()
    assert theirs.revoked_at is None and fernleys.revoked_at is None
    assert client.get(ME, **bearer(key)).status_code == 200


def test_the_profile_page_needs_a_sign_in(client: Client, db: None) -> None:
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the command line ----------------------------------------------------------------


def test_the_cli_creates_a_working_token(hollowmere: Hollowmere, client: Client) -> None:
    result = CliRunner().invoke(
        main, ["token", "create", "MO@hollowmere.example", "--name", "Reports"]
    )
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key.startswith("prp_")
    token = hollowmere.monitoring_officer.api_tokens.get()
    assert token.name == "Reports"
    assert f"#{token.pk}" in result.output
    assert client.get(ME, **bearer(key)).json()["name"] == "Morgan Monitor"
    event = (
        AuditEvent.objects.for_council(hollowmere.council)
        .filter(action="api_token.created")
        .latest("pk")
    )
    assert event.actor is None

    revoked = CliRunner().invoke(main, ["token", "revoke", str(token.pk)])
    assert revoked.exit_code == 0, revoked.output
    assert client.get(ME, **bearer(key)).status_code == 401


def test_the_cli_refuses_an_unknown_email(hollowmere: Hollowmere) -> None:
    result = CliRunner().invoke(main, ["token", "create", "nobody@hollowmere.example"])
    assert result.exit_code == 2
    assert "nobody@hollowmere.example" in result.output
    assert not ApiToken.unscoped.exists()


def test_the_cli_refuses_a_person_whose_access_ended(hollowmere: Hollowmere) -> None:
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    result = CliRunner().invoke(main, ["token", "create", hollowmere.officer_junior.email])
    assert result.exit_code == 2
    assert "disabled" in result.output
    assert not ApiToken.unscoped.exists()


def test_the_cli_refuses_an_unknown_token_id(db: None) -> None:
    result = CliRunner().invoke(main, ["token", "revoke", "999999"])
    assert result.exit_code == 2
    assert "no token #999999" in result.output


def test_api_tokens_belong_to_their_persons_council(hollowmere: Hollowmere) -> None:
    token, _ = do_create_api_token(hollowmere.clerk, name="App", acting_user=None)
    assert isinstance(token.person, Person)
    assert token.council_id == token.person.council_id
