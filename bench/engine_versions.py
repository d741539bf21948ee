"""Time versions of the decision engine against each other in one process.

    .venv/bin/python bench/engine_versions.py main work            # main against the work tree
    .venv/bin/python bench/engine_versions.py 6cd8447+rb main work  # +rb: that commit's rulebooks

Each version is ``src/propriety/protocol`` as it is at a git ref (``work``: the working tree),
loaded under a package name of its own, with this checkout's rulebooks unless ``+rb`` asks
for the ref's own. Each gets the engine bench's random facts from its own question
catalogue (same seed). The runs are interleaved request by request (alternating which
version goes first), every call cold (the version's kept decisions forgotten, outside the
timing, before it), so a busy machine slows every version alike. Prints each question's
cold median and p99 per version, the median over the questions every version answers
except correspondence.check, and the CPU time per call of the whole mix (best of the
repeats, ``time.thread_time``), with the load average.

``--asked-twice``: each request is also decided once, untimed (its kept decision forgotten),
right before its timed call, so the figures are those of a request whose facts and
decision-table entries are already in the CPU's caches; against a run without it, it shows
how much of a decision's time in the mix is memory, not work.

``--kept``: decisions are kept between calls, as ``bench/engine.py`` times its ``p99_us``
(each repeat starts with every version's kept decisions forgotten, then asks the first 2,000
requests untimed, as that bench warms up), rather than every call cold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import engine as bench  # noqa: E402  (the bench's random facts)

AS_OF = dt.date(2026, 11, 22)


def load(spec: str, into: Path) -> tuple[Any, Any]:
    """The protocol package at ``spec`` (a ref, ``work``, optionally ``+rb``), imported."""
    ref, _, own_rulebooks = spec.partition("+")
    name = "engine_" + re.sub(r"\W", "_", spec)
    package = into / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    rulebooks = ROOT / "rulebooks"
    if ref == "work":
        shutil.copytree(ROOT / "src/propriety/protocol", package / "protocol")
    else:
        data = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "src/propriety/protocol", "rulebooks"],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(package / "tree", filter="data")
        (package / "tree/src/propriety/protocol").rename(package / "protocol")
        if own_rulebooks:
            rulebooks = package / "tree/rulebooks"
    for path in (package / "protocol").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("propriety.protocol", f"{name}.protocol"), encoding="utf-8")
    module = importlib.import_module(f"{name}.protocol")
    for loaded in [m for n, m in sys.modules.items() if n.startswith(name)]:
        if hasattr(loaded, "rulebooks_dir"):
            loaded.rulebooks_dir = lambda folder=rulebooks: folder
    paths = importlib.import_module(f"{name}.protocol._paths")
    return module, paths


def requests(module: Any, paths: Any, count: int) -> list[tuple[str, str, dict[str, Any]]]:
    rng = random.Random(7)
    names = paths.rulebook_names() + getattr(paths, "example_names", list)()
    pairs = [
        (n, q)
        for n in names
        if not module.rulebook(n).abstract
        for q in module.rulebook(n).questions
    ]
    out = []
    for _ in range(count):
        n, q = rng.choice(pairs)
        book = module.rulebook(n)
        question = book.question(q) if hasattr(book, "question") else module.QUESTIONS[q]
        out.append((n, q, {f.name: bench.random_value(f, rng) for f in question.facts}))
    return out


def forget(engine: Any, question: str) -> None:
    compiled = engine._cache.get((question, AS_OF))
    memo = getattr(compiled, "memo", None)
    if memo:
        memo.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="+")
    parser.add_argument("--questions", type=int, default=30_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--asked-twice", action="store_true")
    parser.add_argument("--kept", action="store_true")
    args = parser.parse_args()
    if args.kept and args.asked_twice:
        parser.error("--asked-twice times cold calls; --kept keeps decisions between calls")
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        runs = []
        for spec in args.versions:
            module, paths = load(spec, Path(tmp))
            asked = requests(module, paths, args.questions)
            engines = {n: module.engine_for(n) for n, _, _ in asked}
            for n, q, f in asked:  # compile every question's tables first
                engines[n].decide(q, f, as_of=AS_OF)
            runs.append((spec, engines, asked))
        times: dict[str, dict[str, list[float]]] = {spec: {} for spec, _, _ in runs}
        # Each request's best time over the repeats, per version.
        best: dict[str, list[float]] = {
            spec: [float("inf")] * args.questions for spec, _, _ in runs
        }
        asked_of = {spec: asked for spec, _, asked in runs}
        cpu: dict[str, float] = {}
        clock = time.perf_counter_ns
        load_before = os.getloadavg()
        gc.disable()
        for repeat in range(args.repeats):
            if args.kept:  # as bench/engine.py: nothing kept, then its warm-up
                for _, engines, asked in runs:
                    for engine in engines.values():
                        for compiled in engine._cache.values():
                            compiled.memo.clear()
                    for n, q, f in asked[:2000]:
                        engines[n].decide(q, f, as_of=AS_OF)
            for i in range(args.questions):
                for spec, engines, asked in runs if (i + repeat) % 2 == 0 else runs[::-1]:
                    n, q, f = asked[i]
                    engine = engines[n]
                    if not args.kept:
                        forget(engine, q)
                    if args.asked_twice:
                        engine.decide(q, f, as_of=AS_OF)
                        forget(engine, q)
                    t0 = clock()
                    engine.decide(q, f, as_of=AS_OF)
                    took = (clock() - t0) / 1000
                    times[spec].setdefault(q, []).append(took)
                    best[spec][i] = min(best[spec][i], took)
            for spec, engines, asked in runs if repeat % 2 == 0 else runs[::-1]:
                c0 = time.thread_time_ns()
                for n, q, f in asked:
                    forget(engines[n], q)
                    engines[n].decide(q, f, as_of=AS_OF)
                per_call = (time.thread_time_ns() - c0) / 1000 / len(asked)
                cpu[spec] = min(cpu.get(spec, per_call), per_call)
        gc.enable()
    print(f"load average {load_before} before, {os.getloadavg()} after")
    mode = "kept" if args.kept else "cold"
    print(f"{mode + ' median, p99 (µs)':28}" + "".join(f"{s[:16]:>17}" for s in times))

    def row(label: str, values_of: Any) -> None:
        cells = []
        for spec in times:
            values = values_of(spec)
            cells.append(
                f"{statistics.median(values):7.2f} {bench.percentile(values, 0.99):7.1f}"
                if values
                else ""
            )
        print(f"{label:28}" + "".join(f"{c:>17}" for c in cells))

    questions = sorted(set().union(*(set(t) for t in times.values())))
    for q in questions:
        row(q, lambda spec, q=q: times[spec].get(q, []))
    row("all", lambda spec: [x for v in times[spec].values() for x in v])
    common = [
        q for q in questions if q != "correspondence.check" and all(q in t for t in times.values())
    ]
    row("common, not correspondence", lambda spec: [x for q in common for x in times[spec][q]])
    # The bench's p99 over the mix is about correspondence.check's p90 (a sizeable share).
    print(
        "correspondence.check p90 (µs):",
        {
            s: round(bench.percentile(t["correspondence.check"], 0.90), 2)
            for s, t in times.items()
            if t.get("correspondence.check")
        },
    )
    # The bench's slowest calls: drafts with many recipients (12 or more on To, Cc and Bcc),
    # each request's best of the repeats.
    large = {
        s: sorted(
            t
            for (_, q, f), t in zip(asked_of[s], best[s], strict=True)
            if q == "correspondence.check"
            and sum(len(f.get(k) or ()) for k in ("to", "cc", "bcc")) >= 12
        )
        for s in times
    }
    print(
        "correspondence.check, 12 or more recipients, median / p90 (µs):",
        {
            s: (round(statistics.median(t), 2), round(bench.percentile(t, 0.90), 2))
            for s, t in large.items()
            if t
        },
    )
    print("CPU µs per call, whole mix, best of repeats:", {s: round(c, 2) for s, c in cpu.items()})


if __name__ == "__main__":
    main()
