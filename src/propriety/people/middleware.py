"""Access ends at once: a person whose term ended or who was disabled is signed out."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse

from propriety.audit.actions import do_record_event
from propriety.people.access import access_ended_reason
from propriety.people.models import Person
from propriety.people.sessions import councils_with_roles, switch_login


def _another_council(person: Person) -> Person | None:
    """The same account's membership of another council where it holds a role today."""
    if not person.account.is_active:
        return None
    others = [p for p in councils_with_roles(person.account) if p.pk != person.pk]
    return others[0] if others else None


class AccessEndedMiddleware:
    """Sign out, on their next request, anyone who no longer holds a role today.

    Checked on every request rather than at sign-in, because a councillor's
    rights end with their term (DOMAIN.md) and a disabled person's sessions
    must not outlive the decision.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        had_session = request.session.get(SESSION_KEY) is not None
        user = request.user
        if user.is_authenticated:
            reason = access_ended_reason(user)
            if reason:
                do_record_event(
                    user.council,
                    action="person.access_ended",
                    obj=user,
                    details={"reason": reason},
                    acting_user=None,
                )
                elsewhere = _another_council(user)
                if elsewhere is not None:
                    # Someone serving several councils keeps working in the others.
                    switch_login(request, elsewhere)
                    messages.warning(
                        request,
                        f"Your access to {user.council} has ended: {reason} "
                        f"You are now working in {elsewhere.council}.",
                    )
                else:
                    logout(request)
                    messages.warning(request, f"Your access has ended: {reason}")
        elif had_session:
            # The session names a person Django would not load: disabled, or
            # their session hash changed (sessions ended everywhere).
            logout(request)
            messages.warning(
                request,
                "Your access has ended: your account was disabled or your sessions were "
                "ended. Ask the Clerk if you think this is wrong.",
            )
        return self.get_response(request)
