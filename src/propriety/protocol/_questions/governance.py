"""When things go wrong, and the protocol itself: concerns and complaints, review,
interpretation, acting as Proper Officer and written reports."""

from __future__ import annotations

from propriety.protocol._questions._model import Question, b, derived_enum, e

# --- concerns and complaints -------------------------------------------------------------

CONCERN = Question(
    name="concern.route",
    summary="Who handles this concern or complaint now, who next, and what guidance applies.",
    facts=(
        e(
            "direction",
            "member_about_officer (a member unhappy with an officer); officer_about_member "
            "(an officer unhappy with a member's treatment of them); disagreement (a difference "
            "of opinion between a member and an officer); grievance (an officer's formal "
            "grievance); code_of_conduct (a formal written complaint that a member breached the "
            "members' code of conduct); breach_by_officer (a serious breach of the protocol by "
            "an officer).",
            (
                "member_about_officer",
                "officer_about_member",
                "disagreement",
                "grievance",
                "code_of_conduct",
                "breach_by_officer",
            ),
        ),
        e(
            "stage",
            "How far it has got: new (not yet raised), first (raised with the first handler, not "
            "resolved), second (raised with the second handler, not resolved).",
            ("new", "first", "second"),
        ),
        b("subject_is_proper_officer", "The officer concerned is the Proper Officer / Town Clerk."),
        e("seriousness", "How serious the concern is.", ("minor", "serious")),
        b(
            "direct_discussion_inappropriate",
            "Direct discussion with the officer is inappropriate.",
        ),
        b("formal_written", "It is a formal written complaint (allegation)."),
        b("sanction_requested", "Someone asks the council itself to sanction a member."),
    ),
    example={"direction": "member_about_officer", "stage": "new"},
)

# --- the protocol itself ---------------------------------------------------------------------


# review_status depends on the rulebook's own dates, so the engine sets it.
REVIEW = Question(
    name="protocol.review",
    summary="Is the protocol due or overdue for review?",
    facts=(),
    derived=(
        derived_enum(
            "review_status",
            "Against the review date or period the protocol states (a day, a month such as "
            "November 2026, or a span such as May / June 2025): current (more than 3 months "
            "before it); due_soon (within the 3 months before it); due (within it); overdue "
            "(it has passed); unset (the protocol states no review date).",
            ("current", "due_soon", "due", "overdue", "unset"),
        ),
    ),
    example={},
)

INTERPRETATION = Question(
    name="protocol.interpretation",
    summary="Who answers a question about how the protocol applies or is to be interpreted?",
    facts=(e("asked_by", "Who asks.", ("member", "officer")),),
    example={"asked_by": "member"},
)

ACTING = Question(
    name="proper_officer.acting",
    summary="May a councillor act as the Proper Officer (e.g. during a vacancy)?",
    facts=(
        b("paid", "The councillor would be paid for the role."),
        b("short_term", "It is short-term while the council fills a vacancy.", True),
        b("capacity_clear", "It is clear when they act as councillor and when as Proper Officer."),
    ),
    example={"paid": False, "short_term": True},
)

REPORT = Question(
    name="report.request",
    summary="May a member ask the Proper Officer for a written report, and what will it contain?",
    facts=(e("for_body", "Who the report is for.", ("council", "committee", "member_alone")),),
    example={"for_body": "council"},
)
