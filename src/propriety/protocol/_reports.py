"""Reports on rulebooks: clause coverage, differences, and the readable protocol."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from propriety.protocol._clock import format_date
from propriety.protocol._rulebook import Provision, Rulebook


@dataclass(frozen=True, slots=True)
class CoverageItem:
    clause: str
    heading: str
    status: str  # encoded | guidance | principle | unaccounted
    provisions: tuple[str, ...]
    source_line: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "heading": self.heading,
            "status": self.status,
            "provisions": list(self.provisions),
            "source_line": self.source_line,
        }


def coverage(rb: Rulebook) -> list[CoverageItem]:
    """How every clause of the rulebook is accounted for."""
    citing: dict[str, list[str]] = {}
    for p in rb.provisions:
        for cid in p.cites:
            citing.setdefault(cid, []).append(p.name)
    for s in rb.settings.values():
        for cid in s.cites:
            citing.setdefault(cid, []).append(f"setting:{s.name}")
    items = []
    for clause in rb.clauses.values():
        names = tuple(citing.get(clause.id, ()))
        if names:
            status = "encoded"
        elif clause.status in ("guidance", "principle", "incomplete"):
            status = clause.status
        else:
            status = "unaccounted"
        items.append(CoverageItem(clause.id, clause.heading, status, names, clause.source_line))
    return items


def clause_questions(rb: Rulebook, item: CoverageItem) -> tuple[str, ...]:
    """The questions whose answers use this clause: those of the provisions citing it (a
    setting counts for the questions whose deadlines read it), or a guidance clause's
    ``applies_to``. Empty for a principle."""
    by_name = {p.name: p for p in rb.provisions}
    found: list[str] = []
    for name in item.provisions:
        if name.startswith("setting:"):
            setting = name.removeprefix("setting:")
            found.extend(
                p.question
                for p in rb.provisions
                if p.deadline is not None and p.deadline.setting == setting
            )
        elif name in by_name:
            found.append(by_name[name].question)
    if item.status == "guidance":
        found.extend(rb.clauses[item.clause].applies_to)
    return tuple(dict.fromkeys(found))


def coverage_summary(
    rb: Rulebook, flows: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """Every clause's status; with ``flows`` (question -> the app flows that ask it), also
    which flows reach each clause and ``cli_only``: the encoded and guidance clauses no
    flow of the app asks, so only ``propriety decide`` reaches them."""
    items = coverage(rb)
    counts = {
        s: sum(1 for i in items if i.status == s)
        for s in ("encoded", "guidance", "principle", "incomplete", "unaccounted")
    }
    rows = []
    cli_only = 0
    for i in items:
        row = i.as_dict()
        if flows is not None and i.status in ("encoded", "guidance"):
            questions = clause_questions(rb, i)
            reached = [f for q in questions for f in flows.get(q, ())]
            row["questions"] = list(questions)
            row["flows"] = list(dict.fromkeys(reached))
            row["asked_by_app"] = bool(reached)
            cli_only += not reached
        rows.append(row)
    summary: dict[str, Any] = {"rulebook": rb.id, "clauses": len(items), **counts}
    if flows is not None:
        summary["cli_only"] = cli_only
    summary["items"] = rows
    return summary


def _provision_summary(p: Provision) -> dict[str, Any]:
    when = {
        k: sorted(str(v).lower() if isinstance(v, bool) else str(v) for v in vals)
        for k, vals in p.when.items()
    }
    return {
        "question": p.question,
        "cites": list(p.cites),
        "when": when,
        "outcome": p.outcome,
        "refer_to": p.refer_to,
        "recommend": p.recommend,
        "route": [p.route_now, *p.route_next] if p.route_now else None,
        "deadline": (
            {
                "working_days": p.deadline.working_days,
                "setting": p.deadline.setting,
                "from": p.deadline.from_fact,
            }
            if p.deadline
            else None
        ),
        "obligations": [o.id for o in p.obligations],
        "priority": p.priority,
        "default": p.default,
        "from": p.starts.isoformat() if p.starts else None,
        "until": p.ends.isoformat() if p.ends else None,
    }


def diff(a: Rulebook, b: Rulebook) -> dict[str, Any]:
    """Provision by provision: what ``b`` adds, removes and changes from ``a``."""
    pa = {p.name: p for p in a.provisions}
    pb = {p.name: p for p in b.provisions}
    added = [name for name in pb if name not in pa]
    removed = [name for name in pa if name not in pb]
    changed: list[dict[str, Any]] = []
    for name in pa.keys() & pb.keys():
        sa, sb = _provision_summary(pa[name]), _provision_summary(pb[name])
        fields = [k for k in sa if sa[k] != sb[k]]
        if fields or pa[name].explain != pb[name].explain:
            changed.append(
                {
                    "provision": name,
                    "fields": fields
                    + (["explain"] if pa[name].explain != pb[name].explain else []),
                    "from": sa,
                    "to": sb,
                }
            )
    changed.sort(key=lambda c: str(c["provision"]))
    ca, cb = a.clauses, b.clauses
    return {
        "from": a.id,
        "to": b.id,
        "provisions_added": [{"provision": n, **_provision_summary(pb[n])} for n in added],
        "provisions_removed": [{"provision": n, **_provision_summary(pa[n])} for n in removed],
        "provisions_changed": changed,
        "clauses_added": [cid for cid in cb if cid not in ca],
        "clauses_removed": [cid for cid in ca if cid not in cb],
        "clauses_reworded": [cid for cid in ca.keys() & cb.keys() if ca[cid].says != cb[cid].says],
        "unchanged_provisions": sum(1 for n in pa.keys() & pb.keys()) - len(changed),
    }


def diff_text(d: dict[str, Any]) -> str:
    lines = [f"What {d['to']} changes from {d['from']}:"]

    def block(title: str, items: list[str]) -> None:
        lines.append(f"\n{title} ({len(items)})")
        lines.extend(f"  {i}" for i in items) if items else lines.append("  none")

    block(
        "Provisions added",
        [
            f"+ {p['provision']} [{p['question']}] {p['outcome'] or 'advisory'} citing {', '.join(p['cites'])}"
            for p in d["provisions_added"]
        ],
    )
    block(
        "Provisions removed",
        [
            f"- {p['provision']} [{p['question']}] citing {', '.join(p['cites'])}"
            for p in d["provisions_removed"]
        ],
    )
    changed: list[str] = []
    for c in d["provisions_changed"]:
        changed.append(f"~ {c['provision']}: {', '.join(c['fields'])}")
        for fld in c["fields"]:
            if fld != "explain":
                changed.append(f"    {fld}: {c['from'][fld]!r} -> {c['to'][fld]!r}")
    block("Provisions changed", changed)
    block("Clauses added", d["clauses_added"])
    block("Clauses removed", d["clauses_removed"])
    block("Clauses reworded", sorted(d["clauses_reworded"]))
    lines.append(f"\nUnchanged provisions: {d['unchanged_provisions']}")
    return "\n".join(lines)


_CSS = """
body{font-family:Arial,Helvetica,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
color:#0b0c0c;line-height:1.5}
h1{font-size:2rem}h2{font-size:1.4rem;margin-top:2rem;border-top:1px solid #b1b4b6;padding-top:1rem}
.clause{margin:0 0 1rem}.id{font-weight:bold;display:inline-block;min-width:7rem}
.status{font-size:.85rem;color:#505a5f}.meta dt{font-weight:bold}.meta dd{margin:0 0 .5rem}
.text{margin:.25rem 0 0 0;color:#0b0c0c}
"""


@dataclass(frozen=True, slots=True)
class ReadableClause:
    """One clause as a reader sees it: its id, heading, paraphrase, source text and status."""

    clause: str
    heading: str
    says: str
    text: str
    status: str  # encoded | guidance | principle | unaccounted


def readable_clauses(rb: Rulebook) -> list[ReadableClause]:
    """The protocol clause by clause, in order, with each clause's adopted text."""
    source_lines = (
        rb.source_document.read_text(encoding="utf-8").splitlines() if rb.source_document else []
    )
    cov = {i.clause: i for i in coverage(rb)}
    return [
        ReadableClause(
            clause.id,
            clause.heading,
            clause.says,
            source_paragraph(source_lines, clause.source_line),
            cov[clause.id].status,
        )
        for clause in rb.clauses.values()
    ]


def render_html(rb: Rulebook) -> str:
    """The protocol as a readable HTML document, paragraph by paragraph with clause ids."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{e(rb.title)} — {e(rb.council_name or rb.id)}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f"<h1>{e(rb.title)}</h1>",
        f"<p>{e(rb.council_name)}</p>" if rb.council_name else "",
        '<dl class="meta">',
    ]
    meta = [
        ("Rulebook", f"{rb.id} ({rb.version})" if rb.version else rb.id),
        ("Adopted", format_date(rb.adopted) if rb.adopted else "not stated"),
        (
            "Review due",
            rb.review_due_text or (format_date(rb.review_due) if rb.review_due else "not stated"),
        ),
        ("Supersedes", rb.supersedes or "not stated"),
        ("Source", rb.source_title or (rb.source_document.name if rb.source_document else "")),
    ]
    if rb.extends:
        meta.append(("Based on", rb.extends))
    for k, v in meta:
        out.append(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>")
    out.append("</dl>")
    heading = None
    for item in readable_clauses(rb):
        if item.heading != heading:
            heading = item.heading
            out.append(f"<h2>{e(heading)}</h2>")
        out.append(
            f'<div class="clause" id="{e(item.clause)}"><span class="id">{e(item.clause)}</span> '
            f'{e(item.says)} <span class="status">({e(item.status)})</span>'
            + (f'<p class="text">{e(item.text)}</p>' if item.text else "")
            + "</div>"
        )
    out.append("</main></body></html>")
    return "\n".join(x for x in out if x)


# The source documents are the councils' texts as converted: Ludlow's keeps the HTML of its
# cover table (<b>, "26 <sup>th</sup>") and some wrap a bare web address in angle brackets.
# A reader is shown the words: the markup would otherwise be escaped and shown as tags.
_SUPERSCRIPT = re.compile(r"\s*<sup>(.*?)</sup>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:b|i|u|em|strong|sub|span|br)\s*/?>", re.IGNORECASE)
_BRACKETED_ADDRESS = re.compile(r"<(https?://[^\s<>]+)>")


def plain_source_line(line: str) -> str:
    """A source line as words: Markdown bold and HTML formatting tags taken out."""
    line = line.replace("**", "")
    line = _SUPERSCRIPT.sub(r"\1", line)
    line = _BRACKETED_ADDRESS.sub(r"\1", line)
    return " ".join(_TAG.sub("", line).split())


def source_paragraph(lines: list[str], start: int, *, most: int = 12) -> str:
    """The adopted text from the clause's line (1-based) to the end of its paragraph
    (at most ``most`` lines), as words (``plain_source_line``)."""
    if not 0 < start <= len(lines):
        return ""
    taken = []
    for line in lines[start - 1 :]:
        if not line.strip():
            break
        taken.append(plain_source_line(line))
        if len(taken) >= most:
            break
    return " ".join(taken)
