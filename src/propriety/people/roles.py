"""The roles a person can hold, and what each lets them do, in plain English."""

from __future__ import annotations

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

# What each role lets a person do, said the way the protocols say it. The home
# page lists these for the roles a person holds today.
CAN_DO: dict[str, tuple[str, ...]] = {
    Role.COUNCILLOR: (
        "Ask an officer a question or for information, through the Clerk where the "
        "protocol says so.",
        "Ask to see a council document you need to know about.",
    ),
    Role.CO_OPTED_MEMBER: ("Ask to see the documents of the bodies you sit on.",),
    Role.COUNCIL_CHAIR: ("Speak for the council to the press where the council agrees.",),
    Role.COUNCIL_VICE_CHAIR: ("Stand in for the chair of the council.",),
    Role.COMMITTEE_CHAIR: (
        "See your committee's documents.",
        "Be consulted on action an officer takes in consultation with the chair "
        "(the officer still decides).",
    ),
    Role.COMMITTEE_VICE_CHAIR: ("See your committee's documents.",),
    Role.COMMITTEE_MEMBER: ("See your committee's documents.",),
    Role.MAYOR: ("Write letters in your own name as Mayor where the protocol allows it.",),
    Role.DEPUTY_MAYOR: ("Stand in for the Mayor.",),
    Role.LEADER: ("Be consulted on disagreements between councillors and officers.",),
    Role.CABINET_MEMBER: ("Instruct the Chief Officer within your delegated authority.",),
    Role.WARD_COUNCILLOR: ("Be told about consultations and sensitive matters in your ward.",),
    Role.PARTY_GROUP_MEMBER: ("Ask the Clerk to brief your group on council business.",),
    Role.PARTY_GROUP_LEADER: ("Ask the Clerk to brief your group on council business.",),
    Role.PROPER_OFFICER: (
        "See every enquiry and document in the council.",
        "Decide who needs to know, and answer questions about the protocol.",
    ),
    Role.DEPUTY_CLERK: ("Act for the Clerk when the Clerk asks you to.",),
    Role.CHIEF_EXECUTIVE: (
        "See every enquiry and document in the council.",
        "Settle disagreements between councillors and officers.",
    ),
    Role.CHIEF_OFFICER: ("Receive and answer councillors' requests for your service.",),
    Role.LINE_MANAGER: ("Hear concerns about the officers you manage.",),
    Role.STAFF: ("Answer councillors' factual enquiries the Clerk has routed to you.",),
    Role.HEAD_OF_COMMUNICATIONS: ("Coordinate the council's press releases.",),
    Role.MONITORING_OFFICER: (
        "Receive code-of-conduct complaints about councillors.",
        "Decide disputes about access to documents where the protocol sends them to you.",
    ),
    Role.PERSONNEL_COMMITTEE_MEMBER: ("Hear staff grievances with the personnel committee.",),
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
