"""Express approval of instructions to staff is not direct contact (national model Some
general principles ¶2): only a Clerk's agreement that also approves instructions lets a
member's instruction go to the officer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from propriety.enquiries.agreements import do_record_direct_contact_agreement

from .test_enquiry_agreements import TODAY, Town, _ask, make_town


@pytest.fixture
def national(db: None) -> Town:
    return make_town("grantham", slug="granthamapproval")


def _agree(town: Town, *, instructions_approved: bool) -> object:
    return do_record_direct_contact_agreement(
        officer=town.officer,
        matter="Allotment lettings",
        instructions_approved=instructions_approved,
        today=TODAY,
        acting_user=town.clerk,
    )


def test_an_instruction_under_an_approval_goes_to_the_officer(national: Town) -> None:
    agreement = _agree(national, instructions_approved=True)
    enquiry = _ask(national.member, agreement=agreement, kind="instruction")
    assert enquiry.route["outcome"] == "allow"
    assert enquiry.officer == national.officer
    assert {c["provision"] for c in enquiry.route["citations"]} == {
        "enquiry.instruction-to-staff-approved"
    }


def test_direct_contact_alone_leaves_an_instruction_to_the_clerk(national: Town) -> None:
    agreement = _agree(national, instructions_approved=False)
    enquiry = _ask(national.member, agreement=agreement, kind="instruction")
    assert enquiry.route["outcome"] == "refer"
    assert enquiry.route["recommendation"] == "refuse"
    assert enquiry.officer != national.officer
    information = _ask(national.member, agreement=agreement, kind="information")
    assert information.officer == national.officer


def test_approval_is_refused_where_the_protocol_has_no_such_rule(db: None) -> None:
    town = make_town("acses-town", slug="acsesapproval")
    with pytest.raises(ValidationError) as caught:
        _agree(town, instructions_approved=True)
    assert "instructions_approved" in caught.value.message_dict
