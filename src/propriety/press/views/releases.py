"""The press release pages: list, draft, edit, submit, approve or send back, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.protocol import role_title, the
from propriety.press import access
from propriety.press.actions import (
    do_approve_press_release,
    do_draft_press_release,
    do_edit_press_release,
    do_publish_press_release,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_press_release,
)
from propriety.press.forms import (
    DecisionForm,
    ReleaseForm,
    WithdrawReleaseForm,
    add_action_errors,
)
from propriety.press.models import PressRelease
from propriety.press.rules import election_on
from propriety.press.views.common import _person
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate, sort_choice

_the = the

# How the list may be sorted (``?sort=``); the default puts what waits for a decision first.
SORTS = {
    "waiting": "Waiting for approval first",
    "newest": "Newest first",
    "oldest": "Oldest first",
}
EXPORT_COLUMNS = (
    Column("Reference", lambda r: r.reference),
    Column("Title", lambda r: r.title),
    Column("Kind", lambda r: r.get_kind_display()),
    Column("Drafted by", lambda r: r.drafted_by.full_name),
    Column("Status", lambda r: r.get_status_display()),
    Column("Submitted", lambda r: r.submitted_on),
    Column("Decided", lambda r: r.decided_on),
    Column("Published", lambda r: r.published_on),
)


def sorted_releases(releases: QuerySet[PressRelease], sort: str) -> QuerySet[PressRelease]:
    if sort == "newest":
        return releases.order_by("-created_at", "-pk")
    if sort == "oldest":
        return releases.order_by("created_at", "pk")
    waiting = Case(
        When(status=PressRelease.Status.AWAITING_APPROVAL, then=Value(0)),
        When(status__in=PressRelease.EDITABLE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return releases.annotate(_waiting=waiting).order_by(
        "_waiting", F("submitted_on").asc(nulls_last=True), "-created_at", "-pk"
    )


@login_required
def release_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    releases = access.releases_visible_to(person, today)
    sort = sort_choice(request.GET, SORTS, "waiting")
    releases = sorted_releases(releases, sort)
    if fmt := export_format(request):
        return export_rows(releases, EXPORT_COLUMNS, name="press-releases", fmt=fmt)
    listing = paginate(request, releases, noun="releases")
    return render(
        request,
        "press/list.html",
        {
            "releases": listing.items,
            "listing": listing,
            "sort": sort,
            "sorts": SORTS,
            "can_draft": access.can_draft(person, today),
            "is_clerk": access.is_clerk(person, today),
            "election": election_on(person.council, today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def release_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_draft(person, today):
        raise Http404("Only officers and members draft releases.")
    form = ReleaseForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": "release", "on_behalf_of_council": "yes"},
        council=person.council,
    )
    if request.method == "POST" and form.is_valid():
        try:
            release = do_draft_press_release(
                person, today=today, acting_user=person, **form.values()
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, f"Draft {release.reference} saved. Submit it when it is ready."
            )
            return redirect("press:detail", release.pk)
    return render(request, "press/form.html", {"form": form, "release": None})


def _approver_titles(release: PressRelease) -> str:
    if not release.approver_role:
        return ""
    return _the(role_title(release.council, release.approver_role))


def _detail(
    request: HttpRequest,
    release: PressRelease,
    *,
    decision_form: DecisionForm | None = None,
    withdraw_form: WithdrawReleaseForm | None = None,
) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    may_approve = access.can_approve(person, release, today)
    return render(
        request,
        "press/detail.html",
        {
            "release": release,
            "decision": release.decision,
            "approver_title": _approver_titles(release),
            "approvers": access.approvers_of(release, today),
            "timeline": timeline_for(release),
            "can_edit": access.can_edit(person, release),
            "can_submit": access.can_submit(person, release),
            "can_approve": may_approve,
            "can_publish": access.can_publish(person, release, today),
            "can_withdraw": access.can_withdraw(person, release),
            "withdraw_form": withdraw_form or WithdrawReleaseForm(),
            "decision_form": decision_form or (DecisionForm() if may_approve else None),
            "election_now": election_on(release.council, today),
        },
        status=200,
    )


@login_required
def release_detail(request: HttpRequest, release_id: int) -> HttpResponse:
    release = access.access_press_release_by_id(_person(request), release_id)
    return _detail(request, release)


@login_required
@require_http_methods(["GET", "POST"])
def release_edit(request: HttpRequest, release_id: int) -> HttpResponse:
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_edit(person, release):
        raise PermissionDenied("Only the drafter changes a draft.")
    form = ReleaseForm(
        request.POST if request.method == "POST" else None,
        initial=ReleaseForm.initial_from(release),
        council=release.council,
    )
    if request.method == "POST" and form.is_valid():
        try:
            values = form.values()
            do_edit_press_release(
                release,
                title=values.pop("title"),
                body=values.pop("body"),
                kind=values.pop("kind"),
                acting_user=person,
                **values,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "Draft saved.")
            return redirect("press:detail", release.pk)
    return render(request, "press/form.html", {"form": form, "release": release})


@login_required
@require_POST
def release_submit(request: HttpRequest, release_id: int) -> HttpResponse:
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_submit(person, release):
        raise PermissionDenied("Only the drafter submits a draft.")
    do_submit_press_release(release, acting_user=person)
    if release.status == PressRelease.Status.BLOCKED:
        messages.error(
            request,
            f"The protocol does not allow this release to go "
            f"({', '.join(dict.fromkeys(c['clause'] for c in release.decision['citations']))}). "
            "Change it and submit it again, or withdraw it.",
        )
    else:
        messages.success(request, f"Sent to {_approver_titles(release)} to approve.")
    return redirect("press:detail", release.pk)


@login_required
@require_POST
def release_withdraw(request: HttpRequest, release_id: int) -> HttpResponse:
    """The drafter withdraws a release before it is published, confirming it on the form."""
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_withdraw(person, release):
        raise PermissionDenied("Only the drafter withdraws a release, before it is published.")
    form = WithdrawReleaseForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, withdraw_form=form)
    do_withdraw_press_release(release, reason=form.cleaned_data["reason"], acting_user=person)
    messages.success(request, f"You withdrew {release.reference}.")
    return redirect("press:detail", release.pk)


def _decide(request: HttpRequest, release_id: int, *, approve: bool) -> HttpResponse:
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_approve(person, release):
        raise PermissionDenied("Only the approver the protocol names decides.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, decision_form=form)
    reasons = form.cleaned_data["reasons"]
    try:
        if approve:
            do_approve_press_release(release, reasons=reasons, acting_user=person)
        else:
            do_return_press_release(release, reasons=reasons, acting_user=person)
    except ValidationError as exc:
        add_action_errors(form, exc)
        return _detail(request, release, decision_form=form)
    messages.success(request, f"{release.reference}: {release.get_status_display().lower()}.")
    return redirect("press:detail", release.pk)


@login_required
@require_POST
def release_approve(request: HttpRequest, release_id: int) -> HttpResponse:
    return _decide(request, release_id, approve=True)


@login_required
@require_POST
def release_send_back(request: HttpRequest, release_id: int) -> HttpResponse:
    return _decide(request, release_id, approve=False)


@login_required
@require_POST
def release_publish(request: HttpRequest, release_id: int) -> HttpResponse:
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_publish(person, release):
        raise PermissionDenied("Only an approved release is published.")
    do_publish_press_release(release, acting_user=person)
    messages.success(request, f"{release.reference}: {release.get_status_display().lower()}.")
    return redirect("press:detail", release.pk)
