"""A method an API path does not take: a JSON 405 in the API's error shape, naming the
methods it does take in ``Allow``, never django-ninja's plain-text "Method not allowed".

The paths and the methods each takes come from the API permission tables
(``tests/web/test_api_permission_table*.py``), which must hold every path of the
OpenAPI schema, so a new path is covered here without a new line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest
from django.test import Client

from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere
from .test_permission_table import tables

ANY_ID = "1"  # a 405 is answered before the object is looked up: any id of the right form


def _methods_by_path() -> dict[str, frozenset[str]]:
    methods: dict[str, set[str]] = defaultdict(set)
    for method, path in tables("test_api_permission_table", "API"):
        methods[path].add(method)
    return {path: frozenset(taken) for path, taken in methods.items()}


METHODS_BY_PATH = _methods_by_path()


def _one_it_does_not_take(taken: frozenset[str]) -> str:
    return next(m for m in ("DELETE", "PUT", "PATCH", "POST", "GET") if m not in taken)


def _call(client: Client, method: str, url: str, **headers: str) -> Any:
    return client.generic(method, url, data="{}", content_type="application/json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(METHODS_BY_PATH))
def test_a_method_the_path_does_not_take_is_a_json_405_naming_those_it_does(
    client: Client, path: str
) -> None:
    taken = METHODS_BY_PATH[path]
    method = _one_it_does_not_take(taken)
    response = _call(client, method, re.sub(r"\{\w+\}", ANY_ID, path))
    assert response.status_code == 405, (method, path, response.status_code)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail"}
    assert (
        body["detail"] == f"This path does not take {method}: it takes {', '.join(sorted(taken))}."
    )
    assert [m.strip() for m in response["Allow"].split(",")] == sorted(taken)


def test_the_405_is_the_same_with_a_token(hollowmere: Hollowmere, client: Client) -> None:
    _, key = do_create_api_token(hollowmere.clerk, name="Tests", acting_user=hollowmere.clerk)
    response = _call(client, "DELETE", "/api/v1/enquiries", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 405
    assert response.json() == {"detail": "This path does not take DELETE: it takes GET, POST."}
    assert response["Allow"] == "GET, POST"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_the_openapi_document_and_docs_page_take_get_only(
    client: Client, path: str, method: str
) -> None:
    """ninja's own views answered any method (DELETE /openapi.json gave the document)."""
    response = _call(client, method, path)
    assert response.status_code == 405
    assert response.json() == {"detail": f"This path does not take {method}: it takes GET."}
    assert response["Allow"] == "GET"
    assert client.get("/api/v1/openapi.json").status_code == 200
