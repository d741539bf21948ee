"""The JSON Schemas and docs/decide.md agree with the question catalogue, and
real decisions validate against the decision schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from referencing import Registry, Resource

from propriety.protocol import QUESTIONS, engine_for, rulebook, rulebook_names, validate_facts
from propriety.protocol._schemas import SCHEMAS, main

pytestmark = pytest.mark.core


def test_generated_files_are_up_to_date() -> None:
    assert main([]) == 0, "run: python -m propriety.protocol._schemas --write"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_each_example_is_valid_for_its_schema_and_the_engine(name: str) -> None:
    q = QUESTIONS[name]
    request = {"question": name, "facts": dict(q.example)}
    if name == "enquiry.response_target":
        request["facts"]["received_on"] = "2026-12-23"
    schema = json.loads((SCHEMAS / "questions" / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(request, schema)
    validate_facts(name, request["facts"])


def test_request_schema_rejects_unknown_fact() -> None:
    schema = json.loads((SCHEMAS / "request.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, registry=_registry())
    validator.validate({"question": "protocol.review", "facts": {}})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"question": "document.access", "facts": {"secret": True}})


def test_decisions_match_the_decision_schema() -> None:
    schema = json.loads((SCHEMAS / "decision.json").read_text(encoding="utf-8"))
    checked = 0
    for name in rulebook_names():
        rb = rulebook(name)
        if rb.abstract:
            continue
        for question in rb.questions:
            facts = dict(QUESTIONS[question].example)
            if question == "enquiry.response_target":
                facts["received_on"] = "2026-12-23"
            facts = validate_facts(question, facts)
            decision = engine_for(name).decide(question, facts, as_of=dt.date(2026, 11, 22))
            data = decision.as_dict(facts)
            jsonschema.validate(data, schema)
            for obligation in data["obligations"]:
                assert obligation["clauses"] and all(c in rb.clauses for c in obligation["clauses"])
            checked += 1
    assert checked >= 10
