"""Benchmark: how fast ``propriety audit verify`` checks a council's log.

    .venv/bin/python bench/audit.py [--events 50000]

Builds a council with ``--events`` audit events in a throw-away SQLite
database (sealed into the log exactly as ``recording`` seals them), then in one
run measures:

- **raw SHA-256**: one ``hashlib.sha256`` call over each event's serialised
  bytes (its entry and its personal part, serialised beforehand, outside the
  timing): the floor any verifier pays;
- **verify (in memory)**: ``verify.check_rows`` over the rows already read,
  i.e. verify excluding database reads: serialising each row canonically,
  hashing its personal part and its leaf, comparing both, and rebuilding the
  Merkle tree (see ``propriety/audit/checking.py``);
- **database read**: fetching the rows as verify does;
- **end to end**: ``verify_council`` (read, verify, head and checkpoint checks).

Each of ``--repeat`` rounds runs the four once, in turn, and each figure is its
best round (clock time). The ratio is also given by CPU time (this thread's),
which a busy shared machine disturbs less.

Target: verify (in memory) at 50% or more of the raw SHA-256 pass's rate.
The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def setup(data_dir: str) -> None:
    os.environ["PROPRIETY_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "propriety.web.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build(events: int) -> object:
    from django.utils import timezone

    from propriety.audit import log
    from propriety.audit.models import AuditEvent
    from propriety.audit.recording import recording
    from propriety.councils.actions import do_create_council

    council = do_create_council(
        name="Benchmark Town Council",
        slug="bench",
        kind="town",
        nation="england",
        rulebook="acses-town",
        principal_council_name="Benchmark District Council",
        acting_user=None,
    )
    with recording(council=council, actor=None, action="bench.loaded"):
        head = log.locked_head(council)
        batch = []
        for n in range(events):
            event = AuditEvent(
                council=council,
                action="enquiry.triaged",
                object_type="enquiries.enquiry",
                object_id=str(n),
                object_repr=f"ENQ/{n}: Street lights on Mill Lane",
                occurred_at=timezone.now(),
                citations=[{"rulebook": "acses-town", "clause": "§10.3(b)"}],
                rulebook="acses-town",
                rulebook_version="2025-05",
                details={
                    "says": "The Clerk set its priority to normal and gave it to Jo Junior.",
                    "priority": "normal",
                    "officer": n % 7,
                },
            )
            log.seal(event, head)
            batch.append(event)
            if len(batch) == 5000:
                AuditEvent.unscoped.bulk_create(batch)
                batch = []
        AuditEvent.unscoped.bulk_create(batch)
        head.save()
    return council


def serialise(council_id: int, row: tuple) -> tuple[bytes, bytes]:  # type: ignore[type-arg]
    """An event's personal part and entry, as ``log.seal`` wrote them (for the raw pass)."""
    from propriety.audit import log

    text = [v.decode() if isinstance(v, bytes) else v for v in row]
    return log.personal_bytes(*text[11:14]), log.entry_bytes(council_id, *text[1:11])


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5, help="best of N timings")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        setup(data_dir)
        from propriety.audit import verify

        council = build(args.events)
        n = verify.AuditEvent.unscoped.filter(council=council).count()

        rows: list = list(verify.rows(council))  # type: ignore[type-arg]
        serialised = [serialise(council.pk, r) for r in rows]
        sha256 = hashlib.sha256

        def raw() -> None:
            for personal, entry in serialised:
                sha256(personal).digest()
                sha256(entry).digest()

        def in_memory() -> None:
            checked = verify.check_rows(council.pk, rows)
            assert checked.problem is None and checked.size == n, checked.problem

        def end_to_end() -> None:
            result = verify.verify_council(council)
            assert result.ok, result.summary()

        # Each repeat runs every pass once, one after the other, so that on a
        # shared machine they see much the same load; each figure is its best.
        passes = {
            "read": lambda: list(verify.rows(council)),
            "raw": raw,
            "in_memory": in_memory,
            "end_to_end": end_to_end,
        }
        wall = {name: float("inf") for name in passes}
        cpu = dict(wall)
        load_before = os.getloadavg()[0]
        for _ in range(args.repeat):
            for name, fn in passes.items():
                start, start_cpu = time.perf_counter(), time.thread_time()
                fn()
                cpu[name] = min(cpu[name], time.thread_time() - start_cpu)
                wall[name] = min(wall[name], time.perf_counter() - start)
        load_after = os.getloadavg()[0]
        read_s, raw_s, mem_s, e2e_s = (wall[p] for p in passes)

    figures = {
        "events": n,
        "bytes_per_event": round(sum(len(p) + len(e) for p, e in serialised) / n),
        "raw_sha256_events_per_s": round(rate(n, raw_s)),
        "verify_in_memory_events_per_s": round(rate(n, mem_s)),
        "verify_vs_raw": round(raw_s / mem_s, 3),
        "db_read_events_per_s": round(rate(n, read_s)),
        "verify_end_to_end_events_per_s": round(rate(n, e2e_s)),
        "verify_vs_raw_cpu_time": round(cpu["raw"] / cpu["in_memory"], 3),
        "load_average": [round(load_before, 1), round(load_after, 1)],
    }
    print(f"Python {platform.python_version()} on {platform.machine()}, {n} events")
    print(f"  raw SHA-256 pass           {figures['raw_sha256_events_per_s']:>10,} events/s")
    print(f"  verify, excluding DB reads {figures['verify_in_memory_events_per_s']:>10,} events/s")
    print(f"    = {figures['verify_vs_raw']:.0%} of the raw pass (target: 50% or more)")
    print(f"  database read              {figures['db_read_events_per_s']:>10,} events/s")
    print(f"  verify end to end          {figures['verify_end_to_end_events_per_s']:>10,} events/s")
    print(
        f"  (by CPU time rather than the clock, verify is "
        f"{figures['verify_vs_raw_cpu_time']:.0%} of the raw pass; load average "
        f"{load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
