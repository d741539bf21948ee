"""Loading a rulebook: read its YAML and what it extends, merge the chain
(children override), check it, and build the Rulebook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from propriety.protocol._checking import (
    check_conflicts,
    check_header,
    check_quotes,
    check_references,
)
from propriety.protocol._clauses import parse_clause
from propriety.protocol._clock import NATIONS
from propriety.protocol._declared import Declared, build_questions, parse_declared
from propriety.protocol._parsing import (
    parse_date,
    parse_provision,
    parse_review_due,
)
from propriety.protocol._paths import folder_of
from propriety.protocol._problems import Collector, RulebookError, as_list, suggest
from propriety.protocol._questions import QUESTIONS
from propriety.protocol._rulebook import ROLES, Clause, Provision, Rulebook, Setting, role_fix
from propriety.protocol._yaml import Node, NodeList, YamlError, load_yaml

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
    "facts",
    "scope",
}


@dataclass
class _Raw:
    id: str
    path: Path
    data: Node


def _read(name: str, folder: Path, out: Collector) -> _Raw | None:
    path = folder / f"{name}.yaml"
    if not path.is_file():
        known = [p.stem for p in folder.glob("*.yaml")]
        hint = suggest(name, known)
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
            out.add(path, data.line_of(key), "", f"unknown key {key!r}", suggest(key, _HEADER_KEYS))
    return _Raw(name, path, data)


def _chain(name: str, folder: Path, out: Collector) -> list[_Raw]:
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


def load_rulebook(name: str, folder: Path | None = None) -> Rulebook:
    """Load and check one rulebook (with what it extends); raise RulebookError if unusable."""
    folder = folder or folder_of(name)
    out = Collector()
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
    declared: dict[str, dict[str, Declared]] = {}
    for raw in reversed(chain):  # the furthest ancestor first, so children override
        parse_declared(raw.data, raw.id, raw.path, declared, out)
    questions = {**QUESTIONS, **build_questions(declared, out)}
    for raw in reversed(chain):
        data = raw.data
        for key, value in (data.get("roles") or {}).items():
            if key not in ROLES:
                out.add(
                    raw.path,
                    data["roles"].line_of(key),
                    "roles",
                    f"unknown role {key!r}",
                    role_fix(key),
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
                key, value["value"], tuple(as_list(value.get("cites"))), str(value.get("says", ""))
            )
        seen_here: set[str] = set()
        items = data.get("clauses") or NodeList()
        for index, item in enumerate(items):
            line = items.item_lines[index] if isinstance(items, NodeList) else 0
            clause = parse_clause(item, raw.path, line, out, questions)
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
        for removed in as_list(data.get("remove_provisions")):
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
            provision = parse_provision(item, raw.path, line, out, questions)
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

    check_references(path, clauses, settings, provisions.values(), out)
    check_conflicts(list(provisions.values()), out)
    scope = _scope(chain, clauses, out)
    abstract = bool(head.get("abstract", False))
    council = head.get("council") or {}
    source = head.get("source") or {}
    kind = str(council.get("kind", ""))
    nation = str(council.get("nation", ""))
    source_document = None if abstract else check_header(head, path, folder, out)
    dates = {
        k: parse_date(head.get(k), path, head.line_of(k), k, out) for k in ("adopted", "reviewed")
    }
    review = parse_review_due(head, path, out)
    if source_document is not None:
        check_quotes(clauses, source_document, out)

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
        review_due=review.first if review else None,
        review_due_text=(
            str(head["review_due_text"])
            if head.get("review_due_text")
            else review.text
            if review and not isinstance(head.get("review_due"), dt.date)
            else None
        ),
        review_period=review,
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
        question_types={q: questions[q] for q in declared if declared[q]},
        scope=scope,
    )


def _scope(chain: list[_Raw], clauses: Mapping[str, Clause], out: Collector) -> tuple[str, ...]:
    """The nearest ``scope:`` in the chain: the clauses saying what the protocol covers."""
    for raw in chain:
        if "scope" not in raw.data:
            continue
        ids = tuple(str(c) for c in as_list(raw.data.get("scope")))
        for cid in ids:
            if cid not in clauses:
                out.add(
                    raw.path,
                    raw.data.line_of("scope"),
                    "scope",
                    f"names clause {cid!r}, which the rulebook does not have",
                    suggest(cid, clauses) or "name the clause that says what the protocol covers",
                )
        return ids
    return ()
