"""Kestrelford's demo correspondence: one of each state, and loading twice adds nothing."""

from __future__ import annotations

from propriety.correspondence.demo import load_correspondence_demo
from propriety.correspondence.models import Correspondence
from propriety.web.demo import load_demo


def test_demo_correspondence_in_every_state(db: None) -> None:
    council, created = load_demo()
    assert created
    letters = {c.subject: c for c in Correspondence.objects.for_council(council)}
    problems = {s: [p["id"] for p in c.problems] for s, c in letters.items()}
    assert problems["Bin collections on Millfield Road"] == []
    assert problems["Planning Committee agenda"] == [
        "corr.copied-without-consent",
        "corr.blind-copy",
    ]
    assert problems["Riverside play area"] == ["corr.copied-without-consent"]
    assert letters["Your complaint about the market"].marked_confidential
    assert problems["Grass cutting at Millfield Green"] == [
        "corr.obligation-in-member-name",
        "corr.instruction-in-member-name",
    ]
    sent = letters["Invitation to the Remembrance Sunday service"]
    assert sent.status == Correspondence.Status.SENT
    assert [c["clause"] for c in sent.check_result["citations"]] == ["§12.3"]
    load_correspondence_demo(council)
    load_demo()
    assert Correspondence.objects.for_council(council).count() == 6
