"""The one ``NinjaAPI`` instance, mounted at ``/api/v1/``, and its error shapes.

Routers are added in :mod:`propriety.api.routers`, never here. Every endpoint
needs a personal token (:class:`~propriety.api.auth.TokenAuth`) unless it says
``auth=None``. Errors are JSON with a ``detail``:

- ``Http404`` (from the ``access_*`` functions): 404 ``{"detail": "Not found."}``,
  the same for missing and forbidden, and for a path no route matches
  (:mod:`propriety.api.not_found`, the site's ``handler404``);
- Django's ``PermissionDenied`` (an action refusing the token's person): 403
  ``{"detail": "..."}``, the action's own sentence;
- Django's ``ValidationError`` (from the actions): 422
  ``{"detail": "...", "errors": {"field": ["message", ...]}}``;
- a request that does not match the endpoint's schema: ninja's own 422
  ``{"detail": [{"loc": ..., "msg": ..., "type": ...}]}``;
- no token, or a token that does not work: 401 ``{"detail": "Unauthorized"}``;
- a method the path does not take: 405 ``{"detail": "..."}`` with ``Allow``
  (:mod:`propriety.api.not_allowed`; ninja answers those before any handler);
- a path a slash short of one (``/api/v1``): what that path answers would be reached only
  through Django's ``APPEND_SLASH`` redirect, an empty HTML 301; the API's views take no
  such redirect (:func:`api_views`), so it is the JSON 404 above.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.views.decorators.common import no_append_slash
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.docs import Swagger
from ninja.openapi.views import openapi_view

from propriety.api.auth import TokenAuth
from propriety.api.not_allowed import with_json_405


def docs_for_signed_in_people(view: Any) -> Any:
    """The docs page (Swagger UI) asks people to sign in; the OpenAPI document does not.

    The page is for people trying the API from their browser, who hold a
    session. The document itself stays public: it describes shapes, never data
    (every operation needs a token), and the tools integrators use (code
    generators, schemathesis) fetch it without a session.
    """
    if getattr(view, "func", None) is openapi_view:
        return login_required(view)
    return view


def api_views(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Every API view, answering a method its path does not take in JSON
    (:func:`~propriety.api.not_allowed.with_json_405`) and never the end of a slash redirect.

    With ``APPEND_SLASH``, a path that matched nothing but would with a slash added got an
    empty HTML 301 there: ``/api/v1`` to ``/api/v1/``, the API root, which ninja serves
    only as a JSON 404 (it marks where the paths begin; their list is the OpenAPI
    document). No client follows a redirect to a 404 for anything: Django's own
    ``no_append_slash`` mark stops it, so the path answers the root's JSON 404 itself
    (``handler404``, :mod:`propriety.api.not_found`).
    """
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            api_views(pattern.url_patterns)
        else:
            pattern.callback = no_append_slash(with_json_405(pattern))
    return patterns


class ProprietyAPI(NinjaAPI):
    """ninja's API, whose URL views answer a method a path does not take in JSON, and are
    never the end of a slash redirect."""

    @property
    def urls(self) -> tuple[list[URLPattern | URLResolver], str, str]:
        patterns, app_name, namespace = super().urls
        return api_views(patterns), app_name, namespace


api = ProprietyAPI(
    title="Propriety API",
    version="1",
    description=(
        "Propriety's JSON API. Authenticate with a personal token from your profile page: "
        "`Authorization: Bearer prp_...`. A token acts as its person, with their roles today."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    # Swagger UI is served from ninja's own static files ("ninja" is in
    # INSTALLED_APPS), never a CDN; validatorUrl=None stops it sending the
    # schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    docs_decorator=docs_for_signed_in_people,
    openapi_url="/openapi.json",
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # One message for missing and forbidden alike: never say which it was.
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # The case is one the person may see (access_* passed), so saying who may act leaks nothing.
    detail = str(exc) or "You may not do that."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {
            ("__all__" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        errors = {"__all__": exc.messages}
    detail = " ".join(message for messages in errors.values() for message in messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": "Unauthorized"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="Propriety API"'
    return response
