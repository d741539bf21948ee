"""Benchmark: does a national tenancy on PostgreSQL cost any one council more as it grows?

    .venv/bin/python bench/scale.py [--database-url URL] [--councils 100] [--enquiries 20000]
                                    [--events 100000] [--small-councils N] [--small-enquiries N]
                                    [--small-events N] [--rounds 7]

    # the issue's sizes: 100 -> 1,000 councils, 10,000 -> 1M enquiries, 100,000 -> 10M
    # audit events (about 17 minutes on 2 shared cores; 8.5 GB of disk while it runs)
    .venv/bin/python -u bench/scale.py --small-councils 100 --councils 1000 \
        --small-enquiries 10000 --enquiries 1000000 \
        --small-events 100000 --events 10000000 --rounds 9

Builds BOTH sizes, as two databases on one PostgreSQL server (``--database-url``'s,
else a throw-away server started with ``scripts/postgres start`` and stopped at
the end): the smaller tenancy (a tenth of each size unless given) in one
database, then a copy of it (``CREATE DATABASE ... TEMPLATE``) grown to the
larger size, so both hold the same measured councils with the same keys. How
the tenancy is built quickly (a few councils through the actions, the rest
cloned in bulk, enquiries and sealed audit events written with COPY) is in
``bench/scale_build.py``.

Then it measures the two INTERLEAVED: ``--rounds`` rounds, each timing every
figure once in each database (the order alternating), so load on a shared
machine falls on both sizes alike; each figure is the median of its rounds.
Two councils are measured, as their Clerk, in process (Django's test client,
no network): the **growing** council holds ``--big-share`` of the enquiries and
events, so it grows with the tenancy (paging must keep its pages flat); the
**steady** council keeps 500 enquiries and 5,000 events at both sizes (the
control: the rest of the tenancy must not cost it anything, and its ratio shows
what noise is left). For each: the Clerk's enquiry list (first page), a case
page, ``GET /api/v1/enquiries``, search, the governance report and ``audit
verify`` of that council. For the tenancy: ``propriety tick``'s work (the clock,
then the audit checkpoints) with 50 overdue cases in 5 councils to chase (the
median of three days, each chasing the same cases one rung further) and with
nothing to do. ``audit verify`` re-hashes the council's whole log, so the
growing council's grows with its own events by design: the figures to read are
its cost an event (``*.audit_verify_us_per_event``) and the steady council's.

Each figure's growth ratio is larger / smaller (target: 1.5 or less). The last
line printed is JSON.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src")]

from scale_build import TICK_DAYS, Tenancy  # noqa: E402

WITH_WORK_CASES = 50
WITH_WORK_COUNCILS = 5
SIZES = ("smaller", "larger")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(url: str, name: str, template: str | None = None) -> None:
    """``CREATE DATABASE name`` (a copy of ``template``) on the server of ``url``."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        extra = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{extra}')


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def setup(database_url: str, data_dir: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        PROPRIETY_DATA_DIR=data_dir,
        PROPRIETY_SECRET_KEY=secrets.token_urlsafe(64),
        PROPRIETY_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="web_settings",
        PROPRIETY_EMAIL_BACKEND="propriety.mail.sink.SinkEmailBackend",
        PROPRIETY_MAIL_SINK="true",
        # The list's work is timed, not a kept page: the list cache is off here
        # (enquiries/list_cache.py; bench/web.py measures the list both ways).
        PROPRIETY_LIST_CACHE="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def use(database: str) -> None:
    """Point Django's one connection at ``database`` (same server, same user)."""
    from django.db import connection

    if connection.settings_dict["NAME"] != database:
        connection.close()
        connection.settings_dict["NAME"] = database
    connection.ensure_connection()


# --- measuring ---------------------------------------------------------------------------------

Probe = Callable[[], object]


def council_probes(tenancy: Tenancy, council: Any, skip: set[str]) -> dict[str, Probe]:
    """The council's figures as calls (clients signed in to the database in use)."""
    from django.test import Client

    from propriety.audit.verify import verify_council
    from propriety.people.actions import do_create_api_token

    clerk = tenancy.clerks[council.pk]
    client = Client()
    client.force_login(clerk)
    _token, key = do_create_api_token(clerk, name="bench", acting_user=clerk)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    case = tenancy.templates[council.pk]

    def page(c: Any, path: str) -> Probe:
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

    probes = {
        "list": page(client, "/enquiries/"),
        "case": page(client, f"/enquiries/{case.pk}/"),
        "api_list": page(api, "/api/v1/enquiries"),
        "search": page(client, "/search/?q=lighting"),
        "report": page(client, "/report/"),
        "audit_verify": verify,
    }
    return {key: fn for key, fn in probes.items() if key not in skip}


def tick_run(day: datetime.date) -> Any:
    """``propriety tick``'s work: the clock, then the audit checkpoints."""
    from propriety.audit.checkpointing import make_due_checkpoints
    from propriety.enquiries.tick import tick

    report = tick(day)  # its emails go to the mail sink as each chase commits
    make_due_checkpoints()
    return report


def _timed(fn: Probe) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(
    tenancy: Tenancy, databases: dict[str, str], rounds: int, skip: set[str]
) -> dict[str, dict[str, float]]:
    """Every figure in both databases, interleaved round by round; medians in ms."""
    probes: dict[str, dict[str, Probe]] = {}
    for size in SIZES:
        use(databases[size])
        probes[size] = {}
        for name, council in (("growing", tenancy.councils[0]), ("steady", tenancy.councils[1])):
            for key, fn in council_probes(tenancy, council, skip).items():
                probes[size][f"{name}.{key}"] = fn
        # tick's work: fresh overdue cases in the same 5 councils at either size
        # (neither measured council), never chased: the same work in a larger tenancy.
        pool = tenancy.councils[2 : 2 + WITH_WORK_COUNCILS]
        spread = [pool[i % len(pool)] for i in range(WITH_WORK_CASES)]
        for council in sorted(set(spread), key=lambda c: c.pk):
            tenancy.add_enquiries(council, spread.count(council), overdue=True)
        for fn in probes[size].values():
            fn()  # warm: templates, compiled rulebooks, the connection
    samples: dict[str, dict[str, list[float]]] = {size: {} for size in SIZES}

    def order(r: int) -> tuple[str, ...]:
        return SIZES if r % 2 == 0 else SIZES[::-1]

    # tick with work: each day in both databases (the same cases, one rung further each day)
    for r, day in enumerate(TICK_DAYS):
        for size in order(r):
            use(databases[size])
            started = time.perf_counter()
            report = tick_run(day)
            samples[size].setdefault("tick_with_work", []).append(time.perf_counter() - started)
            chased = report.reminders + report.escalations
            if chased < WITH_WORK_CASES or report.problems:
                raise SystemExit(f"tick on {day} ({size}) chased {chased}: {report.summary()}")
    for size in SIZES:
        use(databases[size])
        tick_run(TICK_DAYS[-1])  # warm: nothing left to do
    for r in range(rounds):
        for size in order(r):
            use(databases[size])
            for key, fn in probes[size].items():
                samples[size].setdefault(key, []).append(_timed(fn))
            samples[size].setdefault("tick_nothing_to_do", []).append(
                _timed(lambda: tick_run(TICK_DAYS[-1]))
            )
        print(f"  round {r + 1}/{rounds} done (load average {os.getloadavg()[0]:.2f})", flush=True)
    return {
        size: {key: round(statistics.median(v) * 1000, 2) for key, v in samples[size].items()}
        for size in SIZES
    }


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


def per_event(figures: dict[str, dict[str, float]], results: dict[str, Any]) -> None:
    """Add verify's cost an event of the council's log (µs): flat if verify is linear.

    ``audit verify`` of a council re-hashes its whole log, so its time grows with
    that council's own events by design; this figure shows whether anything
    else (the rest of the tenancy's events, the index) costs it more."""
    for size in SIZES:
        for name in ("growing", "steady"):
            ms = figures[size].get(f"{name}.audit_verify")
            if ms is not None:
                events = results[size]["size"][f"{name}_events"]
                figures[size][f"{name}.audit_verify_us_per_event"] = round(ms * 1000 / events, 2)


def _start_postgres() -> str:
    script = ROOT / "scripts" / "postgres"
    return subprocess.run(
        [str(script), "start"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to build on (else one is started)"
    )
    parser.add_argument("--councils", type=int, default=100, help="at the larger size")
    parser.add_argument("--enquiries", type=int, default=20_000, help="at the larger size")
    parser.add_argument("--events", type=int, default=100_000, help="at the larger size")
    parser.add_argument("--small-councils", type=int, help="at the smaller size (a tenth)")
    parser.add_argument("--small-enquiries", type=int, help="at the smaller size (a tenth)")
    parser.add_argument("--small-events", type=int, help="at the smaller size (a tenth)")
    parser.add_argument("--big-share", type=float, default=0.05, help="the growing council's")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (median)")
    parser.add_argument(
        "--skip",
        default="",
        help="figures not to measure, comma-separated (of list, case, api_list, search, "
        "report, audit_verify)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep both databases (and the throw-away server) for EXPLAIN afterwards",
    )
    args = parser.parse_args()
    small = (
        args.small_councils or args.councils // 10,
        args.small_enquiries or args.enquiries // 10,
        args.small_events or args.events // 10,
    )
    large = (args.councils, args.enquiries, args.events)
    if small[0] < 7:
        parser.error("the smaller size needs 7 councils or more")
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    server = args.database_url or _start_postgres()
    if not server.startswith("postgres"):
        raise SystemExit(f"Not a PostgreSQL URL: {server}")
    databases = {"smaller": "propriety_scale_smaller", "larger": "propriety_scale_larger"}
    results: dict[str, Any] = {}
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="propriety-bench-scale-") as data_dir:
            create_database(server, databases["smaller"])
            setup(with_database(server, databases["smaller"]), data_dir)
            tenancy = Tenancy(args.big_share)
            for size, (councils, enquiries, events) in zip(SIZES, (small, large), strict=True):
                if size == "larger":
                    from django.db import connection

                    connection.close()
                    create_database(server, databases["larger"], template=databases["smaller"])
                use(databases[size])
                load_before = _load()
                built = tenancy.grow(councils, enquiries, events)
                n = sizes(tenancy)
                results[size] = {"size": n, "built_s": built, "load": [load_before, _load()]}
                print(
                    f"{size.capitalize()} tenancy: {n['councils']:,} councils, "
                    f"{n['enquiries']:,} enquiries, {n['events']:,} audit events; growing "
                    f"council {n['growing_enquiries']:,} enquiries, {n['growing_events']:,} "
                    f"events; built in {sum(built.values()):.0f} s {built} "
                    f"(load average {load_before} -> {_load()})",
                    flush=True,
                )
            load_before = _load()
            figures = measure(tenancy, databases, args.rounds, skip)
            measured_load = [load_before, _load()]
            per_event(figures, results)
    finally:
        if args.keep:
            print(f"Kept: {', '.join(with_database(server, d) for d in databases.values())}")
        elif args.database_url:
            from django.db import connection

            connection.close()
            for name in databases.values():
                drop_database(server, name)
        else:
            subprocess.run([str(ROOT / "scripts" / "postgres"), "stop"], check=False)
    growth = {
        key: round(figures["larger"][key] / value, 2) if value else None
        for key, value in figures["smaller"].items()
    }
    print(f"\nMedians of {args.rounds} interleaved rounds (load average {measured_load}):")
    print(f"  {'figure':<28}{'smaller':>10}{'larger':>10}{'growth':>8}")
    for key, ratio in growth.items():
        mark = "" if ratio is not None and ratio <= 1.5 else "  (over 1.5)"
        print(
            f"  {key:<28}{figures['smaller'][key]:>10.2f}{figures['larger'][key]:>10.2f}"
            f"{ratio:>8}{mark}"
        )
    for size in SIZES:
        results[size]["ms"] = figures[size]
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"CPython {platform.python_version()}",
                "rounds": args.rounds,
                "measured_load": measured_load,
                "total_s": round(time.perf_counter() - began),
                **results,
                "growth": growth,
            }
        )
    )


if __name__ == "__main__":
    main()
