"""The core's command line: decide and rulebook, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from propriety.cli import main

pytestmark = pytest.mark.core


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_decide_one_question_prints_the_documented_keys() -> None:
    code, out, _ = run(
        ["decide", "--rulebook", "ludlow", "--as-of", "2026-11-22"],
        json.dumps({"question": "protocol.review", "facts": {}}),
    )
    assert code == 0
    decision = json.loads(out)
    for key in (
        "outcome",
        "citations",
        "obligations",
        "route",
        "deadline",
        "explanation",
        "rulebook",
        "rulebook_version",
    ):
        assert key in decision
    assert decision["rulebook"] == "ludlow"
    assert decision["citations"] and all(c["rulebook"] == "ludlow" for c in decision["citations"])


def test_decide_json_lines_one_decision_per_line() -> None:
    lines = "\n".join(
        json.dumps(q)
        for q in (
            {"question": "protocol.review", "facts": {}},
            {
                "question": "enquiry.response_target",
                "facts": {"clock": "respond", "received_on": "2026-12-23"},
            },
        )
    )
    code, out, _ = run(["decide", "--rulebook", "ludlow", "--as-of", "2026-11-22"], lines)
    assert code == 0
    decisions = [json.loads(line) for line in out.splitlines()]
    assert len(decisions) == 2
    assert decisions[1]["deadline"]["date"] == "2027-01-11"
    assert (
        "not counting 25 and 28 December and 1 January" in decisions[1]["deadline"]["explanation"]
    )


def test_decide_bad_fact_names_the_field_and_fails() -> None:
    code, _out, err = run(
        ["decide", "--rulebook", "ludlow"],
        json.dumps({"question": "enquiry.response_target", "facts": {"recieved_on": "2026-12-23"}}),
    )
    assert code == 2
    assert "facts.recieved_on" in err and "received_on" in err


def test_decide_json_lines_reports_each_bad_line_and_exits_non_zero() -> None:
    lines = json.dumps({"question": "protocol.review"}) + "\n" + json.dumps({"question": "nope"})
    code, out, _err = run(["decide", "--rulebook", "ludlow"], lines)
    assert code == 2
    first, second = (json.loads(x) for x in out.splitlines())
    assert first["outcome"] in ("allow", "refer")
    assert second["field"] == "question" and second["line"] == 2


@pytest.mark.parametrize(
    ("stdin", "message"),
    [("", "no input"), ("{not json", "not valid JSON"), ("[1]", "expected an object")],
)
def test_decide_rejects_bad_input(stdin: str, message: str) -> None:
    code, _, err = run(["decide", "--rulebook", "ludlow"], stdin)
    assert code == 2 and message in err


def test_decide_unknown_rulebook() -> None:
    code, _, err = run(["decide", "--rulebook", "atlantis"], "{}")
    assert code == 2 and "no rulebook 'atlantis'" in err


def test_rulebook_list_json() -> None:
    code, out, _ = run(["rulebook", "list", "--json"])
    assert code == 0
    rows = {r["rulebook"]: r for r in json.loads(out)}
    assert rows["ludlow"]["council"] == "Ludlow Town Council"


def test_rulebook_coverage_json_shape() -> None:
    code, out, _ = run(["rulebook", "coverage", "ludlow", "--json"])
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "rulebook",
        "clauses",
        "encoded",
        "guidance",
        "principle",
        "incomplete",
        "unaccounted",
        "cli_only",
        "items",
    }
    assert data["unaccounted"] == 0
    assert data["clauses"] == len(data["items"])


@pytest.mark.parametrize(
    "name", ["grantham", "west-mersea", "ludlow", "part5-district", "acses-town"]
)
def test_every_encoded_or_guidance_clause_is_asked_by_an_app_flow(name: str) -> None:
    """Issue 12's measure: no clause the rulebook encodes is reachable only from the CLI."""
    code, out, _ = run(["rulebook", "coverage", name, "--json"])
    assert code == 0
    data = json.loads(out)
    missing = [i["clause"] for i in data["items"] if i.get("asked_by_app") is False]
    assert data["cli_only"] == len(missing) == 0, missing
    assert all(i["flows"] for i in data["items"] if i["status"] in ("encoded", "guidance"))


def test_coverage_counts_clauses_no_flow_asks() -> None:
    from propriety.protocol import rulebook
    from propriety.protocol._reports import coverage_summary

    rb = rulebook("ludlow")
    without_reports = coverage_summary(rb, {"enquiry.route": ["enquiries:new"]})
    unreached = {i["clause"] for i in without_reports["items"] if i.get("asked_by_app") is False}
    assert {"§4.4.2", "§4.4.3", "§4.3.1(a)"} <= unreached
    assert without_reports["cli_only"] == len(unreached)
    # Principles are never counted: no question reaches them by design.
    assert all(
        "asked_by_app" not in i for i in without_reports["items"] if i["status"] == "principle"
    )


def test_rulebook_render_has_every_clause_id() -> None:
    from propriety.protocol import rulebook

    code, out, _ = run(["rulebook", "render", "ludlow"])
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    for cid in rulebook("ludlow").clauses:
        assert f'id="{cid}"' in out.replace("&#x27;", "'")


def test_rulebook_diff_between_two_councils() -> None:
    code, out, _ = run(["rulebook", "diff", "ludlow", "part5-district", "--json"])
    assert code == 0
    d = json.loads(out)
    assert d["from"] == "ludlow" and d["to"] == "part5-district"
    assert d["provisions_added"] and d["provisions_removed"]


def test_rulebook_validate_and_show() -> None:
    code, out, _ = run(["rulebook", "validate", "ludlow"])
    assert code == 0 and "ludlow: valid" in out
    code, out, _ = run(["rulebook", "show", "ludlow"])
    assert code == 0 and "concern.route" in out


def test_validate_fails_a_rulebook_without_a_question_the_app_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from propriety.protocol import rulebook as cached

    source = Path(__file__).parent / "fixtures"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "testford.txt").write_text(
        (source / "sources" / "testford.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "testford.yaml").write_text(
        (source / "testford.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setenv("PROPRIETY_RULEBOOKS", str(tmp_path))
    cached.cache_clear()
    try:
        code, out, _ = run(["rulebook", "validate", "testford"])
    finally:
        cached.cache_clear()
    assert code == 1
    assert "app feature 'enquiries'" in out
    assert "enquiry.route, enquiry.escalation" in out
    assert "app feature 'concerns'" in out


def test_decide_refuses_json_nested_too_deep_in_one_line() -> None:
    """Deeply nested input raised RecursionError in the JSON parser: a traceback, not an error."""
    deep = "[" * 100_000 + "]" * 100_000
    for text in (deep, deep + "\n" + deep):
        code, out, err = run(["decide", "--rulebook", "ludlow"], text)
        assert code == 2, (code, out, err)
        assert "nested too deeply" in err
        assert "Traceback" not in out + err


def test_rulebook_render_to_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "ludlow.html"
    code, out, err = run(["rulebook", "render", "ludlow", "-o", str(target)])
    assert code == 2, (code, out, err)
    assert "Error: cannot write" in err and str(target) in err
    assert not target.exists()
