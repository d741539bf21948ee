"""Working relationships: conflicts of interest, party groups, wards, council
resources and action delegated to an officer."""

from __future__ import annotations

from propriety.protocol._questions._model import Question, b, e

# --- relationships and appointments -------------------------------------------

CONFLICT = Question(
    name="relationship.conflict",
    summary="May this member take part, given a relationship with an officer or a candidate?",
    facts=(
        e(
            "context",
            "decision (a decision or body that directly affects an officer) or appointment "
            "(appointing an officer).",
            ("decision", "appointment"),
        ),
        e(
            "relationship",
            "The relationship between the member and the officer or candidate.",
            ("none", "disclosed_personal", "close_friend", "relative", "business", "undisclosed"),
        ),
        b("canvassing", "The member has canvassed support for a candidate."),
        b(
            "information_advantage",
            "The member gave a candidate information not available to the others.",
        ),
    ),
    example={"context": "appointment", "relationship": "relative"},
)

# --- party groups ----------------------------------------------------------------

PARTY_BRIEFING = Question(
    name="party_group.briefing",
    summary="May an officer brief (or attend) this party group, and on what terms?",
    facts=(
        e("matter", "What the group wants advice on.", ("council_business", "party_business")),
        b("non_members_present", "Some of those attending are not members of the council."),
        b(
            "other_group_advised",
            "The officer has already advised another group on the same matter.",
        ),
        b(
            "relay_requested_by_group",
            "The group has asked for its discussion to be relayed to others.",
        ),
        b(
            "support_services",
            "The request is for support services (stationery, printing, typing, transport).",
        ),
    ),
    example={"matter": "council_business", "other_group_advised": True},
)

# --- wards -----------------------------------------------------------------------------

WARD = Question(
    name="ward.notification",
    summary="Whom must be told, invited or notified about a ward matter, and is it allowed?",
    facts=(
        e(
            "event",
            "council_public_meeting (a public meeting the council organises on a local issue); "
            "consultation (a consultation exercise on a local issue); policy_development; "
            "sensitive_operational_matter; officer_visit (an officer's visit in a ward on "
            "council business); media_story (imminent media report); "
            "member_public_meeting (a member's own public meeting on council work); "
            "premises_visit (a member's visit to council premises); ward_surgery_support "
            "(staff asked to accompany a member to a ward surgery).",
            (
                "council_public_meeting",
                "consultation",
                "policy_development",
                "sensitive_operational_matter",
                "officer_visit",
                "media_story",
                "member_public_meeting",
                "premises_visit",
                "ward_surgery_support",
            ),
        ),
        b("several_wards", "More than one ward is affected."),
        b("party_political", "The meeting is arranged on a party-political basis."),
        b("election_run_up", "It is the immediate run-up to council elections."),
        b("own_ward", "The premises are in the member's own ward.", True),
        b("clerk_informed", "The member has informed the Town Clerk / Clerk."),
    ),
    example={"event": "consultation"},
)

# --- resources ---------------------------------------------------------------------

RESOURCES = Question(
    name="resources.use",
    summary="May council-funded resources or staff support be used for this purpose?",
    facts=(
        e(
            "purpose",
            "council_business; party_political (business solely of a political party); "
            "party_meeting (a ward or constituency party-political meeting); campaigning; "
            "electioneering; private (private purposes or personal correspondence); "
            "non_council_capacity (an event or body where the member is not there as a member "
            "of the council); other_authority (support as a councillor of another authority).",
            (
                "council_business",
                "party_political",
                "party_meeting",
                "campaigning",
                "electioneering",
                "private",
                "non_council_capacity",
                "other_authority",
            ),
        ),
        b(
            "commercial_discussion",
            "A discussion or meeting with third parties over commercial matters.",
        ),
        b(
            "officers_present",
            "Council officers versed in the governance arrangements are present.",
        ),
    ),
    example={"purpose": "campaigning"},
)

# --- delegated action --------------------------------------------------------------------

DELEGATED = Question(
    name="delegated.action",
    summary='Who takes an action delegated to an officer "in consultation with the chair"?',
    facts=(
        e(
            "actor",
            "Who proposes to take or decide the action.",
            ("named_officer", "chair", "other_member"),
        ),
        b("pressure_applied", "The chair is applying pressure on the officer."),
    ),
    example={"actor": "chair"},
)
