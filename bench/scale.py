"""Benchmark: does a national tenancy on PostgreSQL cost any one council more as it grows?

    .venv/bin/python bench/scale.py [--database-url URL] [--councils 100]
                                    [--enquiries 20000] [--events 100000] [--repeat 7]

    # the issue's national size: 1,000 councils, 1M enquiries, 10M audit events
    .venv/bin/python bench/scale.py --councils 1000 --enquiries 1000000 --events 10000000

Builds a tenancy in a PostgreSQL database (``--database-url``, else a throw-away
server started with ``scripts/postgres start`` and stopped at the end) at a
tenth of the given size, measures, grows it to the full size, and measures
again. Councils, their people and one enquiry each are made through the real
actions; the rest of the enquiries are copies of that enquiry and the audit
events are sealed into each council's log exactly as ``recording`` seals them,
both written with bulk inserts (inside a recording, as every write is).

Two councils are measured, as their Clerk, in process (Django's test client, no
network): the **growing** council holds ``--big-share`` of the enquiries and
events, so it grows tenfold with the tenancy (paging must keep its pages flat);
the **steady** council keeps 500 enquiries and 5,000 events at both sizes (the
rest of the tenancy must not cost it anything). For each: the Clerk's enquiry
list (first page), a case page, ``GET /api/v1/enquiries``, search, the
governance report and ``audit verify`` of that council (the median of
``--repeat``). For the tenancy: ``propriety tick``'s work (the clock, then the
audit checkpoints) with 50 overdue cases in 5 councils to chase (the median of three days,
each chasing the same cases one rung further) and with nothing to do.

Each figure's growth ratio is large / small (target: 1.5 or less). The last line
printed is JSON.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BATCH = 5000
# The days the clock is run on: two working days apart, so the same overdue
# cases are due a chase on each (early March 2027 has no bank holiday).
TICK_DAYS = (datetime.date(2027, 3, 2), datetime.date(2027, 3, 4), datetime.date(2027, 3, 8))
WITH_WORK_CASES = 50
WITH_WORK_COUNCILS = 5
STEADY_ENQUIRIES = 500
OPEN_PER_COUNCIL = 40
STEADY_EVENTS = 5000


def setup(database_url: str, data_dir: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        PROPRIETY_DATA_DIR=data_dir,
        PROPRIETY_SECRET_KEY=secrets.token_urlsafe(64),
        PROPRIETY_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="web_settings",
        PROPRIETY_EMAIL_BACKEND="propriety.mail.sink.SinkEmailBackend",
        PROPRIETY_MAIL_SINK="true",
    )
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


class Tenancy:
    """The councils built so far, and what to measure in the two that are measured."""

    def __init__(self, big_share: float) -> None:
        self.big_share = big_share
        self.councils: list[Any] = []
        self.templates: dict[int, Any] = {}  # council pk -> its real enquiry
        self.enquiries: dict[int, int] = {}  # council pk -> how many it has
        self.clerks: dict[int, Any] = {}  # council pk -> its Clerk
        self.open: dict[int, int] = {}  # council pk -> its open copies
        self.rng = random.Random(7)

    # --- councils, people, one real enquiry each ---------------------------------------------

    def add_council(self, n: int) -> Any:
        from propriety.councils.actions import do_create_council
        from propriety.enquiries.actions import do_submit_enquiry, do_triage_enquiry
        from propriety.people.actions import do_assign_role, do_create_person
        from propriety.people.roles import Role

        council = do_create_council(
            name=f"Benchmark {n} Town Council",
            slug=f"bench-{n}",
            kind="town",
            nation="england",
            rulebook="acses-town",
            principal_council_name=f"Benchmark {n} District Council",
            acting_user=None,
        )

        def person(role: str, name: str) -> Any:
            p = do_create_person(
                council,
                email=f"{name.lower().replace(' ', '.')}@bench-{n}.example",
                full_name=name,
                password=secrets.token_urlsafe(12),
                acting_user=None,
            )
            do_assign_role(
                p, role=role, starts_on=datetime.date(2024, 5, 1), ends_on=None, acting_user=None
            )
            return p

        clerk = person(Role.PROPER_OFFICER, f"Clerk {n}")
        member = person(Role.COUNCILLOR, f"Councillor {n}")
        officer = person(Role.STAFF, f"Officer {n}")
        # Received just before the clock's days, so not due an answer on any of them.
        received = TICK_DAYS[0] - datetime.timedelta(days=1)
        enquiry = do_submit_enquiry(
            member,
            subject="Street lighting on Mill Lane",
            body="Residents report that the lights have been out for a week. " * 4,
            kind="information",
            addressed_to="proper_officer",
            today=received,
            acting_user=member,
        )
        do_triage_enquiry(
            enquiry, priority="normal", officer=officer, today=received, acting_user=clerk
        )
        self.clerks[council.pk] = clerk
        self.councils.append(council)
        self.templates[council.pk] = enquiry
        self.enquiries[council.pk] = 1
        return council

    # --- bulk rows -----------------------------------------------------------------------------

    def add_enquiries(self, council: Any, count: int, *, overdue: bool = False) -> None:
        """``count`` copies of the council's real enquiry, spread over two years of casework.

        Ordinary copies are closed, answered (the member satisfied) or, up to
        ``OPEN_PER_COUNCIL`` of them, open but not due until after the clock's days; ``overdue`` copies are waiting for an
        answer that was due before the first of those days and never chased.
        """
        from propriety.audit.recording import recording
        from propriety.enquiries.models import Enquiry

        template = self.templates[council.pk]
        fields = {
            f.attname: getattr(template, f.attname)
            for f in Enquiry._meta.concrete_fields
            if f.attname != "id"
        }
        rng = self.rng
        statuses = [Enquiry.Status.CLOSED] * 7 + [Enquiry.Status.ANSWERED] * 2
        with recording(council=council, actor=None, action="bench.loaded"):
            batch = []
            for i in range(count):
                received = datetime.date(2026, 11, 30) - datetime.timedelta(days=rng.randrange(730))
                row = Enquiry(**fields)
                row.subject = f"{rng.choice(SUBJECTS)} ({self.enquiries[council.pk] + i})"
                row.received_on = received
                row.acknowledge_due = received + datetime.timedelta(days=3)
                if overdue:
                    row.status = Enquiry.Status.ALLOCATED
                    row.respond_due = TICK_DAYS[0] - datetime.timedelta(days=5)
                else:
                    # A council's open cases are its live workload, not a share of its
                    # history: at most OPEN_PER_COUNCIL of the copies are open.
                    row.status = rng.choice(statuses)
                    if self.open.get(council.pk, 0) < OPEN_PER_COUNCIL and rng.random() < 0.1:
                        row.status = Enquiry.Status.ALLOCATED
                        self.open[council.pk] = self.open.get(council.pk, 0) + 1
                    row.respond_due = (
                        datetime.date(2027, 6, 1)
                        if row.status == Enquiry.Status.ALLOCATED
                        else received + datetime.timedelta(days=14)
                    )
                    if row.status in (Enquiry.Status.ANSWERED, Enquiry.Status.CLOSED):
                        row.answered_on = received + datetime.timedelta(days=10)
                        row.answer = "The lights were repaired on Tuesday."
                        row.follow_up_until = received + datetime.timedelta(days=24)
                        row.member_satisfied = True
                batch.append(row)
                if len(batch) == BATCH:
                    Enquiry.unscoped.bulk_create(batch)
                    batch = []
            Enquiry.unscoped.bulk_create(batch)
        self.enquiries[council.pk] += count

    def add_events(self, council: Any, count: int) -> None:
        """``count`` audit events sealed into the council's log as ``recording`` seals them."""
        from django.utils import timezone

        from propriety.audit import log
        from propriety.audit.models import AuditEvent
        from propriety.audit.recording import recording

        template = self.templates[council.pk]
        with recording(council=council, actor=None, action="bench.loaded"):
            head = log.locked_head(council)
            batch = []
            for n in range(count):
                event = AuditEvent(
                    council=council,
                    action="enquiry.triaged",
                    object_type="enquiries.enquiry",
                    # Other cases' history: the measured case keeps its own.
                    object_id=str(template.pk + 1 + n % 500),
                    object_repr=f"ENQ-{template.pk}: Street lighting on Mill Lane",
                    occurred_at=timezone.now(),
                    citations=[{"rulebook": "acses-town", "clause": "§10.3(b)"}],
                    rulebook="acses-town",
                    rulebook_version="2025-05",
                    details={
                        "says": "The Clerk set its priority to normal and gave it to an officer.",
                        "priority": "normal",
                    },
                )
                log.seal(event, head)
                batch.append(event)
                if len(batch) == BATCH:
                    AuditEvent.unscoped.bulk_create(batch)
                    batch = []
            AuditEvent.unscoped.bulk_create(batch)
            head.save()

    def grow(self, councils: int, enquiries: int, events: int) -> float:
        """Grow the tenancy to this size (councils 0 and 1 are the measured ones)."""
        started = time.perf_counter()
        while len(self.councils) < councils:
            self.add_council(len(self.councils))
        growing, steady = self.councils[0], self.councils[1]
        others = self.councils[2:]
        big = int(enquiries * self.big_share)
        rest = max(0, enquiries - big - STEADY_ENQUIRIES)
        targets = {growing.pk: big, steady.pk: STEADY_ENQUIRIES}
        for i, c in enumerate(others):
            targets[c.pk] = rest // len(others) + (1 if i < rest % len(others) else 0)
        big_events = int(events * self.big_share)
        rest_events = max(0, events - big_events - STEADY_EVENTS)
        from propriety.audit.models import AuditLogHead

        sizes = dict(AuditLogHead.unscoped.values_list("council_id", "size"))
        event_targets = {growing.pk: big_events, steady.pk: STEADY_EVENTS}
        for c in others:
            event_targets[c.pk] = rest_events // len(others)
        for c in self.councils:
            more = targets[c.pk] - self.enquiries[c.pk]
            if more > 0:
                self.add_enquiries(c, more)
            more_events = event_targets[c.pk] - sizes.get(c.pk, 0)
            if more_events > 0:
                self.add_events(c, more_events)
        # Every log signed once, as a first run of the schedule would.
        from propriety.audit.checkpointing import make_due_checkpoints

        make_due_checkpoints()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return time.perf_counter() - started


SUBJECTS = (
    "Street lighting on Mill Lane",
    "Potholes on the High Street",
    "Overflowing bins by the recreation ground",
    "Bus shelter repairs at Church Road",
    "Planning enforcement at the old mill",
    "Flooding on Brook Lane after heavy rain",
    "Allotment waiting list",
    "Parking on the village green",
)


# --- measuring ---------------------------------------------------------------------------------


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm: templates, compiled rulebooks, the connection
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def measure_council(tenancy: Tenancy, council: Any, repeat: int) -> dict[str, float]:
    from django.test import Client

    from propriety.audit.verify import verify_council
    from propriety.people.actions import do_create_api_token

    clerk = tenancy.clerks[council.pk]
    client = Client()
    client.force_login(clerk)
    _token, key = do_create_api_token(clerk, name="bench", acting_user=clerk)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    case = tenancy.templates[council.pk]

    def page(c: Any, path: str) -> Callable[[], object]:
        def get() -> object:
            response = c.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}, not 200.")
            return response

        return get

    def verify() -> object:
        result = verify_council(council)
        if not result.ok:
            raise SystemExit(result.summary())
        return result

    return {
        "list": _median_ms(page(client, "/enquiries/"), repeat),
        "case": _median_ms(page(client, f"/enquiries/{case.pk}/"), repeat),
        "api_list": _median_ms(page(api, "/api/v1/enquiries"), repeat),
        "search": _median_ms(page(client, "/search/?q=lighting"), repeat),
        "report": _median_ms(page(client, "/report/"), repeat),
        "audit_verify": _median_ms(verify, max(1, repeat // 2)),
    }


def measure_tick(tenancy: Tenancy, repeat: int) -> dict[str, float]:
    """``propriety tick``'s work (tick, then the checkpoints) with and without work."""
    from propriety.audit.checkpointing import make_due_checkpoints
    from propriety.enquiries.tick import tick

    # Fresh overdue cases in the same number of councils at either size (neither
    # measured council), never chased: the same work, in a larger tenancy.
    pool = tenancy.councils[2 : 2 + WITH_WORK_COUNCILS]
    spread = [pool[i % len(pool)] for i in range(WITH_WORK_CASES)]
    for council in set(spread):
        tenancy.add_enquiries(council, spread.count(council), overdue=True)

    def run(day: datetime.date) -> Any:
        report = tick(day)  # its emails go to the mail sink as each chase commits
        make_due_checkpoints()
        return report

    with_work = []
    for day in TICK_DAYS:
        started = time.perf_counter()
        report = run(day)
        with_work.append(time.perf_counter() - started)
        chased = report.reminders + report.escalations
        if chased < WITH_WORK_CASES or report.problems:
            raise SystemExit(f"tick on {day} chased {chased}: {report.summary()}")
    idle = _median_ms(lambda: run(TICK_DAYS[-1]), repeat)
    return {
        "tick_with_work": round(statistics.median(with_work) * 1000, 2),
        "tick_nothing_to_do": idle,
    }


def measure(tenancy: Tenancy, repeat: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    for name, council in (("growing", tenancy.councils[0]), ("steady", tenancy.councils[1])):
        for key, value in measure_council(tenancy, council, repeat).items():
            figures[f"{name}.{key}"] = value
    figures.update(measure_tick(tenancy, repeat))
    return figures


def sizes(tenancy: Tenancy) -> dict[str, int]:
    from propriety.audit.models import AuditEvent
    from propriety.councils.models import Council
    from propriety.enquiries.models import Enquiry

    growing, steady = tenancy.councils[0], tenancy.councils[1]
    return {
        "councils": Council.objects.count(),
        "enquiries": Enquiry.unscoped.count(),
        "events": AuditEvent.unscoped.count(),
        "growing_enquiries": Enquiry.objects.for_council(growing).count(),
        "growing_events": AuditEvent.objects.for_council(growing).count(),
        "steady_enquiries": Enquiry.objects.for_council(steady).count(),
        "steady_events": AuditEvent.objects.for_council(steady).count(),
    }


def _start_postgres() -> str:
    script = ROOT / "scripts" / "postgres"
    return subprocess.run(
        [str(script), "start"], check=True, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database (else one is started)")
    parser.add_argument("--councils", type=int, default=100, help="at the larger size")
    parser.add_argument("--enquiries", type=int, default=20_000, help="at the larger size")
    parser.add_argument("--events", type=int, default=100_000, help="at the larger size")
    parser.add_argument("--big-share", type=float, default=0.05, help="the growing council's")
    parser.add_argument("--repeat", type=int, default=7, help="timings per figure (median)")
    args = parser.parse_args()
    if args.councils < 70:
        parser.error("--councils must be 70 or more (a tenth of it at the smaller size)")
    url = args.database_url or _start_postgres()
    if not url.startswith("postgres"):
        raise SystemExit(f"Not a PostgreSQL URL: {url}")
    try:
        with tempfile.TemporaryDirectory(prefix="propriety-bench-scale-") as data_dir:
            setup(url, data_dir)
            tenancy = Tenancy(args.big_share)
            results = []
            for scale in (10, 1):
                built_s = tenancy.grow(
                    args.councils // scale, args.enquiries // scale, args.events // scale
                )
                size = sizes(tenancy)
                print(
                    f"\nTenancy of {size['councils']:,} councils, {size['enquiries']:,} enquiries, "
                    f"{size['events']:,} audit events (built in {built_s:.0f} s); growing council "
                    f"{size['growing_enquiries']:,} enquiries, {size['growing_events']:,} events",
                    flush=True,
                )
                figures = measure(tenancy, args.repeat)
                for key, value in figures.items():
                    print(f"  {key:<28}{value:>10.2f} ms", flush=True)
                results.append({"size": size, "built_s": round(built_s), "ms": figures})
    finally:
        if not args.database_url:
            subprocess.run([str(ROOT / "scripts" / "postgres"), "stop"], check=False)
    small, large = results[0]["ms"], results[1]["ms"]
    growth = {key: round(large[key] / small[key], 2) if small[key] else None for key in small}
    print("\nGrowth (larger / smaller; target 1.5 or less):")
    for key, ratio in growth.items():
        mark = "" if ratio is not None and ratio <= 1.5 else "  (target missed)"
        print(f"  {key:<28}{ratio:>10}{mark}")
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"CPython {platform.python_version()}",
                "smaller": results[0],
                "larger": results[1],
                "growth": growth,
            }
        )
    )


if __name__ == "__main__":
    main()
