"""The workspace pages: search, calendar feeds, the governance report.

Views stay thin: access functions read, actions write, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from propriety.people.models import Person
from propriety.web.exports import download, xlsx_bytes
from propriety.web.paging import paginate
from propriety.workspace import access
from propriety.workspace.actions import do_create_calendar_feed, do_revoke_calendar_feed
from propriety.workspace.calendars import council_feed, person_feed
from propriety.workspace.models import CalendarFeed
from propriety.workspace.pdf import pdf_response
from propriety.workspace.report import build_report, can_see_report
from propriety.workspace.search import search

MAX_QUERY = 200


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    error = ""
    if len(query) > MAX_QUERY:
        error = f"Search for {MAX_QUERY} characters or fewer"
    elif "q" in request.GET and not query:
        error = "Enter what you are looking for"
    hits = search(person, query, today) if query and not error else []
    listing = paginate(request, hits, noun="results")
    return render(
        request,
        "workspace/search.html",
        {"query": query, "error": error, "listing": listing, "searched": bool(query)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feeds(request: HttpRequest) -> HttpResponse:
    """Your private calendar feed addresses; POST makes a new one (shown once)."""
    person = _person(request)
    new_key = ""
    new_feed: CalendarFeed | None = None
    error = ""
    if request.method == "POST":
        try:
            new_feed, new_key = do_create_calendar_feed(
                person, kind=request.POST.get("kind", ""), acting_user=person
            )
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    response = render(
        request,
        "workspace/feeds.html",
        {
            "feeds": access.feeds_visible_to(person),
            "kinds": CalendarFeed.Kind.choices,
            "new_key": new_key,
            "new_feed": new_feed,
            "new_url": request.build_absolute_uri(f"/calendar/{new_key}.ics") if new_key else "",
            "error": error,
            "may_have_council_feed": access.can_have_council_feed(person),
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def feed_revoke(request: HttpRequest, feed_id: int) -> HttpResponse:
    person = _person(request)
    feed = access.access_calendar_feed_by_id(person, feed_id)
    do_revoke_calendar_feed(feed, acting_user=person)
    messages.success(
        request, f"The feed address {feed.prefix}… has been revoked. It no longer works."
    )
    return redirect("workspace:feeds")


@require_GET
def feed_ics(request: HttpRequest, key: str) -> HttpResponse:
    """The calendar at a private feed address (no sign-in: the address is the secret)."""
    today = timezone.localdate()
    feed = access.feed_by_key(key, today)
    if feed.kind == CalendarFeed.Kind.MINE:
        body = person_feed(feed.person, today, request.build_absolute_uri)
    elif access.can_have_council_feed(feed.person, today):
        body = council_feed(feed.council, request.build_absolute_uri)
    else:
        raise Http404("No such calendar feed.")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="propriety.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    if not can_see_report(person, today):
        raise Http404("No such page.")
    report = build_report(person.council, today)
    fmt = request.GET.get("format", "")
    if fmt == "xlsx":
        return download(xlsx_bytes(report.sheets()), name="governance-report", fmt="xlsx")
    context = {"report": report, "charts": report.charts(), "today": today}
    if fmt == "pdf":
        html = render_to_string("workspace/report_pdf.html", context, request=request)
        return pdf_response(
            html, name="governance-report", base_url=request.build_absolute_uri("/")
        )
    return render(request, "workspace/report.html", context)
