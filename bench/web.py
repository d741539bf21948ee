"""Benchmark: requests per second of the web app under gunicorn, on loopback.

    .venv/bin/python bench/web.py [--seconds 3] [--clients 1,10,50] [--workers 2]
                                  [--enquiries 1000] [--pages list,list_uncached]

Builds a throw-away SQLite database with the demo council (Kestrelford), starts
the app with ``propriety.web.production_server`` (gunicorn sync workers, not
replaced during the run) on 127.0.0.1 only, and drives it with a bounded load
client (threads, http.client, a fresh connection per request,
``Accept-Encoding: gzip``) at each number of concurrent clients, for at most
``--seconds`` and ``--max-requests`` each, on:

- ``bare``: an anonymous bare view (the floor a request costs);
- ``bare_signed_in``: a bare view that needs a signed-in person;
- ``list``: the Clerk's enquiry list (first page), its main block kept by the
  worker as it is for any reader asking again before the council changes
  (``enquiries/list_cache.py``: warm after the bench's first few requests);
- ``list_uncached``: the same page with the cache skipped (the request header
  ``X-Propriety-Bench: uncached``, honoured only under the bench's settings):
  the whole page's work, as every first request after a change pays it;
- ``case``: one enquiry's page, as the Clerk;
- ``api_list``: ``GET /api/v1/enquiries`` with the Clerk's API token.

The bare views exist only because the bench's settings (bench/web_settings.py)
turn them on. Then it adds ``--enquiries`` more enquiries to the council (the
"larger council") and measures again. For each it prints requests per second,
p50 and p99 latency, and the ratio to the signed-in bare view at the same
concurrency (the signed-in bare view's ratio is to the anonymous one). The
client shares the machine with the server, so at 50 clients part of what is
measured is the client itself. On Linux it also prints the server's CPU time
per request (gunicorn and its workers, from /proc) and the same ratio from it:
on a shared machine requests per second swing two- or threefold with the load,
CPU time per request much less. The last line printed is JSON, with the load
average before and after the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        PROPRIETY_DATA_DIR=data_dir,
        PROPRIETY_SECRET_KEY=secrets.token_urlsafe(64),
        PROPRIETY_ALLOWED_HOSTS=HOST,
        DJANGO_SETTINGS_MODULE="web_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
        PROPRIETY_EMAIL_BACKEND="propriety.mail.sink.SinkEmailBackend",
        PROPRIETY_MAIL_SINK="true",
    )
    return env


@dataclass
class Target:
    name: str
    path: str
    headers: dict[str, str]


def prepare() -> tuple[list[Target], object]:
    """Migrate, load the demo, and sign the Clerk in: cookie, API token, a case."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", interactive=False, verbosity=0)
    from django.conf import settings

    from propriety.enquiries.models import Enquiry
    from propriety.people.actions import do_create_api_token
    from propriety.people.holders import holders_of
    from propriety.web.demo import load_demo

    council, _created = load_demo()
    (clerk,) = holders_of(council, "proper_officer")
    client = Client()
    client.force_login(clerk)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    _token, key = do_create_api_token(clerk, name="bench", acting_user=clerk)
    case = Enquiry.objects.for_council(council).order_by("pk").first()
    assert case is not None, "the demo council has no enquiries"
    gz = {"Accept-Encoding": "gzip"}
    signed = {**gz, "Cookie": cookie}
    targets = [
        Target("bare", "/_bench/bare/", gz),
        Target("bare_signed_in", "/_bench/bare/signed-in/", signed),
        Target("list", "/enquiries/", signed),
        Target("list_uncached", "/enquiries/", {**signed, "X-Propriety-Bench": "uncached"}),
        Target("case", f"/enquiries/{case.pk}/", signed),
        Target("api_list", "/api/v1/enquiries", {**gz, "Authorization": f"Bearer {key}"}),
    ]
    return targets, council


def grow(council: object, count: int) -> int:
    """Add ``count`` enquiries from the council's members, through the real action."""
    import datetime

    from django.utils import timezone

    from propriety.enquiries.actions import do_submit_enquiry
    from propriety.people.models import Person

    people = Person.objects.for_council(council)  # type: ignore[arg-type]
    members = [p for p in people if p.is_councillor_on()]
    today = timezone.localdate()
    for n in range(count):
        member = members[n % len(members)]
        do_submit_enquiry(
            member,
            subject=f"Street lighting on route {n}",
            body="Residents report that the lights have been out for a week. " * 4,
            kind="information",
            addressed_to="proper_officer",
            today=today - datetime.timedelta(days=n % 60),
            acting_user=member,
        )
    from propriety.enquiries.models import Enquiry

    return Enquiry.objects.for_council(council).count()  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _get(port: int, target: Target) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", target.path, headers=target.headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    code = (
        "import django; django.setup();"
        "from propriety.web import production_server as p;"
        # Workers are never replaced during the bench (production replaces each after
        # about 2,000 requests): a replacement's cold start, a second or more of
        # CPU, would land on whichever page was being measured.
        f"p.run({HOST!r}, {port}, workers={workers}, max_requests=0)"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env={**env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until_up(port: int, target: Target, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if _get(port, target) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"The server did not answer on {HOST}:{port} within {seconds:.0f} s.")


def server_cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system) used so far by the server process and its workers, from
    /proc (Linux); None elsewhere. Unlike requests per second, the server's CPU time per
    request hardly moves with what else runs on the machine."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # the server or a worker
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def load(
    port: int,
    target: Target,
    clients: int,
    seconds: float,
    max_requests: int,
    server_pid: int | None = None,
) -> dict:
    """Drive one page with ``clients`` threads until the time or request budget runs out."""
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    budget = [max_requests]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        mine: list[float] = []
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            start = time.perf_counter()
            try:
                status = _get(port, target)
            except OSError:
                status = 0
            mine.append(time.perf_counter() - start)
            if status != 200:
                with lock:
                    errors.append(status)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    cpu_before = server_cpu_seconds(server_pid) if server_pid else None
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    cpu_after = server_cpu_seconds(server_pid) if server_pid else None
    latencies.sort()
    n = len(latencies)
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None and n:
        cpu_ms = round((cpu_after - cpu_before) * 1000 / n, 2)
    return {
        "server_cpu_ms": cpu_ms,
        "requests": n,
        "errors": len(errors),
        "rps": round(n / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(latencies[n // 2] * 1000, 2) if n else None,
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 2) if n else None,
    }


def measure(
    port: int,
    targets: list[Target],
    levels: list[int],
    args: argparse.Namespace,
    server_pid: int | None = None,
) -> dict:
    results: dict[str, dict[int, dict]] = {}
    for target in targets:
        status = _get(port, target)
        if status != 200:
            raise SystemExit(f"{target.name} ({target.path}) answered {status}, not 200.")
        for _ in range(5):  # warm each worker's caches
            _get(port, target)
        results[target.name] = {
            c: load(port, target, c, args.seconds, args.max_requests, server_pid) for c in levels
        }
    for name, by_level in results.items():
        base = "bare" if name == "bare_signed_in" else "bare_signed_in"
        for c, row in by_level.items():
            if name != "bare":
                row["ratio"] = round(row["rps"] / (results[base][c]["rps"] or 1), 3)
                row["ratio_to"] = base
                # The same ratio from the server's CPU time per request: steadier when
                # the machine is shared (requests per second swing with the load).
                base_cpu, cpu = results[base][c]["server_cpu_ms"], row["server_cpu_ms"]
                if base_cpu and cpu:
                    row["cpu_ratio"] = round(base_cpu / cpu, 3)
    return results


def show(title: str, results: dict) -> None:
    print(f"\n{title}")
    print(
        f"{'page':<16}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}"
        f"{'cpu ms':>9}{'cpu ratio':>10}  errors"
    )
    for name, by_level in results.items():
        for c, row in by_level.items():
            ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
            cpu = f"{row['server_cpu_ms']:.2f}" if row["server_cpu_ms"] is not None else "-"
            cpu_ratio = f"{row['cpu_ratio']:.2f}" if "cpu_ratio" in row else "-"
            print(
                f"{name:<16}{c:>8}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
                f"{ratio:>8}{cpu:>9}{cpu_ratio:>10}  {row['errors']}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.5, help="per page and concurrency")
    parser.add_argument("--max-requests", type=int, default=3000, help="per page and concurrency")
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--enquiries", type=int, default=1000, help="added for the larger council")
    parser.add_argument(
        "--pages",
        default="",
        help="only these pages, comma-separated (the two bare views, which the ratios "
        "divide by, are always measured); all by default",
    )
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="propriety-bench-web-") as data_dir:
        env = _env(data_dir)
        os.environ.update(env)
        sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src")]
        targets, council = prepare()
        if args.pages:
            wanted = {"bare", "bare_signed_in", *args.pages.split(",")}
            unknown = wanted - {t.name for t in targets}
            if unknown:
                raise SystemExit(f"No such page: {', '.join(sorted(unknown))}.")
            targets = [t for t in targets if t.name in wanted]
        from propriety.enquiries.models import Enquiry

        demo_size = Enquiry.objects.for_council(council).count()  # type: ignore[arg-type]
        from django.db import connections

        connections.close_all()
        port = _free_port()
        server = start_server(env, port, args.workers)
        try:
            wait_until_up(port, targets[0])
            demo = measure(port, targets, levels, args, server.pid)
            show(f"Demo council ({demo_size} enquiries), {args.workers} gunicorn workers", demo)
            started = time.perf_counter()
            large_size = grow(council, args.enquiries)
            grew_s = time.perf_counter() - started
            connections.close_all()
            large = measure(port, targets, levels, args, server.pid)
            show(f"Larger council ({large_size} enquiries; built in {grew_s:.0f} s)", large)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"CPython {platform.python_version()}",
                "load_average_before": [round(x, 2) for x in load_before],
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
                "workers": args.workers,
                "seconds": args.seconds,
                "pages": [t.name for t in targets],
                "demo_enquiries": demo_size,
                "large_enquiries": large_size,
                "demo": demo,
                "large": large,
            }
        )
    )


if __name__ == "__main__":
    main()
