"""Checks that need the whole rulebook: references between its parts, the
council header, quotes found in the source text, and provisions that clash.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from propriety.protocol._clock import NATIONS
from propriety.protocol._problems import Collector, suggest
from propriety.protocol._rulebook import Clause, Provision, Setting
from propriety.protocol._yaml import Node

KINDS = ("parish", "town", "principal")


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


def _overlap(a: Mapping[str, frozenset[Any]], b: Mapping[str, frozenset[Any]]) -> bool:
    return all(not (a[k].isdisjoint(b[k])) for k in a.keys() & b.keys())


def _dates_overlap(a: Provision, b: Provision) -> bool:
    a_start = a.starts or dt.date.min
    b_start = b.starts or dt.date.min
    a_end = a.ends or dt.date.max
    b_end = b.ends or dt.date.max
    return a_start <= b_end and b_start <= a_end


def check_conflicts(provisions: list[Provision], out: Collector) -> None:
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
                        f"with different {clash} and the same priority: "
                        f"{_clauses_of(a.cites, b.cites)}",
                        "give the one that should win a higher priority, or narrow their 'when' "
                        "so they cannot both apply",
                    )


def _with_line(clause: Clause, line: int) -> Clause:
    return replace(clause, source_line=line)


def check_references(
    path: Path,
    clauses: Mapping[str, Clause],
    settings: Mapping[str, Setting],
    provisions: Iterable[Provision],
    out: Collector,
) -> None:
    """Every cited clause and every setting a deadline uses exists."""
    for setting in settings.values():
        for cid in setting.cites:
            if cid not in clauses:
                out.add(
                    path,
                    0,
                    f"setting {setting.name!r}",
                    f"cites clause {cid!r}, which does not exist",
                    suggest(cid, clauses),
                )
    for p in provisions:
        for cid in p.cites:
            if cid not in clauses:
                out.add(
                    p.origin,
                    p.line,
                    f"provision {p.name!r}",
                    f"cites clause {cid!r}, which the rulebook does not have",
                    suggest(cid, clauses) or "add the clause or correct the id",
                )
        if p.deadline and p.deadline.setting and p.deadline.setting not in settings:
            out.add(
                p.origin,
                p.line,
                f"provision {p.name!r}",
                f"uses setting {p.deadline.setting!r}, which is not defined",
                "add it under settings:",
            )


def check_header(head: Node, path: Path, folder: Path, out: Collector) -> Path | None:
    """A council's rulebook names its council, kind, nation, version and source
    document; returns the source document if it exists."""
    council = head.get("council") or {}
    source = head.get("source") or {}
    kind = str(council.get("kind", ""))
    nation = str(council.get("nation", ""))
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
        return None
    source_document = folder / str(doc)
    if not source_document.is_file():
        out.add(
            path,
            head.line_of("source"),
            "source",
            f"the source document {doc} does not exist",
        )
        return None
    return source_document


def check_quotes(clauses: dict[str, Clause], source_document: Path, out: Collector) -> None:
    """Each clause's quote is found once in the source; records its line."""
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


def _clauses_of(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """The clauses of two clashing provisions, each named once."""
    if set(a) == set(b):
        return f"both cite {', '.join(a)}, so the clause does not settle which applies"
    return f"clauses {', '.join(a)} and {', '.join(b)}"
