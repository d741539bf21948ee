"""Sign-in, sign-out and the home page. Views stay thin: actions write, access functions read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from propriety.audit.actions import do_record_event
from propriety.people.actions import do_sign_in
from propriety.people.models import Person
from propriety.people.roles import CAN_DO


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
        },
    )
