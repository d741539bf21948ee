"""Command-line commands that need only the pure core: ``decide`` and ``rulebook``.

Nothing here imports Django.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from propriety.protocol import (
    FactsError,
    RulebookError,
    UnansweredQuestion,
    engine_for,
    rulebook,
    rulebook_names,
    validate_facts,
)
from propriety.protocol._features import app_problems
from propriety.protocol._paths import example_names
from propriety.protocol._reports import coverage_summary, diff, diff_text, render_html


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _load(name: str) -> Any:
    if name not in rulebook_names() and name not in example_names():
        known = ", ".join(rulebook_names())
        _fail(f"there is no rulebook {name!r}. Known rulebooks: {known}")
    try:
        return rulebook(name)
    except RulebookError as exc:
        _fail(str(exc))


def _parse_date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FactsError(field, f"must be a date like 2026-11-22; got {value!r}") from None


def decide_one(name: str, request: Any, default_as_of: dt.date | None) -> dict[str, Any]:
    """Answer one JSON request ``{"question", "facts", "as_of"?, "settings"?}``."""
    if not isinstance(request, dict):
        raise FactsError(
            "(input)", 'expected an object like {"question": "document.access", "facts": {...}}'
        )
    unknown = set(request) - {"question", "facts", "as_of", "settings"}
    if unknown:
        raise FactsError(
            sorted(unknown)[0], "unknown key; the input takes question, facts, as_of and settings"
        )
    question = request.get("question")
    if not isinstance(question, str):
        raise FactsError("question", 'missing: say which question, e.g. "document.access"')
    facts = validate_facts(question, request.get("facts"), rulebook(name))
    as_of = _parse_date(request.get("as_of"), "as_of") or default_as_of
    settings = request.get("settings") or {}
    if not isinstance(settings, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in settings.values()
    ):
        raise FactsError("settings", "must be an object of setting: whole number of days")
    engine = engine_for(name)
    for key in settings:
        if key not in engine.rulebook.settings:
            raise FactsError(
                f"settings.{key}",
                f"{name} has no such setting; it has: {', '.join(engine.rulebook.settings)}",
            )
    decision = engine.decide(question, facts, as_of=as_of, settings=settings)
    return decision.as_dict(facts)


def register(group: click.Group) -> None:
    """Add the core's commands to the ``propriety`` command group."""

    @group.command()
    @click.option(
        "--rulebook", "name", required=True, help="The rulebook to answer from, e.g. acses-town."
    )
    @click.option("--as-of", "as_of", help="Answer as of this date (YYYY-MM-DD); default today.")
    def decide(name: str, as_of: str | None) -> None:
        """Answer protocol questions read as JSON from standard input.

        One JSON object in gives one decision out (pretty-printed). JSON Lines in
        (one question per line) gives one decision per line out. See docs/decide.md.
        """
        _load(name)
        try:
            default_as_of = _parse_date(as_of, "--as-of")
        except FactsError as exc:
            _fail(f"{exc.field} {exc.message}")
        text = sys.stdin.read()
        if not text.strip():
            _fail(
                'no input: give a question as JSON on standard input, e.g. {"question": "protocol.review", "facts": {}}'
            )
        try:
            requests = [json.loads(text)]
            single = True
        except RecursionError:
            _fail("the input is nested too deeply to be a question")
        except json.JSONDecodeError:
            single = False
            requests = []
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    requests.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    _fail(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
                except RecursionError:
                    _fail(f"line {number}: nested too deeply to be a question")
        failures = 0
        for number, request in enumerate(requests, start=1):
            try:
                result = decide_one(name, request, default_as_of)
            except (FactsError, UnansweredQuestion) as exc:
                failures += 1
                field = exc.field if isinstance(exc, FactsError) else "question"
                message = exc.message if isinstance(exc, FactsError) else str(exc)
                if single:
                    click.echo(json.dumps({"error": message, "field": field}), err=False)
                    _fail(f"{field}: {message}")
                click.echo(json.dumps({"error": message, "field": field, "line": number}))
                continue
            click.echo(json.dumps(result, indent=2 if single else None, ensure_ascii=False))
        if failures:
            _fail(
                f"{failures} of {len(requests)} question(s) could not be answered (see the error lines)"
            )

    @group.group(name="rulebook")
    def rulebook_group() -> None:
        """List, check, show, compare and render rulebooks."""

    @rulebook_group.command(name="list")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def list_(as_json: bool) -> None:
        """List the rulebooks."""
        rows = []
        for name in rulebook_names():
            try:
                rb = rulebook(name)
            except RulebookError as exc:
                rows.append({"rulebook": name, "valid": False, "problems": len(exc.problems)})
                continue
            rows.append(
                {
                    "rulebook": name,
                    "valid": True,
                    "abstract": rb.abstract,
                    "council": rb.council_name,
                    "kind": rb.kind,
                    "nation": rb.nation,
                    "extends": rb.extends,
                    "version": rb.version,
                    "adopted": rb.adopted.isoformat() if rb.adopted else None,
                    "review_due": rb.review_due.isoformat() if rb.review_due else None,
                    "clauses": len(rb.clauses),
                    "provisions": len(rb.provisions),
                    "questions": list(rb.questions),
                }
            )
        if as_json:
            click.echo(json.dumps(rows, indent=2))
            return
        for r in rows:
            if not r["valid"]:
                click.echo(
                    f"{r['rulebook']:<16} INVALID ({r['problems']} problems: run 'propriety rulebook validate {r['rulebook']}')"
                )
            elif r["abstract"]:
                click.echo(
                    f"{r['rulebook']:<16} model (abstract), {r['clauses']} clauses, {r['provisions']} provisions"
                )
            else:
                extends = f", extends {r['extends']}" if r["extends"] else ""
                click.echo(
                    f"{r['rulebook']:<16} {r['council']} — {r['version']}{extends}; "
                    f"{r['clauses']} clauses, {r['provisions']} provisions"
                )

    @rulebook_group.command()
    @click.argument("names", nargs=-1)
    def validate(names: tuple[str, ...]) -> None:
        """Check rulebooks (all of them if none named); exit non-zero on any problem."""
        bad = 0
        for name in names or tuple(rulebook_names()):
            if name not in rulebook_names() and name not in example_names():
                click.echo(f"{name}: there is no such rulebook", err=True)
                bad += 1
                continue
            try:
                rb = rulebook(name)
            except RulebookError as exc:
                bad += 1
                click.echo(f"{name}: {len(exc.problems)} problem(s)")
                for p in exc.problems:
                    click.echo(f"  {p}")
                continue
            needs = app_problems(rb)
            if needs:
                bad += 1
                click.echo(f"{name}: {len(needs)} question(s) the app needs are not answered:")
                for p in needs:
                    click.echo(f"  {p}")
                continue
            unaccounted = (
                []
                if rb.abstract
                else [i for i in coverage_summary(rb)["items"] if i["status"] == "unaccounted"]
            )
            if unaccounted:
                bad += 1
                click.echo(f"{name}: {len(unaccounted)} clause(s) unaccounted for:")
                for item in unaccounted:
                    clause = rb.clauses[item["clause"]]
                    click.echo(
                        f"  {clause.origin}:{clause.yaml_line}: clause {clause.id!r}: no provision cites it "
                        "and it is not marked guidance or principle. Fix: encode it, or add "
                        "status: guidance (with guidance and applies_to) or status: principle."
                    )
                continue
            click.echo(
                f"{name}: valid ({len(rb.clauses)} clauses, {len(rb.provisions)} provisions)"
            )
        if bad:
            sys.exit(1)

    @rulebook_group.command()
    @click.argument("name")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def show(name: str, as_json: bool) -> None:
        """Show a rulebook: its header, questions and provisions."""
        rb = _load(name)
        data = {
            "rulebook": rb.id,
            "title": rb.title,
            "council": rb.council_name,
            "kind": rb.kind,
            "nation": rb.nation,
            "extends": rb.extends,
            "version": rb.version,
            "adopted": rb.adopted.isoformat() if rb.adopted else None,
            "reviewed": rb.reviewed.isoformat() if rb.reviewed else None,
            "review_due": rb.review_due.isoformat() if rb.review_due else None,
            "supersedes": rb.supersedes,
            "source": str(rb.source_document.name) if rb.source_document else None,
            "roles": dict(rb.roles),
            "settings": {k: v.value for k, v in rb.settings.items()},
            "questions": list(rb.questions),
            "provisions": [
                {
                    "name": p.name,
                    "question": p.question,
                    "outcome": p.outcome or "advisory",
                    "cites": list(p.cites),
                }
                for p in rb.provisions
            ],
        }
        if as_json:
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        click.echo(f"{rb.title} — {rb.council_name or 'model'} ({rb.id})")
        for key in (
            "version",
            "adopted",
            "reviewed",
            "review_due",
            "supersedes",
            "extends",
            "source",
        ):
            if data[key]:
                click.echo(f"  {key.replace('_', ' ')}: {data[key]}")
        click.echo(f"  answers: {', '.join(rb.questions)}")
        for q in rb.questions:
            click.echo(f"\n{q}")
            for p in rb.provisions:
                if p.question == q:
                    tag = "default " if p.default else ""
                    click.echo(
                        f"  {p.name:<44} {tag}{p.outcome or 'advisory':<8} {', '.join(p.cites)}"
                    )

    @rulebook_group.command(name="coverage")
    @click.argument("name")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def coverage_(name: str, as_json: bool) -> None:
        """How each clause is accounted for (encoded, guidance or principle), and whether a
        flow of the app asks a question that reaches it (``cli_only`` counts those none does)."""
        from propriety.flows import asked_questions  # plain data, no Django

        rb = _load(name)
        summary = coverage_summary(rb, asked_questions())
        if as_json:
            click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        for item in summary["items"]:
            extra = f" <- {', '.join(item['provisions'])}" if item["provisions"] else ""
            if "asked_by_app" in item and not item["asked_by_app"]:
                extra += "  [no app flow asks this]"
            click.echo(f"{item['clause']:<40} {item['status']:<12}{extra}")
        click.echo(
            f"\n{summary['clauses']} clauses: {summary['encoded']} encoded, {summary['guidance']} guidance, "
            f"{summary['principle']} principle, {summary['unaccounted']} unaccounted; "
            f"{summary['cli_only']} reached only from 'propriety decide'"
        )
        if summary["unaccounted"]:
            sys.exit(1)

    @rulebook_group.command(name="diff")
    @click.argument("a")
    @click.argument("b")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def diff_(a: str, b: str, as_json: bool) -> None:
        """What rulebook B changes from rulebook A, provision by provision."""
        d = diff(_load(a), _load(b))
        click.echo(json.dumps(d, indent=2, ensure_ascii=False) if as_json else diff_text(d))

    @rulebook_group.command()
    @click.argument("name")
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file.",
    )
    def render(name: str, output: Path | None) -> None:
        """The readable protocol document as HTML, each paragraph with its clause id."""
        rb = _load(name)
        if rb.abstract:
            _fail(f"{name} is an abstract model: render a rulebook that extends it")
        page = render_html(rb)
        if output:
            try:
                output.write_text(page, encoding="utf-8")
            except OSError as exc:
                _fail(f"cannot write {output}: {exc.strerror or exc}")
            click.echo(f"Wrote {output}")
        else:
            click.echo(page)
