"""Calendar feeds (iCalendar, RFC 5545) built with the ``icalendar`` library.

Two feeds: a person's own due dates (what waits on them and when their own
requests are due an answer), and the council's dates (each pre-election
period, from the notice of election to polling day, and the day the protocol
is due for review, from the council's rulebook). Every event is an all-day
event with a stable UID, so a calendar program updates it rather than adding
a copy when the date moves.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from icalendar import Calendar, Event

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.press.models import Election
from propriety.protocol import rulebook
from propriety.workspace.queues import asked_by, waiting_on

Absolute = Callable[[str], str]


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Propriety//Calendar feed//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _all_day(
    uid: str,
    summary: str,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    description: str = "",
    url: str = "",
    stamp: datetime.datetime,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    # DTEND of an all-day event is the day after the last day (RFC 5545 §3.6.1).
    event.add("dtend", (end or start) + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def person_feed(person: Person, today: datetime.date, absolute: Absolute) -> bytes:
    cal = _calendar(f"{person.full_name}: due dates ({person.council.name})")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    queue = waiting_on(person, today)
    seen: set[str] = set()
    for item in [*queue.overdue, *queue.this_week, *queue.later]:
        if item.due is None:
            continue
        uid = f"{item.kind.lower().replace(' ', '-')}-{item.reference}-due@{person.council.slug}"
        seen.add(uid)
        cal.add_component(
            _all_day(
                uid,
                f"{item.action}: {item.reference} {item.title}",
                item.due,
                description=f"{item.kind} {item.reference}: {item.state}.",
                url=absolute(item.url),
                stamp=stamp,
            )
        )
    for item in asked_by(person, today, limit=200):
        uid = f"{item.kind.lower().replace(' ', '-')}-{item.reference}-due@{person.council.slug}"
        if item.due is None or uid in seen:
            continue
        cal.add_component(
            _all_day(
                uid,
                f"Answer due: {item.reference} {item.title}",
                item.due,
                description=f"Your {item.kind.lower()} {item.reference}: {item.state}.",
                url=absolute(item.url),
                stamp=stamp,
            )
        )
    return bytes(cal.to_ical())


def council_feed(council: Council, absolute: Absolute) -> bytes:
    cal = _calendar(f"{council.name}: pre-election periods and protocol review")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for election in Election.objects.for_council(council).filter(withdrawn_on__isnull=True):
        cal.add_component(
            _all_day(
                f"election-{election.pk}-period@{council.slug}",
                f"Pre-election period: {election.title}",
                election.notice_of_election,
                election.polling_day,
                description=(
                    "From the notice of election to polling day. The Code of Recommended "
                    "Practice on Local Authority Publicity and the protocol’s rules for "
                    "publicity before elections apply."
                ),
                url=absolute(f"/press/elections/{election.pk}/"),
                stamp=stamp,
            )
        )
        cal.add_component(
            _all_day(
                f"election-{election.pk}-polling@{council.slug}",
                f"Polling day: {election.title}",
                election.polling_day,
                stamp=stamp,
            )
        )
    book = rulebook(council.rulebook)
    if book.review_due is not None:
        when = f" ({book.review_due_text})" if book.review_due_text else ""
        cal.add_component(
            _all_day(
                f"protocol-review-{book.id}@{council.slug}",
                f"Protocol review due{when}: {book.title}",
                book.review_due,
                description=f"The councillor–officer protocol ({book.version}) is due for review.",
                stamp=stamp,
            )
        )
    return bytes(cal.to_ical())
