"""Sign-in, sign-out, the home and profile pages. Views stay thin: actions write, access functions read."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.actions import do_record_event
from propriety.people.access import access_api_token_by_id
from propriety.people.actions import do_create_api_token, do_revoke_api_token
from propriety.people.holders import is_casework_manager
from propriety.people.models import ApiToken, Person
from propriety.people.sessions import current_account
from propriety.people.views import SignInView
from propriety.protocoltext.review import review_status
from propriety.web.can_do import what_you_can_do
from propriety.web.forms import ProprietyForm
from propriety.web.home_links import home_links
from propriety.web.two_factor import has_two_factor, two_factor_required
from propriety.workspace.home import home_context

__all__ = ["SignInView", "home", "profile", "revoke_api_token", "sign_out"]


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, Person):
        do_record_event(user.council, action="person.signed_out", obj=user, acting_user=user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("login")


def home(request: HttpRequest) -> HttpResponse:
    # An operator is no council's person: their home is their councils (the header's
    # "Propriety" link and the error pages' "Go to the home page" come here).
    account = current_account(request)
    if not request.user.is_authenticated and account is not None and account.is_operator:
        return redirect("operator:councils")
    return _home(request)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    roles = person.roles_on(today)
    return render(
        request,
        "home.html",
        {
            "display_name": person.display_name(today),
            "roles": roles,
            "can_do": [*what_you_can_do(person, today), *home_links(person, today)],
            # The Clerk's home shows the protocol's review status (protocol.review).
            "review": review_status(person.council, today)
            if is_casework_manager(person, today)
            else None,
            "today": today,
            **home_context(person, today),
        },
    )


class ApiTokenForm(ProprietyForm):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "Name must be 100 characters or fewer",
        },
    )
    expires_in_days = forms.TypedChoiceField(
        choices=[(str(days), label) for days, label in ApiToken.EXPIRY_CHOICES],
        coerce=int,
        initial=str(ApiToken.DEFAULT_EXPIRY_DAYS),
        error_messages={"required": "Choose when the token expires"},
    )
    access = forms.ChoiceField(
        choices=(
            ("read_only", "Read only: it can look, but not change anything"),
            ("read_write", "Read and write: it can do what you can"),
        ),
        initial="read_only",
        error_messages={"required": "Choose what the token may do"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Who you are, your roles, and your API tokens; POST creates a token.

    The new key is shown in the response to the POST itself and nowhere else:
    it is not stored (only its hash is), not put in the session or a message,
    and the page is marked not to be cached.
    """
    person: Person = request.user  # type: ignore[assignment]
    new_key = ""
    new_token: ApiToken | None = None
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new_token, new_key = do_create_api_token(
                person,
                name=form.cleaned_data["name"],
                expires_in_days=form.cleaned_data["expires_in_days"],
                read_only=form.cleaned_data["access"] == "read_only",
                acting_user=person,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = ApiTokenForm()
    today = timezone.localdate()
    response = render(
        request,
        "profile.html",
        {
            "person": person,
            "roles": person.roles_on(today),
            "tokens": list(person.api_tokens.all()),
            "form": form,
            "new_key": new_key,
            "new_token": new_token,
            "now": timezone.now(),
            "two_factor_on": has_two_factor(person),
            "two_factor_required": two_factor_required(person),
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    token = access_api_token_by_id(person, token_id)
    do_revoke_api_token(token, acting_user=person)
    messages.success(request, f"Token “{token.name}” has been revoked. It no longer works.")
    return redirect("profile")
