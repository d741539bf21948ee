"""JSON Schemas for ``propriety decide`` and the reference page docs/decide.md.

Both are generated from the question catalogue so they cannot drift from it:

    python -m propriety.protocol._schemas --write   # regenerate
    python -m propriety.protocol._schemas --check   # what the tests run
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from propriety.protocol import rulebook, rulebook_names
from propriety.protocol._paths import example_names
from propriety.protocol._questions import PERSON_KINDS, QUESTIONS, Fact, Question
from propriety.protocol._rulebook import Rulebook

ROOT = Path(__file__).resolve().parents[3]
SCHEMAS = ROOT / "schemas"
DOC = ROOT / "docs" / "decide.md"
BASE_URI = "https://propriety.invalid/schemas/"

PERSON = {
    "type": "object",
    "required": ["name", "kind"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "kind": {"enum": list(PERSON_KINDS)},
        "role": {"type": "string"},
    },
    "additionalProperties": False,
}


def fact_schema(fact: Fact) -> dict[str, Any]:
    schema: dict[str, Any]
    if fact.type == "bool":
        schema = {"type": "boolean"}
    elif fact.type == "enum":
        schema = {"enum": list(fact.choices)}
    elif fact.type == "date":
        schema = {"type": "string", "format": "date"}
    elif fact.type == "int":
        schema = {"type": "integer", "minimum": 0}
    elif fact.type == "text":
        schema = {"type": ["string", "null"]}
    elif fact.type == "person":
        schema = {"anyOf": [PERSON, {"type": "null"}]}
    else:
        schema = {"type": "array", "items": PERSON}
    schema["description"] = fact.description
    if fact.default not in (None, (), ""):
        schema["default"] = fact.default
    return schema


def question_schema(q: Question, *, embedded: bool = False) -> dict[str, Any]:
    facts = {
        "type": "object",
        "properties": {f.name: fact_schema(f) for f in q.facts},
        "additionalProperties": False,
    }
    required = [f.name for f in q.facts if f.required]
    if required:
        facts["required"] = required
    head: dict[str, Any] = (
        {}
        if embedded
        else {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{BASE_URI}questions/{q.name}.json",
        }
    )
    return {
        **head,
        "title": q.name,
        "description": q.summary,
        "type": "object",
        "required": ["question"] + (["facts"] if required else []),
        "properties": {
            "question": {"const": q.name},
            "facts": facts,
            "as_of": {"type": "string", "format": "date"},
            "settings": {
                "type": "object",
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
        },
        "additionalProperties": False,
    }


def rulebook_schema(rb: Rulebook) -> dict[str, Any]:
    """A question for ``propriety decide --rulebook ID``: only the questions the
    rulebook answers, each with the facts the rulebook declares."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}rulebooks/{rb.id}.json",
        "title": f"A question for propriety decide --rulebook {rb.id}",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in rb.questions],
        "$defs": {name: question_schema(rb.question(name), embedded=True) for name in rb.questions},
    }


def _concrete_rulebooks() -> list[Rulebook]:
    """Every council's rulebook, then the examples (rulebooks/examples/)."""
    names = rulebook_names() + example_names()
    return [rb for rb in (rulebook(n) for n in names) if not rb.abstract]


def request_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}request.json",
        "title": "A question for propriety decide",
        "oneOf": [{"$ref": f"questions/{name}.json"} for name in QUESTIONS],
    }


def decision_schema() -> dict[str, Any]:
    role = {
        "type": "object",
        "required": ["role", "title"],
        "properties": {"role": {"type": "string"}, "title": {"type": "string"}},
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}decision.json",
        "title": "A decision from propriety decide",
        "type": "object",
        "required": [
            "question",
            "outcome",
            "citations",
            "obligations",
            "route",
            "deadline",
            "explanation",
            "rulebook",
            "rulebook_version",
            "as_of",
        ],
        "properties": {
            "question": {"enum": list(QUESTIONS)},
            "outcome": {"enum": ["allow", "refuse", "refer", "put_right"]},
            "citations": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["rulebook", "clause", "provision", "says", "source_line"],
                    "properties": {
                        "rulebook": {"type": "string"},
                        "clause": {"type": "string"},
                        "provision": {"type": "string"},
                        "says": {"type": "string"},
                        "source_line": {"type": "integer"},
                    },
                },
            },
            "obligations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "text", "clauses"],
                    "properties": {
                        "id": {"type": "string"},
                        "text": {"type": "string"},
                        "clauses": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "route": {
                "anyOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["now", "next"],
                        "properties": {"now": role, "next": {"type": "array", "items": role}},
                    },
                ]
            },
            "refer_to": {"anyOf": [{"type": "null"}, role]},
            "recommendation": {"enum": ["allow", "refuse", None]},
            "facts_that_matter": {"type": ["object", "array"]},
            "deadline": {
                "anyOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["date", "working_days", "from", "explanation"],
                        "properties": {
                            "date": {"type": "string", "format": "date"},
                            "working_days": {"type": "integer"},
                            "from": {"type": "string", "format": "date"},
                            "nation": {"type": "string"},
                            "bank_holidays_skipped": {"type": "array", "items": {"type": "string"}},
                            "explanation": {"type": "string"},
                        },
                    },
                ]
            },
            "explanation": {"type": "string"},
            "guidance": {"type": "array"},
            "effects": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["effect", "clauses"],
                    "properties": {
                        "effect": {"type": "string"},
                        "clauses": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "rulebook": {"type": "string"},
            "rulebook_version": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
        },
    }


def _value(fact: Fact) -> str:
    if fact.type == "enum":
        return " \\| ".join(f"`{c}`" for c in fact.choices)
    return {
        "bool": "`true` \\| `false`",
        "date": "date `YYYY-MM-DD`",
        "people": "list of people",
        "person": "a person",
        "text": "text",
        "int": "number",
    }[fact.type]


def _default(fact: Fact) -> str:
    if fact.required:
        return "**required**"
    if fact.default is None or fact.default in ((), ""):
        return "—"
    if isinstance(fact.default, bool):
        return f"`{str(fact.default).lower()}`"
    return f"`{fact.default}`"


def decide_doc() -> str:
    out = [
        "# `propriety decide`: the questions and their facts",
        "",
        "<!-- Generated from src/propriety/protocol/_questions/ by",
        "     `python -m propriety.protocol._schemas --write`; do not edit by hand. -->",
        "",
        "`propriety decide --rulebook NAME [--as-of DATE]` reads one question as JSON on",
        "standard input and prints the decision as JSON. Several questions, one JSON object",
        "per line (JSON Lines), give one decision per line. Bad input gets an error naming",
        "the field and a non-zero exit (2).",
        "",
        '    echo \'{"question": "document.access", "facts": {"classification": "exempt"}}\' \\',
        "      | propriety decide --rulebook acses-town --as-of 2026-11-22",
        "",
        'A question is `{"question": TYPE, "facts": {...}, "as_of": DATE?, "settings": {...}?}`.',
        "`settings` overrides the council's settings for this question (e.g.",
        '`{"respond_working_days": 15}`). Facts left out take their defaults. The schemas',
        "are in `schemas/` (`request.json`, `questions/<type>.json`, `decision.json`).",
        "",
        "## The decision",
        "",
        "| key | meaning |",
        "|---|---|",
        "| `outcome` | `allow`; `refuse`; `refer` (the protocol leaves it to a named person); or `put_right`: allowed once put right, it may go once the `obligations` (the steps that put it right, e.g. add the CC line) are done, where a `refuse` is a prohibition |",
        "| `citations` | every clause that produced the decision: `rulebook`, `clause`, `provision`, `says`, `source_line` |",
        "| `obligations` | what the person must still do: `id`, `text`, `clauses` |",
        "| `route` | who handles it now (`now`) and who next (`next`), as roles with the council's titles |",
        "| `refer_to`, `recommendation`, `facts_that_matter` | for a referral: who decides, what the engine recommends (never an automatic yes), and the facts that bear on it |",
        "| `deadline` | a working-day clock where the protocol or the council sets one, with its explanation in words |",
        "| `explanation` | one or two plain-English sentences |",
        "| `guidance` | advice from the protocol that applies at this moment (not part of the decision) |",
        "| `effects` | effects of the question that the rulebook states (listed per question below), each with its clauses |",
        "| `rulebook`, `rulebook_version`, `as_of` | what the answer was given under |",
        "",
        "Which questions a rulebook answers: `propriety rulebook show NAME`.",
        "",
        "## Questions",
    ]
    for q in QUESTIONS.values():
        out += ["", f"### `{q.name}`", "", q.summary, ""]
        if q.facts:
            out += ["| fact | values | default | meaning |", "|---|---|---|---|"]
            out += [
                f"| `{f.name}` | {_value(f)} | {_default(f)} | {f.description} |" for f in q.facts
            ]
        else:
            out.append("No facts: the engine uses the rulebook's own dates.")
        if q.derived:
            out += [
                "",
                "Worked out by the engine (rulebooks may test them; callers leave them out):",
                "",
            ]
            out += [f"- `{f.name}`: {f.description}" for f in q.derived]
        if q.effects:
            out += ["", "Effects a provision may state (`effects: [...]`):", ""]
            out += [f"- `{name}`: {meaning}" for name, meaning in q.effects.items()]
        example = {"question": q.name, "facts": dict(q.example)}
        out += ["", "Example:", "", "```json", json.dumps(example, ensure_ascii=False), "```"]
    out += _declared_doc()
    return "\n".join(out) + "\n"


def _declared_doc() -> list[str]:
    out = [
        "",
        "## Facts each rulebook declares",
        "",
        "A rulebook may add facts of its own to a question (docs/rulebooks.md §4a). Ask them",
        "like the catalogue's facts, with that rulebook: `schemas/rulebooks/<id>.json` is the",
        "schema of a question for each rulebook, with only the questions it answers.",
    ]
    for rb in _concrete_rulebooks():
        declared = {q: facts for q, facts in rb.declared_facts.items() if facts}
        out += ["", f"### `{rb.id}`", ""]
        if not declared:
            out.append("Declares no facts of its own.")
            continue
        for qname, facts in declared.items():
            out += [
                f"`{qname}`:",
                "",
                "| fact | values | default | asked as |",
                "|---|---|---|---|",
            ]
            out += [
                f"| `{f.name}` | {'worked out: ' if f.derived else ''}{_value(f)} | "
                f"{_default(f)} | {f.ask or f.description} |"
                for f in facts
            ]
            out.append("")
    return out


def outputs() -> dict[Path, str]:
    files: dict[Path, str] = {
        SCHEMAS / "request.json": json.dumps(request_schema(), indent=2) + "\n",
        SCHEMAS / "decision.json": json.dumps(decision_schema(), indent=2) + "\n",
        DOC: decide_doc(),
    }
    for q in QUESTIONS.values():
        files[SCHEMAS / "questions" / f"{q.name}.json"] = (
            json.dumps(question_schema(q), indent=2, ensure_ascii=False) + "\n"
        )
    for rb in _concrete_rulebooks():
        files[SCHEMAS / "rulebooks" / f"{rb.id}.json"] = (
            json.dumps(rulebook_schema(rb), indent=2, ensure_ascii=False) + "\n"
        )
    return files


def main(argv: list[str]) -> int:
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if "--write" in argv:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if stale and "--write" not in argv:
        print("Out of date (run python -m propriety.protocol._schemas --write):")
        for path in stale:
            print(f"  {path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
