"""The operator's pages under /operator/: councils and their Clerks, never casework.

Every view reads ``request.account`` (an operator), never ``request.user``: an
operator with no Person anywhere is anonymous to every casework page, and one
who is also a council's officer sees that council's casework only through
their Person there, with its roles.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from propriety.councils.models import Council
from propriety.councils.setup_forms import refuse_principal_of_a_principal
from propriety.councils.setup_views import change_two_factor
from propriety.people.accounts import Account, SetPasswordLink
from propriety.people.operators import (
    current_clerks,
    do_create_council_with_clerk,
    do_reinvite_clerk,
    do_replace_clerk,
    do_set_council_two_factor,
)
from propriety.people.sessions import current_account
from propriety.protocol import concrete_rulebook_names
from propriety.protocol import rulebook as protocol_rulebook
from propriety.web.forms import ProprietyForm, add_action_errors
from propriety.web.paging import paginate

PER_PAGE = 25
View = Callable[..., HttpResponse]


def operator_required(view: View) -> View:
    """Anonymous: sign in. Signed in but not an operator: 404, as for a page that is not there."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = current_account(request)
        if account is None:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        if not account.is_operator:
            raise Http404("No such page.")
        return view(request, account, *args, **kwargs)

    return wrapper


_EMAIL_ERRORS = {
    "required": "Enter the Clerk’s email address",
    "invalid": "Enter an email address in the correct format, like clerk@example.org",
}


class ClerkForm(ProprietyForm):
    clerk_email = forms.EmailField(error_messages=_EMAIL_ERRORS)
    clerk_name = forms.CharField(max_length=200, required=False, label="Clerk’s name")


class CouncilForm(ClerkForm):
    name = forms.CharField(
        max_length=200,
        label="Name of the council",
        error_messages={"required": "Enter the council’s name"},
    )
    kind = forms.ChoiceField(
        choices=Council.Kind.choices, error_messages={"required": "Choose the kind of council"}
    )
    nation = forms.ChoiceField(choices=Council.Nation.choices, initial=Council.Nation.ENGLAND)
    rulebook = forms.ChoiceField(
        choices=(), error_messages={"required": "Choose the council’s rulebook"}
    )
    principal_council_name = forms.CharField(
        max_length=200, required=False, label="Principal council"
    )
    field_order = ("name", "kind", "nation", "rulebook", "principal_council_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_principal_of_a_principal(self, data.get("kind"))
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rulebook: Any = self.fields["rulebook"]
        # Each protocol's title beside its id, as the Clerk's rulebook page shows them.
        rulebook.choices = [("", "Choose a rulebook")] + [
            (name, f"{name}: {protocol_rulebook(name).title}") for name in concrete_rulebook_names()
        ]


def _clerk_rows(council: Council) -> list[dict[str, Any]]:
    rows = []
    for clerk in current_clerks(council):
        link = SetPasswordLink.objects.filter(person=clerk).order_by("-created_at").first()
        rows.append(
            {
                "person": clerk,
                "has_password": clerk.account.has_usable_password(),
                "signed_in": clerk.last_login,
                "invited_at": link.created_at if link else None,
                "invitation_open": bool(link and link.is_open()),
            }
        )
    return rows


@require_GET
@operator_required
def councils(request: HttpRequest, operator: Account) -> HttpResponse:
    listing = paginate(
        request, Council.objects.order_by("name"), noun="councils", per_page=PER_PAGE
    )
    rows = [{"council": c, "clerks": current_clerks(c)} for c in listing.items]
    return render(request, "operator/councils.html", {"listing": listing, "rows": rows})


@require_http_methods(["GET", "POST"])
@operator_required
def council_new(request: HttpRequest, operator: Account) -> HttpResponse:
    form = CouncilForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = do_create_council_with_clerk(
                name=data["name"],
                kind=data["kind"],
                nation=data["nation"],
                rulebook=data["rulebook"],
                principal_council_name=data["principal_council_name"],
                clerk_email=data["clerk_email"],
                clerk_name=data["clerk_name"],
                operator=operator,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"{made.council.name} has been set up. We have emailed {made.clerk.email} "
                "an invitation to set a password and sign in as its Clerk.",
            )
            return redirect("operator:council", council_id=made.council.pk)
    return render(request, "operator/council_new.html", {"form": form})


def _council_or_404(council_id: int) -> Council:
    council: Council | None = Council.objects.filter(pk=council_id).first()
    if council is None:
        raise Http404("No such council.")
    return council


def _council_page(
    request: HttpRequest, council: Council, form: ClerkForm | None = None
) -> HttpResponse:
    return render(
        request,
        "operator/council.html",
        {"target": council, "clerks": _clerk_rows(council), "form": form or ClerkForm()},
    )


@require_GET
@operator_required
def council(request: HttpRequest, operator: Account, council_id: int) -> HttpResponse:
    return _council_page(request, _council_or_404(council_id))


@require_POST
@operator_required
def reinvite(
    request: HttpRequest, operator: Account, council_id: int, person_id: int
) -> HttpResponse:
    target = _council_or_404(council_id)
    clerk = next((p for p in current_clerks(target) if p.pk == person_id), None)
    if clerk is None:
        raise Http404("No such Clerk.")
    try:
        do_reinvite_clerk(clerk, operator=operator)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("operator:council", council_id=target.pk)
    messages.success(
        request,
        f"We have emailed {clerk.email} a new invitation. Any earlier link no longer works.",
    )
    return redirect("operator:council", council_id=target.pk)


@require_POST
@operator_required
def replace_clerk(request: HttpRequest, operator: Account, council_id: int) -> HttpResponse:
    target = _council_or_404(council_id)
    form = ClerkForm(request.POST)
    if form.is_valid():
        try:
            clerk, _ = do_replace_clerk(
                target,
                email=form.cleaned_data["clerk_email"],
                full_name=form.cleaned_data["clerk_name"],
                operator=operator,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                f"{clerk.full_name} is now the Clerk of {target.name}. We have emailed "
                f"{clerk.email} an invitation.",
            )
            return redirect("operator:council", council_id=target.pk)
    return _council_page(request, target, form)


@require_POST
@operator_required
def two_factor_requirement(
    request: HttpRequest, operator: Account, council_id: int
) -> HttpResponse:
    target = _council_or_404(council_id)
    change_two_factor(
        request,
        target,
        lambda required: do_set_council_two_factor(target, required=required, operator=operator),
    )
    return redirect("operator:council", council_id=target.pk)
