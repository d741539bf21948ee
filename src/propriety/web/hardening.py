"""Answers to bad input, in one place for every page and every API operation.

``BadInputMiddleware`` looks at each request before any view does:

- a body larger than ``PROPRIETY_MAX_REQUEST_BYTES`` gets **413** (Django
  alone would answer 400, or read it all first);
- a control character (NUL and the other C0/C1 characters and DEL; tab,
  line feed and carriage return are ordinary text) in any query parameter,
  any field of an API form body, or string anywhere in a JSON body gets
  **422** naming the field, JSON for the API (the shape of every other API
  422: ``{"detail": ..., "errors": {field: [message]}}``) and a GOV.UK error
  page for a query string;
- a page's form post is left to its form: every form is a
  ``web.forms.ProprietyForm``, which shows the form again with the field's
  error and everything typed kept (bad input loses nothing).

One mechanism rather than a check per field: every text field of every
operation is covered, including the ones added later. PostgreSQL cannot
store NUL in text at all (it raised a 500), and no council's text needs the
others. Uploaded files are not looked at here: the ``.eml`` reader parses
them with its own limits, and Django's multipart parser already drops
characters that cannot be printed from a file's name.

``PermissionsPolicyMiddleware`` adds the ``Permissions-Policy`` header: the
application uses no camera, microphone, location, payment or USB, so every
page says so and embedded content cannot ask for them either.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024  # above the .eml limit (2 MiB) and any form
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_API_PREFIX = "/api/"


def has_control_character(text: str) -> bool:
    """True if ``text`` holds a character no council's text needs (NUL, escape, DEL ...)."""
    return any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in text)


def without_control_characters(text: str) -> str:
    """``text`` with the characters ``has_control_character`` looks for taken out."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in _ALLOWED_CONTROLS)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a decoded JSON value, with its dotted path (keys are strings too)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            yield inner, str(key)
            yield from _strings(item, inner)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}.{n}" if path else str(n))


def bad_fields(request: HttpRequest) -> list[str]:
    """The fields of the request (query, form or JSON body) holding a control character."""
    found: list[str] = []
    for key, values in request.GET.lists():
        if has_control_character(key) or any(has_control_character(v) for v in values):
            found.append(key)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        content_type = request.content_type or ""
        if content_type == "application/json":
            try:
                body = json.loads(request.body or b"null")
            except ValueError:
                body = None  # the API answers malformed JSON itself
            found += [field for field, text in _strings(body, "") if has_control_character(text)]
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            if not request.path.startswith(_API_PREFIX):
                return list(dict.fromkeys(found))  # a page's form post: to the form
            for key, values in request.POST.lists():
                if has_control_character(key) or any(has_control_character(v) for v in values):
                    found.append(key)
            for key in request.FILES:
                if has_control_character(key) or any(
                    has_control_character(f.name or "") for f in request.FILES.getlist(key)
                ):
                    found.append(key)
    return list(dict.fromkeys(found))


# The largest whole number a database column holds (a signed 64-bit integer): an id or a
# count past it cannot name anything, and SQLite would fail on it rather than find nothing.
_LARGEST = 2**63 - 1


def _numbers(value: Any, path: str) -> Iterator[tuple[str, int]]:
    """Every whole number in a decoded JSON value, with its dotted path."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _numbers(item, f"{path}.{n}" if path else str(n))


def out_of_range_fields(request: HttpRequest) -> list[str]:
    """The JSON body's fields holding a whole number no id or count can be."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return []
    if (request.content_type or "") != "application/json":
        return []
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return []
    found = [field for field, n in _numbers(body, "") if not -_LARGEST <= n <= _LARGEST]
    return list(dict.fromkeys(found))


def _limit() -> int:
    return int(getattr(settings, "PROPRIETY_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))


def _too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = _limit() / (1024 * 1024)
    message = f"The request is too large: the limit is {limit_mb:g} MB."
    if request.path.startswith(_API_PREFIX):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "errors/413.html", {"message": message}, status=413)


_CONTROL_MESSAGE = (
    "contains a control character (such as NUL) that cannot be stored: remove it and try again."
)


def _invalid(
    request: HttpRequest, fields: list[str], message: str = _CONTROL_MESSAGE
) -> HttpResponse:
    if request.path.startswith(_API_PREFIX):
        errors = {field: [f"“{field}” {message}"] for field in fields}
        detail = " ".join(m for messages in errors.values() for m in messages)
        return JsonResponse({"detail": detail, "errors": errors}, status=422)
    return render(request, "errors/422.html", {"fields": fields, "message": message}, status=422)


class BadInputMiddleware:
    """413 for a body over the limit, 422 naming each field holding a control character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > _limit():
            return _too_large(request)
        try:
            fields = bad_fields(request)
        except RequestDataTooBig:
            return _too_large(request)
        if fields:
            return _invalid(request, fields)
        huge = out_of_range_fields(request)
        if huge:
            return _invalid(request, huge, "is a number too large to be an id or a count.")
        return self.get_response(request)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    """Every response says the page uses no camera, microphone, location, payment ..."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
