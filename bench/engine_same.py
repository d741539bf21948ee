"""Check that an engine change changed no answer: decisions byte for byte against a git ref.

    .venv/bin/python bench/engine_same.py [--against main] [--questions 100000] [--malformed 50000]

Exports ``src/propriety/protocol`` as it is at ``--against`` into a temporary folder and runs
the same questions through that engine and through this checkout's, each in its own process,
both with this checkout's rulebooks. Every answer is compared as JSON (``Decision.as_dict``:
outcome, citations, obligations, route, deadline, explanation, guidance, effects, the facts
that matter); an exception counts as an answer (its type and message). The questions:

- the engine bench's requests (``bench/engine.py``, same seed), each on two days, with and
  without settings (every setting of the rulebook given a random value), asked in order so
  decisions the engine keeps are returned as they would be in use;
- random malformed facts for every question: facts left out, values outside the choices,
  unhashable values, people lists holding non-people, wrong types (each decided afresh:
  nothing kept from an earlier call, since a decision kept for True also answers 1);
- ``correspondence.check``'s derived facts on their own, worked out in full by the
  question and by each rulebook's version of it, for random and malformed drafts.

Prints the number of answers compared and how many differ (with the first few), and exits 1
if any differs. The last line printed is JSON: {"compared": ..., "different": ...}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DAYS = (dt.date(2026, 11, 22), dt.date(2027, 4, 1))
MALFORMED_VALUES: tuple[Any, ...] = (
    None,
    "",
    "nonsense",
    0,
    1,
    2.5,
    [],
    ["a"],
    {},
    {"name": "Jo Black"},
    ("x",),
    dt.date(2026, 12, 24),
)


def _person(rng: random.Random) -> Any:
    """A person, often malformed: missing keys, odd kinds and roles, not a mapping."""
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(MALFORMED_VALUES)
    person: dict[str, Any] = {}
    if rng.random() < 0.9:
        person["name"] = rng.choice(
            ["Alex Green", "Jo Black", " jo black ", "JO BLACK", "Sam Patel", "", None, 7]
        )
    if rng.random() < 0.9:
        person["kind"] = rng.choice(
            [
                "councillor",
                "officer",
                "complainant",
                "third_party",
                "member_of_public",
                "other",
                None,
            ]
        )
    if rng.random() < 0.3:
        person["role"] = rng.choice(
            ["officer", "councillor", "council_chair", "mayor", "committee_chair", "clerk", None]
        )
    return person


def _malformed(fact: Any, rng: random.Random, sane: Any) -> Any:
    roll = rng.random()
    if roll < 0.55:
        return sane
    if fact.type in ("people",):
        count = rng.randrange(9)
        people = [_person(rng) for _ in range(count)]
        return tuple(people) if rng.random() < 0.7 else people
    if fact.type == "person":
        return _person(rng)
    if fact.type == "text" and rng.random() < 0.5:
        return rng.choice(
            [
                "CC councillor Jo Black\ncc: Cllr. alex green.\n",
                "cc councillor Sam Patel",
                "CC Councillor  Kim Lee  .",
                None,
            ]
        )
    if fact.type == "bool" and rng.random() < 0.4:
        return rng.choice([0, 1, None, "yes"])
    return rng.choice(MALFORMED_VALUES)


def _answer(call: Any) -> str:
    try:
        result = call()
    except Exception as exc:  # an exception is an answer too: its type and message
        return f"raised {type(exc).__name__}: {exc}"
    return json.dumps(result, sort_keys=True, default=repr)


def _child(out_path: str, questions: int, malformed: int, seed: int) -> None:
    """Run in the exported (or current) source: write one digest per answer."""
    show = os.environ.get("ENGINE_SAME_SHOW")
    with open(out_path, "w", encoding="utf-8") as out:
        for label, text in _answers(questions, malformed, seed):
            if show and label.startswith(show):
                print(f"{label}\n{text}", file=sys.stderr)
            digest = hashlib.sha1(text.encode()).hexdigest()
            out.write(f"{label}\t{digest}\t{text[:160]!r}\n")


def _answers(questions: int, malformed: int, seed: int) -> Iterator[tuple[str, str]]:
    import propriety.protocol
    from propriety.protocol import QUESTIONS, engine_for, rulebook, rulebook_names
    from propriety.protocol._paths import example_names

    print(f"  engine from {Path(propriety.protocol.__file__).parent}", file=sys.stderr)

    sys.path.insert(0, str(ROOT / "bench"))
    import engine as bench  # the engine bench's requests, with its seed

    rng = random.Random(seed + 1)
    names = [n for n in rulebook_names() + example_names() if not rulebook(n).abstract]
    settings_of = {
        n: {s: rng.randrange(1, 30) for s in getattr(rulebook(n), "settings", {})} or None
        for n in names
    }
    requests = bench.make_requests(questions, seed)
    for day in DAYS:
        for with_settings in (False, True):
            for i, (name, q, facts) in enumerate(requests):
                engine = engine_for(name)
                settings = settings_of[name] if with_settings else None
                yield (
                    f"bench {day} settings={with_settings} #{i} {name} {q}",
                    _answer(
                        lambda e=engine, q=q, f=facts, s=settings, d=day: e.decide(
                            q, f, as_of=d, settings=s
                        ).as_dict()
                    ),
                )
    pairs = [(n, q) for n in names for q in rulebook(n).questions]
    # A third of them drafts, whose derivation each rulebook compiles for the facts it reads.
    drafts = [(n, q) for n, q in pairs if q == "correspondence.check"]
    for i in range(malformed):
        name, q = rng.choice(drafts if rng.random() < 0.3 else pairs)
        question = rulebook(name).question(q)
        facts: dict[str, Any] = {}
        for fact in question.facts:
            if rng.random() < 0.1:
                continue  # left out
            facts[fact.name] = _malformed(fact, rng, bench.random_value(fact, rng))
        if rng.random() < 0.05:
            facts["not_a_fact"] = True
        day = rng.choice(DAYS)
        engine = engine_for(name)
        # Decided afresh: a kept decision made with True answers a later 1 (they are equal), so
        # with malformed facts an answer would depend on what each engine happened to keep.
        for compiled in engine._cache.values():
            compiled.memo.clear()
        yield (
            f"malformed #{i} {name} {q}",
            _answer(lambda e=engine, q=q, f=facts, d=day: e.decide(q, f, as_of=d).as_dict()),
        )
    # correspondence.check's derived facts in full, as the app works them out for a page.
    derives = [("catalogue", QUESTIONS["correspondence.check"])] + [
        (n, rulebook(n).question("correspondence.check"))
        for n in names
        if "correspondence.check" in rulebook(n).questions
    ]
    for i in range(malformed):
        label, question = rng.choice(derives)
        facts = {f.name: f.default for f in question.all_facts}
        for fact in question.facts:
            if rng.random() < 0.005:
                facts.pop(fact.name, None)
                continue
            facts[fact.name] = _malformed(fact, rng, bench.random_value(fact, rng))

        def derived(q: Any = question, f: dict[str, Any] = facts) -> dict[str, Any]:
            q.derive(f, DAYS[0])
            return f

        yield f"derived #{i} {label}", _answer(derived)


def _export(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            ref,
            "src/propriety/__init__.py",
            "src/propriety/protocol",
        ],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, out: Path, args: argparse.Namespace) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "PROPRIETY_RULEBOOKS": str(ROOT / "rulebooks")}
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(out),
            "--questions",
            str(args.questions),
            "--malformed",
            str(args.malformed),
            "--seed",
            str(args.seed),
        ],
        check=True,
        env=env,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="main", help="the git ref to compare with")
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--malformed", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--show", help="print both answers in full for labels starting so (e.g. 'malformed #12 ')"
    )
    args = parser.parse_args()
    if args.show:
        os.environ["ENGINE_SAME_SHOW"] = args.show
    if args.child:
        _child(args.child, args.questions, args.malformed, args.seed)
        return
    with tempfile.TemporaryDirectory() as tmp:
        old_src = _export(args.against, Path(tmp) / "old")
        _run(old_src, Path(tmp) / "old.txt", args)
        _run(ROOT / "src", Path(tmp) / "new.txt", args)
        old = (Path(tmp) / "old.txt").read_text(encoding="utf-8").splitlines()
        new = (Path(tmp) / "new.txt").read_text(encoding="utf-8").splitlines()
    different = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    print(f"{len(new):,} answers compared against {args.against}: {len(different):,} differ")
    for a, b in different[:5]:
        print(f"  before: {a}\n  after:  {b}")
    print(json.dumps({"compared": len(new), "different": len(different)}))
    if different:
        sys.exit(1)


if __name__ == "__main__":
    main()
