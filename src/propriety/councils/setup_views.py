"""The Clerk's set-up pages for the council: details and clocks, rulebook, bodies.

Only the Clerk (the casework manager) uses them: anyone else gets 403, and a
body of another council is 404 like a missing one. Views stay thin: forms
parse, actions decide and write, templates show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from propriety.councils import access
from propriety.councils.actions import (
    do_change_council_details,
    do_change_council_rulebook,
    do_close_body,
    do_create_committee,
    do_create_party_group,
    do_create_ward,
    do_rename_body,
    do_set_governance_committee,
    do_set_two_factor_requirement,
)
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.councils.rulebooks import history
from propriety.councils.setup_forms import (
    BodyNameForm,
    CloseBodyForm,
    CouncilDetailsForm,
    RulebookForm,
)
from propriety.councils.setup_listing import COLUMNS, FILTERS, SORTS, listed_bodies
from propriety.mail.actions import do_set_enquiries_address
from propriety.people.holders import has_role
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import (
    concrete_rulebook_names,
    readable_clauses,
    rulebook,
    rulebook_diff,
)
from propriety.web.exports import export_format, export_rows
from propriety.web.forms import add_action_errors
from propriety.web.list_controls import read_controls
from propriety.web.paging import paginate


def clerk(request: HttpRequest) -> Person:
    """The signed-in Clerk, or 403 for anyone else."""
    person: Person = request.user  # type: ignore[assignment]
    if not access.can_set_up(person):
        raise PermissionDenied("Only the Clerk sets up the council.")
    return person


@login_required
def index(request: HttpRequest) -> HttpResponse:
    person = clerk(request)
    council = person.council
    return render(
        request,
        "setup/index.html",
        {
            "in_force": history(council)[-1],
            "people_count": Person.objects.for_council(council).filter(is_active=True).count(),
            "committees": Committee.objects.for_council(council).filter(closed_on=None).count(),
            "wards": Ward.objects.for_council(council).filter(closed_on=None).count(),
            "groups": PartyGroup.objects.for_council(council).filter(closed_on=None).count(),
            "governance_committee": council.governance_committee,
        },
    )


# --- council details and clocks ------------------------------------------------------


def _monitoring_officers(council: Council) -> list[Person]:
    mo = frozenset({Role.MONITORING_OFFICER})
    return [
        p for p in Person.objects.for_council(council).filter(is_active=True) if has_role(p, mo)
    ]


def _rulebook_settings(council: Council) -> dict[str, int | None]:
    settings = rulebook(council.rulebook).settings
    return {
        name: settings[name].value if name in settings else None
        for name in ("acknowledge_working_days", "respond_working_days")
    }


@login_required
@require_http_methods(["GET", "POST"])
def council_details(request: HttpRequest) -> HttpResponse:
    person = clerk(request)
    council = person.council
    officers = _monitoring_officers(council)
    if request.method == "GET":
        form = CouncilDetailsForm(
            monitoring_officers=officers,
            initial={
                "name": council.name,
                "nation": council.nation,
                "principal_council_name": council.principal_council_name,
                "monitoring_officer": council.monitoring_officer_id,
                "acknowledge_working_days": council.acknowledge_working_days,
                "respond_working_days": council.respond_working_days,
                "follow_up_working_days": council.follow_up_working_days,
                "enquiries_address": council.enquiries_address,
            },
        )
    else:
        form = CouncilDetailsForm(request.POST, monitoring_officers=officers, kind=council.kind)
        if form.is_valid():
            data = form.cleaned_data
            try:
                # One change: the details and the address for mail in, or neither.
                with transaction.atomic():
                    _change_details(council, form, data, person)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, "You saved the council's details.")
                return redirect("setup:index")
    return render(
        request,
        "setup/council.html",
        {"form": form, "rulebook_days": _rulebook_settings(council)},
    )


def _change_details(
    council: Council, form: CouncilDetailsForm, data: dict[str, Any], person: Person
) -> None:
    do_change_council_details(
        council,
        name=data["name"],
        nation=data["nation"],
        principal_council_name=data["principal_council_name"],
        monitoring_officer=form.chosen_monitoring_officer(),
        acknowledge_working_days=data["acknowledge_working_days"],
        respond_working_days=data["respond_working_days"],
        follow_up_working_days=data["follow_up_working_days"],
        acting_user=person,
    )
    address = (data.get("enquiries_address") or "").strip().lower()
    if address != council.enquiries_address:
        do_set_enquiries_address(council, address=address, acting_user=person)


# --- two-factor sign-in ------------------------------------------------------------------


@login_required
@require_POST
def two_factor(request: HttpRequest) -> HttpResponse:
    """Require (or stop requiring) a code for the council's Clerk and Monitoring Officer."""
    person = clerk(request)
    change_two_factor(
        request,
        person.council,
        lambda required: do_set_two_factor_requirement(
            person.council, required=required, acting_user=person
        ),
    )
    return redirect("setup:index")


def change_two_factor(
    request: HttpRequest, council: Council, change: Callable[[bool], Any]
) -> None:
    """Read the "required" button (yes or no), make the change, and say what happened."""
    choice = request.POST.get("required", "")
    if choice not in ("yes", "no"):
        messages.error(request, "Choose whether to require two-factor sign-in")
        return
    try:
        change(choice == "yes")
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, two_factor_message(council, choice == "yes"))


def two_factor_message(council: Council, required: bool) -> str:
    if required:
        return (
            f"{council.name} now requires two-factor sign-in for its Clerk and Monitoring "
            "Officer: each sets up an authenticator app the next time they open a page."
        )
    return f"{council.name} no longer requires two-factor sign-in (anyone may still use it)."


# --- the rulebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """A rulebook from the library, read against the one in force."""

    name: str
    title: str
    version: str
    adopted: Any
    clauses: list[Any]
    diff: dict[str, Any]
    says: dict[str, str]  # clause id -> paraphrase, both rulebooks'


def _preview(current: str, name: str) -> Preview:
    chosen, now = rulebook(name), rulebook(current)
    says = {cid: c.says for cid, c in now.clauses.items()}
    says.update({cid: c.says for cid, c in chosen.clauses.items()})
    return Preview(
        name=name,
        title=chosen.title,
        version=chosen.version,
        adopted=chosen.adopted,
        clauses=readable_clauses(chosen),
        diff=rulebook_diff(now, chosen),
        says=says,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rulebook_page(request: HttpRequest) -> HttpResponse:
    """The rulebook in force and its history; choose another, preview it, adopt it."""
    person = clerk(request)
    council = person.council
    names = [n for n in concrete_rulebook_names() if n != council.rulebook]
    chosen = request.POST.get("rulebook") or request.GET.get("rulebook") or ""
    if request.method == "POST":
        form = RulebookForm(request.POST, names=names)
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_change_council_rulebook(
                    council, rulebook=data["rulebook"], reasons=data["reasons"], acting_user=person
                )
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, f"The council now follows {council.rulebook} from today.")
                return redirect("setup:rulebook")
    else:
        form = RulebookForm(names=names, initial={"rulebook": chosen})
    preview = _preview(council.rulebook, chosen) if chosen in names else None
    now = rulebook(council.rulebook)
    return render(
        request,
        "setup/rulebook.html",
        {
            "form": form,
            "names": [(n, rulebook(n).title) for n in names],
            "current": now,
            "history": list(reversed(history(council))),
            "preview": preview,
            "current_clauses": readable_clauses(now) if preview is None else [],
            "preview_error": _preview_error(request, chosen, names),
        },
    )


def _preview_error(request: HttpRequest, chosen: str, names: list[str]) -> str:
    """Why "Preview it" shows nothing: no rulebook chosen, or one not in the library."""
    if request.method != "GET" or "rulebook" not in request.GET:
        return ""
    if not chosen:
        return "Choose a rulebook to preview"
    if chosen not in names:
        return "There is no other rulebook of that name in the library"
    return ""


# --- committees, wards, party groups ---------------------------------------------------


@dataclass(frozen=True)
class BodyKind:
    slug: str
    model: type[Committee] | type[Ward] | type[PartyGroup]
    singular: str
    plural: str
    create: Callable[..., Any]
    find: Callable[[Person, int], Any]
    member_roles: tuple[str, ...]


BODY_KINDS = {
    "committees": BodyKind(
        "committees",
        Committee,
        "committee",
        "Committees",
        do_create_committee,
        access.access_committee_by_id,
        (Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, Role.COMMITTEE_MEMBER),
    ),
    "wards": BodyKind(
        "wards",
        Ward,
        "ward",
        "Wards",
        do_create_ward,
        access.access_ward_by_id,
        (Role.WARD_COUNCILLOR,),
    ),
    "groups": BodyKind(
        "groups",
        PartyGroup,
        "party group",
        "Party groups",
        do_create_party_group,
        access.access_party_group_by_id,
        (Role.PARTY_GROUP_LEADER, Role.PARTY_GROUP_MEMBER),
    ),
}


def _kind(kind: str) -> BodyKind:
    if kind not in BODY_KINDS:
        raise Http404("No such kind of body.")
    return BODY_KINDS[kind]


@login_required
@require_http_methods(["GET", "POST"])
def bodies(request: HttpRequest, kind: str) -> HttpResponse:
    body_kind = _kind(kind)
    person = clerk(request)
    form = BodyNameForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"].strip()
        try:
            body = body_kind.create(person.council, name=name, acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, _name_taken(exc, body_kind, name))
        else:
            messages.success(request, f"You added the {body_kind.singular} {body.name}.")
            return redirect("setup:bodies", kind=kind)
    controls = read_controls(request, FILTERS, SORTS)
    rows = listed_bodies(
        controls.apply(body_kind.model.objects.for_council(person.council)),
        controls.sort,
        timezone.localdate(),
    )
    if fmt := export_format(request):
        return export_rows(rows, COLUMNS, name=body_kind.slug, fmt=fmt)
    listing = paginate(request, rows, noun=body_kind.plural.lower())
    return render(
        request,
        "setup/bodies.html",
        {"kind": body_kind, "listing": listing, "controls": controls, "form": form},
    )


def _name_taken(exc: ValidationError, kind: BodyKind, name: str) -> ValidationError:
    """The model's unique-name error, said plainly and as the other capitals' one is."""
    if hasattr(exc, "error_dict") and "__all__" in exc.error_dict:
        return ValidationError(
            {"name": f"The council already has a {kind.singular} called {name}."}
        )
    return exc


def _body_page(request: HttpRequest, kind: BodyKind, body: Any, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    memberships = sorted(
        body.memberships.select_related("person"),
        key=lambda m: (not m.is_current_on(today), m.person.full_name, m.starts_on),
    )
    return render(
        request,
        "setup/body.html",
        {
            "kind": kind,
            "body": body,
            "memberships": [(m, m.is_current_on(today)) for m in memberships],
            "rename_form": forms.get("rename_form") or BodyNameForm(initial={"name": body.name}),
            "close_form": forms.get("close_form") or CloseBodyForm(initial={"closed_on": today}),
            "governance_committee": body.council.governance_committee
            if kind.model is Committee
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, kind: str, body_id: int) -> HttpResponse:
    """A body and its members; the Clerk renames it here."""
    body_kind = _kind(kind)
    body = body_kind.find(request.user, body_id)  # type: ignore[arg-type]
    person = clerk(request)
    if request.method == "GET":
        return _body_page(request, body_kind, body)
    form = BodyNameForm(request.POST)
    if form.is_valid():
        try:
            do_rename_body(body, name=form.cleaned_data["name"], acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, _name_taken(exc, body_kind, form.cleaned_data["name"]))
        else:
            messages.success(request, f"You renamed it {body}.")
            return redirect("setup:body", kind=kind, body_id=body.pk)
    return _body_page(request, body_kind, body, rename_form=form)


@login_required
@require_POST
def body_close(request: HttpRequest, kind: str, body_id: int) -> HttpResponse:
    body_kind = _kind(kind)
    body = body_kind.find(request.user, body_id)  # type: ignore[arg-type]
    person = clerk(request)
    form = CloseBodyForm(request.POST)
    if form.is_valid():
        try:
            do_close_body(body, closed_on=form.cleaned_data["closed_on"], acting_user=person)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"You closed {body}.")
            return redirect("setup:bodies", kind=kind)
    return _body_page(request, body_kind, body, close_form=form)


@login_required
@require_POST
def committee_governance(request: HttpRequest, body_id: int) -> HttpResponse:
    """Make this committee the council's governance committee ("yes"), or stop ("no")."""
    committee = access.access_committee_by_id(request.user, body_id)  # type: ignore[arg-type]
    person = clerk(request)
    choice = request.POST.get("governance", "")
    if choice not in ("yes", "no"):
        messages.error(request, "Choose whether this is the governance committee")
        return redirect("setup:body", kind="committees", body_id=committee.pk)
    council = person.council
    is_it = council.governance_committee_id == committee.pk
    try:
        if choice == "yes":
            do_set_governance_committee(council, committee=committee, acting_user=person)
        elif is_it:
            do_set_governance_committee(council, committee=None, acting_user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{committee.name} is now the council's governance committee: its members can read "
            "the governance report and the oversight pages."
            if choice == "yes"
            else f"{committee.name} is not the council's governance committee.",
        )
    return redirect("setup:body", kind="committees", body_id=committee.pk)
