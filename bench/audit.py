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
  Merkle tree;
- **database read**: fetching the rows as verify does;
- **end to end**: ``verify_council`` (read, verify, head and checkpoint checks).

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


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5, help="best of N timings")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        setup(data_dir)
        from propriety.audit import log, verify

        council = build(args.events)
        n = verify.AuditEvent.unscoped.filter(council=council).count()

        def best(fn: object) -> tuple[float, object]:
            times, out = [], None
            for _ in range(args.repeat):
                start = time.perf_counter()
                out = fn()  # type: ignore[operator]
                times.append(time.perf_counter() - start)
            return min(times), out

        read_s, rows = best(lambda: list(verify.rows(council)))
        serialised = [
            (
                log.personal_bytes(r[11], r[12], r[13]),
                log.entry_bytes(council.pk, *r[1:11]),
            )
            for r in rows  # type: ignore[attr-defined]
        ]
        sha256 = hashlib.sha256

        def raw() -> None:
            for personal, entry in serialised:
                sha256(personal).digest()
                sha256(entry).digest()

        raw_s, _ = best(raw)
        mem_s, checked = best(lambda: verify.check_rows(council.pk, rows))  # type: ignore[arg-type]
        assert checked[2] is None and checked[0] == n, checked[2]  # type: ignore[index]
        e2e_s, result = best(lambda: verify.verify_council(council))
        assert result.ok, result.summary()  # type: ignore[attr-defined]

    figures = {
        "events": n,
        "bytes_per_event": round(sum(len(p) + len(e) for p, e in serialised) / n),
        "raw_sha256_events_per_s": round(rate(n, raw_s)),
        "verify_in_memory_events_per_s": round(rate(n, mem_s)),
        "verify_vs_raw": round(raw_s / mem_s, 3),
        "db_read_events_per_s": round(rate(n, read_s)),
        "verify_end_to_end_events_per_s": round(rate(n, e2e_s)),
    }
    print(f"Python {platform.python_version()} on {platform.machine()}, {n} events")
    print(f"  raw SHA-256 pass           {figures['raw_sha256_events_per_s']:>10,} events/s")
    print(f"  verify, excluding DB reads {figures['verify_in_memory_events_per_s']:>10,} events/s")
    print(f"    = {figures['verify_vs_raw']:.0%} of the raw pass (target: 50% or more)")
    print(f"  database read              {figures['db_read_events_per_s']:>10,} events/s")
    print(f"  verify end to end          {figures['verify_end_to_end_events_per_s']:>10,} events/s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
