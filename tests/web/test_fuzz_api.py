"""Fuzzing every API operation from the OpenAPI document (schemathesis): never a 5xx.

schemathesis generates requests from ``/api/v1/openapi.json``: valid ones
(``positive``) and ones that break the schema (``negative``: wrong types,
missing fields, odd strings, huge numbers), sent with the Clerk's token
through Django's test client. Whatever comes in, the answer must be a 2xx,
3xx or 4xx. The run is bounded so the suite stays quick: at most
``PROPRIETY_FUZZ_EXAMPLES`` examples per operation and mode (default 6), and
``PROPRIETY_FUZZ_SECONDS`` for the whole module (default 100; operations left
when it runs out are skipped, and say so). Examples are derandomised, so a
failure repeats. Run more with e.g.
``PROPRIETY_FUZZ_EXAMPLES=100 PROPRIETY_FUZZ_SECONDS=3600 pytest -m fuzz``.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from propriety.api.service import api
from propriety.people.actions import do_create_api_token
from propriety.web import urls  # noqa: F401  (adds every router to the API)

from .conftest import Hollowmere

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PROPRIETY_FUZZ_EXAMPLES") or 6)
SECONDS = float(os.environ.get("PROPRIETY_FUZZ_SECONDS") or 100)
BOUNDARY = "PropriETyFuzzBoundary"

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
_started: list[float] = []


def _send(client: Client, case: Any, token: str) -> int:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for name, value in (case.headers or {}).items():
        if name.lower() != "authorization":
            headers["HTTP_" + name.upper().replace("-", "_")] = str(value)
    query = urlencode(case.query or {}, doseq=True)
    path = case.formatted_path
    body: Any = case.body
    has_body = type(body).__name__ != "NotSet"
    if not has_body:
        data, content_type = b"", "application/octet-stream"
    elif case.media_type and case.media_type.startswith("multipart/"):
        fields = body if isinstance(body, dict) else {"file": body}
        data = encode_multipart(BOUNDARY, {k: v for k, v in fields.items() if v is not None})
        content_type = MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", BOUNDARY)
    elif isinstance(body, bytes):
        data, content_type = body, case.media_type or "application/json"
    else:
        # Negative examples may hold values JSON cannot carry: send their text instead.
        data, content_type = json.dumps(body, default=str).encode(), "application/json"
    response = client.generic(
        case.method.upper(),
        path,
        data,
        content_type=content_type,
        QUERY_STRING=query,
        **headers,
    )
    return response.status_code


@pytest.mark.parametrize("operation", OPERATIONS, ids=[o.label for o in OPERATIONS])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_with_a_server_error(
    hollowmere: Hollowmere, operation: Any, mode: GenerationMode
) -> None:
    if not _started:
        _started.append(time.monotonic())
    if time.monotonic() - _started[0] > SECONDS:
        pytest.skip(f"the fuzzing budget of {SECONDS:g} s is spent")
    _, token = do_create_api_token(hollowmere.clerk, name="fuzz", acting_user=hollowmere.clerk)
    client = Client(raise_request_exception=False)
    server_errors: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case: Any) -> None:
        status = _send(client, case, token)
        if status >= 500:
            server_errors.append(f"{status}: {case.as_curl_command()}")

    fuzz()
    assert server_errors == []
