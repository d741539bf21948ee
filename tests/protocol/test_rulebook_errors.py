"""Loading errors name the file, the line and the clause, and say how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from propriety.protocol import RulebookError, load_rulebook
from tests.protocol.conftest import FIXTURES

pytestmark = pytest.mark.core

BASE = (FIXTURES / "testford.yaml").read_text(encoding="utf-8")


def _load_variant(tmp_path: Path, text: str, name: str = "testford") -> RulebookError:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "testford.txt").write_text(
        (FIXTURES / "sources" / "testford.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(name, tmp_path)
    return info.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_overlapping_provisions_without_priority_name_both_clauses(tmp_path: Path) -> None:
    text = BASE.replace("    priority: 10\n", "").replace(
        "when: {on_owning_committee: false, classification: [exempt, confidential]}",
        "when: {classification: [exempt, confidential]}",
    )
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "access.exempt" in problem.where
    assert "access.member" in problem.message
    assert "§1" in problem.message and "§2" in problem.message
    assert "higher priority" in problem.fix
    assert problem.line == _line_of(text, "name: access.exempt")
    assert str(problem).startswith(f"{tmp_path / 'testford.yaml'}:{problem.line}:")


def test_unknown_clause_citation_suggests_the_right_one(tmp_path: Path) -> None:
    text = BASE.replace('cites: ["§2"]', 'cites: ["§22"]')
    error = _load_variant(tmp_path, text)
    assert any("cites clause '§22'" in p.message and "'§2'" in p.fix for p in error.problems)


def test_unknown_fact_in_condition(tmp_path: Path) -> None:
    text = BASE.replace("when: {on_owning_committee: true}", "when: {on_owning_comittee: true}")
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "has no fact 'on_owning_comittee'" in problem.message
    assert "on_owning_committee" in problem.fix
    assert problem.line == _line_of(text, "on_owning_comittee")


def test_value_outside_the_domain(tmp_path: Path) -> None:
    error = _load_variant(tmp_path, BASE.replace("[exempt, confidential]", "[exempt, secret]"))
    assert any("classification cannot be 'secret'" in p.message for p in error.problems)


def test_quote_not_in_source(tmp_path: Path) -> None:
    text = BASE.replace('quote: "may not see exempt"', 'quote: "may never see exempt"')
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert problem.where == "clause '§2'"
    assert "not in testford.txt" in problem.message


def test_missing_default_fails_closed(tmp_path: Path) -> None:
    text = BASE.replace(
        '  - name: speaker.default\n    question: press.spokesperson\n    cites: ["§4"]\n    default: true\n    outcome: refuse\n',
        "",
    )
    error = _load_variant(tmp_path, text)
    assert any(
        "no default provision" in p.message and "press.spokesperson" in p.where
        for p in error.problems
    )


def test_duplicate_yaml_keys_are_an_error(tmp_path: Path) -> None:
    text = BASE.replace("version: v1\n", "version: v1\nversion: v2\n")
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "appears twice" in problem.message
    assert problem.line == _line_of(text, "version: v2")


def test_guidance_needs_text_and_questions(tmp_path: Path) -> None:
    text = BASE.replace("    guidance: Only the chair speaks for the council.\n", "")
    error = _load_variant(tmp_path, text)
    assert any("needs the guidance text" in p.message for p in error.problems)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE.replace("nation: england", "nation: cornwall").replace(
        "outcome: allow\n    obligations", "outcome: maybe\n    obligations"
    )
    error = _load_variant(tmp_path, text)
    messages = " | ".join(p.message for p in error.problems)
    assert "nation cannot be 'cornwall'" in messages
    assert "outcome cannot be 'maybe'" in messages


def test_extends_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rulebook: a\nextends: b\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rulebook: b\nextends: a\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="in a circle"):
        load_rulebook("a", tmp_path)


def test_unknown_rulebook_suggests(tmp_path: Path) -> None:
    (tmp_path / "testford.yaml").write_text("rulebook: testford\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="did you mean 'testford'"):
        load_rulebook("testfrod", tmp_path)


def test_scope_naming_an_unknown_clause_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("title:", 'scope: ["§99"]\ntitle:', 1)
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert problem.where == "scope"
    assert "'§99'" in problem.message


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("acses-town", ("Introduction ¶1",)),
        ("ludlow", ("§3",)),
        ("part5-district", ("§1.2",)),
        ("grantham", ("This Protocol covers ¶1.1",)),
    ],
)
def test_each_seed_names_its_scope_clause(name: str, scope: tuple[str, ...]) -> None:
    from propriety.protocol import rulebook

    assert rulebook(name).scope[: len(scope)] == scope


def test_an_unknown_role_lists_the_valid_roles(tmp_path: Path) -> None:
    text = BASE.replace("refer_to: proper_officer", "refer_to: town_clerk", 1)
    error = _load_variant(tmp_path, text)
    [problem] = [p for p in error.problems if "unknown role" in p.message]
    assert "'town_clerk'" in problem.message
    assert "proper_officer" in problem.fix and "monitoring_officer" in problem.fix


def test_a_clash_within_one_clause_says_so_rather_than_naming_it_twice(tmp_path: Path) -> None:
    text = (
        BASE.replace("    priority: 10\n", "")
        .replace(
            "when: {on_owning_committee: false, classification: [exempt, confidential]}",
            "when: {classification: [exempt, confidential]}",
        )
        .replace(
            'cites: ["§2"]\n    when: {classification', 'cites: ["§1"]\n    when: {classification'
        )
    )
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "both cite §1" in problem.message
    assert "§1 and §1" not in problem.message


def test_calendar_day_clocks_are_refused_with_what_to_write_instead(tmp_path: Path) -> None:
    text = BASE.replace(
        "    outcome: allow\n    obligations: [{id: use-for-purpose",
        "    outcome: allow\n    deadline: {calendar_days: 14}\n    obligations: [{id: use-for-purpose",
        1,
    )
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "calendar-day clocks are not supported" in problem.message
    assert "working_days" in problem.fix


def test_a_clause_cut_off_in_the_source_has_its_own_status(tmp_path: Path) -> None:
    from propriety.protocol._reports import coverage_summary

    clause = (
        '  - {id: "§9", heading: Lost, says: the text stops here, status: incomplete, '
        "note: The source ends mid-sentence.}\n"
    )
    text = BASE.replace("provisions:\n", clause + "provisions:\n", 1)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "testford.txt").write_text(
        (FIXTURES / "sources" / "testford.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "testford.yaml").write_text(text, encoding="utf-8")
    rb = load_rulebook("testford", tmp_path)
    assert rb.clauses["§9"].status == "incomplete"
    assert rb.clauses["§9"].note == "The source ends mid-sentence."
    summary = coverage_summary(rb)
    assert summary["incomplete"] == 1 and summary["unaccounted"] == 0
    no_note = text.replace(" note: The source ends mid-sentence.", "")
    error = _load_variant(tmp_path, no_note)
    assert any("needs a note" in p.message for p in error.problems)


def test_an_unknown_effect_names_the_questions_effects(tmp_path: Path) -> None:
    text = BASE.replace(
        "    outcome: allow\n    obligations: [{id: use-for-purpose",
        "    outcome: allow\n    effects: [open_on_need_to_know]\n    obligations: [{id: use-for-purpose",
        1,
    )
    error = _load_variant(tmp_path, text)
    [problem] = error.problems
    assert "document.access has no effect 'open_on_need_to_know'" in problem.message
    assert "none" in problem.fix
