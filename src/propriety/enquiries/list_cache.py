"""The enquiry list's page body, kept in each worker's memory until anything it shows may change.

The Clerk's list reads the council's counts, a page of rows, the names they
show and the filters' officers and wards, and writes them out as the page's
main block: about 2.5 ms of CPU on a council of 1,000 enquiries, where a bare
signed-in request costs 0.7 (docs/performance.md, 6 December 2026, session 7).
The block is the same for the same reader until the council's data changes or
the day turns, so a worker keeps it, keyed on everything it depends on:

- the council's audit log head (its size and root hash, one indexed read per
  request, made *before* anything of the page is read). Every write in a
  council is audited in the same transaction as the write (``audit.recording``),
  so the head moves with any change a page could show: a new enquiry, a status,
  an allocation, a renamed person or ward, a role. A page read after the head
  is at least as new as the head, so a kept page is never older than its key.
  The root hash, not the size alone, keeps apart two councils' or two test
  databases' logs of the same length;
- the council (its id, name and rulebook), the script prefix the page's links
  start with, today's date (due and overdue wording, the
  "due this week" filter, who holds which role), the reader (their id and every
  role they hold today, with its committee, ward, group and dates), and the
  query string, its keys sorted.

Entries also expire after ``PROPRIETY_LIST_CACHE_SECONDS`` (60 by default), so
a change made without the audit log (a database edited by hand) shows within a
minute. At most ``PROPRIETY_LIST_CACHE`` pages are kept per worker, least
recently used dropped first (0 turns the cache off; the test settings do, and
the cache's own tests turn it on). Nothing is shared between workers or
written anywhere: a page kept is a string in one process's memory.

``bench/web.py`` measures the list both ways: its settings let the request
header ``X-Propriety-Bench: uncached`` skip the cache (only there: the header
is ignored unless ``PROPRIETY_BENCH_VIEWS`` is on).
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from propriety.audit.models import AuditLogHead
from propriety.people.models import Person
from propriety.web.prepared import INT, Prepared

DEFAULT_SIZE = 128
DEFAULT_SECONDS = 60.0


def _head(shape: None, *, council: int) -> QuerySet[Any]:
    return AuditLogHead.unscoped.filter(council_id=council).values_list("size", "root_hash")


_HEAD = Prepared(_head, council=INT)


def log_head(council_id: int) -> tuple[int, str]:
    """The council's audit log head: how many events, and the root over them."""
    found = _HEAD.values(None, council=council_id)
    return (int(found[0][0]), str(found[0][1])) if found else (0, "")


class PageCache:
    """Rendered page bodies by key, least recently used dropped first, each for at most
    ``seconds``. Thread-safe (the development server answers on threads)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._pages: OrderedDict[Hashable, tuple[float, SafeString]] = OrderedDict()
        self._lock = threading.Lock()
        self._clock = clock

    def get(self, key: Hashable, seconds: float) -> SafeString | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            if self._clock() - found[0] > seconds:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, page: SafeString, size: int) -> None:
        with self._lock:
            self._pages[key] = (self._clock(), page)
            self._pages.move_to_end(key)
            while len(self._pages) > size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


PAGES = PageCache()


def size() -> int:
    """How many pages a worker keeps (0: the cache is off)."""
    return int(getattr(settings, "PROPRIETY_LIST_CACHE", DEFAULT_SIZE))


def seconds() -> float:
    return float(getattr(settings, "PROPRIETY_LIST_CACHE_SECONDS", DEFAULT_SECONDS))


def wanted(request: HttpRequest) -> bool:
    """Whether this request may use the cache: it is on, and (the bench's settings
    only) the request did not ask to skip it."""
    if size() <= 0:
        return False
    if getattr(settings, "PROPRIETY_BENCH_VIEWS", False):
        return request.headers.get("X-Propriety-Bench") != "uncached"
    return True


class PageKey(NamedTuple):
    """Everything the list's main block depends on."""

    council: int
    council_name: str
    log_head: tuple[int, str]
    rulebook: str
    script_prefix: str
    today: datetime.date
    reader: int
    roles: tuple[Hashable, ...]
    query: tuple[tuple[str, tuple[str, ...]], ...]


def page_key(request: HttpRequest, person: Person, today: datetime.date) -> PageKey:
    """The key of ``person``'s list page today; the log head is read here, before the page."""
    council = person.council
    roles = tuple(
        sorted(
            (
                r.pk,
                r.role,
                r.committee_id,
                r.ward_id,
                r.party_group_id,
                r.starts_on,
                r.ends_on,
                r.withdrawn,
            )
            for r in person.roles_on(today)
        )
    )
    return PageKey(
        council=council.pk,
        council_name=council.name,
        log_head=log_head(council.pk),
        rulebook=council.rulebook,
        script_prefix=get_script_prefix(),
        today=today,
        reader=person.pk,
        roles=roles,
        query=tuple(sorted((k, tuple(v)) for k, v in request.GET.lists())),
    )
