"""Reading one provision from its YAML node (and the conditions, dates and review
period it and a clause use), checking each key."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from propriety.protocol._dates import Period, parse_period
from propriety.protocol._problems import Collector, as_list, suggest
from propriety.protocol._questions import QUESTIONS, Question
from propriety.protocol._rulebook import (
    ROLES,
    DeadlineRule,
    Obligation,
    Provision,
    role_fix,
)
from propriety.protocol._yaml import Node

OUTCOMES = ("allow", "refuse", "refer")
RECOMMENDATIONS = ("allow", "refuse", "none")
_PROVISION_KEYS = {
    "name",
    "question",
    "cites",
    "when",
    "outcome",
    "refer_to",
    "recommend",
    "facts_that_matter",
    "route",
    "deadline",
    "obligations",
    "explain",
    "priority",
    "default",
    "put_right",
    "effects",
    "from",
    "until",
}


def _template_fields(text: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name]
    except ValueError:
        return ["{"]


def parse_date(value: Any, path: Path, line: int, key: str, out: Collector) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    out.add(
        path, line, "", f"{key} must be a date like 2026-11-22, not {value!r}", "write YYYY-MM-DD"
    )
    return None


def parse_review_due(head: Node, path: Path, out: Collector) -> Period | None:
    """``review_due``: a date, a month (``November 2026``, ``2026-11``) or a span of
    months (``May / June 2025``), as the protocol states it; null if it states none."""
    value = head.get("review_due")
    if value is None:
        return None
    period = parse_period(value)
    if period is None:
        out.add(
            path,
            head.line_of("review_due"),
            "",
            f"review_due must be a date, a month or a span of months, not {value!r}",
            'write 2026-11-22, "November 2026" or "May / June 2025" (or null if none is stated)',
        )
    return period


def parse_condition(
    raw: Any,
    question: Question,
    path: Path,
    line: int,
    where: str,
    out: Collector,
) -> dict[str, frozenset[Any]]:
    cond: dict[str, frozenset[Any]] = {}
    if raw is None:
        return cond
    if not isinstance(raw, dict):
        out.add(path, line, where, "'when' must be a mapping of fact: value")
        return cond
    for fact_name, wanted in raw.items():
        fline = raw.line_of(fact_name) if isinstance(raw, Node) else line
        fact = question.fact(fact_name)
        if fact is None:
            names = [f.name for f in question.all_facts]
            out.add(
                path,
                fline,
                where,
                f"{question.name} has no fact {fact_name!r}",
                suggest(fact_name, names) or f"its facts are: {', '.join(names)}",
            )
            continue
        domain = fact.domain
        if domain is None:
            out.add(
                path,
                fline,
                where,
                f"the fact {fact_name!r} is {fact.type}, which a condition cannot test",
                "test a yes/no or choice fact instead",
            )
            continue
        negate = False
        if isinstance(wanted, dict):
            if set(wanted) != {"not"}:
                out.add(path, fline, where, f"{fact_name}: use a value, a list, or {{not: [...]}}")
                continue
            negate = True
            wanted = wanted["not"]
        values = as_list(wanted)
        checked: set[Any] = set()
        for value in values:
            if (
                fact.type == "enum"
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                value = str(value)
            if value not in domain:
                out.add(
                    path,
                    fline,
                    where,
                    f"{fact_name} cannot be {value!r}",
                    f"use one of: {', '.join(str(v).lower() if isinstance(v, bool) else str(v) for v in domain)}",
                )
                continue
            checked.add(value)
        allowed = frozenset(v for v in domain if v not in checked) if negate else frozenset(checked)
        cond[fact_name] = allowed
    return cond


def parse_provision(
    item: Any,
    path: Path,
    line: int,
    out: Collector,
    questions: Mapping[str, Question] = QUESTIONS,
) -> Provision | None:
    if not isinstance(item, Node):
        out.add(path, line, "", "each provision must be a mapping with name, question, cites ...")
        return None
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        out.add(path, item.line, "", "a provision has no name", "add name: topic.what-it-does")
        return None
    where = f"provision {name!r}"
    for key in item:
        if key not in _PROVISION_KEYS:
            out.add(
                path,
                item.line_of(key),
                where,
                f"unknown key {key!r}",
                suggest(key, _PROVISION_KEYS),
            )
    qname = item.get("question")
    question = questions.get(str(qname))
    if question is None:
        out.add(
            path,
            item.line_of("question"),
            where,
            f"unknown question {qname!r}",
            suggest(str(qname), QUESTIONS) or f"questions: {', '.join(QUESTIONS)}",
        )
        return None
    cites = tuple(str(c) for c in as_list(item.get("cites")))
    if not cites:
        out.add(
            path,
            item.line,
            where,
            "a provision must cite at least one clause",
            'add cites: ["§1.1"]',
        )
    when = parse_condition(item.get("when"), question, path, item.line_of("when"), where, out)
    outcome = item.get("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        out.add(
            path,
            item.line_of("outcome"),
            where,
            f"outcome cannot be {outcome!r}",
            "use allow, refuse or refer",
        )
        outcome = None
    refer_to = item.get("refer_to")
    if outcome == "refer" and not refer_to:
        out.add(
            path,
            item.line,
            where,
            "a referral must say to whom",
            "add refer_to: proper_officer (a role)",
        )
    if refer_to is not None and refer_to not in ROLES:
        out.add(
            path,
            item.line_of("refer_to"),
            where,
            f"unknown role {refer_to!r}",
            role_fix(str(refer_to)),
        )
    if refer_to is not None and outcome != "refer":
        out.add(path, item.line_of("refer_to"), where, "refer_to is only for outcome: refer")
    recommend = item.get("recommend")
    if recommend is not None and recommend not in RECOMMENDATIONS:
        out.add(
            path,
            item.line_of("recommend"),
            where,
            f"recommend cannot be {recommend!r}",
            "use allow, refuse or none",
        )
    if recommend is not None and outcome != "refer":
        out.add(path, item.line_of("recommend"), where, "recommend is only for outcome: refer")
    ftm = tuple(str(f) for f in as_list(item.get("facts_that_matter")))
    for f in ftm:
        if question.fact(f) is None:
            out.add(
                path, item.line_of("facts_that_matter"), where, f"{question.name} has no fact {f!r}"
            )
    route_now: str | None = None
    route_next: tuple[str, ...] = ()
    route = item.get("route")
    if route is not None:
        if not isinstance(route, dict) or not set(route) <= {"now", "next"}:
            out.add(path, item.line_of("route"), where, "route must be {now: role, next: [roles]}")
        else:
            route_now = route.get("now")
            route_next = tuple(str(r) for r in as_list(route.get("next")))
            for role in [route_now, *route_next]:
                if role is not None and role not in ROLES:
                    out.add(
                        path,
                        item.line_of("route"),
                        where,
                        f"unknown role {role!r}",
                        role_fix(str(role)),
                    )
    if outcome == "refer" and route_now is None:
        route_now = refer_to
    deadline: DeadlineRule | None = None
    raw_deadline = item.get("deadline")
    if raw_deadline is not None:
        dline = item.line_of("deadline")
        if isinstance(raw_deadline, dict) and "calendar_days" in raw_deadline:
            out.add(
                path,
                dline,
                where,
                "calendar-day clocks are not supported: every clock counts working days "
                "(skipping weekends and the bank holidays of the council's nation)",
                "write working_days: N with the council's working-day equivalent (14 calendar "
                "days is 10 working days) and say so in the clause's 'says'",
            )
            raw_deadline = {k: v for k, v in raw_deadline.items() if k != "calendar_days"}
            raw_deadline.setdefault("working_days", 0)
        if not isinstance(raw_deadline, dict) or not set(raw_deadline) <= {
            "working_days",
            "setting",
            "from",
        }:
            out.add(
                path,
                dline,
                where,
                "deadline must be {working_days: N or setting: NAME, from: FACT}",
            )
        else:
            wd = raw_deadline.get("working_days")
            setting = raw_deadline.get("setting")
            if (wd is None) == (setting is None):
                out.add(
                    path, dline, where, "a deadline needs exactly one of working_days and setting"
                )
            if wd is not None and (not isinstance(wd, int) or isinstance(wd, bool) or wd < 0):
                out.add(path, dline, where, "working_days must be a whole number of days")
            from_fact = raw_deadline.get("from")
            if from_fact is not None:
                fact = question.fact(str(from_fact))
                if fact is None or fact.type != "date":
                    out.add(
                        path,
                        dline,
                        where,
                        f"deadline 'from' must be a date fact of {question.name}",
                    )
            deadline = DeadlineRule(
                wd if isinstance(wd, int) else None,
                str(setting) if setting is not None else None,
                str(from_fact) if from_fact is not None else None,
            )
    obligations: list[Obligation] = []
    for ob in as_list(item.get("obligations")):
        if (
            isinstance(ob, dict)
            and isinstance(ob.get("id"), str)
            and isinstance(ob.get("text"), str)
        ):
            obligations.append(Obligation(ob["id"], ob["text"]))
        else:
            out.add(
                path, item.line_of("obligations"), where, "each obligation needs an id and a text"
            )
    explain = item.get("explain") or ""
    if not isinstance(explain, str):
        out.add(path, item.line_of("explain"), where, "explain must be text")
        explain = ""
    known_facts = {f.name for f in question.all_facts}
    for text in [explain, *(o.text for o in obligations)]:
        for fld in _template_fields(text):
            if fld not in known_facts:
                out.add(
                    path,
                    item.line,
                    where,
                    f"the text uses {{{fld}}}, which is not a fact of {question.name}",
                    suggest(fld, known_facts) or "remove the braces",
                )
    priority = item.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        out.add(path, item.line_of("priority"), where, "priority must be a whole number")
        priority = 0
    default = item.get("default", False)
    if not isinstance(default, bool):
        out.add(path, item.line_of("default"), where, "default must be true or false")
        default = False
    put_right = item.get("put_right", False)
    if not isinstance(put_right, bool):
        out.add(path, item.line_of("put_right"), where, "put_right must be true or false")
        put_right = False
    if put_right and (outcome != "refuse" or not obligations):
        out.add(
            path,
            item.line_of("put_right"),
            where,
            "put_right is for a refusal whose obligations are the steps that put it right",
            "give it outcome: refuse and obligations: the steps (or remove put_right)",
        )
        put_right = False
    effects = tuple(str(e) for e in as_list(item.get("effects")))
    for effect in effects:
        if effect not in question.effects:
            known = ", ".join(question.effects) or "none"
            out.add(
                path,
                item.line_of("effects"),
                where,
                f"{question.name} has no effect {effect!r}",
                suggest(effect, question.effects) or f"its effects are: {known}",
            )
    if default and outcome is None:
        out.add(path, item.line, where, "a default provision needs an outcome")
    return Provision(
        name=name,
        question=question.name,
        cites=cites,
        when=when,
        outcome=outcome,
        refer_to=refer_to,
        recommend=recommend if recommend != "none" else None,
        facts_that_matter=ftm,
        route_now=route_now,
        route_next=route_next,
        deadline=deadline,
        obligations=tuple(obligations),
        explain=explain,
        priority=priority,
        default=default,
        put_right=put_right,
        effects=effects,
        starts=parse_date(item.get("from"), path, item.line_of("from"), "from", out),
        ends=parse_date(item.get("until"), path, item.line_of("until"), "until", out),
        origin=path,
        line=item.line,
    )
