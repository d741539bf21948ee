"""What every press page module shares."""

from __future__ import annotations

from django.http import HttpRequest

from propriety.people.models import Person


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]
