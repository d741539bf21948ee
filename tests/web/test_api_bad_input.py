"""Bad input to the API: a clear JSON error with a 4xx status, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere

TOO_BIG = "9" * 25  # larger than any id a database column holds


@pytest.fixture
def clerk_headers(hollowmere: Hollowmere) -> dict[str, Any]:
    _, key = do_create_api_token(hollowmere.clerk, name="Tests", acting_user=hollowmere.clerk)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("name", ["officer", "ward"])
def test_an_enquiry_filter_id_too_large_for_the_database_is_a_422_not_a_500(
    client: Client, clerk_headers: dict[str, Any], name: str
) -> None:
    response = client.get("/api/v1/enquiries", {name: TOO_BIG}, **clerk_headers)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", name]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/correspondence/abc",  # its paths take whole numbers only
        "/api/v1/correspondence/-1/check",
        "/api/v1/no-such-thing",
    ],
)
def test_an_api_path_that_matches_nothing_is_a_json_404(
    client: Client, clerk_headers: dict[str, Any], path: str
) -> None:
    response = client.get(path, **clerk_headers)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_a_page_that_matches_nothing_is_still_the_html_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
