"""Benchmark: how fast ``propriety audit verify`` checks a council's log.

    .venv/bin/python bench/audit.py [--events 50000]

Builds a council with ``--events`` audit events (sealed into the log exactly
as ``recording`` seals them, each with details of its own) in a throw-away
SQLite database, or with ``--database-url`` in the empty database
``DATABASE_URL`` names (``url=$(scripts/postgres start); DATABASE_URL=$url
.venv/bin/python bench/audit.py --database-url; scripts/postgres stop``). It signs a
checkpoint over them as ``propriety tick`` does, and records ``--tail`` more
events after it (the events since the last tick). Then in one run it measures:

- **raw SHA-256**: two ``hashlib.sha256`` calls an event over its serialised
  bytes (its entry and its personal part, serialised beforehand, outside the
  timing): the floor any verifier pays, as every event's personal part and
  leaf must be hashed;
- **verify, carried on from the checkpoint** (in memory, i.e. excluding
  database reads): ``verify.check_blocks`` over the events already read (as
  ``verify.blocks`` reads them from SQLite: each block of 1,024 events handed
  over by the database a column at a time, see ``audit/reading.py``), called as
  ``verify_council`` calls it for this log: serialising each event
  canonically, hashing its personal part and its leaf, comparing both,
  checking the leaves against the checkpoint's signed leaf digest and building
  the Merkle tree only after the checkpoint, from its signed frontier. **This
  is the target's figure**: the normal state of a log, as the schedule signs
  every log that has grown;
- **verify carried on, from rows** (ratio by CPU time only): the same over the
  events read as rows, ``check_rows`` laying each block out as columns in
  Python first: what verify did before the database handed over columns, and
  still does for a log whose numbers are not 1 to its size (not the target's);
- **verify, full rebuild** (in memory): the same with the Merkle tree rebuilt
  over every event, as for a log with no checkpoint (or only ones made before
  6 December 2026), and as verify does again on a log that does not check out;
- **database read**: fetching the events as verify does (``verify.blocks``);
- **end to end**: ``verify_council`` (read, verify, head and checkpoint
  checks), carried on and full.

Each of ``--repeat`` rounds runs every pass once, in turn, and each figure is
its best round (clock time). The ratios are also given by CPU time (this
thread's), which a busy shared machine disturbs less, with the load average.

Target: verify carried on (in memory) at 50% or more of the raw pass's rate.
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


def setup(data_dir: str, *, keep_database_url: bool = False) -> None:
    os.environ["PROPRIETY_DATA_DIR"] = data_dir
    if not keep_database_url:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "propriety.web.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build(events: int, tail: int) -> object:
    from propriety.audit.checkpointing import do_make_checkpoint
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
    seal_events(council, 0, events)
    do_make_checkpoint(council, acting_user=None)
    seal_events(council, events, tail)
    return council


def seal_events(council: object, start: int, events: int) -> None:
    from django.utils import timezone

    from propriety.audit import log
    from propriety.audit.models import AuditEvent
    from propriety.audit.recording import recording

    with recording(council=council, actor=None, action="bench.loaded"):  # type: ignore[arg-type]
        head = log.locked_head(council)  # type: ignore[arg-type]
        batch = []
        for n in range(start, start + events):
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
                    "case": n,  # no two alike, as in a real log (PostgreSQL's JSON is
                    # made canonical in the read, and texts that repeat only once)
                },
            )
            log.seal(event, head)
            batch.append(event)
            if len(batch) == 5000:
                AuditEvent.unscoped.bulk_create(batch)
                batch = []
        AuditEvent.unscoped.bulk_create(batch)
        head.save()


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
    parser.add_argument("--tail", type=int, default=100, help="events after the checkpoint")
    parser.add_argument("--repeat", type=int, default=5, help="best of N timings")
    parser.add_argument(
        "--database-url",
        action="store_true",
        help="use the empty database DATABASE_URL names (e.g. url=$(scripts/postgres start)) "
        "instead of a throw-away SQLite one",
    )
    args = parser.parse_args()
    if args.database_url and not os.environ.get("DATABASE_URL"):
        parser.error("--database-url needs DATABASE_URL set")

    with tempfile.TemporaryDirectory() as data_dir:
        setup(data_dir, keep_database_url=args.database_url)
        from propriety.audit import verify
        from propriety.audit.checkpoints import parse_note
        from propriety.audit.models import Checkpoint

        council = build(args.events, args.tail)
        n = verify.AuditEvent.unscoped.filter(council=council).count()
        notes = [parse_note(text) for text in Checkpoint.unscoped.values_list("note", flat=True)]
        carried_on = verify.check_arguments(notes, carry_on=True)
        assert carried_on["resume"] is not None, "the checkpoint has no leaf digest"

        blocks = list(verify.blocks(council))
        rows = list(verify.rows(council))  # for the figure from rows, below
        serialised = [serialise(council.pk, r) for r in rows]
        sha256 = hashlib.sha256

        def raw() -> None:
            for personal, entry in serialised:
                sha256(personal).digest()
                sha256(entry).digest()

        def carried() -> None:
            checked = verify.check_blocks(council.pk, blocks, **carried_on)
            assert checked.problem is None and checked.size == n, checked.problem

        def carried_from_rows() -> None:
            checked = verify.check_rows(council.pk, rows, **carried_on)
            assert checked.problem is None and checked.size == n, checked.problem

        def full() -> None:
            checked = verify.check_blocks(council.pk, blocks)
            assert checked.problem is None and checked.size == n, checked.problem

        def end_to_end() -> None:
            result = verify.verify_council(council)
            assert result.ok, result.summary()

        def end_to_end_full() -> None:
            with_notes = [(str(i), note) for i, note in enumerate(notes)]
            result = verify._check_log(council, with_notes, carry_on=False)
            assert result.ok, result.summary()

        # Each repeat runs every pass once, one after the other, so that on a
        # shared machine they see much the same load; each figure is its best.
        passes = {
            "read": lambda: list(verify.blocks(council)),
            "raw": raw,
            "carried": carried,
            "carried_from_rows": carried_from_rows,
            "full": full,
            "end_to_end": end_to_end,
            "end_to_end_full": end_to_end_full,
        }
        wall = {name: float("inf") for name in passes}
        cpu = dict(wall)
        load_before = os.getloadavg()
        for _ in range(args.repeat):
            for name, fn in passes.items():
                start, start_cpu = time.perf_counter(), time.thread_time()
                fn()
                cpu[name] = min(cpu[name], time.thread_time() - start_cpu)
                wall[name] = min(wall[name], time.perf_counter() - start)
        load_after = os.getloadavg()

    def per_s(name: str) -> int:
        return round(rate(n, wall[name]))

    database = "PostgreSQL" if args.database_url else "SQLite"
    figures = {
        "database": database,
        "events": n,
        "after_checkpoint": args.tail + 1,
        "bytes_per_event": round(sum(len(p) + len(e) for p, e in serialised) / n),
        "raw_sha256_events_per_s": per_s("raw"),
        "verify_carried_on_events_per_s": per_s("carried"),
        "verify_vs_raw": round(wall["raw"] / wall["carried"], 3),
        "verify_vs_raw_cpu_time": round(cpu["raw"] / cpu["carried"], 3),
        "verify_carried_on_from_rows_vs_raw_cpu_time": round(
            cpu["raw"] / cpu["carried_from_rows"], 3
        ),
        "verify_full_rebuild_events_per_s": per_s("full"),
        "full_rebuild_vs_raw": round(wall["raw"] / wall["full"], 3),
        "full_rebuild_vs_raw_cpu_time": round(cpu["raw"] / cpu["full"], 3),
        "db_read_events_per_s": per_s("read"),
        "verify_end_to_end_events_per_s": per_s("end_to_end"),
        "verify_end_to_end_full_events_per_s": per_s("end_to_end_full"),
        "load_average": [[round(x, 1) for x in load_before], [round(x, 1) for x in load_after]],
    }
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {database}, {n} events, "
        f"{args.tail + 1} after the checkpoint"
    )
    print(f"  raw SHA-256 pass                  {per_s('raw'):>10,} events/s")
    print(f"  verify carried on, excl. DB reads {per_s('carried'):>10,} events/s")
    print(
        f"    = {figures['verify_vs_raw']:.0%} of the raw pass by the clock, "
        f"{figures['verify_vs_raw_cpu_time']:.0%} by CPU time (target: 50% or more)"
    )
    print(
        f"    (from rows laid out in Python: "
        f"{figures['verify_carried_on_from_rows_vs_raw_cpu_time']:.0%} by CPU time)"
    )
    print(f"  verify full rebuild, excl. reads  {per_s('full'):>10,} events/s")
    print(
        f"    = {figures['full_rebuild_vs_raw']:.0%} of the raw pass by the clock, "
        f"{figures['full_rebuild_vs_raw_cpu_time']:.0%} by CPU time"
    )
    print(f"  database read                     {per_s('read'):>10,} events/s")
    print(f"  verify end to end, carried on     {per_s('end_to_end'):>10,} events/s")
    print(f"  verify end to end, full rebuild   {per_s('end_to_end_full'):>10,} events/s")
    print(
        f"  (load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, "
        f"on {os.cpu_count()} cores)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
