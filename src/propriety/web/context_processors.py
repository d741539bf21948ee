"""Template context every page needs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def council(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's council, named in the header of every page."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from propriety.councils.access import can_set_up

        return {"council": user.council, "can_set_up": can_set_up(user)}
    return {"council": None, "can_set_up": False}
