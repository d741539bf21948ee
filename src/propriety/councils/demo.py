"""The set-up's demo data for Kestrelford: what the Clerk keeps on the set-up pages.

A Monitoring Officer named in the council's details, a working group closed
with its memberships ended, and register entries with their files: a public
paper, an exempt one holding personal data, and one made public after the
contract was signed (reclassified with reasons); the Audit and Governance
Committee named as the council's governance committee, with Cllr Aisha Begum
on it, so her sign-in shows what the committee reads. Safe to run twice.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from propriety.councils.actions import (
    do_change_council_details,
    do_close_body,
    do_create_committee,
    do_set_governance_committee,
)
from propriety.councils.models import Committee, Council
from propriety.documents.actions import do_create_document, do_reclassify_document
from propriety.people.holders import holders_of
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.people.setup_actions import do_add_role

WORKING_GROUP = "Neighbourhood Plan Working Group"
GOVERNANCE_COMMITTEE = "Audit and Governance Committee"
GOVERNANCE_MEMBER = "riverside-councillor"


def load_setup_demo(council: Council) -> None:
    load_governance_demo(council)
    if Committee.objects.for_council(council).filter(name=WORKING_GROUP).exists():
        return
    clerk = holders_of(council, "proper_officer")[0]
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    monitoring_officer = holders_of(council, "monitoring_officer")[0]
    do_change_council_details(
        council,
        name=council.name,
        nation=council.nation,
        principal_council_name=council.principal_council_name,
        monitoring_officer=monitoring_officer,
        acknowledge_working_days=council.acknowledge_working_days,
        respond_working_days=council.respond_working_days,
        follow_up_working_days=council.follow_up_working_days,
        acting_user=clerk,
    )
    group = do_create_committee(council, name=WORKING_GROUP, acting_user=clerk)
    for key in ("mayor", "deputy-mayor"):
        if key in people:
            do_add_role(
                people[key],
                role=Role.COMMITTEE_MEMBER,
                committee=group,
                starts_on=datetime.date(2023, 6, 1),
                acting_user=clerk,
            )
    do_close_body(group, closed_on=datetime.date(2025, 3, 31), acting_user=clerk)
    _load_files(council, clerk)


def _load_files(council: Council, clerk: Person) -> None:
    committees = {c.name: c for c in Committee.objects.for_council(council)}
    do_create_document(
        council,
        title="Annual governance and accountability return 2025/26",
        reference="KTC/FC/2026/05",
        classification="public",
        dated=datetime.date(2026, 6, 8),
        meeting_date=datetime.date(2026, 6, 8),
        summary="The return as approved by the Full Council.",
        file=ContentFile(
            b"Kestrelford Town Council\nAnnual governance and accountability return 2025/26\n",
            name="AGAR 2025-26.txt",
        ),
        acting_user=clerk,
    )
    do_create_document(
        council,
        title="Allotment tenancy arrears: named tenants",
        reference="KTC/FGP/2026/09",
        classification="exempt",
        exempt_category=3,
        contains_personal_data=True,
        committee=committees.get("Finance and General Purposes Committee"),
        dated=datetime.date(2026, 11, 10),
        meeting_date=datetime.date(2026, 11, 17),
        file=ContentFile(
            b"Allotment tenancy arrears at 10 November 2026 (exempt, personal data).\n",
            name="Allotment arrears.txt",
        ),
        acting_user=clerk,
    )
    contract = do_create_document(
        council,
        title="Christmas lights contract: award",
        reference="KTC/FGP/2026/04",
        classification="exempt",
        exempt_category=3,
        committee=committees.get("Finance and General Purposes Committee"),
        dated=datetime.date(2026, 9, 15),
        meeting_date=datetime.date(2026, 9, 22),
        file=ContentFile(
            b"Christmas lights contract: tenders received and the award.\n",
            name="Christmas lights award.txt",
        ),
        acting_user=clerk,
    )
    do_reclassify_document(
        contract,
        classification="public",
        reasons="The contract was signed on 1 October 2026, so the prices are no longer "
        "commercially sensitive.",
        acting_user=clerk,
    )


def load_governance_demo(council: Council) -> None:
    """The governance committee, named in set-up, with one member who signs in."""
    if Committee.objects.for_council(council).filter(name=GOVERNANCE_COMMITTEE).exists():
        return
    clerk = holders_of(council, "proper_officer")[0]
    committee = do_create_committee(council, name=GOVERNANCE_COMMITTEE, acting_user=clerk)
    member = (
        Person.objects.for_council(council)
        .filter(email__startswith=f"{GOVERNANCE_MEMBER}@")
        .first()
    )
    if member is not None:
        do_add_role(
            member,
            role=Role.COMMITTEE_MEMBER,
            committee=committee,
            starts_on=datetime.date(2026, 5, 11),
            acting_user=clerk,
        )
    do_set_governance_committee(council, committee=committee, acting_user=clerk)
