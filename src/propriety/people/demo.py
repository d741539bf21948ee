"""Demo accounts: an operator, and the Monitoring Officer serving a second council.

Kestrelford District Council's Monitoring Officer serves every town and parish
council in its area, so in the demo she also serves Quillerton Parish Council and
signs in once to both (the council switcher in the header). Quillerton's Clerk
has been invited and not yet set a password; its Deputy Clerk's invitation
expired. The operator sets councils up from /operator/ and sees no casework.

Kestrelford also has a former councillor, Nigel Frost, who resigned on 30 September
2026: the Clerk ended his term, and his ward and Planning Committee seat ended with it
(people/README.md, "When a term ends"; his page shows them under past roles).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.councils.models import Committee, Council, Ward
from propriety.people.accounts import Account, SetPasswordLink
from propriety.people.actions import do_assign_role, do_create_person
from propriety.people.invitations import do_invite_person
from propriety.people.models import Person
from propriety.people.operators import do_create_council_with_clerk, do_create_operator
from propriety.people.roles import Role
from propriety.people.setup_actions import do_end_person_role

OPERATOR_EMAIL = "operator@propriety.example"
OPERATOR_PASSWORD = "demo-operator-2026"  # noqa: S105  (the demo prints it)
SECOND_COUNCIL = "Quillerton Parish Council"
SINCE = datetime.date(2024, 4, 1)


def load_accounts_demo(kestrelford: Council, monitoring_officer_email: str) -> None:
    """Add the operator, Quillerton and the former councillor (safe to run again: does
    nothing the second time)."""
    _load_former_councillor(kestrelford)
    if not Account.objects.filter(email=OPERATOR_EMAIL).exists():
        do_create_operator(
            email=OPERATOR_EMAIL,
            full_name="Pat Operator",
            password=OPERATOR_PASSWORD,
            acting_account=None,
        )
    if Council.objects.filter(name=SECOND_COUNCIL).exists():
        return
    operator = Account.objects.get(email=OPERATOR_EMAIL)
    made = do_create_council_with_clerk(
        name=SECOND_COUNCIL,
        kind=Council.Kind.PARISH,
        nation=Council.Nation.ENGLAND,
        rulebook="west-mersea",
        principal_council_name=kestrelford.principal_council_name,
        clerk_email="clerk@quillerton.example",
        clerk_name="Imogen Hale",
        operator=operator,
    )
    mo = Person.objects.for_council(kestrelford).get(email=monitoring_officer_email)
    serving = do_create_person(
        made.council, email=mo.email, full_name=mo.full_name, acting_user=made.clerk
    )
    do_assign_role(serving, role=Role.MONITORING_OFFICER, starts_on=SINCE, acting_user=made.clerk)
    deputy = do_create_person(
        made.council,
        email="deputy@quillerton.example",
        full_name="Callum Reid",
        acting_user=made.clerk,
    )
    do_assign_role(deputy, role=Role.DEPUTY_CLERK, starts_on=SINCE, acting_user=made.clerk)
    expired = do_invite_person(deputy, acting_user=made.clerk)
    SetPasswordLink.objects.filter(pk=expired.link.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )


FORMER_COUNCILLOR_EMAIL = "former-councillor@kestrelford.example"


def _load_former_councillor(council: Council) -> None:
    """A councillor who resigned: his term ended, and his member roles with it."""
    if Person.objects.for_council(council).filter(email=FORMER_COUNCILLOR_EMAIL).exists():
        return
    ward = Ward.objects.for_council(council).filter(name="Riverside").first()
    committee = Committee.objects.for_council(council).filter(name="Planning Committee").first()
    clerk = (
        Person.objects.for_council(council)
        .filter(role_assignments__role=Role.PROPER_OFFICER)
        .first()
    )
    if ward is None or committee is None or clerk is None:
        return
    nigel = do_create_person(
        council, email=FORMER_COUNCILLOR_EMAIL, full_name="Nigel Frost", acting_user=clerk
    )
    elected = datetime.date(2023, 5, 8)
    term = do_assign_role(nigel, role=Role.COUNCILLOR, starts_on=elected, acting_user=clerk)
    do_assign_role(
        nigel, role=Role.WARD_COUNCILLOR, ward=ward, starts_on=elected, acting_user=clerk
    )
    do_assign_role(
        nigel,
        role=Role.COMMITTEE_MEMBER,
        committee=committee,
        starts_on=datetime.date(2026, 5, 11),
        acting_user=clerk,
    )
    do_end_person_role(term, ends_on=datetime.date(2026, 9, 30), acting_user=clerk)
