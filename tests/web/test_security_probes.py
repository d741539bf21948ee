"""Probes an attacker would try: another council's objects by id, and extra fields on
every create operation.

- **Cross-council probe.** The demo council (Kestrelford) is loaded with objects of every
  kind in every state. The Clerk of another council (Hollowmere), the person there who sees
  most, asks for every one of them by id through every page URL and every API path that
  takes that kind of id: each answer must be 404 (for a write, a 422 from the schema before
  any object is looked at is also safe). A URL or path whose id this test cannot map fails.
- **Mass assignment.** Every create operation of the API gets a valid body plus the fields
  a server must set itself (id, council, status, who did it, when): the row is created in
  the token's own council with its own id and state, and nothing appears in another council.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from propriety.api.service import api
from propriety.audit.models import Checkpoint
from propriety.briefings.models import Briefing
from propriety.concerns.models import Concern
from propriety.conduct.models import ConductQuestion
from propriety.consultations.models import DelegatedAction
from propriety.correspondence.models import Correspondence, IncomingLetter
from propriety.councils.models import Committee, Council
from propriety.councils.tenancy import CouncilOwned
from propriety.documents.models import AccessRequest, Document
from propriety.enquiries.models import DirectContactAgreement, Enquiry
from propriety.interests.models import Declaration, Panel
from propriety.mail.models import InboundAttachment, InboundMessage
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person, RoleAssignment
from propriety.press.models import Election, MediaContact, MediaInterest, PressRelease, Spokesperson
from propriety.protocoltext.models import ClauseQuestion
from propriety.reports.models import ActingArrangement, ReportRequest
from propriety.resources.models import ResourceRequest
from propriety.wardnotices.models import WardNotice
from propriety.web.demo import load_demo
from propriety.workspace.models import CalendarFeed

from . import factories as f
from .conftest import Hollowmere

# Which model each URL parameter names.
PARAM_MODELS: dict[str, type[CouncilOwned]] = {
    "agreement_id": DirectContactAgreement,
    "concern_id": Concern,
    "contact_id": MediaContact,
    "correspondence_id": Correspondence,
    "document_id": Document,
    "election_id": Election,
    "enquiry_id": Enquiry,
    "entry_id": Spokesperson,
    "interest_id": MediaInterest,
    "letter_id": IncomingLetter,
    "release_id": PressRelease,
    "request_id": AccessRequest,
    "action_id": DelegatedAction,
    "arrangement_id": ActingArrangement,
    "attachment_id": InboundAttachment,
    "body_id": Committee,  # /setup/<kind>/<id>/: probed as a committee
    "briefing_id": Briefing,
    "checkpoint_id": Checkpoint,
    "council_id": Council,  # the operator's pages: no council person's
    "declaration_id": Declaration,
    "feed_id": CalendarFeed,
    "message_id": InboundMessage,
    "notice_id": WardNotice,
    "panel_id": Panel,
    "person_id": Person,
    "question_id": ClauseQuestion,  # /can-i/ and /conduct/ routes: ConductQuestion (below)
    "report_id": ReportRequest,
    "resource_id": ResourceRequest,
    "role_id": RoleAssignment,
}
# The demo council's protocol (acses-town) answers neither written reports nor acting
# Proper Officer arrangements, so the demo has none to probe: those apps' own permission
# tables probe another council's rows.
# Nor does it (nor any of the five seeds) answer correspondence.incoming: its permission
# tables probe another council's letters, on the fictional Ashcombe rulebook.
ABSENT_FROM_DEMO = {ReportRequest, ActingArrangement, IncomingLetter}


def _model_for(route: str, param: str) -> type[Any]:
    if param == "question_id" and ("can-i/" in route or "/conduct/" in route):
        return ConductQuestion
    return PARAM_MODELS[param]


# The person's own tokens (revoked through the profile): not council casework.
OWN_ONLY = {"token_id"}


def _page_routes() -> list[tuple[str, str]]:
    """(route with one <int:x_id>, parameter) for every page URL that takes an id."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if not route.startswith("api/"):
                    walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                for param in re.findall(r"<int:(\w+)>", route):
                    found.append(("/" + route, param))

    walk(get_resolver().url_patterns, "")
    return found


def _api_routes() -> list[tuple[str, str, str]]:
    """(method, path, parameter) for every API operation that takes an id."""
    found = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            for param in re.findall(r"\{(\w+)\}", path):
                found.append((method.upper(), path, param))
    return found


def test_every_id_in_a_url_is_mapped_to_its_model() -> None:
    params = {p for _, p in _page_routes()} | {p for _, _, p in _api_routes()}
    assert params - set(PARAM_MODELS) - OWN_ONLY == set()


@pytest.fixture
def kestrelford(hollowmere: Hollowmere) -> Council:
    council, _ = load_demo()
    return council


def _ids(council: Council, model: type[Any]) -> list[int]:
    if model is Council:
        return [council.pk]
    ids = list(model.objects.for_council(council).values_list("pk", flat=True))
    assert ids or model in ABSENT_FROM_DEMO, (
        f"the demo has no {model.__name__}: the probe would prove nothing"
    )
    return ids


def test_another_councils_objects_are_not_found_by_any_page_or_api_operation(
    hollowmere: Hollowmere, kestrelford: Council
) -> None:
    """One test, so the demo is loaded once for both (pages, then the API)."""
    client = Client()
    client.force_login(hollowmere.clerk)
    answered: list[str] = []
    probes = 0
    for route, param in _page_routes():
        if param in OWN_ONLY:
            continue
        for pk in _ids(kestrelford, _model_for(route, param)):
            url = re.sub(r"<int:\w+>", str(pk), route).replace("<str:kind>", "committees")
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, {})
                probes += 1
                if response.status_code not in (404, 405):
                    answered.append(f"{method} {url}: {response.status_code}")
    assert probes > 100
    assert answered == []
    _api_probes(hollowmere, kestrelford)


def _api_probes(hollowmere: Hollowmere, kestrelford: Council) -> None:
    _, key = do_create_api_token(hollowmere.clerk, name="probe", acting_user=hollowmere.clerk)
    client = Client()
    answered: list[str] = []
    for method, path, param in _api_routes():
        for pk in _ids(kestrelford, _model_for(path, param)):
            url = path.replace("{" + param + "}", str(pk))
            response = client.generic(
                method,
                url,
                "{}",
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )
            status = response.status_code
            schema_refusal = status == 422 and isinstance(response.json().get("detail"), list)
            if status != 404 and not schema_refusal:
                answered.append(f"{method} {url}: {status} {response.content[:120]!r}")
    assert answered == []


# --- mass assignment -------------------------------------------------------------------------

# For each create operation: who sends it, and a valid body (ids filled in from the world).
CREATES: dict[str, tuple[str, Callable[[Hollowmere], dict[str, Any]]]] = {
    "/api/v1/enquiries": (
        "cllr_ward",
        lambda h: {
            "subject": "Bus shelter",
            "body": "Who repairs it?",
            "kind": "information",
            "addressed_to": "proper_officer",
        },
    ),
    "/api/v1/enquiry-agreements": (
        "clerk",
        lambda h: {"officer_id": h.officer_junior.pk, "matter": "Allotments"},
    ),
    "/api/v1/correspondence": (
        "clerk",
        lambda h: {
            "subject": "Planning",
            "body": "Dear Cllr Ward",
            "to": [{"person_id": h.cllr_ward.pk}],
        },
    ),
    "/api/v1/correspondence/eml": (
        "clerk",
        lambda h: {
            "raw": "From: clerk@hollowmere.example\nTo: ward@hollowmere.example\n"
            "Subject: Planning\n\nDear Cllr Ward\n"
        },
    ),
    "/api/v1/concerns": (
        "cllr_ward",
        lambda h: {
            "direction": "member_about_officer",
            "about_id": h.officer_junior.pk,
            "summary": "Rude reply",
            "details": "Short with me.",
        },
    ),
    "/api/v1/press-releases": (
        "officer_junior",
        lambda h: {"title": "Play area", "body": "It reopens on Monday."},
    ),
    "/api/v1/spokespeople": (
        "clerk",
        lambda h: {
            "person_id": h.cllr_chair.pk,
            "resolution_reference": "FC 2026/9",
            "resolved_on": "2026-05-20",
        },
    ),
    "/api/v1/elections": (
        "clerk",
        lambda h: {
            "title": "Brookside by-election",
            "notice_of_election": "2027-03-01",
            "polling_day": "2027-04-08",
        },
    ),
    "/api/v1/media-contacts": (
        "cllr_ward",
        lambda h: {"capacity": "ward_member", "outlet": "Gazette", "topic": "Floods"},
    ),
    "/api/v1/media-interest": ("officer_junior", lambda h: {"matter": "Flooding"}),
    "/api/v1/briefings": ("cllr_ward", lambda h: {"group_id": _group(h), "matter": "The budget"}),
    "/api/v1/conduct/ask": (
        "cllr_ward",
        lambda h: {"action": "criticise", "forum": "council_meeting", "concerning": "officer"},
    ),
    "/api/v1/conduct/questions": (
        "cllr_ward",
        lambda h: {"action": "criticise", "forum": "council_meeting", "concerning": "officer"},
    ),
    "/api/v1/council/rulebook": (
        "clerk",
        lambda h: {"rulebook": "grantham", "reasons": "Adopted at the annual meeting"},
    ),
    "/api/v1/declarations": (
        "cllr_ward",
        lambda h: {"nature": "relative", "related_person_id": h.officer_junior.pk},
    ),
    "/api/v1/delegated-actions": (
        "officer_junior",
        lambda h: {
            "resolution_reference": "PL 2026/31",
            "matter": "The bus shelter contractor",
            "officer_id": h.officer_junior.pk,
            "chair_id": h.cllr_chair.pk,
        },
    ),
    "/api/v1/panels": (
        "clerk",
        lambda h: {
            "kind": "appointment",
            "title": "Deputy Clerk",
            "candidates": "Ann Able\nBo Best",
        },
    ),
    "/api/v1/people": (
        "clerk",
        lambda h: {
            "email": "new.person@hollowmere.example",
            "full_name": "Nia New",
            "role": "councillor",
            "starts_on": "2026-05-08",
        },
    ),
    "/api/v1/protocol/questions": ("cllr_ward", lambda h: {"question": "Does §9.4 apply?"}),
    "/api/v1/reports": (
        "cllr_ward",
        lambda h: _on(h, "ludlow", {"subject": "Allotment rents", "for_body": "council"}),
    ),
    "/api/v1/reports/acting-proper-officer": (
        "clerk",
        lambda h: _on(
            h,
            "grantham",
            {
                "councillor_id": h.cllr_ward.pk,
                "starts_on": "2027-01-12",
                "reason": "The Clerk's post is vacant",
                "capacity_clear": True,
            },
        ),
    ),
    "/api/v1/correspondence/incoming": (
        "clerk",
        lambda h: _on_ashcombe(
            h, {"received_on": "2026-11-20", "summary": "Abusive letter", "abusive": True}
        ),
    ),
    "/api/v1/resource-requests": (
        "cllr_ward",
        lambda h: {"kind": "printing", "purpose": "council_business", "description": "Agendas"},
    ),
    "/api/v1/ward-notices": (
        "officer_junior",
        lambda h: {
            "event": "consultation",
            "title": "Parking",
            "takes_place_on": "2027-02-01",
            "ward_ids": [h.brookside.pk],
        },
    ),
}


def _group(h: Hollowmere) -> int:
    """A party group Wendy Ward belongs to."""
    from propriety.people.actions import do_assign_role

    group = f.make_party_group(h.council)
    do_assign_role(
        h.cllr_ward,
        role="party_group_member",
        party_group=group,
        starts_on=f.TERM_STARTS,
        acting_user=None,
    )
    return group.pk


def _on(h: Hollowmere, rulebook: str, body: dict[str, Any]) -> dict[str, Any]:
    f.follow_rulebook(h.council, rulebook)
    return body


def _on_ashcombe(h: Hollowmere, body: dict[str, Any]) -> dict[str, Any]:
    from .test_incoming_correspondence import on_ashcombe

    on_ashcombe(h)  # an example rulebook: never adopted through the set-up pages
    return {**body, "sender": "A Resident"}


# Multipart uploads carry a file, not fields to inject: probed by the JSON .eml twin above.
NOT_JSON = {"/api/v1/correspondence/upload"}


def _create_operations() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(
        path
        for path, operations in schema["paths"].items()
        if "post" in operations and "{" not in path and path not in NOT_JSON
    )


def test_every_create_operation_is_probed() -> None:
    assert set(_create_operations()) == set(CREATES)


def _properties(path: str) -> set[str]:
    schema = api.get_openapi_schema()
    body = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    return set(schema["components"]["schemas"][name].get("properties", {}))


def _council_rows(council: Council) -> int:
    total = 0
    for model in apps.get_models():
        if issubclass(model, CouncilOwned) and model.__name__ != "AuditEvent":
            total += model.objects.for_council(council).count()
    return total


@pytest.mark.parametrize("path", sorted(CREATES))
def test_a_create_operation_ignores_fields_the_server_sets(
    hollowmere: Hollowmere, fernley: Council, path: str
) -> None:
    who, body = CREATES[path]
    person: Person = getattr(hollowmere, who)
    stranger = f.make_person(fernley, "councillor", name="Fern Stranger")
    _, key = do_create_api_token(person, name="probe", acting_user=person)
    payload = body(hollowmere)
    injected = {
        "id": 424242,
        "pk": 424242,
        "council": fernley.pk,
        "council_id": fernley.pk,
        "status": "closed",
        "created_at": "2000-01-01T00:00:00Z",
        "raised_by_id": stranger.pk,
        "member_id": stranger.pk,
        "author_id": stranger.pk,
        "drafted_by_id": stranger.pk,
        "recorded_by_id": stranger.pk,
        "decided_by_id": stranger.pk,
    }
    # Only fields the operation does not take: a field it takes is checked by the action.
    accepted = _properties(path)
    injected = {k: v for k, v in injected.items() if k not in accepted}
    assert len(injected) >= 8
    before = _council_rows(fernley)
    response = Client().post(
        path,
        json.dumps({**injected, **payload}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code in (200, 201), response.content
    created = response.json()
    assert created.get("id") != 424242
    assert created.get("status") != "closed"
    assert _council_rows(fernley) == before  # nothing landed in the other council
    assert stranger.pk not in json.dumps(created).split('"id": ')[1:2]
