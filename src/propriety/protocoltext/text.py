"""The readable protocol: the council's rulebook, clause by clause, in its own words.

Sections follow the protocol's headings; each clause has its id, an anchor the
citations on every page link to (``clause_anchor``), its plain-English summary and
the adopted text it comes from (read from the rulebook's source document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from propriety.protocol import format_date, rulebook, source_paragraph
from propriety.web.templatetags.propriety_protocol import clause_anchor

STATUS_LABELS = {
    "encoded": "Applied by this service",
    "guidance": "Shown as guidance where it applies",
    "principle": "A principle",
}


@dataclass(frozen=True)
class ClauseText:
    id: str
    anchor: str
    says: str
    text: str
    status: str
    guidance: str


@dataclass
class Section:
    heading: str
    clauses: list[ClauseText] = field(default_factory=list)


@dataclass(frozen=True)
class ProtocolText:
    rulebook: str
    title: str
    council_name: str
    version: str
    adopted: str
    review_due: str
    supersedes: str
    source_title: str
    sections: tuple[Section, ...]

    @property
    def clause_count(self) -> int:
        return sum(len(s.clauses) for s in self.sections)


@lru_cache(maxsize=16)
def protocol_text(name: str) -> ProtocolText:
    """The readable protocol of the rulebook ``name`` (cached: rulebooks do not change
    while the process runs)."""
    rb = rulebook(name)
    lines = (
        rb.source_document.read_text(encoding="utf-8").splitlines() if rb.source_document else []
    )
    encoded = {cid for p in rb.provisions for cid in p.cites} | {
        cid for s in rb.settings.values() for cid in s.cites
    }
    sections: list[Section] = []
    for clause in rb.clauses.values():
        if not sections or sections[-1].heading != clause.heading:
            sections.append(Section(clause.heading))
        status = "encoded" if clause.id in encoded else clause.status
        sections[-1].clauses.append(
            ClauseText(
                id=clause.id,
                anchor=clause_anchor(clause.id),
                says=clause.says,
                text=source_paragraph(lines, clause.source_line, most=15),
                status=STATUS_LABELS.get(status or "", ""),
                guidance=clause.guidance or "",
            )
        )
    return ProtocolText(
        rulebook=rb.id,
        title=rb.title,
        council_name=rb.council_name or "",
        version=rb.version or "",
        adopted=format_date(rb.adopted) if rb.adopted else "not stated",
        review_due=rb.review_due_text
        or (format_date(rb.review_due) if rb.review_due else "not stated"),
        supersedes=rb.supersedes or "",
        source_title=rb.source_title or "",
        sections=tuple(sections),
    )


def clause_ids(name: str) -> list[str]:
    return list(rulebook(name).clauses)
