"""The catalogue of questions the engine answers, and the facts each one takes.

A question type names a kind of protocol question ("may this councillor see
this document?"). Its facts are typed and, where they are choices, have a
closed domain, so the rulebook loader can tell when two provisions may both
apply. Some facts are *derived*: worked out here from the facts given, the
same way for every council (for example "is any councillor blind-copied?").
What a fact *means* for a council is for its rulebook to say; nothing here
knows any council.

``docs/decide.md`` documents these questions and ``schemas/`` holds their JSON
Schemas, generated from this catalogue (a test keeps them in step).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

FactValue = Any


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact a question takes (or derives)."""

    name: str
    type: str  # "bool" | "enum" | "date" | "int" | "text" | "people" | "person"
    description: str
    choices: tuple[str, ...] = ()
    default: FactValue = None
    required: bool = False
    derived: bool = False

    @property
    def domain(self) -> tuple[FactValue, ...] | None:
        """The closed set of values a condition may test, or None if open."""
        if self.type == "bool":
            return (False, True)
        if self.type == "enum":
            return self.choices
        return None


@dataclass(frozen=True, slots=True)
class Question:
    """A question type: its facts, derived facts and what it is for."""

    name: str
    summary: str
    facts: tuple[Fact, ...]
    derived: tuple[Fact, ...] = ()
    derive: Callable[[dict[str, FactValue], dt.date], None] | None = None
    example: Mapping[str, Any] = field(default_factory=dict)

    def fact(self, name: str) -> Fact | None:
        for f in self.facts:
            if f.name == name:
                return f
        for f in self.derived:
            if f.name == name:
                return f
        return None

    @property
    def all_facts(self) -> tuple[Fact, ...]:
        return self.facts + self.derived


def _b(name: str, description: str, default: bool = False) -> Fact:
    return Fact(name, "bool", description, default=default)


def _e(name: str, description: str, choices: tuple[str, ...], default: str | None = None) -> Fact:
    return Fact(
        name,
        "enum",
        description,
        choices=choices,
        default=choices[0] if default is None else default,
    )


def _d(name: str, description: str, required: bool = False) -> Fact:
    return Fact(name, "date", description, required=required)


def _derived_bool(name: str, description: str) -> Fact:
    return Fact(name, "bool", description, default=False, derived=True)


def _derived_enum(name: str, description: str, choices: tuple[str, ...]) -> Fact:
    return Fact(name, "enum", description, choices=choices, default=choices[0], derived=True)


def _derived_text(name: str, description: str) -> Fact:
    return Fact(name, "text", description, default="", derived=True)


# --- shared choices -----------------------------------------------------------

MEMBER_ROLES = (
    "councillor",
    "council_chair",
    "council_vice_chair",
    "committee_chair",
    "mayor",
    "leader",
    "cabinet_member",
    "co_opted_member",
)
OFFICER_ROLES = (
    "proper_officer",
    "chief_executive",
    "chief_officer",
    "service_manager",
    "line_manager",
    "other_officer",
    "head_of_communications",
)
PERSON_KINDS = ("councillor", "officer", "complainant", "third_party", "member_of_public")


# --- enquiry.route -------------------------------------------------------------

ENQUIRY_ROUTE = Question(
    name="enquiry.route",
    summary=(
        "Where a member's enquiry, request or instruction must go, and whether it may go "
        "direct to the officer it is addressed to."
    ),
    facts=(
        _e(
            "kind",
            "What the member is asking for: information (information, explanation or advice), "
            "factual (a purely factual enquiry), instruction (asking an officer to do something), "
            "consumables (consumable resources provided for members' use), report (a written "
            "report for the council), financial (to initiate or certify a financial transaction "
            "or enter a contract).",
            ("information", "factual", "instruction", "consumables", "report", "financial"),
        ),
        _e(
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
        _e("asker_role", "The member's role for this request.", MEMBER_ROLES),
        _b(
            "direct_contact_agreed",
            "The Proper Officer has agreed that communications on this matter may go direct "
            "to the officer addressed.",
        ),
        _b(
            "delegated_authority",
            "The member holds individual delegated authority for this executive decision "
            "(e.g. a Cabinet member with a portfolio).",
        ),
        _b(
            "via_formal_decision",
            "The instruction comes through the council's formal decision-making process "
            "(a resolution of the council or a committee).",
        ),
        _b("on_behalf_of_constituent", "The enquiry is made on behalf of a named constituent."),
        _b("asks_for_priority", "The member asks for the matter to be dealt with ahead of others."),
        _d("received_on", "The day the enquiry was received (for the response clock)."),
    ),
    example={"kind": "instruction", "addressed_to": "other_officer", "asker_role": "councillor"},
)

# --- enquiry.response_target ---------------------------------------------------

ENQUIRY_RESPONSE = Question(
    name="enquiry.response_target",
    summary="When an enquiry must be acknowledged or answered, in working days.",
    facts=(
        _e("clock", "Which clock: acknowledge or respond.", ("respond", "acknowledge")),
        _d("received_on", "The day the enquiry was received.", required=True),
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
        _e(
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

# --- document.access -----------------------------------------------------------

CLASSIFICATIONS = ("public", "committee", "exempt", "confidential", "personal_data")
EXEMPT_CATEGORIES = ("none", "1", "2", "3", "4", "5", "6", "7")


def _derive_document(facts: dict[str, FactValue], as_of: dt.date) -> None:
    facts["third_party_personal_data"] = bool(
        facts["contains_personal_data"] or facts["classification"] == "personal_data"
    )
    facts["exempt_or_confidential"] = facts["classification"] in ("exempt", "confidential")


DOCUMENT_ACCESS = Question(
    name="document.access",
    summary="May this councillor see this council document, and on what conditions?",
    facts=(
        _e(
            "classification",
            "The document's classification in the council's register: public; committee "
            "(committee business, not exempt); exempt (exempt information, Schedule 12A LGA "
            "1972); confidential; personal_data (contains personal information about third "
            "parties).",
            CLASSIFICATIONS,
        ),
        _e(
            "exempt_category",
            "For exempt documents, the Schedule 12A paragraph (1 to 7); 'none' otherwise.",
            EXEMPT_CATEGORIES,
        ),
        _b(
            "contains_personal_data",
            "The document contains personal information about third parties.",
        ),
        _b(
            "on_owning_committee",
            "The requester sits on the committee whose business the document is.",
        ),
        _b(
            "meeting_business",
            "The document relates to business to be transacted at a meeting of the council, "
            "cabinet, a committee or sub-committee.",
        ),
        _b(
            "on_exempt_agenda",
            "The item appears on the exempt (private) part of a meeting's agenda.",
        ),
        _b("purpose_stated", "The member has stated the purpose for which they want the document."),
        _b(
            "justification_given",
            "The member has justified the request in specific terms (why they need to know).",
        ),
        _b(
            "member_interest",
            "The subject is one in which the member has an interest under the code of conduct.",
        ),
        _b(
            "data_protection_risk",
            "Giving the document to the member is likely to breach data protection law.",
        ),
        _b(
            "on_behalf_of_third_party",
            "The member asks on behalf of a third party (e.g. a constituent).",
        ),
        _b("in_public_domain", "The information is already in the public domain."),
    ),
    derived=(
        _derived_bool(
            "third_party_personal_data",
            "contains_personal_data, or classification is personal_data.",
        ),
        _derived_bool("exempt_or_confidential", "classification is exempt or confidential."),
    ),
    derive=_derive_document,
    example={"classification": "exempt", "exempt_category": "3", "on_owning_committee": False},
)

# --- document.dispute ----------------------------------------------------------

DOCUMENT_DISPUTE = Question(
    name="document.dispute",
    summary="Who decides a dispute over a member's request to see a document, and who next.",
    facts=(
        _e(
            "stage",
            "Where the dispute has got to: raised (just raised), advised (the first handler has "
            "given advice or a view and the member is still not satisfied).",
            ("raised", "advised"),
        ),
        _e(
            "subject",
            "What is disputed: a document, or access to correspondence.",
            ("document", "correspondence"),
        ),
    ),
    example={"stage": "raised"},
)

# --- correspondence.check ------------------------------------------------------

_CC_FOOTER = re.compile(
    r"^\s*cc:?\s+(?:councillor|cllr\.?)\s+(.+?)\s*\.?\s*$", re.IGNORECASE | re.MULTILINE
)


def _names(people: Any) -> list[dict[str, str]]:
    return [p for p in people or () if isinstance(p, dict)]


def _derive_correspondence(facts: dict[str, FactValue], as_of: dt.date) -> None:
    author = facts["author"] or {}
    signatory = facts["signatory"] or author
    to, cc, bcc = _names(facts["to"]), _names(facts["cc"]), _names(facts["bcc"])
    everyone = to + cc + bcc
    kinds = {author.get("kind")} | {p.get("kind") for p in to}
    facts["member_officer"] = "councillor" in kinds and "officer" in kinds
    original = facts["original_councillor"] or (
        author.get("name")
        if author.get("kind") == "councillor"
        else next((p.get("name") for p in to if p.get("kind") == "councillor"), None)
    )
    others = [
        p
        for p in cc + bcc + to
        if p.get("kind") == "councillor" and p.get("name") not in (original, author.get("name"))
    ]
    facts["copied_to_other_councillor"] = bool(facts["member_officer"] and others)
    facts["blind_copy_to_councillor"] = any(p.get("kind") == "councillor" for p in bcc)
    facts["blind_copy_any"] = bool(bcc)
    named = {m.strip().lower() for m in _CC_FOOTER.findall(facts["body"] or "")}
    missing = [p["name"] for p in others if str(p.get("name", "")).strip().lower() not in named]
    facts["footer_missing"] = bool(missing)
    facts["footer_lines"] = "\n".join(f"CC councillor {n}" for n in missing)
    facts["missing_footer_names"] = ", ".join(missing)
    facts["confidential_to_third_party"] = bool(
        facts["marked_confidential"]
        and any(
            p.get("kind") in ("complainant", "third_party", "member_of_public") for p in everyone
        )
    )
    role = signatory.get("role")
    if role not in SIGNATORY_ROLES:
        role = "officer" if signatory.get("kind", "officer") == "officer" else "councillor"
    facts["signatory_role"] = role
    facts["signed_by_member"] = facts["signatory_role"] != "officer"


SIGNATORY_ROLES = ("officer", "councillor", "council_chair", "mayor", "committee_chair")

CORRESPONDENCE = Question(
    name="correspondence.check",
    summary="May this letter or email go as drafted? Lists every problem with its clause.",
    facts=(
        Fact(
            "author",
            "person",
            'Who wrote it: {"name": ..., "kind": "councillor"|"officer"|..., "role": ...}.',
            default=None,
        ),
        Fact(
            "signatory",
            "person",
            'Whose name it goes out in: {"name": ..., "role": "officer"|"councillor"|'
            '"council_chair"|"mayor"|"committee_chair"}. Defaults to the author.',
            default=None,
        ),
        Fact("to", "people", 'Recipients: a list of {"name": ..., "kind": ...}.', default=()),
        Fact("cc", "people", "Copy recipients.", default=()),
        Fact("bcc", "people", "Blind-copy recipients.", default=()),
        Fact(
            "original_councillor",
            "text",
            "The councillor whose correspondence with an officer this is (defaults to the "
            "councillor author, or the first councillor addressed).",
            default=None,
        ),
        Fact("body", "text", "The text, including any footer.", default=""),
        _b("official", "It is an official letter or email on behalf of the council."),
        _b(
            "creates_obligations",
            "It creates obligations (legally enforceable or otherwise) on behalf of the council.",
        ),
        _b("gives_instructions", "It gives instructions on behalf of the council."),
        _b(
            "exceptional",
            "It is an exceptional case (e.g. representations to a Government minister).",
        ),
        _b("marked_confidential", 'It is marked "confidential".'),
        _b(
            "author_consents_to_copy",
            "The author of the correspondence stated that it be copied, or consents.",
        ),
        _b("original_councillor_told", "The original councillor has been told that it was copied."),
        _b("writing_as_ward_member", "A member writes in an individual capacity as ward member."),
        _b("states_ward_capacity", "The text makes clear the member writes as ward member."),
    ),
    derived=(
        _derived_bool("member_officer", "Correspondence between a councillor and an officer."),
        _derived_bool(
            "copied_to_other_councillor",
            "Member–officer correspondence copied to another councillor.",
        ),
        _derived_bool("blind_copy_to_councillor", "A councillor is among the Bcc recipients."),
        _derived_bool("blind_copy_any", "There are any Bcc recipients."),
        _derived_bool(
            "footer_missing", 'A copied councillor is not named in a "CC councillor X" footer line.'
        ),
        _derived_text("footer_lines", 'The "CC councillor X" lines to add.'),
        _derived_text("missing_footer_names", "The copied councillors not named in the footer."),
        _derived_bool(
            "confidential_to_third_party",
            "Marked confidential and sent or copied to a complainant or third party.",
        ),
        _derived_enum("signatory_role", "The signatory's role.", SIGNATORY_ROLES),
        _derived_bool("signed_by_member", "It goes out in a member's name."),
    ),
    derive=_derive_correspondence,
    example={
        "author": {"name": "Sam Patel", "kind": "officer", "role": "proper_officer"},
        "to": [{"name": "Alex Green", "kind": "councillor"}],
        "bcc": [{"name": "Jo Black", "kind": "councillor"}],
        "body": "Dear Cllr Green, ...",
    },
)

# --- press ---------------------------------------------------------------------


def _derive_election(facts: dict[str, FactValue], as_of: dt.date) -> None:
    notice, polling = facts.get("notice_of_election"), facts.get("polling_day")
    if notice and polling:
        facts["pre_election_period"] = bool(notice <= as_of <= polling)
    facts["sensitive_topic"] = any(
        facts.get(k)
        for k in (
            "about_dispute",
            "about_major_planning",
            "about_court",
            "about_individual_complaint",
        )
    )


PRESS_RELEASE = Question(
    name="press.release",
    summary="Who must approve this press release or media statement, and may it go?",
    facts=(
        _e(
            "drafted_by",
            "Who drafted it.",
            ("officer", "councillor", "council_chair", "committee_chair", "mayor", "leader"),
        ),
        _b(
            "on_behalf_of_council",
            "It is issued on behalf of the council (not in a member's own name).",
            True,
        ),
        _b("about_dispute", "It clarifies the council's position on a dispute."),
        _b("about_major_planning", "It concerns a major planning development."),
        _b("about_court", "It concerns court proceedings."),
        _b("about_individual_complaint", "It concerns an individual's complaint."),
        _b("political_content", "It expresses a political opinion, comment or statement."),
        _b("promotes_party_group", "It promotes a party or party group."),
        _b("pre_election_period", "It would be issued in the pre-election period."),
        _d(
            "notice_of_election",
            "Date of the notice of election (with polling_day, sets pre_election_period).",
        ),
        _d("polling_day", "Polling day."),
    ),
    derived=(
        _derived_bool(
            "sensitive_topic",
            "About a dispute, major planning, court proceedings or an individual's complaint.",
        ),
    ),
    derive=_derive_election,
    example={"drafted_by": "officer", "about_dispute": True},
)

PRESS_SPEAKER = Question(
    name="press.spokesperson",
    summary="May this person speak to the media, in what capacity, and what must they do?",
    facts=(
        _e(
            "speaker_role",
            "Who is speaking.",
            ("councillor", "council_chair", "committee_chair", "mayor", "leader", "officer"),
        ),
        _e(
            "capacity",
            "The capacity they speak in.",
            ("unstated", "council", "ward_member", "personal", "party_group", "candidate"),
        ),
        _b(
            "appointed_by_council",
            "The council has agreed (by resolution) that this person is a spokesperson.",
        ),
        _b("officer_authorised", "The officer has been authorised to respond to the media."),
        _b("political_comment", "The statement makes a political opinion, comment or statement."),
        _b(
            "pre_election_period",
            "It is the pre-election period (run-up to local or national elections).",
        ),
        _d("notice_of_election", "Date of the notice of election."),
        _d("polling_day", "Polling day."),
    ),
    derived=(_derived_bool("sensitive_topic", "Unused for this question; always false."),),
    derive=_derive_election,
    example={"speaker_role": "councillor", "capacity": "council"},
)

# --- relationships and appointments -------------------------------------------

CONFLICT = Question(
    name="relationship.conflict",
    summary="May this member take part, given a relationship with an officer or a candidate?",
    facts=(
        _e(
            "context",
            "decision (a decision or body that directly affects an officer) or appointment "
            "(appointing an officer).",
            ("decision", "appointment"),
        ),
        _e(
            "relationship",
            "The relationship between the member and the officer or candidate.",
            ("none", "disclosed_personal", "close_friend", "relative", "business", "undisclosed"),
        ),
        _b("canvassing", "The member has canvassed support for a candidate."),
        _b(
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
        _e("matter", "What the group wants advice on.", ("council_business", "party_business")),
        _b("non_members_present", "Some of those attending are not members of the council."),
        _b(
            "other_group_advised",
            "The officer has already advised another group on the same matter.",
        ),
        _b(
            "relay_requested_by_group",
            "The group has asked for its discussion to be relayed to others.",
        ),
        _b(
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
        _e(
            "event",
            "council_public_meeting (a public meeting the council organises on a local issue); "
            "consultation (a consultation exercise on a local issue); policy_development; "
            "sensitive_operational_matter; media_story (imminent media report); "
            "member_public_meeting (a member's own public meeting on council work); "
            "premises_visit (a member's visit to council premises); ward_surgery_support "
            "(staff asked to accompany a member to a ward surgery).",
            (
                "council_public_meeting",
                "consultation",
                "policy_development",
                "sensitive_operational_matter",
                "media_story",
                "member_public_meeting",
                "premises_visit",
                "ward_surgery_support",
            ),
        ),
        _b("several_wards", "More than one ward is affected."),
        _b("party_political", "The meeting is arranged on a party-political basis."),
        _b("election_run_up", "It is the immediate run-up to council elections."),
        _b("own_ward", "The premises are in the member's own ward.", True),
        _b("clerk_informed", "The member has informed the Town Clerk / Clerk."),
    ),
    example={"event": "consultation"},
)

# --- resources ---------------------------------------------------------------------

RESOURCES = Question(
    name="resources.use",
    summary="May council-funded resources or staff support be used for this purpose?",
    facts=(
        _e(
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
        _b(
            "commercial_discussion",
            "A discussion or meeting with third parties over commercial matters.",
        ),
        _b(
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
        _e(
            "actor",
            "Who proposes to take or decide the action.",
            ("named_officer", "chair", "other_member"),
        ),
        _b("pressure_applied", "The chair is applying pressure on the officer."),
    ),
    example={"actor": "chair"},
)

# --- concerns and complaints -------------------------------------------------------------

CONCERN = Question(
    name="concern.route",
    summary="Who handles this concern or complaint now, who next, and what guidance applies.",
    facts=(
        _e(
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
        _e(
            "stage",
            "How far it has got: new (not yet raised), first (raised with the first handler, not "
            "resolved), second (raised with the second handler, not resolved).",
            ("new", "first", "second"),
        ),
        _b(
            "subject_is_proper_officer", "The officer concerned is the Proper Officer / Town Clerk."
        ),
        _e("seriousness", "How serious the concern is.", ("minor", "serious")),
        _b(
            "direct_discussion_inappropriate",
            "Direct discussion with the officer is inappropriate.",
        ),
        _b("formal_written", "It is a formal written complaint (allegation)."),
        _b("sanction_requested", "Someone asks the council itself to sanction a member."),
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
        _derived_enum(
            "review_status",
            "current (review more than 3 months away); due (within 3 months); overdue (date "
            "passed); unset (the protocol states no review date).",
            ("current", "due", "overdue", "unset"),
        ),
    ),
    example={},
)

INTERPRETATION = Question(
    name="protocol.interpretation",
    summary="Who answers a question about how the protocol applies or is to be interpreted?",
    facts=(_e("asked_by", "Who asks.", ("member", "officer")),),
    example={"asked_by": "member"},
)

ACTING = Question(
    name="proper_officer.acting",
    summary="May a councillor act as the Proper Officer (e.g. during a vacancy)?",
    facts=(
        _b("paid", "The councillor would be paid for the role."),
        _b("short_term", "It is short-term while the council fills a vacancy.", True),
        _b("capacity_clear", "It is clear when they act as councillor and when as Proper Officer."),
    ),
    example={"paid": False, "short_term": True},
)

REPORT = Question(
    name="report.request",
    summary="May a member ask the Proper Officer for a written report, and what will it contain?",
    facts=(_e("for_body", "Who the report is for.", ("council", "committee", "member_alone")),),
    example={"for_body": "council"},
)

QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        ENQUIRY_ROUTE,
        ENQUIRY_RESPONSE,
        ENQUIRY_ESCALATION,
        DOCUMENT_ACCESS,
        DOCUMENT_DISPUTE,
        CORRESPONDENCE,
        PRESS_RELEASE,
        PRESS_SPEAKER,
        CONFLICT,
        PARTY_BRIEFING,
        WARD,
        RESOURCES,
        DELEGATED,
        CONCERN,
        REVIEW,
        INTERPRETATION,
        ACTING,
        REPORT,
    )
}
