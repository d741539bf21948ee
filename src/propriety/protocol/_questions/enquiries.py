"""Enquiries: where a member's request goes, when it must be answered, and whom to
remind when it is overdue."""

from __future__ import annotations

from propriety.protocol._questions._model import MEMBER_ROLES, Question, b, d, e

# --- enquiry.route -------------------------------------------------------------

ENQUIRY_ROUTE = Question(
    name="enquiry.route",
    summary=(
        "Where a member's enquiry, request or instruction must go, and whether it may go "
        "direct to the officer it is addressed to."
    ),
    facts=(
        e(
            "kind",
            "What the member is asking for: information (information, explanation or advice), "
            "factual (a purely factual enquiry), instruction (asking an officer to do something), "
            "consumables (consumable resources provided for members' use), report (a written "
            "report for the council), financial (to initiate or certify a financial transaction "
            "or enter a contract).",
            ("information", "factual", "instruction", "consumables", "report", "financial"),
        ),
        e(
            "addressed_to",
            "Whom the member addressed: the Proper Officer / Clerk / Town Clerk; the Chief "
            "Executive; a Chief Officer; the manager of the service concerned; another officer "
            "(the Proper Officer's staff, a junior officer).",
            (
                "proper_officer",
                "chief_executive",
                "chief_officer",
                "service_manager",
                "other_officer",
            ),
        ),
        e("asker_role", "The member's role for this request.", MEMBER_ROLES),
        b(
            "direct_contact_agreed",
            "The Proper Officer has agreed that communications on this matter may go direct "
            "to the officer addressed.",
        ),
        b(
            "instruction_approved",
            "The Proper Officer has expressly approved this instruction to a member of their "
            "staff. Distinct from direct_contact_agreed, which lets communications on a matter "
            "go direct to an officer but does not make instructing them allowed.",
        ),
        b(
            "delegated_authority",
            "The member holds individual delegated authority for this executive decision "
            "(e.g. a Cabinet member with a portfolio).",
        ),
        b(
            "via_formal_decision",
            "The instruction comes through the council's formal decision-making process "
            "(a resolution of the council or a committee).",
        ),
        b("on_behalf_of_constituent", "The enquiry is made on behalf of a named constituent."),
        b("asks_for_priority", "The member asks for the matter to be dealt with ahead of others."),
        d("received_on", "The day the enquiry was received (for the response clock)."),
    ),
    example={"kind": "instruction", "addressed_to": "other_officer", "asker_role": "councillor"},
)

# --- enquiry.response_target ---------------------------------------------------

ENQUIRY_RESPONSE = Question(
    name="enquiry.response_target",
    summary="When an enquiry must be acknowledged or answered, in working days.",
    facts=(
        e("clock", "Which clock: acknowledge or respond.", ("respond", "acknowledge")),
        d("received_on", "The day the enquiry was received.", required=True),
    ),
    example={"clock": "respond", "received_on": "2026-12-23"},
)

# --- enquiry.escalation --------------------------------------------------------

ENQUIRY_ESCALATION = Question(
    name="enquiry.escalation",
    summary=(
        "A member's enquiry is overdue: whom to remind now, and to whom it escalates next "
        "if it stays unanswered."
    ),
    facts=(
        e(
            "handled_by",
            "Who has the enquiry now: officer (an officer dealing with it); service_manager "
            "(the manager of the service concerned); chief_officer (a Chief Officer); "
            "proper_officer (the Proper Officer / Clerk / Town Clerk); chief_executive "
            "(the Chief Executive).",
            ("officer", "service_manager", "chief_officer", "proper_officer", "chief_executive"),
        ),
    ),
    example={"handled_by": "officer"},
)
