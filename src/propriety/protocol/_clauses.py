"""Reading one clause from its YAML node: its text, status (encoded, guidance,
principle or incomplete) and, for guidance, the questions and facts it applies to."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from propriety.protocol._parsing import parse_condition
from propriety.protocol._problems import Collector, as_list, suggest
from propriety.protocol._questions import QUESTIONS, Question
from propriety.protocol._rulebook import Clause
from propriety.protocol._yaml import Node

STATUSES = ("guidance", "principle", "incomplete")
_CLAUSE_KEYS = {
    "id",
    "heading",
    "says",
    "quote",
    "status",
    "guidance",
    "applies_to",
    "when",
    "note",
}


def parse_clause(
    item: Any,
    path: Path,
    line: int,
    out: Collector,
    questions: Mapping[str, Question] = QUESTIONS,
) -> Clause | None:
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
                path, item.line_of(key), where, f"unknown key {key!r}", suggest(key, _CLAUSE_KEYS)
            )
    status = item.get("status")
    # A clause whose text is missing or cut off in the source may have no quote.
    needed = ("heading", "says") if status == "incomplete" else ("heading", "says", "quote")
    for key in needed:
        if not isinstance(item.get(key), str) or not item[key].strip():
            out.add(path, item.line, where, f"the clause has no {key}", f"add {key}: ...")
    if status is not None and status not in STATUSES:
        out.add(
            path,
            item.line_of("status"),
            where,
            f"status cannot be {status!r}",
            "use guidance, principle or incomplete (text missing or cut off in the source)",
        )
        status = None
    note = item.get("note") or ""
    if status == "incomplete" and (not isinstance(note, str) or not note.strip()):
        out.add(
            path,
            item.line,
            where,
            "an incomplete clause needs a note saying what is missing or cut off",
            'add note: "The text stops after ..."',
        )
    applies = tuple(str(q) for q in as_list(item.get("applies_to")))
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
                suggest(q, QUESTIONS),
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
            when = parse_condition(
                item["when"], questions[applies[0]], path, item.line_of("when"), where, out
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
        note=str(note),
    )
