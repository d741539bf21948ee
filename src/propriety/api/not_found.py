"""Django's 404 for a path no URL matches: JSON under ``/api/`` (and for ``/api``
itself), the usual page elsewhere.

An API path that matches no route (``/api/v1/correspondence/abc``, whose routes take
whole numbers only, or a misspelt path) never reaches ninja, so its exception handlers
cannot answer; without this an API client got the HTML "Page not found" page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: the API's own 404 shape for API paths (see ``api.service``)."""
    if request.path_info.startswith("/api/") or request.path_info == "/api":
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
