"""Benchmark: how fast the decision engine answers, with full citations.

    .venv/bin/python bench/engine.py [--questions 100000] [--seed 7]

Runs mixed questions (every question type each concrete rulebook answers, with
random facts) across the rulebooks, timing each decision on its own, and
prints the median and p99 time per decision and decisions per second. In the
same run it times an equivalent need-to-know policy in Cedar (cedarpy) and
Casbin (pycasbin) on the same document-access requests, when those optional
benchmark extras are installed (pip install -e '.[bench]').

The engine keeps each decision against the facts it can turn on, so a second
call with the same values is a look-up; the run is timed twice, as it comes
and "cold" (kept decisions forgotten before each call), and both are printed.

The last line printed is JSON:
{"median_us": ..., "p99_us": ..., "cold_median_us": ..., "cold_p99_us": ...,
 "correspondence_check_median_us": ..., "decisions_per_s": ..., "cedarpy_median_us": ..., ...}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from propriety.protocol import QUESTIONS, Fact, engine_for, rulebook, rulebook_names
from propriety.protocol._paths import example_names

NAMES = ["Alex Green", "Jo Black", "Sam Patel", "Kim Lee"]
# A realistic draft (about 1.5 kB): a salutation, body, copy line and footer.
DRAFT = (
    "Dear Cllr Green,\n\n"
    + (
        "Thank you for your enquiry about the resurfacing of Mill Lane. The works are "
        "scheduled for the spring, subject to the budget agreed at Full Council, and the "
        "contractor will write to residents two weeks before they start. "
    )
    * 6
    + "\n\nCC councillor Jo Black, Sam Patel (Highways)\n\nKind regards,\nKim Lee\n"
    "Highways Officer, Kestrelford Town Council\nThis email may contain personal data.\n"
)
KINDS = ["councillor", "officer", "complainant", "third_party"]


def random_value(fact: Fact, rng: random.Random) -> Any:
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "enum":
        return rng.choice(fact.choices)
    if fact.type == "date":
        return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(730))
    if fact.type == "people":
        # Half the time a real circulation list of 4 to 8 people, else 0 to 2.
        count = rng.randrange(4, 9) if rng.random() < 0.5 else rng.randrange(3)
        return tuple({"name": rng.choice(NAMES), "kind": rng.choice(KINDS)} for _ in range(count))
    if fact.type == "person":
        return {"name": rng.choice(NAMES), "kind": rng.choice(KINDS)}
    if fact.type == "text":
        return rng.choice(["", "Dear Cllr Green,\n\nCC councillor Jo Black", DRAFT])
    return rng.randrange(30)


def make_requests(count: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    rng = random.Random(seed)
    # The example council (rulebooks/examples/) declares facts of its own: its questions
    # are asked with them, so the figures include declared facts in use.
    pairs = [
        (name, q)
        for name in rulebook_names() + example_names()
        if not rulebook(name).abstract
        for q in rulebook(name).questions
    ]
    out = []
    for _ in range(count):
        name, q = rng.choice(pairs)
        facts = {f.name: random_value(f, rng) for f in rulebook(name).question(q).facts}
        out.append((name, q, facts))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def time_engine(
    requests: list[tuple[str, str, dict[str, Any]]], as_of: dt.date, *, cold: bool = False
) -> list[float]:
    """Each decision timed on its own. ``cold``: the engine keeps no decision from an earlier
    call (each one kept is forgotten, outside the timing, right after its call), so every
    decision is worked out: its facts derived, looked up in the decision table, its texts
    and deadline made."""
    engines = {name: engine_for(name) for name, _, _ in requests}
    for name, q, facts in requests[:2000]:  # warm the per-date compiled tables
        engines[name].decide(q, facts, as_of=as_of)
    if cold:
        for e in engines.values():
            for compiled in e._cache.values():
                compiled.memo.clear()
    clock = time.perf_counter_ns
    timings = []
    for name, q, facts in requests:
        e = engines[name]
        t0 = clock()
        decision = e.decide(q, facts, as_of=as_of)
        t1 = clock()
        if cold:
            # Forget the decision just kept, outside the timing: the memo stays empty but
            # keeps its room, as a memo in use does (clear() would free it, and the next
            # call would pay to make it again).
            memo = e._cache[(q, as_of)].memo
            if memo:
                memo.popitem()
        if not decision.citations:  # full citations are part of every answer
            raise AssertionError("a decision without citations")
        timings.append((t1 - t0) / 1000)
    return timings


def clock_overhead_us() -> float:
    clock = time.perf_counter_ns
    samples = []
    for _ in range(20000):
        t0 = clock()
        t1 = clock()
        samples.append((t1 - t0) / 1000)
    return statistics.median(samples)


# -- the need-to-know policy in Cedar and Casbin -------------------------------------

# The acses-town rulebook's document.access provisions, allow against not allow
# (refuse or refer). In the rulebook every refusing or referring provision that
# can fire outranks every allowing one, so Cedar's "a permit and no forbid"
# says the same thing. Each policy is named by the clause it stands for.
CEDAR_POLICIES = """
@id("10.1(a) third party, not public")
forbid(principal, action == Action::"view", resource)
when { context.on_behalf_of_third_party && !context.in_public_domain };

@id("10.1(b) third party, data protection")
forbid(principal, action == Action::"view", resource)
when { context.on_behalf_of_third_party && context.data_protection_risk };

@id("data protection advice")
forbid(principal, action == Action::"view", resource)
when { context.data_protection_risk };

@id("member interest advice")
forbid(principal, action == Action::"view", resource)
when { context.member_interest };

@id("non-member, exempt or confidential")
forbid(principal, action == Action::"view", resource)
when { !context.on_owning_committee
       && (context.classification == "exempt" || context.classification == "confidential") };

@id("third party, public")
permit(principal, action == Action::"view", resource)
when { context.on_behalf_of_third_party && context.in_public_domain
       && !context.data_protection_risk };

@id("committee member")
permit(principal, action == Action::"view", resource)
when { context.on_owning_committee };

@id("non-member, public")
permit(principal, action == Action::"view", resource)
when { !context.on_owning_committee && context.classification == "public" };
"""

CEDAR_CONTEXT = (
    "classification",
    "on_owning_committee",
    "on_behalf_of_third_party",
    "in_public_domain",
    "data_protection_risk",
    "member_interest",
)

CASBIN_MODEL = """
[request_definition]
r = sub, obj, act

[policy_definition]
p = rule, act, eft, clause

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = r.act == p.act && eval(p.rule)
"""

CASBIN_POLICY = """
p, r.sub.on_owning_committee == True, view, allow, 10.2
p, r.sub.on_owning_committee == False and r.obj.restricted == True, view, deny, 10.3(b)
p, r.sub.justification_given == True and r.sub.purpose_stated == True, view, allow, 10.3(a)
p, r.sub.on_owning_committee == False and r.obj.personal_data == True and r.sub.justification_given == False, view, deny, 10.1(b)
"""


class _Attrs:
    def __init__(self, **kw: Any) -> None:
        self.__dict__.update(kw)


def time_cedar(requests: list[dict[str, Any]]) -> tuple[float, list[bool]] | None:
    """Cedar's median per decision, policies and entities parsed once beforehand,
    and whether it allowed each request."""
    try:
        import cedarpy
    except ImportError:
        return None
    policies = cedarpy.PolicySet.from_str(CEDAR_POLICIES)
    entities = cedarpy.Entities.from_json_str("[]")
    timings = []
    allowed = []
    clock = time.perf_counter_ns
    for facts in requests:
        request = {
            "principal": 'User::"member"',
            "action": 'Action::"view"',
            "resource": 'Document::"doc"',
            "context": {name: facts[name] for name in CEDAR_CONTEXT},
        }
        t0 = clock()
        result = cedarpy.is_authorized(request, policies, entities)
        _ = result.diagnostics.reasons  # the policies behind it: Cedar's citations
        timings.append((clock() - t0) / 1000)
        allowed.append(result.allowed)
    return statistics.median(timings), allowed


def rulebook_allows(requests: list[dict[str, Any]], as_of: dt.date) -> list[bool]:
    engine = engine_for("acses-town")
    return [engine.decide("document.access", f, as_of=as_of).outcome == "allow" for f in requests]


def time_casbin(requests: list[dict[str, Any]]) -> float | None:
    try:
        import casbin
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "model.conf")
        policy = os.path.join(tmp, "policy.csv")
        Path(model).write_text(CASBIN_MODEL, encoding="utf-8")
        Path(policy).write_text(CASBIN_POLICY.strip() + "\n", encoding="utf-8")
        enforcer = casbin.Enforcer(model, policy)
        timings = []
        clock = time.perf_counter_ns
        for facts in requests:
            sub = _Attrs(
                on_owning_committee=facts["on_owning_committee"],
                justification_given=facts["justification_given"],
                purpose_stated=facts["purpose_stated"],
            )
            obj = _Attrs(
                restricted=facts["classification"] in ("exempt", "confidential"),
                personal_data=facts["contains_personal_data"],
            )
            t0 = clock()
            enforcer.enforce_ex(sub, obj, "view")  # returns the matched policy row: its citation
            timings.append((clock() - t0) / 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--peer-questions", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    as_of = dt.date(2026, 11, 22)
    requests = make_requests(args.questions, args.seed)
    start = time.perf_counter()
    timings = time_engine(requests, as_of)
    wall = time.perf_counter() - start
    median = statistics.median(timings)
    p99 = percentile(timings, 0.99)
    cold = time_engine(requests, as_of, cold=True)
    cold_median, cold_p99 = statistics.median(cold), percentile(cold, 0.99)
    overhead = clock_overhead_us()
    by_question: dict[str, list[float]] = {}
    cold_by_question: dict[str, list[float]] = {}
    for (_, q, _), t, c in zip(requests, timings, cold, strict=True):
        by_question.setdefault(q, []).append(t)
        cold_by_question.setdefault(q, []).append(c)
    declared = [
        t
        for (name, q, _), t in zip(requests, timings, strict=True)
        if rulebook(name).question(q).declared_facts
    ]
    declared_median = statistics.median(declared) if declared else None

    print(
        f"Propriety decision engine — {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        f"{len(requests):,} mixed questions across {len({n for n, _, _ in requests})} rulebooks, as of {as_of}"
    )
    print(
        f"  median {median:.2f} µs, p99 {p99:.2f} µs per decision (timer overhead ≈ {overhead:.2f} µs included)"
    )
    print(f"  {1e6 / median:,.0f} decisions per second (from the median); wall {wall:.2f} s")
    print(
        f"  cold (no decision kept from an earlier call with the same facts): median "
        f"{cold_median:.2f} µs, p99 {cold_p99:.2f} µs"
    )
    if declared_median is not None:
        print(
            f"  with declared facts in use: median {declared_median:.2f} µs ({len(declared):,} decisions)"
        )
    print("  by question (median µs, then cold median and cold p99):")
    for q in sorted(by_question):
        print(
            f"    {q:<26} {statistics.median(by_question[q]):6.2f}  "
            f"{statistics.median(cold_by_question[q]):6.2f} {percentile(cold_by_question[q], 0.99):7.2f}"
            f"  ({len(by_question[q]):,})"
        )

    rng = random.Random(args.seed)
    peer = [
        {f.name: random_value(f, rng) for f in QUESTIONS["document.access"].facts}
        for _ in range(args.peer_questions)
    ]
    ours = time_engine([("acses-town", "document.access", f) for f in peer], as_of)
    cedar_run = time_cedar(peer)
    cedar, agreement = None, None
    if cedar_run:
        cedar, cedar_allowed = cedar_run
        ours_allowed = rulebook_allows(peer, as_of)
        agreement = sum(a == b for a, b in zip(cedar_allowed, ours_allowed, strict=True)) / len(
            peer
        )
    casbin_ = time_casbin(peer)
    ours_median = statistics.median(ours)
    print(f"Need-to-know policy on the same {len(peer):,} requests (median µs per decision):")
    print(f"  propriety engine (acses-town) {ours_median:8.2f}")
    if cedar and agreement is not None:
        print(
            f"  cedarpy, pre-parsed           {cedar:8.2f}  ({cedar / ours_median:.1f}x; agrees "
            f"with the rulebook on {agreement:.2%} of requests, allow against not allow)"
        )
    else:
        print("  cedarpy: not installed")
    print(
        f"  pycasbin                      {casbin_:8.2f}"
        if casbin_
        else "  pycasbin: not installed"
    )
    print(
        json.dumps(
            {
                "median_us": round(median, 3),
                "p99_us": round(p99, 3),
                "cold_median_us": round(cold_median, 3),
                "cold_p99_us": round(cold_p99, 3),
                "correspondence_check_median_us": round(
                    statistics.median(by_question.get("correspondence.check", [0.0])), 3
                ),
                "declared_facts_median_us": round(declared_median, 3) if declared_median else None,
                "decisions_per_s": round(1e6 / median),
                "cedarpy_median_us": round(cedar, 3) if cedar else None,
                "cedarpy_agreement": round(agreement, 4) if agreement is not None else None,
                "pycasbin_median_us": round(casbin_, 3) if casbin_ else None,
            }
        )
    )


if __name__ == "__main__":
    main()
