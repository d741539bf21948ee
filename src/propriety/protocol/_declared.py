"""Facts a rulebook declares: what a council's protocol turns on beyond the catalogue.

A rulebook (or the model it extends) may add facts to a question under
``facts:`` (docs/rulebooks.md §4a). A *given* fact is put to a person: it has
a type (``boolean``, ``choice`` or ``date``), a default, the plain-English
question (``ask``) and optional help. A *derived* fact is worked out from the
facts the question already carries (``true_when``: one condition, or a list
of conditions of which any may hold), so a provision can read the way its
clause does ("copied to anyone other than the author"). Provisions test
declared facts like the catalogue's own; the engine fills defaults and works
out derived ones before it decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from propriety.protocol._compiled import tester
from propriety.protocol._parsing import parse_condition
from propriety.protocol._problems import Collector, as_list, suggest
from propriety.protocol._questions import QUESTIONS, Fact, FactValue, Question
from propriety.protocol._yaml import Node, NodeList

TYPES = {"boolean": "bool", "choice": "enum", "date": "date"}
_GIVEN_KEYS = {"name", "type", "values", "default", "ask", "help", "says"}
_DERIVED_KEYS = {"name", "says", "true_when"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

# A declaration as read: the fact, its YAML node, its line and its file.
Declared = tuple[Fact, Any, int, Path]
# A declared derived fact: its name and the conditions of which any makes it true.
Derivation = tuple[str, tuple[Mapping[str, frozenset[Any]], ...]]


def parse_declared(
    data: Node,
    rulebook_id: str,
    path: Path,
    declared: dict[str, dict[str, Declared]],
    out: Collector,
) -> None:
    """Read one file's ``facts:`` into ``declared`` (question -> name -> declaration).

    A later file (a child rulebook) may redeclare a fact of the model it extends."""
    raw = data.get("facts")
    if raw is None:
        return
    if not isinstance(raw, dict):
        out.add(path, data.line_of("facts"), "facts", "facts must map a question to a list")
        return
    for qname, items in raw.items():
        qline = raw.line_of(qname) if isinstance(raw, Node) else 0
        question = QUESTIONS.get(str(qname))
        if question is None:
            out.add(
                path,
                qline,
                "facts",
                f"unknown question {qname!r}",
                suggest(str(qname), QUESTIONS) or f"questions: {', '.join(QUESTIONS)}",
            )
            continue
        mine = declared.setdefault(question.name, {})
        for index, item in enumerate(as_list(items)):
            line = items.item_lines[index] if isinstance(items, NodeList) else qline
            fact = _parse_one(item, question, rulebook_id, path, line, out)
            if fact is None:
                continue
            if question.fact(fact.name) is not None:
                out.add(
                    path,
                    line,
                    f"fact {fact.name!r}",
                    f"{question.name} already has a fact {fact.name!r}",
                    "use the catalogue's fact (docs/decide.md) or choose another name",
                )
                continue
            mine[fact.name] = (fact, item, line, path)


def _parse_one(
    item: Any, question: Question, rulebook_id: str, path: Path, line: int, out: Collector
) -> Fact | None:
    if not isinstance(item, Node):
        out.add(path, line, "facts", "each declared fact must be a mapping with name, type, ask")
        return None
    name = item.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        out.add(
            path,
            item.line,
            "facts",
            f"a declared fact needs a name in lower case with underscores, not {name!r}",
            "add name: copied_to_a_resident",
        )
        return None
    where = f"fact {name!r}"
    derived = "true_when" in item
    keys = _DERIVED_KEYS if derived else _GIVEN_KEYS
    for key in item:
        if key not in keys:
            hint = (
                "a derived fact (true_when) takes only name, says and true_when"
                if derived
                else suggest(key, keys)
            )
            out.add(path, item.line_of(key), where, f"unknown key {key!r}", hint)
    says = item.get("says") or item.get("ask") or ""
    if not isinstance(says, str):
        out.add(path, item.line, where, "says must be text")
        says = ""
    if derived:
        if not says:
            out.add(path, item.line, where, "say what the derived fact means", "add says: ...")
        return Fact(name, "bool", says, default=False, derived=True, declared_by=rulebook_id)
    type_ = TYPES.get(str(item.get("type")))
    if type_ is None:
        out.add(
            path,
            item.line_of("type") or item.line,
            where,
            f"type cannot be {item.get('type')!r}",
            f"use one of: {', '.join(TYPES)} (or true_when: for a fact worked out from others)",
        )
        return None
    ask = item.get("ask")
    if not isinstance(ask, str) or not ask.strip():
        out.add(
            path,
            item.line,
            where,
            "a declared fact needs the question to put to a person",
            'add ask: "Is the reply copied to anyone else?"',
        )
        ask = name.replace("_", " ")
    help_text = item.get("help") or ""
    if not isinstance(help_text, str):
        out.add(path, item.line_of("help"), where, "help must be text")
        help_text = ""
    choices: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    if type_ == "enum":
        values = item.get("values")
        if isinstance(values, dict):
            labels = tuple((str(k), str(v)) for k, v in values.items())
            choices = tuple(k for k, _ in labels)
        elif isinstance(values, list):
            choices = tuple(str(v) for v in values)
        if len(choices) < 2 or len(set(choices)) != len(choices):
            out.add(
                path,
                item.line_of("values") or item.line,
                where,
                "a choice needs two or more different values",
                "add values: [complaint, service_request] (or value: words shown)",
            )
            return None
    elif "values" in item:
        out.add(path, item.line_of("values"), where, "values are only for type: choice")
    default = _default(item, type_, choices, path, where, out)
    return Fact(
        name,
        type_,
        says or ask,
        choices=choices,
        default=default,
        ask=ask,
        help=help_text,
        labels=labels,
        declared_by=rulebook_id,
    )


def _default(
    item: Node, type_: str, choices: tuple[str, ...], path: Path, where: str, out: Collector
) -> FactValue:
    line = item.line_of("default") or item.line
    value = item.get("default")
    if type_ == "bool":
        if value is None:
            return False
        if not isinstance(value, bool):
            out.add(path, line, where, "the default of a boolean is true or false")
            return False
        return value
    if type_ == "enum":
        if value is None:
            return choices[0]
        if str(value) not in choices:
            out.add(path, line, where, f"the default {value!r} is not one of {', '.join(choices)}")
            return choices[0]
        return str(value)
    if value is not None:
        out.add(path, line, where, "a date fact has no default", "remove default:")
    return None


def build_questions(
    declared: Mapping[str, Mapping[str, Declared]],
    out: Collector,
) -> dict[str, Question]:
    """The catalogue's questions with each rulebook-declared fact added (only those
    questions that gained facts), derived facts compiled into the question's derive."""
    result: dict[str, Question] = {}
    for qname, facts in declared.items():
        if not facts:
            continue
        base = QUESTIONS[qname]
        given = tuple(d[0] for d in facts.values() if not d[0].derived)
        question = replace(base, facts=base.facts + given)
        derivations: list[Derivation] = []
        for fact, raw, line, path in facts.values():
            if not fact.derived:
                continue
            # A derived fact may use the catalogue's facts and those declared before it.
            conditions = []
            for cond in as_list(raw.get("true_when")):
                parsed = parse_condition(cond, question, path, line, f"fact {fact.name!r}", out)
                conditions.append(parsed)
            if not conditions:
                out.add(path, line, f"fact {fact.name!r}", "true_when needs a condition")
            derivations.append((fact.name, tuple(conditions)))
            question = replace(question, derived=(*question.derived, fact))
        result[qname] = replace(
            question,
            derive=deriver(base.derive, tuple(derivations)),
            derivations=tuple(derivations),
        )
    return result


def deriver(
    base: Callable[[dict[str, FactValue], dt.date], None] | None,
    derivations: tuple[Derivation, ...],
) -> Callable[[dict[str, FactValue], dt.date], None] | None:
    """``base`` (the catalogue's derive, or the part of it a rulebook reads) then each
    declared derived fact in turn: true where any of its conditions holds, tried in
    order. This runs on every decision, so it is compiled into one function of plain
    statements (``facts[n0] = g0(facts) in a0 or ...``), the names, getters and allowed
    values passed in rather than written into its text."""
    if not derivations:
        return base
    names: dict[str, Any] = {"base": base}
    lines = ["def derive(facts, as_of):"]
    if base is not None:
        lines.append("    base(facts, as_of)")
    for i, (name, conditions) in enumerate(derivations):
        names[f"n{i}"] = name
        tests = []
        for j, condition in enumerate(conditions):
            test = tester(condition)
            if test is None:  # no condition: true, and those after it are not tried
                tests.append("True")
                break
            names[f"g{i}_{j}"], names[f"a{i}_{j}"] = test
            tests.append(f"g{i}_{j}(facts) in a{i}_{j}")
        lines.append(f"    facts[n{i}] = {' or '.join(tests) or 'False'}")
    exec("\n".join(lines), names)  # noqa: S102 - the text above names no data
    derive: Callable[[dict[str, FactValue], dt.date], None] = names["derive"]
    return derive
