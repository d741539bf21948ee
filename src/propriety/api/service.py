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
  (:mod:`propriety.api.not_allowed`; ninja answers those before any handler).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
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


class ProprietyAPI(NinjaAPI):
    """ninja's API, whose URL views answer a method a path does not take in JSON."""

    @property
    def urls(self) -> tuple[list[URLPattern | URLResolver], str, str]:
        patterns, app_name, namespace = super().urls
        return with_json_405(patterns), app_name, namespace


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
