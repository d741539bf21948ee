"""The press and media pages. Thin: parse the form, find the record through
access.py (404 for one the person may not see), call the action, render. A
form the person may not use on a record they can see is 403; the actions
check again."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.audit.timeline import timeline_for
from propriety.councils.models import Ward
from propriety.councils.protocol import role_title, the
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press import access
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_approve_press_release,
    do_change_election,
    do_draft_press_release,
    do_edit_press_release,
    do_end_spokesperson,
    do_publish_press_release,
    do_record_election,
    do_record_media_contact,
    do_record_media_interest,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_election,
    do_withdraw_press_release,
)
from propriety.press.forms import (
    AppointForm,
    DecisionForm,
    ElectionChangeForm,
    ElectionForm,
    ElectionWithdrawForm,
    EndForm,
    MediaContactForm,
    MediaInterestForm,
    ReleaseForm,
    add_action_errors,
)
from propriety.press.models import Election, PressRelease
from propriety.press.rules import election_on
from propriety.web.exports import Column, export_format, export_rows
from propriety.web.paging import paginate, sort_choice


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


_the = the


# --- press releases ------------------------------------------------------------------------


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


CONTACT_COLUMNS = (
    Column("Reference", lambda c: c.reference),
    Column("Who", lambda c: c.person.full_name),
    Column("Capacity", lambda c: c.get_capacity_display()),
    Column("Outlet", lambda c: c.outlet),
    Column("Topic", lambda c: c.topic),
    Column("On", lambda c: c.contact_on),
    Column("Pre-election period", lambda c: c.pre_election),
)
INTEREST_COLUMNS = (
    Column("Reference", lambda r: r.reference),
    Column("Matter", lambda r: r.matter),
    Column("Outlet", lambda r: r.outlet),
    Column("Ward", lambda r: r.ward),
    Column("Recorded by", lambda r: r.recorded_by.full_name),
    Column("Recorded on", lambda r: r.recorded_on),
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
    withdraw_error: str = "",
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
            "withdraw_error": withdraw_error,
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
    if request.POST.get("confirm") != "on":
        return _detail(
            request, release, withdraw_error="Confirm that you want to withdraw the release"
        )
    do_withdraw_press_release(release, reason=request.POST.get("reason", ""), acting_user=person)
    messages.success(request, f"You withdrew {release.reference}.")
    return redirect("press:detail", release.pk)


def _decide(request: HttpRequest, release_id: int, *, approve: bool) -> HttpResponse:
    person = _person(request)
    release = access.access_press_release_by_id(person, release_id)
    if not access.can_approve(person, release):
        raise PermissionDenied("Only the approver the protocol names decides.")
    form = DecisionForm(request.POST)
    form.is_valid()
    reasons = form.cleaned_data.get("reasons", "")
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


# --- the spokesperson register -----------------------------------------------------------------


def _by_role(person: Person, today: datetime.date) -> list[dict[str, Any]]:
    """The chair of the council and committee chairs: spokespeople by their role."""
    rows: list[dict[str, Any]] = []
    for holder in holders_of(person.council, "council_chair", today):
        rows.append({"person": holder, "as": "Chair of the council"})
    for holder in holders_of(person.council, "committee_chair", today):
        committees = [
            r.committee.name
            for r in holder.roles_on(today)
            if r.role == Role.COMMITTEE_CHAIR and r.committee
        ]
        for name in committees:
            rows.append({"person": holder, "as": f"Chair of the {name}"})
    return rows


def _register_people(person: Person, today: datetime.date) -> list[Person]:
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.is_councillor_on(today) or is_officer(p, today)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


def _register(
    request: HttpRequest, *, appoint_form: AppointForm | None = None, status: int = 200
) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    clerk = access.can_keep_register(person, today)
    entries = list(access.spokespeople_visible_to(person))
    return render(
        request,
        "press/spokespeople.html",
        {
            "by_role": _by_role(person, today),
            "current": [e for e in entries if e.is_current_on(today)],
            "past": [e for e in entries if not e.is_current_on(today)],
            "clerk": clerk,
            "appoint_form": appoint_form
            or (AppointForm(people=_register_people(person, today)) if clerk else None),
            "today": today,
        },
        status=status,
    )


@login_required
def spokespeople(request: HttpRequest) -> HttpResponse:
    return _register(request)


@login_required
@require_POST
def spokesperson_appoint(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_keep_register(person, today):
        raise PermissionDenied("Only the Clerk keeps the register.")
    form = AppointForm(request.POST, people=_register_people(person, today))
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = do_appoint_spokesperson(
                person.council,
                person=data["person"],
                basis=data["basis"],
                resolution_reference=data["resolution_reference"],
                resolved_on=data["resolved_on"],
                scope=data["scope"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"{entry.person.full_name} added to the register.")
            return redirect("press:spokespeople")
    return _register(request, appoint_form=form)


@login_required
@require_POST
def spokesperson_end(request: HttpRequest, entry_id: int) -> HttpResponse:
    person = _person(request)
    entry = access.access_spokesperson_by_id(person, entry_id)
    if not access.can_keep_register(person):
        raise PermissionDenied("Only the Clerk keeps the register.")
    form = EndForm(request.POST)
    form.is_valid()
    try:
        do_end_spokesperson(entry, reason=form.cleaned_data.get("reason", ""), acting_user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{entry.person.full_name}'s entry has ended.")
    return redirect("press:spokespeople")


# --- the election timetable ----------------------------------------------------------------


def _elections(request: HttpRequest, *, form: ElectionForm | None = None) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    clerk = access.can_keep_register(person, today)
    return render(
        request,
        "press/elections.html",
        {
            "elections": access.elections_visible_to(person),
            "current": election_on(person.council, today),
            "clerk": clerk,
            "form": form or (ElectionForm() if clerk else None),
        },
    )


@login_required
def elections(request: HttpRequest) -> HttpResponse:
    return _elections(request)


@login_required
@require_POST
def election_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_keep_register(person):
        raise PermissionDenied("Only the Clerk records elections.")
    form = ElectionForm(request.POST)
    if form.is_valid():
        try:
            election = do_record_election(person.council, acting_user=person, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Recorded {election.title}.")
            return redirect("press:elections")
    return _elections(request, form=form)


def _election_page(
    request: HttpRequest,
    election: Election,
    *,
    change_form: ElectionChangeForm | None = None,
    withdraw_form: ElectionWithdrawForm | None = None,
) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    may_change = access.can_change_election(person, election, today)
    context: dict[str, Any] = {
        "election": election,
        "in_period": election.in_period_on(today),
        "may_change": may_change,
        "timeline": timeline_for(election),
        "errors_of": change_form if change_form is not None and change_form.errors else None,
    }
    if withdraw_form is not None and withdraw_form.errors:
        context["errors_of"] = withdraw_form
    if may_change:
        context["change_form"] = change_form or ElectionChangeForm(
            initial={
                "title": election.title,
                "notice_of_election": election.notice_of_election.isoformat(),
                "polling_day": election.polling_day.isoformat(),
            }
        )
        context["withdraw_form"] = withdraw_form or ElectionWithdrawForm()
    return render(request, "press/election.html", context)


@login_required
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access.access_election_by_id(_person(request), election_id)
    return _election_page(request, election)


@login_required
@require_POST
def election_change(request: HttpRequest, election_id: int) -> HttpResponse:
    person = _person(request)
    election = access.access_election_by_id(person, election_id)
    if not access.can_change_election(person, election):
        raise PermissionDenied("Only the Clerk corrects an election, and not once withdrawn.")
    form = ElectionChangeForm(request.POST)
    if form.is_valid():
        try:
            do_change_election(election, acting_user=person, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"Corrected {election.title}.")
            return redirect("press:election", election.pk)
    election.refresh_from_db()
    return _election_page(request, election, change_form=form)


@login_required
@require_POST
def election_withdraw(request: HttpRequest, election_id: int) -> HttpResponse:
    person = _person(request)
    election = access.access_election_by_id(person, election_id)
    if not access.can_change_election(person, election):
        raise PermissionDenied("Only the Clerk withdraws an election, and only once.")
    form = ElectionWithdrawForm(request.POST)
    if form.is_valid():
        try:
            do_withdraw_election(election, reason=form.cleaned_data["reason"], acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, f"Withdrew {election.title}: it no longer makes a pre-election period."
            )
            return redirect("press:election", election.pk)
    return _election_page(request, election, withdraw_form=form)


# --- media contacts ------------------------------------------------------------------------------


@login_required
def media_contacts(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if fmt := export_format(request):
        rows = access.media_contacts_visible_to(person, today)
        return export_rows(rows, CONTACT_COLUMNS, name="media-contacts", fmt=fmt)
    return render(
        request,
        "press/media_contacts.html",
        {
            "contacts": (
                contacts := paginate(
                    request, access.media_contacts_visible_to(person, today), noun="media contacts"
                )
            ).items,
            "listing": contacts,
            "can_record": access.can_record_media_contact(person, today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_contact_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_record_media_contact(person, today):
        raise Http404("Only officers and members record media contacts.")
    officer = is_officer(person, today)
    form = MediaContactForm(request.POST if request.method == "POST" else None, officer=officer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = do_record_media_contact(
                person,
                capacity=data.get("capacity", "council"),
                outlet=data["outlet"],
                topic=data["topic"],
                political_comment=data["political_comment"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return redirect("press:media_contact", contact.pk)
    return render(request, "press/media_contact_new.html", {"form": form, "officer": officer})


@login_required
def media_contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.access_media_contact_by_id(_person(request), contact_id)
    return render(
        request,
        "press/media_contact.html",
        {"contact": contact, "decision": contact.decision, "timeline": timeline_for(contact)},
    )


# --- media interest ------------------------------------------------------------------------------


@login_required
def media_interest_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if fmt := export_format(request):
        rows = access.media_interest_visible_to(person, today)
        return export_rows(rows, INTEREST_COLUMNS, name="media-interest", fmt=fmt)
    return render(
        request,
        "press/media_interest_list.html",
        {
            "records": (
                records := paginate(
                    request, access.media_interest_visible_to(person, today), noun="records"
                )
            ).items,
            "listing": records,
            "can_record": access.can_record_media_interest(person, today),
        },
    )


def _members(person: Person, today: datetime.date) -> list[Person]:
    return sorted(
        (
            p
            for p in Person.objects.for_council(person.council).filter(is_active=True)
            if p.is_councillor_on(today)
        ),
        key=lambda p: (p.full_name, p.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_interest_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not access.can_record_media_interest(person, today):
        raise Http404("Only officers record media interest.")
    form = MediaInterestForm(
        request.POST if request.method == "POST" else None,
        wards=list(Ward.objects.for_council(person.council).order_by("name")),
        members=_members(person, today),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = do_record_media_interest(
                person,
                matter=data["matter"],
                details=data["details"],
                outlet=data["outlet"],
                ward=data["ward"],
                also_tell=data["also_tell"],
                acting_user=person,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            told = record.members_told.count()
            messages.success(
                request, f"Recorded. {told} member{'s' if told != 1 else ''} told by email."
            )
            return redirect("press:media_interest", record.pk)
    return render(request, "press/media_interest_new.html", {"form": form})


@login_required
def media_interest_detail(request: HttpRequest, interest_id: int) -> HttpResponse:
    record = access.access_media_interest_by_id(_person(request), interest_id)
    return render(
        request,
        "press/media_interest.html",
        {
            "record": record,
            "decision": record.decision,
            "told": record.members_told.order_by("full_name"),
            "timeline": timeline_for(record),
        },
    )
