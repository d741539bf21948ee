"""Two bare pages for ``bench/web.py`` only: what a request costs before any page's work.

They exist only when the setting ``PROPRIETY_BENCH_VIEWS`` is true, which
``bench/web.py`` sets for its own server and nothing else does; otherwise these
URLs are not registered at all (web/urls.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def bare_anonymous(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
def bare_signed_in(request: HttpRequest) -> HttpResponse:
    # What every page asks of the person: their name as shown, from their roles.
    return HttpResponse(request.user.display_name(), content_type="text/plain")  # type: ignore[union-attr]


def urls() -> list[URLPattern]:
    if not getattr(settings, "PROPRIETY_BENCH_VIEWS", False):
        return []
    return [
        path("_bench/bare/", bare_anonymous, name="bench-bare"),
        path("_bench/bare/signed-in/", bare_signed_in, name="bench-bare-signed-in"),
    ]
