"""Benchmark: what each bench/web.py page costs in process, counted and by CPU time.

    .venv/bin/python bench/web_inprocess.py [--enquiries 0] [--n 40]
    PROPRIETY_BENCH_SRC=/path/to/other/src .venv/bin/python bench/web_inprocess.py

The same pages as ``bench/web.py`` (the anonymous and signed-in bare views, the
Clerk's list with its main block kept and without, a case page, the API list), fetched through Django's test client
with ``bench/web_settings.py`` on a throw-away SQLite database with the demo
council (plus ``--enquiries`` more, as bench/web.py's larger council). For each:
the queries one fetch makes and the best of ``--n`` fetches by the thread's own
CPU time, which moves far less with other work on the machine than wall time
does. To compare two versions, run it from each in turns (``PROPRIETY_BENCH_SRC``
names another checkout's ``src``). The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enquiries", type=int, default=0, help="added to the demo council")
    parser.add_argument("--n", type=int, default=40, help="fetches per page (best kept)")
    args = parser.parse_args()
    src = os.environ.get("PROPRIETY_BENCH_SRC") or str(ROOT / "src")
    sys.path[:0] = [str(ROOT / "bench"), src]
    import web  # bench/web.py: the same environment, pages and growth

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="propriety-bench-inprocess-") as data_dir:
        env = web._env(data_dir)
        env["PROPRIETY_ALLOWED_HOSTS"] = "testserver"
        os.environ.update(env)
        targets, council = web.prepare()
        if args.enquiries:
            web.grow(council, args.enquiries)
        from django.db import connection
        from django.test import Client

        client = Client()
        results: dict[str, dict[str, Any]] = {}
        for target in targets:
            headers = {
                "HTTP_" + k.upper().replace("-", "_"): v
                for k, v in target.headers.items()
                if k != "Cookie"
            }
            if "Cookie" in target.headers:
                name, _, value = target.headers["Cookie"].partition("=")
                client.cookies[name] = value
            else:
                client.cookies.clear()

            def fetch(target: web.Target = target, headers: dict[str, str] = headers) -> None:
                response = client.get(target.path, **headers)
                if response.status_code != 200:
                    raise SystemExit(f"{target.name} answered {response.status_code}")

            fetch()
            fetch()
            queries: list[str] = []

            def count(
                execute: Any,
                sql: str,
                params: Any,
                many: bool,
                context: Any,
                seen: list[str] = queries,
            ) -> Any:
                seen.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                fetch()
            best = float("inf")
            for _ in range(args.n):
                began = time.thread_time()
                fetch()
                best = min(best, time.thread_time() - began)
            results[target.name] = {"queries": len(queries), "best_cpu_ms": round(best * 1000, 2)}
            print(f"{target.name:<16}{len(queries):>4} queries{best * 1000:>9.2f} ms CPU (best)")
    print(
        json.dumps(
            {
                "src": src,
                "enquiries_added": args.enquiries,
                "n": args.n,
                "load_average_before": [round(x, 2) for x in load_before],
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
                "pages": results,
            }
        )
    )


if __name__ == "__main__":
    main()
