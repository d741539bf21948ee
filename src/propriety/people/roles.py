"""The roles a person can hold, and what each lets them do, in plain English."""

from __future__ import annotations

from typing import NamedTuple

from django.db import models


class Role(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    CO_OPTED_MEMBER = "co_opted_member", "Co-opted member"
    COUNCIL_CHAIR = "council_chair", "Chair of the council"
    COUNCIL_VICE_CHAIR = "council_vice_chair", "Vice-chair of the council"
    COMMITTEE_CHAIR = "committee_chair", "Committee chair"
    COMMITTEE_VICE_CHAIR = "committee_vice_chair", "Committee vice-chair"
    COMMITTEE_MEMBER = "committee_member", "Committee member"
    MAYOR = "mayor", "Mayor"
    DEPUTY_MAYOR = "deputy_mayor", "Deputy Mayor"
    LEADER = "leader", "Leader of the council"
    CABINET_MEMBER = "cabinet_member", "Cabinet member"
    WARD_COUNCILLOR = "ward_councillor", "Ward councillor"
    PARTY_GROUP_MEMBER = "party_group_member", "Party group member"
    PARTY_GROUP_LEADER = "party_group_leader", "Party group leader"
    PROPER_OFFICER = "proper_officer", "Proper Officer / Clerk"
    DEPUTY_CLERK = "deputy_clerk", "Deputy Clerk"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive"
    CHIEF_OFFICER = "chief_officer", "Chief Officer"
    LINE_MANAGER = "line_manager", "Line manager"
    STAFF = "staff", "Member of staff"
    HEAD_OF_COMMUNICATIONS = "head_of_communications", "Head of Communications"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"
    PERSONNEL_COMMITTEE_MEMBER = "personnel_committee_member", "Personnel committee member"


# A councillor's rights end with their term (DOMAIN.md "People and roles"):
# these roles only count while the person holds a current term role.
TERM_ROLES = frozenset({Role.COUNCILLOR, Role.CO_OPTED_MEMBER})
MEMBER_ROLES = frozenset(
    {
        Role.COUNCIL_CHAIR,
        Role.COUNCIL_VICE_CHAIR,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
        Role.COMMITTEE_MEMBER,
        Role.MAYOR,
        Role.DEPUTY_MAYOR,
        Role.LEADER,
        Role.CABINET_MEMBER,
        Role.WARD_COUNCILLOR,
        Role.PARTY_GROUP_MEMBER,
        Role.PARTY_GROUP_LEADER,
        Role.PERSONNEL_COMMITTEE_MEMBER,
    }
)
COMMITTEE_ROLES = frozenset(
    {Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, Role.COMMITTEE_MEMBER}
)
# A personnel committee member may name the committee, or not where the
# council uses a "small group of councillors" instead (000, 004).
MAY_NAME_COMMITTEE = COMMITTEE_ROLES | {Role.PERSONNEL_COMMITTEE_MEMBER}
WARD_ROLES = frozenset({Role.WARD_COUNCILLOR})
PARTY_GROUP_ROLES = frozenset({Role.PARTY_GROUP_MEMBER, Role.PARTY_GROUP_LEADER})


# What each role lets a person do, said the way the protocols say it, with the page
# where they do it and the rulebook question that page asks (None: no question). The
# home page lists, for the roles a person holds today, only the entries whose page exists
# and whose question the council's rulebook answers (propriety.web.can_do).
class CanDo(NamedTuple):
    text: str
    url_name: str
    question: str | None = None


_READ_PROTOCOL = CanDo("Read the council's protocol, clause by clause.", "protocoltext:text")
_ASK_PROTOCOL = CanDo(
    "Ask how the protocol applies.", "protocoltext:ask", "protocol.interpretation"
)
_COMMITTEE_DOCS = CanDo("See your committee's documents.", "documents:list", "document.access")

CAN_DO: dict[str, tuple[CanDo, ...]] = {
    Role.COUNCILLOR: (
        CanDo(
            "Ask an officer a question or for information, through the Clerk where the "
            "protocol says so.",
            "enquiries:new",
            "enquiry.route",
        ),
        CanDo(
            "Ask to see a council document you need to know about.",
            "documents:list",
            "document.access",
        ),
        CanDo(
            "Check a letter or email against the protocol before it goes.",
            "correspondence:new",
            "correspondence.check",
        ),
        CanDo("Draft a press release for approval.", "press:new", "press.release"),
        CanDo("Raise a concern about an officer.", "concerns:new", "concern.route"),
        CanDo(
            "Ask to use council resources: printing, rooms, equipment or staff time.",
            "resources:new",
            "resources.use",
        ),
        CanDo("Ask the Proper Officer for a written report.", "reports:new", "report.request"),
        _ASK_PROTOCOL,
        _READ_PROTOCOL,
    ),
    Role.CO_OPTED_MEMBER: (
        CanDo(
            "Ask to see the documents of the bodies you sit on.",
            "documents:list",
            "document.access",
        ),
        _READ_PROTOCOL,
    ),
    Role.COUNCIL_CHAIR: (
        CanDo(
            "Speak for the council to the press where the council agrees.",
            "press:spokespeople",
            "press.spokesperson",
        ),
        CanDo(
            "Record a councillor acting as Proper Officer during a vacancy.",
            "reports:acting_new",
            "proper_officer.acting",
        ),
    ),
    Role.COUNCIL_VICE_CHAIR: (),
    Role.COMMITTEE_CHAIR: (_COMMITTEE_DOCS,),
    Role.COMMITTEE_VICE_CHAIR: (_COMMITTEE_DOCS,),
    Role.COMMITTEE_MEMBER: (_COMMITTEE_DOCS,),
    Role.MAYOR: (
        CanDo(
            "Write letters in your own name as Mayor where the protocol allows it.",
            "correspondence:new",
            "correspondence.check",
        ),
    ),
    Role.DEPUTY_MAYOR: (),
    Role.LEADER: (),
    Role.CABINET_MEMBER: (
        CanDo(
            "Instruct the Chief Officer within your delegated authority.",
            "enquiries:new",
            "enquiry.route",
        ),
    ),
    Role.WARD_COUNCILLOR: (
        CanDo(
            "Record your own public meeting or a visit to council premises, and see the ward "
            "notices you were told about.",
            "wardnotices:list",
            "ward.notification",
        ),
    ),
    Role.PARTY_GROUP_MEMBER: (),
    Role.PARTY_GROUP_LEADER: (),
    Role.PROPER_OFFICER: (
        CanDo("See every enquiry and document in the council.", "enquiries:list"),
        CanDo("Decide who needs to know.", "documents:requests", "document.access"),
        CanDo(
            "Answer questions about the protocol.",
            "protocoltext:questions",
            "protocol.interpretation",
        ),
        CanDo(
            "Keep the register of requests to use council resources.",
            "resources:list",
            "resources.use",
        ),
        CanDo(
            "Tell ward members about public meetings, consultations and sensitive matters.",
            "wardnotices:new",
            "ward.notification",
        ),
        CanDo(
            "Record anonymous, abusive or repeated correspondence the council receives.",
            "correspondence:incoming_new",
            "correspondence.incoming",
        ),
        CanDo("Keep the protocol under review.", "protocoltext:text", "protocol.review"),
    ),
    Role.DEPUTY_CLERK: (),
    Role.CHIEF_EXECUTIVE: (
        CanDo("See every enquiry and document in the council.", "enquiries:list"),
        CanDo(
            "Settle disagreements between councillors and officers.",
            "concerns:list",
            "concern.route",
        ),
    ),
    Role.CHIEF_OFFICER: (
        CanDo("Receive and answer councillors' requests for your service.", "enquiries:list"),
    ),
    Role.LINE_MANAGER: (
        CanDo("Hear concerns about the officers you manage.", "concerns:list", "concern.route"),
    ),
    Role.STAFF: (
        CanDo(
            "Answer councillors' factual enquiries the Clerk has routed to you.", "enquiries:list"
        ),
        CanDo(
            "Tell ward members about public meetings, consultations and sensitive matters.",
            "wardnotices:new",
            "ward.notification",
        ),
    ),
    Role.HEAD_OF_COMMUNICATIONS: (
        CanDo("Coordinate the council's press releases.", "press:list", "press.release"),
    ),
    Role.MONITORING_OFFICER: (
        CanDo(
            "Receive code-of-conduct complaints about councillors.",
            "concerns:list",
            "concern.route",
        ),
        CanDo(
            "Decide disputes about access to documents where the protocol sends them to you.",
            "documents:requests",
            "document.dispute",
        ),
    ),
    Role.PERSONNEL_COMMITTEE_MEMBER: (
        CanDo(
            "Hear staff grievances with the personnel committee.", "concerns:list", "concern.route"
        ),
    ),
}


# The roles the set-up pages offer at each kind of council. A town or parish
# council has a Clerk and no Chief Executive, Leader or Cabinet; a principal
# council has a Chief Executive (its head of paid service) and no Clerk. The
# Monitoring Officer is the principal council's, offered everywhere.
_PRINCIPAL_ONLY = frozenset(
    {
        Role.CHIEF_EXECUTIVE,
        Role.CHIEF_OFFICER,
        Role.HEAD_OF_COMMUNICATIONS,
        Role.LEADER,
        Role.CABINET_MEMBER,
    }
)
_LOCAL_ONLY = frozenset({Role.PROPER_OFFICER, Role.DEPUTY_CLERK})
ROLES_NOT_OFFERED: dict[str, frozenset[str]] = {
    "parish": _PRINCIPAL_ONLY,
    "town": _PRINCIPAL_ONLY,
    "principal": _LOCAL_ONLY,
}


def roles_offered(council_kind: str) -> list[Role]:
    """The roles that make sense at a council of this kind, in the usual order."""
    left_out = ROLES_NOT_OFFERED.get(council_kind, frozenset())
    return [role for role in Role if role not in left_out]
