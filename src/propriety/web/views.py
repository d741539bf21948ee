"""Sign-in, sign-out, the home and profile pages. Views stay thin: actions write, access functions read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.actions import do_record_event
from propriety.people.access import access_api_token_by_id
from propriety.people.actions import do_create_api_token, do_revoke_api_token, do_sign_in
from propriety.people.models import ApiToken, Person
from propriety.people.roles import CAN_DO
from propriety.workspace.home import home_context


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": "Enter the email address and password your council gave you.",
        }
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget = forms.EmailInput()


class SignInView(LoginView):
    template_name = "registration/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        # Through the action, so signing in (and last_login) is audited.
        do_sign_in(self.request, form.get_user())
        return HttpResponseRedirect(self.get_success_url())


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, Person):
        do_record_event(user.council, action="person.signed_out", obj=user, acting_user=user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    roles = person.roles_on(today)
    can_do: list[str] = []
    for assignment in roles:
        for sentence in CAN_DO.get(assignment.role, ()):
            if sentence not in can_do:
                can_do.append(sentence)
    return render(
        request,
        "home.html",
        {
            "display_name": person.display_name(today),
            "roles": roles,
            "can_do": can_do,
            "today": today,
            **home_context(person, today),
        },
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "Name must be 100 characters or fewer",
        },
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
                person, name=form.cleaned_data["name"], acting_user=person
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
