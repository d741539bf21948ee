"""Signing in, passwords and the council switcher. Thin: actions write, sessions decide who."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation, update_session_auth_hash
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.recording import recording
from propriety.people.actions import do_sign_in
from propriety.people.forms import (
    ChangePasswordForm,
    ForgottenPasswordForm,
    NewPasswordForm,
    SignInForm,
    SwitchCouncilForm,
)
from propriety.people.invitations import (
    LinkClosedError,
    do_change_password,
    do_request_password_reset,
    do_set_password_from_link,
    find_open_link,
)
from propriety.people.models import Person
from propriety.people.sessions import (
    current_account,
    keep_operator_session,
    membership_in,
    person_to_sign_in,
    sign_in_operator,
    switch_login,
)


def _password_hint() -> str:
    """What the configured password validators ask for, in their own words."""
    return " ".join(password_validation.password_validators_help_texts())


class SignInView(LoginView):
    """Check the account, then sign in to the council used last (or as an operator)."""

    template_name = "registration/login.html"
    form_class = SignInForm  # type: ignore[assignment]
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        account = form.account
        person = person_to_sign_in(account)
        if person is not None:
            # Through the action, so signing in (and last_login) is audited.
            do_sign_in(self.request, person)
            return HttpResponseRedirect(self.get_success_url())
        if account.is_operator:
            sign_in_operator(self.request, account)
            target = self.get_redirect_url() or reverse("operator:councils")
            return HttpResponseRedirect(target)
        form.add_error(
            None,
            "Your account has been disabled in every council. "
            "Ask the Clerk if you think this is wrong.",
        )
        return self.form_invalid(form)


@require_http_methods(["GET", "POST"])
def forgotten_password(request: HttpRequest) -> HttpResponse:
    """Always the same answer, whether or not the address has an account."""
    form = ForgottenPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        do_request_password_reset(form.cleaned_data["email"])
        return render(request, "people/reset_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "people/forgotten_password.html", {"form": form})


@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password from an invitation or reset link (single use, expiring)."""
    link = find_open_link(token)
    if link is None:
        response = render(request, "people/link_not_working.html", status=404)
        add_never_cache_headers(response)
        return response
    form = NewPasswordForm(link.account, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_set_password_from_link(link, form.cleaned_data["new_password1"])
        except LinkClosedError:
            return render(request, "people/link_not_working.html", status=404)
        messages.success(
            request,
            "Your password has been set. Sign in with your email address and your new password.",
        )
        return redirect("login")
    response = render(
        request,
        "people/set_password.html",
        {"form": form, "link": link, "password_hint": _password_hint()},
    )
    # The token is in this page's URL. Django's default Referrer-Policy
    # (same-origin) keeps it from other sites; "no-referrer" would make the
    # browser send "Origin: null" with the form, which the CSRF check refuses.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    """For anyone signed in, operators included; every other session of theirs ends."""
    account = current_account(request)
    if account is None:
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
    form = ChangePasswordForm(account, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account = do_change_password(account, form.cleaned_data["new_password1"])
        user = request.user
        if isinstance(user, Person):
            user.account = account
            update_session_auth_hash(request, user)
        else:
            keep_operator_session(request, account)
        messages.success(
            request, "Your password has been changed. You have been signed out everywhere else."
        )
        return redirect("home" if isinstance(user, Person) else "operator:councils")
    return render(
        request, "people/change_password.html", {"form": form, "password_hint": _password_hint()}
    )


@require_POST
def switch_council(request: HttpRequest) -> HttpResponse:
    """Move this session to the same account's membership of another council."""
    account = current_account(request)
    if account is None:
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={reverse('home')}")
    form = SwitchCouncilForm(request.POST)
    person = membership_in(account, form.cleaned_data["council"]) if form.is_valid() else None
    if person is None:
        raise Http404("You hold no role in that council.")
    was = request.user if isinstance(request.user, Person) else None
    with recording(
        council=person.council,
        actor=person,
        action="person.switched_council",
        obj=person,
        details={"from_council": was.council_id if was else None, "account": account.pk},
    ):
        switch_login(request, person)
        # The council used last is where the next sign-in lands.
        person.last_login = timezone.now()
        person.save(update_fields=["last_login"])
    messages.success(request, f"You are now working in {person.council.name}.")
    # Home, not the page they were on: its case belongs to the other council.
    return redirect("home")
