"""Pages gzipped at the fastest level (propriety.web.compression), otherwise as Django does."""

from __future__ import annotations

import gzip

from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from propriety.web.compression import FastGZipMiddleware, compress

BODY = ("<p>Street lighting on route 7: residents report the lights are out.</p>" * 60).encode()


def _through(response: HttpResponse | StreamingHttpResponse, **headers: str) -> HttpResponse:
    request = RequestFactory().get("/", **headers)
    return FastGZipMiddleware(lambda r: response)(request)  # type: ignore[return-value]


def test_a_page_is_gzipped_at_level_one_with_a_filename_of_random_length() -> None:
    response = _through(HttpResponse(BODY, headers={"ETag": '"v1"'}), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert response["ETag"] == 'W/"v1"'
    assert int(response["Content-Length"]) == len(response.content)
    assert gzip.decompress(response.content) == BODY
    assert response.content[8] == 4  # XFL 4: compressed with the fastest algorithm
    lengths = {len(compress(BODY, max_random_bytes=100)) for _ in range(40)}
    assert len(lengths) > 5  # BREACH: the length varies from response to response


def test_what_django_leaves_alone_is_left_alone() -> None:
    plain = _through(HttpResponse(BODY))
    assert plain.content == BODY and "Content-Encoding" not in plain
    assert plain["Vary"] == "Accept-Encoding"
    short = _through(HttpResponse(b"short"), HTTP_ACCEPT_ENCODING="gzip")
    assert short.content == b"short"
    encoded = HttpResponse(BODY, headers={"Content-Encoding": "br"})
    assert _through(encoded, HTTP_ACCEPT_ENCODING="gzip").content == BODY
    streamed = _through(StreamingHttpResponse([BODY, BODY]), HTTP_ACCEPT_ENCODING="gzip")
    assert gzip.decompress(b"".join(streamed.streaming_content)) == BODY * 2  # type: ignore[arg-type]
