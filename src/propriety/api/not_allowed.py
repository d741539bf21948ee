"""A method an API path does not take: the API's JSON 405, not django-ninja's plain text.

ninja answers such a request itself, before any endpoint or exception handler runs,
with ``HttpResponseNotAllowed`` and the body ``Method not allowed`` as text/html, so
an API client that parses every answer as JSON failed on it. Each of the API's URL
views is wrapped (:func:`with_json_405`, from ``service.ProprietyAPI.urls``) so that
answer becomes ``{"detail": ...}``, the shape of the API's other errors, keeping
status 405 and an ``Allow`` header with the methods the path takes.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern


def method_not_allowed(request: HttpRequest, allowed: list[str]) -> JsonResponse:
    """405 ``{"detail": ...}`` naming the methods the path takes, also in ``Allow``."""
    takes = ", ".join(allowed)
    response = JsonResponse(
        {"detail": f"This path does not take {request.method}: it takes {takes}."}, status=405
    )
    response["Allow"] = takes
    return response


def _as_json(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if not isinstance(response, HttpResponseNotAllowed):
        return response
    allowed = sorted(m.strip() for m in response["Allow"].split(",") if m.strip())
    return method_not_allowed(request, allowed)


def _json_405(view: Callable[..., Any]) -> Callable[..., Any]:
    # functools.wraps copies the view's __dict__, so ninja's csrf_exempt mark stays.
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return _as_json(request, await view(request, *args, **kwargs))

        return async_view

    @functools.wraps(view)
    def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return _as_json(request, view(request, *args, **kwargs))

    return sync_view


# ninja's own views, the OpenAPI document and the docs page, answer whatever the method
# (DELETE /api/v1/openapi.json gave the document): they take GET only.
_GET_ONLY = frozenset({"openapi-json", "openapi-view"})


def _get_only(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def get_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method != "GET":
            return method_not_allowed(request, ["GET"])
        return view(request, *args, **kwargs)

    return get_view


def with_json_405(pattern: URLPattern) -> Callable[..., Any]:
    """``pattern``'s view, answering a method it does not take with JSON."""
    if pattern.name in _GET_ONLY:
        return _get_only(pattern.callback)
    return _json_405(pattern.callback)
