"""Rulebooks: a council's protocol as data, loaded and checked.

See ``docs/rulebooks.md`` for the format. Loading collects every problem it
finds (not just the first) and reports each with the file, the line, the
clause or provision, and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from propriety.protocol._clock import NATIONS
from propriety.protocol._paths import rulebooks_dir
from propriety.protocol._questions import QUESTIONS, Question
from propriety.protocol._yaml import Node, NodeList, YamlError, load_yaml

OUTCOMES = ("allow", "refuse", "refer")
RECOMMENDATIONS = ("allow", "refuse", "none")
KINDS = ("parish", "town", "principal")
STATUSES = ("guidance", "principle")

ROLES: dict[str, str] = {
    "proper_officer": "the Proper Officer",
    "deputy_clerk": "the Deputy Clerk",
    "chief_executive": "the Chief Executive",
    "chief_officer": "the relevant Chief Officer",
    "line_manager": "the officer's line manager",
    "service_manager": "the manager of the service concerned",
    "head_of_communications": "the Head of Communications",
    "officer": "the officer concerned",
    "monitoring_officer": "the Monitoring Officer",
    "audit_and_standards_committee": "the Audit and Standards Committee",
    "personnel_committee": "the personnel committee",
    "council": "the full council",
    "council_chair": "the chair of the council",
    "committee_chair": "the chair of the committee",
    "mayor": "the Mayor",
    "leader": "the Leader of the Council",
    "minority_group_leaders": "the leaders of the minority groups",
    "party_group_leader": "the leader of the party group",
    "member": "the member concerned",
    "disciplinary_procedure": "the council's disciplinary procedure",
    "grievance_procedure": "the council's grievance procedure",
    "informal_resolution": "informal resolution",
    "independent_advice": "independent advice",
}

_HEADER_KEYS = {
    "rulebook",
    "title",
    "extends",
    "abstract",
    "council",
    "adopted",
    "reviewed",
    "review_due",
    "review_due_text",
    "version",
    "supersedes",
    "source",
    "roles",
    "settings",
    "clauses",
    "provisions",
    "remove_provisions",
    "scope",
}
_CLAUSE_KEYS = {"id", "heading", "says", "quote", "status", "guidance", "applies_to", "when"}
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
    "from",
    "until",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a rulebook, and how to fix it."""

    path: Path
    line: int
    where: str  # e.g. 'clause "§10.3(b)"' or 'provision "access.exempt"'
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{where} {self.message}.{fix}"


class RulebookError(Exception):
    """A rulebook that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the rulebook:\n{lines}")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a protocol, in the council's own numbering."""

    id: str
    heading: str
    says: str
    quote: str
    status: str | None
    guidance: str
    applies_to: tuple[str, ...]
    when: Mapping[str, frozenset[Any]]
    origin: Path
    yaml_line: int
    source_line: int = 0


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    working_days: int | None
    setting: str | None
    from_fact: str | None


@dataclass(frozen=True, slots=True)
class Provision:
    """One typed rule for one question, citing the clauses it implements."""

    name: str
    question: str
    cites: tuple[str, ...]
    when: Mapping[str, frozenset[Any]]
    outcome: str | None
    refer_to: str | None
    recommend: str | None
    facts_that_matter: tuple[str, ...]
    route_now: str | None
    route_next: tuple[str, ...]
    deadline: DeadlineRule | None
    obligations: tuple[Obligation, ...]
    explain: str
    priority: int
    default: bool
    starts: dt.date | None
    ends: dt.date | None
    origin: Path
    line: int

    @property
    def decisive(self) -> bool:
        return self.outcome is not None

    def in_force(self, day: dt.date) -> bool:
        return (self.starts is None or self.starts <= day) and (
            self.ends is None or day <= self.ends
        )


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    value: int
    cites: tuple[str, ...]
    says: str


@dataclass(frozen=True)
class Rulebook:
    """A loaded, checked rulebook with everything it inherits."""

    id: str
    title: str
    abstract: bool
    extends: str | None
    chain: tuple[str, ...]  # this rulebook and its ancestors, nearest first
    council_name: str
    kind: str
    nation: str
    adopted: dt.date | None
    reviewed: dt.date | None
    review_due: dt.date | None
    review_due_text: str | None
    version: str
    supersedes: str | None
    source_document: Path | None
    source_title: str
    roles: Mapping[str, str]
    settings: Mapping[str, Setting]
    clauses: Mapping[str, Clause]
    provisions: tuple[Provision, ...]
    path: Path
    own_provisions: frozenset[str] = field(default_factory=frozenset)
    # The clauses that say what the protocol covers: cited where it does not answer a question.
    scope: tuple[str, ...] = ()

    def role_name(self, role: str) -> str:
        return self.roles.get(role, ROLES.get(role, role.replace("_", " ")))

    @property
    def questions(self) -> tuple[str, ...]:
        """The question types this rulebook answers, in catalogue order."""
        asked = {p.question for p in self.provisions}
        return tuple(q for q in QUESTIONS if q in asked)


# --- helpers ---------------------------------------------------------------------


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, where: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(path, line, where, message, fix))


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _normalise(text: str) -> str:
    text = text.lower()
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    text = re.sub(r"</?[a-z]+>", " ", text)
    text = text.replace("*", " ").replace('"', " ").replace("'", " ")
    return re.sub(r"\s+", " ", text).strip()


class SourceText:
    """A protocol's source document, searchable for clause quotes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = path.read_text(encoding="utf-8").splitlines()
        pieces: list[str] = []
        self._starts: list[tuple[int, int]] = []  # (offset in normalised text, line number)
        offset = 0
        for number, line in enumerate(self.lines, start=1):
            norm = _normalise(line)
            if not norm:
                continue
            self._starts.append((offset, number))
            pieces.append(norm)
            offset += len(norm) + 1
        self.text = " ".join(pieces)

    def find(self, quote: str) -> list[int]:
        """Line numbers where the quote starts (may be several)."""
        needle = _normalise(quote)
        found: list[int] = []
        if not needle:
            return found
        start = self.text.find(needle)
        while start != -1:
            line = 0
            for off, number in self._starts:
                if off > start:
                    break
                line = number
            found.append(line)
            start = self.text.find(needle, start + 1)
        return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _template_fields(text: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name]
    except ValueError:
        return ["{"]


# --- loading -----------------------------------------------------------------------


@dataclass
class _Raw:
    id: str
    path: Path
    data: Node


def _read(name: str, folder: Path, out: _Collector) -> _Raw | None:
    path = folder / f"{name}.yaml"
    if not path.is_file():
        known = [p.stem for p in folder.glob("*.yaml")]
        hint = _suggest(name, known)
        out.add(
            path,
            0,
            "",
            f"there is no rulebook {name!r}",
            hint or f"known: {', '.join(sorted(known))}",
        )
        return None
    try:
        data = load_yaml(path)
    except YamlError as exc:
        out.add(path, exc.line, "", exc.message, "correct the YAML at that line")
        return None
    if not isinstance(data, Node):
        out.add(
            path,
            1,
            "",
            "a rulebook must be a mapping of keys (rulebook:, clauses:, provisions: ...)",
        )
        return None
    if data.get("rulebook") != name:
        out.add(
            path,
            data.line_of("rulebook"),
            "",
            f"the file says rulebook: {data.get('rulebook')!r} but is named {name}.yaml",
            f"set 'rulebook: {name}' or rename the file",
        )
    for key in data:
        if key not in _HEADER_KEYS:
            out.add(
                path, data.line_of(key), "", f"unknown key {key!r}", _suggest(key, _HEADER_KEYS)
            )
    return _Raw(name, path, data)


def _chain(name: str, folder: Path, out: _Collector) -> list[_Raw]:
    chain: list[_Raw] = []
    seen: set[str] = set()
    current: str | None = name
    while current is not None:
        if current in seen:
            out.add(
                folder / f"{name}.yaml",
                1,
                "",
                f"rulebooks extend each other in a circle ({' -> '.join([r.id for r in chain] + [current])})",
                "remove one of the 'extends:'",
            )
            return chain
        seen.add(current)
        raw = _read(current, folder, out)
        if raw is None:
            return chain
        chain.append(raw)
        parent = raw.data.get("extends")
        current = str(parent) if parent else None
    return chain


def _date(value: Any, path: Path, line: int, key: str, out: _Collector) -> dt.date | None:
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


def _condition(
    raw: Any,
    question: Question,
    path: Path,
    line: int,
    where: str,
    out: _Collector,
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
                _suggest(fact_name, names) or f"its facts are: {', '.join(names)}",
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
        values = _as_list(wanted)
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


def _overlap(a: Mapping[str, frozenset[Any]], b: Mapping[str, frozenset[Any]]) -> bool:
    return all(not (a[k].isdisjoint(b[k])) for k in a.keys() & b.keys())


def _dates_overlap(a: Provision, b: Provision) -> bool:
    a_start = a.starts or dt.date.min
    b_start = b.starts or dt.date.min
    a_end = a.ends or dt.date.max
    b_end = b.ends or dt.date.max
    return a_start <= b_end and b_start <= a_end


def _parse_clause(item: Any, path: Path, line: int, out: _Collector) -> Clause | None:
    if not isinstance(item, Node):
        out.add(path, line, "", "each clause must be a mapping with id, heading, says and quote")
        return None
    cid = item.get("id")
    if not isinstance(cid, str) or not cid.strip():
        out.add(
            path,
            item.line,
            "",
            "a clause has no id",
            'add id: "§1.1" (as the clause should be cited)',
        )
        return None
    where = f"clause {cid!r}"
    for key in item:
        if key not in _CLAUSE_KEYS:
            out.add(
                path, item.line_of(key), where, f"unknown key {key!r}", _suggest(key, _CLAUSE_KEYS)
            )
    for key in ("heading", "says", "quote"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            out.add(path, item.line, where, f"the clause has no {key}", f"add {key}: ...")
    status = item.get("status")
    if status is not None and status not in STATUSES:
        out.add(
            path,
            item.line_of("status"),
            where,
            f"status cannot be {status!r}",
            "use guidance or principle",
        )
        status = None
    applies = tuple(str(q) for q in _as_list(item.get("applies_to")))
    when: dict[str, frozenset[Any]] = {}
    if status == "guidance":
        if not isinstance(item.get("guidance"), str) or not item["guidance"].strip():
            out.add(
                path,
                item.line,
                where,
                "a guidance clause needs the guidance text",
                "add guidance: ...",
            )
        if not applies:
            out.add(
                path,
                item.line,
                where,
                "a guidance clause needs applies_to: the questions whose answers show it",
                "add applies_to: [concern.route]",
            )
    for q in applies:
        if q not in QUESTIONS:
            out.add(
                path,
                item.line_of("applies_to"),
                where,
                f"unknown question {q!r}",
                _suggest(q, QUESTIONS),
            )
    if item.get("when") is not None:
        if len(applies) != 1 or applies[0] not in QUESTIONS:
            out.add(
                path,
                item.line_of("when"),
                where,
                "'when' on guidance needs exactly one question in applies_to",
            )
        else:
            when = _condition(
                item["when"], QUESTIONS[applies[0]], path, item.line_of("when"), where, out
            )
    return Clause(
        id=cid,
        heading=str(item.get("heading") or ""),
        says=str(item.get("says") or ""),
        quote=str(item.get("quote") or ""),
        status=status,
        guidance=str(item.get("guidance") or ""),
        applies_to=applies,
        when=when,
        origin=path,
        yaml_line=item.line,
    )


def _parse_provision(item: Any, path: Path, line: int, out: _Collector) -> Provision | None:
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
                _suggest(key, _PROVISION_KEYS),
            )
    qname = item.get("question")
    question = QUESTIONS.get(str(qname))
    if question is None:
        out.add(
            path,
            item.line_of("question"),
            where,
            f"unknown question {qname!r}",
            _suggest(str(qname), QUESTIONS) or f"questions: {', '.join(QUESTIONS)}",
        )
        return None
    cites = tuple(str(c) for c in _as_list(item.get("cites")))
    if not cites:
        out.add(
            path,
            item.line,
            where,
            "a provision must cite at least one clause",
            'add cites: ["§1.1"]',
        )
    when = _condition(item.get("when"), question, path, item.line_of("when"), where, out)
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
            _suggest(str(refer_to), ROLES),
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
    ftm = tuple(str(f) for f in _as_list(item.get("facts_that_matter")))
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
            route_next = tuple(str(r) for r in _as_list(route.get("next")))
            for role in [route_now, *route_next]:
                if role is not None and role not in ROLES:
                    out.add(
                        path,
                        item.line_of("route"),
                        where,
                        f"unknown role {role!r}",
                        _suggest(str(role), ROLES),
                    )
    if outcome == "refer" and route_now is None:
        route_now = refer_to
    deadline: DeadlineRule | None = None
    raw_deadline = item.get("deadline")
    if raw_deadline is not None:
        dline = item.line_of("deadline")
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
    for ob in _as_list(item.get("obligations")):
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
                    _suggest(fld, known_facts) or "remove the braces",
                )
    priority = item.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        out.add(path, item.line_of("priority"), where, "priority must be a whole number")
        priority = 0
    default = item.get("default", False)
    if not isinstance(default, bool):
        out.add(path, item.line_of("default"), where, "default must be true or false")
        default = False
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
        starts=_date(item.get("from"), path, item.line_of("from"), "from", out),
        ends=_date(item.get("until"), path, item.line_of("until"), "until", out),
        origin=path,
        line=item.line,
    )


def _check_conflicts(provisions: list[Provision], out: _Collector) -> None:
    by_question: dict[str, list[Provision]] = {}
    for p in provisions:
        by_question.setdefault(p.question, []).append(p)
    for question, group in by_question.items():
        defaults = [p for p in group if p.default]
        if not defaults:
            first = group[0]
            out.add(
                first.origin,
                first.line,
                f"question {question!r}",
                "the rulebook answers this question but has no default provision, so some "
                "facts would get no answer",
                "add a provision with default: true and the outcome the protocol gives when "
                "nothing more specific applies (fail closed: usually refer or refuse)",
            )
        for i, a in enumerate(defaults):
            for b in defaults[i + 1 :]:
                if _dates_overlap(a, b) and _overlap(a.when, b.when):
                    out.add(
                        b.origin,
                        b.line,
                        f"provision {b.name!r}",
                        f"two default provisions for {question}: {a.name!r} ({', '.join(a.cites)}) "
                        f"and {b.name!r} ({', '.join(b.cites)})",
                        "keep one default per question (or give them dates that do not overlap)",
                    )
        rest = [p for p in group if not p.default]
        for i, a in enumerate(rest):
            for b in rest[i + 1 :]:
                if (
                    a.priority != b.priority
                    or not _dates_overlap(a, b)
                    or not _overlap(a.when, b.when)
                ):
                    continue
                clash = ""
                if (
                    a.decisive
                    and b.decisive
                    and (a.outcome, a.refer_to, a.recommend)
                    != (
                        b.outcome,
                        b.refer_to,
                        b.recommend,
                    )
                ):
                    clash = f"outcomes {a.outcome} and {b.outcome}"
                    if a.outcome == b.outcome and a.refer_to != b.refer_to:
                        clash = f"referrals to {a.refer_to} and {b.refer_to}"
                    elif a.outcome == b.outcome:
                        clash = f"recommendations {a.recommend} and {b.recommend}"
                elif (
                    a.route_now is not None
                    and b.route_now is not None
                    and (a.route_now, a.route_next) != (b.route_now, b.route_next)
                ):
                    clash = "routes"
                elif a.deadline is not None and b.deadline is not None and a.deadline != b.deadline:
                    clash = "deadlines"
                if clash:
                    out.add(
                        b.origin,
                        b.line,
                        f"provision {b.name!r}",
                        f"it and provision {a.name!r} (line {a.line}) can both apply to {question} "
                        f"with different {clash} and the same priority: clauses "
                        f"{', '.join(a.cites)} and {', '.join(b.cites)}",
                        "give the one that should win a higher priority, or narrow their 'when' "
                        "so they cannot both apply",
                    )


def load_rulebook(name: str, folder: Path | None = None) -> Rulebook:
    """Load and check one rulebook (with what it extends); raise RulebookError if unusable."""
    folder = folder or rulebooks_dir()
    out = _Collector()
    chain = _chain(name, folder, out)
    if out.problems or not chain:
        raise RulebookError(out.problems)
    own = chain[0]
    head = own.data
    path = own.path

    clauses: dict[str, Clause] = {}
    provisions: dict[str, Provision] = {}
    roles: dict[str, str] = {}
    settings: dict[str, Setting] = {}
    own_provisions: set[str] = set()
    for raw in reversed(chain):  # the furthest ancestor first, so children override
        data = raw.data
        for key, value in (data.get("roles") or {}).items():
            if key not in ROLES:
                out.add(
                    raw.path,
                    data["roles"].line_of(key),
                    "roles",
                    f"unknown role {key!r}",
                    _suggest(key, ROLES),
                )
            roles[key] = str(value)
        raw_settings = data.get("settings") or {}
        for key, value in raw_settings.items():
            sline = raw_settings.line_of(key) if isinstance(raw_settings, Node) else 0
            if not isinstance(value, dict) or not isinstance(value.get("value"), int):
                out.add(
                    raw.path,
                    sline,
                    f"setting {key!r}",
                    "a setting needs value: N, cites: [...], says: ...",
                )
                continue
            settings[key] = Setting(
                key, value["value"], tuple(_as_list(value.get("cites"))), str(value.get("says", ""))
            )
        seen_here: set[str] = set()
        items = data.get("clauses") or NodeList()
        for index, item in enumerate(items):
            line = items.item_lines[index] if isinstance(items, NodeList) else 0
            clause = _parse_clause(item, raw.path, line, out)
            if clause is None:
                continue
            if clause.id in seen_here:
                out.add(
                    raw.path,
                    clause.yaml_line,
                    f"clause {clause.id!r}",
                    "this clause id appears twice",
                    "give each clause its own id",
                )
            seen_here.add(clause.id)
            clauses[clause.id] = clause
        for removed in _as_list(data.get("remove_provisions")):
            if removed not in provisions:
                out.add(
                    raw.path,
                    data.line_of("remove_provisions"),
                    "",
                    f"there is no inherited provision {removed!r} to remove",
                )
            provisions.pop(str(removed), None)
        seen_here = set()
        items = data.get("provisions") or NodeList()
        for index, item in enumerate(items):
            line = items.item_lines[index] if isinstance(items, NodeList) else 0
            provision = _parse_provision(item, raw.path, line, out)
            if provision is None:
                continue
            if provision.name in seen_here:
                out.add(
                    raw.path,
                    provision.line,
                    f"provision {provision.name!r}",
                    "this name appears twice in the file",
                    "rename one",
                )
            seen_here.add(provision.name)
            provisions[provision.name] = provision
            if raw is own:
                own_provisions.add(provision.name)

    for setting in settings.values():
        for cid in setting.cites:
            if cid not in clauses:
                out.add(
                    path,
                    0,
                    f"setting {setting.name!r}",
                    f"cites clause {cid!r}, which does not exist",
                    _suggest(cid, clauses),
                )
    for p in provisions.values():
        for cid in p.cites:
            if cid not in clauses:
                out.add(
                    p.origin,
                    p.line,
                    f"provision {p.name!r}",
                    f"cites clause {cid!r}, which the rulebook does not have",
                    _suggest(cid, clauses) or "add the clause or correct the id",
                )
        if p.deadline and p.deadline.setting and p.deadline.setting not in settings:
            out.add(
                p.origin,
                p.line,
                f"provision {p.name!r}",
                f"uses setting {p.deadline.setting!r}, which is not defined",
                "add it under settings:",
            )
    _check_conflicts(list(provisions.values()), out)
    scope = _scope(chain, clauses, out)

    abstract = bool(head.get("abstract", False))
    council = head.get("council") or {}
    source = head.get("source") or {}
    kind = str(council.get("kind", ""))
    nation = str(council.get("nation", ""))
    source_document: Path | None = None
    if not abstract:
        cline = head.line_of("council")
        if not council.get("name"):
            out.add(
                path,
                cline,
                "council",
                "the council has no name",
                "add council: {name: ..., kind: town, nation: england}",
            )
        if kind not in KINDS:
            out.add(
                path, cline, "council", f"kind cannot be {kind!r}", f"use one of {', '.join(KINDS)}"
            )
        if nation not in NATIONS:
            out.add(
                path,
                cline,
                "council",
                f"nation cannot be {nation!r}",
                f"use one of {', '.join(NATIONS)}",
            )
        if not head.get("version"):
            out.add(
                path,
                head.line,
                "",
                "the rulebook has no version",
                'add version: "Adopted 10 October 2024"',
            )
        doc = source.get("document")
        if not doc:
            out.add(
                path,
                head.line_of("source"),
                "source",
                "no source document",
                "add source: {document: sources/NAME.txt, title: ...}",
            )
        else:
            source_document = folder / str(doc)
            if not source_document.is_file():
                out.add(
                    path,
                    head.line_of("source"),
                    "source",
                    f"the source document {doc} does not exist",
                )
                source_document = None
    dates = {
        k: _date(head.get(k), path, head.line_of(k), k, out)
        for k in ("adopted", "reviewed", "review_due")
    }

    if source_document is not None:
        text = SourceText(source_document)
        for cid, clause in list(clauses.items()):
            if not clause.quote:
                continue
            lines = text.find(clause.quote)
            if not lines:
                out.add(
                    clause.origin,
                    clause.yaml_line,
                    f"clause {cid!r}",
                    f"its quote {clause.quote!r} is not in {source_document.name}",
                    "copy a few words exactly from the clause in the source (or replace the "
                    "inherited clause if this council's wording differs)",
                )
            elif len(lines) > 1:
                out.add(
                    clause.origin,
                    clause.yaml_line,
                    f"clause {cid!r}",
                    f"its quote appears {len(lines)} times in {source_document.name} (lines "
                    f"{', '.join(map(str, lines))})",
                    "quote a few more words so it is unique",
                )
            else:
                clauses[cid] = _with_line(clause, lines[0])

    if out.problems:
        raise RulebookError(out.problems)
    return Rulebook(
        id=name,
        title=str(head.get("title") or name),
        abstract=abstract,
        extends=str(head["extends"]) if head.get("extends") else None,
        chain=tuple(r.id for r in chain),
        council_name=str(council.get("name", "")),
        kind=kind,
        nation=nation if nation in NATIONS else "england",
        adopted=dates["adopted"],
        reviewed=dates["reviewed"],
        review_due=dates["review_due"],
        review_due_text=str(head["review_due_text"]) if head.get("review_due_text") else None,
        version=str(head.get("version") or ""),
        supersedes=str(head["supersedes"]) if head.get("supersedes") else None,
        source_document=source_document,
        source_title=str(source.get("title", "")),
        roles=roles,
        settings=settings,
        clauses=clauses,
        provisions=tuple(provisions.values()),
        path=path,
        own_provisions=frozenset(own_provisions),
        scope=scope,
    )


def _scope(chain: list[_Raw], clauses: Mapping[str, Clause], out: _Collector) -> tuple[str, ...]:
    """The nearest ``scope:`` in the chain: the clauses saying what the protocol covers."""
    for raw in chain:
        if "scope" not in raw.data:
            continue
        ids = tuple(str(c) for c in _as_list(raw.data.get("scope")))
        for cid in ids:
            if cid not in clauses:
                out.add(
                    raw.path,
                    raw.data.line_of("scope"),
                    "scope",
                    f"names clause {cid!r}, which the rulebook does not have",
                    _suggest(cid, clauses) or "name the clause that says what the protocol covers",
                )
        return ids
    return ()


def _with_line(clause: Clause, line: int) -> Clause:
    return Clause(
        clause.id,
        clause.heading,
        clause.says,
        clause.quote,
        clause.status,
        clause.guidance,
        clause.applies_to,
        clause.when,
        clause.origin,
        clause.yaml_line,
        line,
    )
