"""Bad input gets a clear answer, never a 500: control characters, oversized bodies, and
an OpenAPI document whose schema names are each used once.

Control characters and sizes are handled by one mechanism for every API
operation and query string (``propriety.web.hardening.BadInputMiddleware``),
so these tests walk every API operation's text fields and every page URL, not
a sample. A page's form post is left to its form (``web.forms.ProprietyForm``,
walked in test_security_forms.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from ninja import Schema

from propriety.api.service import api
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_create_api_token
from propriety.web.hardening import has_control_character

from .conftest import Hollowmere

BAD = "Bus\x00shelter"


def _schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def _is_text(schema: dict[str, Any], node: dict[str, Any]) -> bool:
    node = _resolve(schema, node)
    options = node.get("anyOf") or node.get("oneOf") or [node]
    return any(_resolve(schema, o).get("type") == "string" for o in options)


def _text_fields() -> list[tuple[str, str, str]]:
    """(method, path, field) for every text field of every JSON request body."""
    schema = _schema()
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json") or content.get("multipart/form-data")
            if not body:
                continue
            properties = _resolve(schema, body["schema"]).get("properties", {})
            for field, node in properties.items():
                if _is_text(schema, node):
                    found.append((method, path, field))
    return found


TEXT_FIELDS = _text_fields()


def test_the_walk_finds_the_fields_the_issue_named() -> None:
    fields = {(path, field) for _, path, field in TEXT_FIELDS}
    assert ("/api/v1/enquiries", "subject") in fields
    assert ("/api/v1/enquiries", "body") in fields
    assert len(TEXT_FIELDS) > 30


@pytest.mark.parametrize(("method", "path", "field"), TEXT_FIELDS)
def test_every_api_text_field_refuses_a_nul_with_a_422_naming_it(
    hollowmere: Hollowmere, method: str, path: str, field: str
) -> None:
    _, key = do_create_api_token(hollowmere.clerk, name="fuzz", acting_user=hollowmere.clerk)
    url = re.sub(r"\{[^}]+\}", "1", path)
    response = Client().generic(
        method.upper(),
        url,
        json.dumps({field: BAD}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert "control character" in response.json()["detail"]


def test_a_nul_inside_a_nested_json_value_is_named_by_its_path(hollowmere: Hollowmere) -> None:
    response = Client().post(
        "/api/v1/correspondence",
        {"subject": "Fine", "recipients": [{"name": "Jo\x1bBlack"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["recipients.0.name"]


def _page_urls() -> list[str]:
    urls: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and not route.startswith("api/"):
                urls.append("/" + re.sub(r"<(?:\w+:)?\w+>", "1", route))

    walk(get_resolver().url_patterns, "")
    return sorted(set(urls))


PAGE_URLS = _page_urls()


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_page_refuses_a_control_character_in_its_query_string(
    hollowmere: Hollowmere, url: str
) -> None:
    """A query string is not typed into a form the page can show again: 422, naming it.
    (A form post goes to the form: tests/web/test_security_forms.py.)"""
    client = Client()
    client.force_login(hollowmere.clerk)
    response = client.get(url, {"subject": "fine", "details": "line one\x07"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The field “details” contains a control character" in html
    assert "“subject”" not in html


def test_a_form_shows_the_field_again_and_keeps_what_was_typed(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.cllr_ward)
    response = client.post(
        "/enquiries/new/",
        {"subject": BAD, "body": "Who repairs it?", "kind": "information"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "must not contain control characters" in html
    assert 'href="#id_subject"' in html
    assert "Who repairs it?" in html  # the other field, kept
    assert 'value="Busshelter"' in html  # the field itself, kept without the NUL
    assert not Enquiry.objects.for_council(hollowmere.council).exists()


def test_a_control_character_in_the_query_string_is_refused(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    assert client.get("/enquiries/", {"status": "open\x00"}).status_code == 422
    assert Client().get("/api/v1/enquiries", {"status": "\x00"}).status_code == 422


def test_ordinary_text_passes() -> None:
    assert not has_control_character("Tab\there, lines\r\nand “quotes” – and £, é, 中文")
    assert has_control_character("\x00")
    assert has_control_character("\x7f")
    assert has_control_character("\x9b")  # a C1 control


@override_settings(PROPRIETY_MAX_REQUEST_BYTES=1000)
def test_a_body_over_the_limit_gets_413(hollowmere: Hollowmere) -> None:
    big = json.dumps({"subject": "x" * 2000})
    response = Client().post("/api/v1/enquiries", big, content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    client = Client()
    client.force_login(hollowmere.cllr_ward)
    page = client.post("/enquiries/new/", {"subject": "x" * 2000})
    assert page.status_code == 413
    assert "What you sent is too large" in page.content.decode()


def test_openapi_schema_names_are_each_defined_once() -> None:
    """Two schema classes with one name make the OpenAPI document show one body for both."""
    seen: dict[str, set[str]] = defaultdict(set)

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("propriety."):
                seen[sub.__name__].add(f"{sub.__module__}.{sub.__qualname__}")
            walk(sub)

    _schema()  # every router is imported
    walk(Schema)
    duplicates = {name: sorted(where) for name, where in seen.items() if len(where) > 1}
    assert duplicates == {}
    # and each body in the document is the class its operation declares
    schema = _schema()
    allocate = schema["paths"]["/api/v1/enquiries/{enquiry_id}/allocate"]["post"]
    ref = allocate["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "officer_id" in _resolve(schema, {"$ref": ref})["properties"]


def test_a_number_no_id_can_be_is_refused_naming_its_field(hollowmere: Hollowmere) -> None:
    """SQLite cannot even compare a number past 64 bits: one check answers 422 for every
    operation, naming the field, instead of a 500 (found by the API fuzzer)."""
    from propriety.people.actions import do_create_api_token

    _, key = do_create_api_token(
        hollowmere.officer_junior, name="probe", acting_user=hollowmere.officer_junior
    )
    response = Client().post(
        "/api/v1/ward-notices",
        json.dumps(
            {
                "event": "consultation",
                "title": "Parking",
                "takes_place_on": "2027-02-01",
                "ward_ids": [hollowmere.brookside.pk, 2**70],
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422
    assert "ward_ids.1" in response.json()["errors"]
