"""Under /api/ every answer is JSON, also for a path written with a slash too few or too many.

Django's ``APPEND_SLASH`` answered ``GET /api/v1`` with an empty HTML 301 to
``/api/v1/``, the API root, which is itself a JSON 404 (ninja's root only marks where the
API's paths begin; their list is ``/api/v1/openapi.json``). The API's views do not take
the redirect (``api.service.ProprietyAPI.urls``): the path missing its slash answers what
the root answers, in JSON.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from .test_api_method_not_allowed import ANY_ID, METHODS_BY_PATH


def _is_json_404(response: Any) -> None:
    assert response.status_code == 404, (response.status_code, response.get("Location"))
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found."}
    assert not response.has_header("Location")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "POST", "HEAD"])
def test_the_api_root_without_its_slash_answers_as_the_root_does_in_json(
    client: Client, method: str
) -> None:
    root = client.generic(method, "/api/v1/")
    bare = client.generic(method, "/api/v1")
    assert (bare.status_code, bare["Content-Type"]) == (root.status_code, root["Content-Type"])
    assert bare.content == root.content
    if method != "HEAD":
        _is_json_404(bare)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v1//", "/api/v2"])
def test_other_paths_near_the_root_are_json_404s(client: Client, path: str) -> None:
    _is_json_404(client.get(path))


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(METHODS_BY_PATH))
def test_every_api_path_with_a_slash_added_or_doubled_is_a_json_404(
    client: Client, path: str
) -> None:
    url = re.sub(r"\{\w+\}", ANY_ID, path)
    for wrong in (f"{url}/", url.replace("/api/v1/", "/api/v1//", 1)):
        _is_json_404(client.get(wrong))
