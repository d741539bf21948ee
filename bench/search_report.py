"""Benchmark: search and the governance report as a council's casework grows, old way and new.

    .venv/bin/python bench/search_report.py [--database-url URL] [--enquiries 20000] [--repeat 9]

Builds a tenancy on PostgreSQL with ``bench/scale.py``'s builder (10 councils; the
**growing** council holds half the enquiries: 1,000 at the smaller size, 10,000 at
the default larger one), and at each size times, for that council's Clerk, in this
one process, interleaved (old, new, old, new, ...):

- **search** for "lighting" (every copied enquiry says "lights", so it matches the
  council's whole casework: the worst case): *old* is the query as it was before the
  stored vectors (``SearchVector`` computed for every visible row, kept if its rank
  is above zero), *new* is :func:`propriety.workspace.search.search`; **rare** is the
  same for "500", a number in one copy's subject (one match at either size);
- **the governance report**: *old* counts every answered and open enquiry in Python
  (the oracle kept in ``tests/web/test_report_counts.py``), *new* is
  :func:`propriety.workspace.report.build_report`.

Each figure: the median and the best of ``--repeat`` wall-clock timings (ms; the
database's time included), this process's CPU time (median ms), and the queries
made; the load average is printed with each size. Growth is larger / smaller
(medians). The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COUNCILS = 10
QUERY = "lighting"
RARE = "500"  # one copied enquiry's number, in its subject: one match at either size
KEYS = ("search.old", "search.new", "rare.old", "rare.new", "report.old", "report.new")


def _old_search(person: Any, query: str, today: Any) -> list[Any]:
    """Search on PostgreSQL as it was before the stored vectors (for comparison only)."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from propriety.workspace.search import MAX_HITS, SOURCES, _hit, _words

    words = _words(query)
    terms = SearchQuery(" ".join(words), search_type="websearch", config="english")
    hits = []
    for source in SOURCES:
        vector = SearchVector(*source.fields, config="english")
        rows = (
            source.visible(person, today)
            .annotate(_rank=SearchRank(vector, terms))
            .filter(_rank__gt=0)
            .order_by("-_rank")[:MAX_HITS]
        )
        hits.extend(_hit(source, obj, words, float(obj._rank)) for obj in rows)
    hits.sort(key=lambda h: -h.rank)
    return hits[:MAX_HITS]


def _time(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, dict[str, float]]:
    """Each call ``repeat`` times, interleaved, after one warm-up each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall: dict[str, list[float]] = {k: [] for k in calls}
    cpu: dict[str, list[float]] = {k: [] for k in calls}
    queries: dict[str, int] = {}
    for name, call in calls.items():
        with CaptureQueriesContext(connection) as captured:
            call()
        queries[name] = len(captured)
    for _ in range(repeat):
        for name, call in calls.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            call()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    return {
        name: {
            "median_ms": round(statistics.median(wall[name]) * 1000, 2),
            "best_ms": round(min(wall[name]) * 1000, 2),
            "cpu_ms": round(statistics.median(cpu[name]) * 1000, 2),
            "queries": queries[name],
        }
        for name in calls
    }


def measure(tenancy: Any, repeat: int) -> dict[str, Any]:
    from django.utils import timezone

    from propriety.workspace.report import build_report
    from propriety.workspace.search import search
    from tests.web.test_report_counts import _report_counted_in_python

    council = tenancy.councils[0]
    clerk = tenancy.clerks[council.pk]
    today = timezone.localdate()
    if len(search(clerk, RARE, today)) != 1:
        raise SystemExit(f"Search for {RARE!r} should find one enquiry.")
    new_hits = search(clerk, QUERY, today)
    old_hits = _old_search(clerk, QUERY, today)
    if sorted(h.rank for h in new_hits) != sorted(h.rank for h in old_hits):
        raise SystemExit("The stored vectors did not rank as the computed ones.")
    if repr(build_report(council, today)) != repr(_report_counted_in_python(council, today)):
        raise SystemExit("The report counted in SQL differs from the one counted in Python.")
    figures = _time(
        {
            "search.old": lambda: _old_search(clerk, QUERY, today),
            "search.new": lambda: search(clerk, QUERY, today),
            "rare.old": lambda: _old_search(clerk, RARE, today),
            "rare.new": lambda: search(clerk, RARE, today),
            "report.old": lambda: _report_counted_in_python(council, today),
            "report.new": lambda: build_report(council, today),
        },
        repeat,
    )
    return {"hits": len(new_hits), "load": [round(x, 2) for x in os.getloadavg()], **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database (else one is started)")
    parser.add_argument("--enquiries", type=int, default=20_000, help="at the larger size")
    parser.add_argument("--repeat", type=int, default=9, help="timings per figure")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT)]
    import scale

    url = args.database_url or scale._start_postgres()
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="propriety-bench-search-") as data_dir:
            scale.setup(url, data_dir)
            from propriety.enquiries.models import Enquiry

            tenancy = scale.Tenancy(0.5)
            for divisor in (10, 1):
                built = sum(tenancy.grow(COUNCILS, args.enquiries // divisor, 0).values())
                council = tenancy.councils[0]
                size = Enquiry.objects.for_council(council).count()
                print(f"\nGrowing council: {size:,} enquiries (built in {built:.0f} s)", flush=True)
                figures = measure(tenancy, args.repeat)
                print(f"  load average {figures['load']}, {figures['hits']} hits", flush=True)
                for key in KEYS:
                    f = figures[key]
                    print(
                        f"  {key:<12} median {f['median_ms']:>9.2f} ms  best {f['best_ms']:>9.2f} ms"
                        f"  cpu {f['cpu_ms']:>8.2f} ms  {f['queries']} queries",
                        flush=True,
                    )
                results.append({"growing_enquiries": size, **figures})
    finally:
        if not args.database_url:
            subprocess.run([str(ROOT / "scripts" / "postgres"), "stop"], check=False)
    small, large = results
    growth = {key: round(large[key]["median_ms"] / small[key]["median_ms"], 2) for key in KEYS}
    print("\nGrowth (larger / smaller, medians):")
    for key, ratio in growth.items():
        print(f"  {key:<12}{ratio:>8}")
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"CPython {platform.python_version()}",
                "smaller": small,
                "larger": large,
                "growth": growth,
            }
        )
    )


if __name__ == "__main__":
    main()
