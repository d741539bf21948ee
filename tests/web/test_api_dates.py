"""Dates sent to the API: a year outside 1900-2200 is refused, as on the pages and in the
CSV imports (``web.forms.FIRST_YEAR``/``LAST_YEAR``), with the API's 422 naming the field,
and nothing is written.

A year typed as "26" reaches a client as 0026, and a slip gives 9999: either would set
clocks and deadlines nobody meant. The inputs are found in the OpenAPI schema, so a date
field added to any request body later is covered here without a new line.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

import propriety.web.urls  # noqa: F401  (adds every router to the API)
from propriety.api.service import api
from propriety.audit.models import AuditEvent
from propriety.people.actions import do_create_api_token
from propriety.people.models import RoleAssignment
from propriety.people.roles import Role
from propriety.web.forms import FIRST_YEAR, LAST_YEAR, YEAR_ERROR

from .conftest import Hollowmere

ANY_ID = "1"


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _date_fields(schema: dict[str, Any], components: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, "date" or "date-time") for each top-level property that holds a date."""
    found = []
    for name, prop in _resolve(schema, components).get("properties", {}).items():
        kinds = [_resolve(prop, components)] + [
            _resolve(p, components) for p in prop.get("anyOf", [])
        ]
        for kind in kinds:
            if kind.get("format") in ("date", "date-time"):
                found.append((name, kind["format"]))
    return found


def _date_inputs() -> list[tuple[str, str, str, str]]:
    """(method, path, field, format) for every date in a request body or query."""
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    inputs = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                kind = _resolve(parameter.get("schema", {}), components).get("format")
                if kind in ("date", "date-time"):
                    inputs.append((method.upper(), path, parameter["name"], kind))
            body = operation.get("requestBody", {}).get("content", {})
            for content in body.values():
                for name, kind in _date_fields(content["schema"], components):
                    inputs.append((method.upper(), path, name, kind))
    return inputs


DATE_INPUTS = _date_inputs()


def test_the_schema_has_the_date_inputs_this_test_walks() -> None:
    # Not vacuous: the writes that take dates (agreements, elections, roles, ...) are found.
    assert len(DATE_INPUTS) >= 20
    assert ("POST", "/api/v1/people/{person_id}/roles", "starts_on", "date") in DATE_INPUTS


def _value(year: int, kind: str) -> str:
    day = f"{year:04d}-05-06"
    return day if kind == "date" else f"{day}T10:00:00+00:00"


def _send(client: Client, method: str, path: str, field: str, value: str, key: str) -> Any:
    url = re.sub(r"\{\w+\}", ANY_ID, path)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    with transaction.atomic():
        if method == "GET":
            response = client.get(url, {field: value}, **headers)
        else:
            response = client.generic(
                method, url, json.dumps({field: value}), "application/json", **headers
            )
        transaction.set_rollback(True)
    return response


def _errors_on(response: Any, field: str) -> list[str]:
    detail = response.json().get("detail")
    if response.status_code != 422 or not isinstance(detail, list):
        return []
    return [error["msg"] for error in detail if error["loc"][-1] == field]


@pytest.fixture
def clerk_key(hollowmere: Hollowmere) -> str:
    _, key = do_create_api_token(hollowmere.clerk, name="Tests", acting_user=hollowmere.clerk)
    return key


@pytest.mark.parametrize("year", [26, 9999, FIRST_YEAR - 1, LAST_YEAR + 1])
@pytest.mark.parametrize(("method", "path", "field", "kind"), DATE_INPUTS, ids=str)
def test_an_implausible_year_is_a_422_naming_the_field_and_nothing_is_written(
    client: Client, clerk_key: str, method: str, path: str, field: str, kind: str, year: int
) -> None:
    events = AuditEvent.unscoped.count()
    response = _send(client, method, path, field, _value(year, kind), clerk_key)
    assert response.status_code == 422, (response.status_code, response.content)
    message = YEAR_ERROR.format(label=field, first=FIRST_YEAR, last=LAST_YEAR)
    assert _errors_on(response, field) == [message]
    assert AuditEvent.unscoped.count() == events


@pytest.mark.parametrize("year", [FIRST_YEAR, 2027, LAST_YEAR])
@pytest.mark.parametrize(("method", "path", "field", "kind"), DATE_INPUTS, ids=str)
def test_a_plausible_year_is_not_refused(
    client: Client, clerk_key: str, method: str, path: str, field: str, kind: str, year: int
) -> None:
    # Only the field is sent: the rest of the body may be refused, this field never is.
    response = _send(client, method, path, field, _value(year, kind), clerk_key)
    assert _errors_on(response, field) == []


# The same through a whole write: refused with nothing stored, then accepted.


@pytest.mark.parametrize("starts_on", ["0026-12-07", "9999-12-07"])
def test_a_role_starting_in_an_implausible_year_is_refused_and_not_stored(
    hollowmere: Hollowmere, client: Client, clerk_key: str, starts_on: str
) -> None:
    ward = hollowmere.cllr_ward
    before = RoleAssignment.objects.for_council(hollowmere.council).count()
    response = client.post(
        f"/api/v1/people/{ward.pk}/roles",
        {"role": Role.COUNCIL_VICE_CHAIR, "starts_on": starts_on},
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {clerk_key}",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "starts_on"]
    assert RoleAssignment.objects.for_council(hollowmere.council).count() == before
    response = client.post(
        f"/api/v1/people/{ward.pk}/roles",
        {"role": Role.COUNCIL_VICE_CHAIR, "starts_on": "2027-01-11"},
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {clerk_key}",
    )
    assert response.status_code == 201, response.content
    added = RoleAssignment.objects.for_council(hollowmere.council).get(
        person=ward, role=Role.COUNCIL_VICE_CHAIR
    )
    assert added.starts_on == datetime.date(2027, 1, 11)


@pytest.mark.parametrize(
    ("field", "value"),
    [("starts_on", "0026-01-11"), ("starts_on", "9999-01-11"), ("ends_on", "9999-01-11")],
)
def test_an_enquiry_agreement_in_an_implausible_year_is_refused_and_not_stored(
    hollowmere: Hollowmere, client: Client, clerk_key: str, field: str, value: str
) -> None:
    from propriety.enquiries.models import DirectContactAgreement

    body = {
        "member_id": hollowmere.cllr_ward.pk,
        "officer_id": hollowmere.officer_junior.pk,
        "matter": "Allotment waiting list",
        "starts_on": "2027-01-11",
        field: value,
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {clerk_key}"}
    response = client.post("/api/v1/enquiry-agreements", body, "application/json", **headers)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]
    assert not DirectContactAgreement.objects.for_council(hollowmere.council).exists()
    body[field] = "2027-01-11" if field == "starts_on" else "2027-06-30"
    response = client.post("/api/v1/enquiry-agreements", body, "application/json", **headers)
    assert response.status_code == 201, response.content
    assert DirectContactAgreement.objects.for_council(hollowmere.council).count() == 1
