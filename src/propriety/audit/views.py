"""The oversight pages: the trail, checkpoints, and the council's UK GDPR records.

For the Monitoring Officer and the governance committee (``access.can_read_oversight``;
the committee reads the trail redacted and makes no checkpoints);
subject access and the record of processing also for the Proper Officer.
Everyone else gets 404, as for a page that does not exist.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from propriety.audit import access
from propriety.audit.actions import do_record_event
from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.checkpoints import parse_note, public_key_pem
from propriety.audit.models import Checkpoint
from propriety.audit.processing import activities
from propriety.audit.subject_access import subject_access_export
from propriety.audit.subject_access_pages import readable
from propriety.audit.trail import CONFIDENTIAL_KINDS, TrailFilterForm, csv_rows, filtered
from propriety.audit.verify import verify_council
from propriety.people.models import Person
from propriety.web.paging import Listing, paginate

PER_PAGE = 50


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _nav(person: Person) -> dict[str, bool]:
    """Which of the oversight pages the reader may open, for the pages' own links."""
    return {
        "trail": access.can_read_oversight(person),
        "data_protection": access.can_answer_subject_access(person),
    }


def _page(request: HttpRequest, items: Any, noun: str) -> Listing[Any]:
    return paginate(request, items, noun=noun, per_page=PER_PAGE)


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    access.require_oversight(person)
    redacted = access.sees_redacted_trail(person)
    form = TrailFilterForm(person.council, request.GET or None)
    events = filtered(person.council, form, redacted=redacted)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "listing": _page(request, events, "events"),
            "query": query.urlencode(),
            "redacted": redacted,
            "withheld_kinds": CONFIDENTIAL_KINDS,
            "audit_nav": _nav(person),
        },
    )


@login_required
def trail_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    person = _person(request)
    access.require_oversight(person)
    form = TrailFilterForm(person.council, request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{request.path.rsplit('export', 1)[0]}?{request.GET.urlencode()}")
    redacted = access.sees_redacted_trail(person)
    events = filtered(person.council, form, redacted=redacted)
    do_record_event(
        person.council,
        action="audit.trail_exported",
        details={
            "says": f"{person.full_name} exported the audit trail"
            + (" (redacted, as the governance committee reads it)." if redacted else "."),
            "filters": request.GET.dict(),
        },
        acting_user=person,
    )
    stamp = timezone.localdate().isoformat()
    rows = csv_rows(events.iterator(), redacted=redacted)
    response = StreamingHttpResponse(rows, content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    return response


@login_required
def checkpoints(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    access.require_oversight(person)
    council = person.council
    listed = Checkpoint.objects.for_council(council).select_related("made_by")
    return render(
        request,
        "audit/checkpoints.html",
        {
            "listing": _page(request, listed, "checkpoints"),
            "result": verify_council(council),
            "public_key": public_key_pem(),
            "redacted": access.sees_redacted_trail(person),
            "audit_nav": _nav(person),
        },
    )


@login_required
@require_POST
def checkpoint_new(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    access.require_full_oversight(person)
    made = do_make_checkpoint(person.council, acting_user=person)
    messages.success(request, f"The audit log was signed at {made.tree_size} events.")
    return redirect("audit:checkpoints")


@login_required
def checkpoint_download(request: HttpRequest, checkpoint_id: int) -> HttpResponse:
    checkpoint = access.access_checkpoint_by_id(_person(request), checkpoint_id)
    part = request.GET.get("part", "note")
    name = f"checkpoint-{checkpoint.council.slug}-{checkpoint.tree_size}"
    if part == "note":
        body, filename, kind = checkpoint.note.encode(), f"{name}.txt", "text/plain"
    elif part == "body":
        body, filename, kind = (
            parse_note(checkpoint.note).body.encode(),
            f"{name}.body",
            "text/plain",
        )
    elif part == "sig":
        body, filename = parse_note(checkpoint.note).signature, f"{name}.sig"
        kind = "application/octet-stream"
    else:
        raise Http404("No such download.")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def public_key(request: HttpRequest) -> HttpResponse:
    access.require_oversight(_person(request))
    response = HttpResponse(public_key_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="propriety-audit-key.pem"'
    return response


@login_required
def processing(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_answer_subject_access(person):
        raise Http404("No such page.")
    return render(
        request,
        "audit/processing.html",
        {"activities": activities(), "audit_nav": _nav(person)},
    )


@login_required
def subject_access(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if not access.can_answer_subject_access(person):
        raise Http404("No such page.")
    people = Person.objects.for_council(person.council).order_by("full_name")
    return render(
        request,
        "audit/subject_access.html",
        {"listing": _page(request, people, "people"), "audit_nav": _nav(person)},
    )


@login_required
def subject_access_export_view(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request)
    subject = access.access_subject_by_id(person, person_id)
    wanted = request.GET.get("format", "html")
    if wanted not in {"html", "json"}:
        raise Http404("No such format.")
    export = subject_access_export(subject)
    do_record_event(
        person.council,
        action="subject_access.exported",
        obj=subject,
        details={"says": f"{person.full_name} exported what is held about {subject.full_name}."},
        acting_user=person,
    )
    if wanted == "json":
        response = HttpResponse(
            json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="subject-access-{subject.pk}.json"'
        return response
    return render(
        request,
        "audit/subject_access_export.html",
        {"export": export, "readable": readable(export), "subject": subject},
    )
