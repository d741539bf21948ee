"""Text over a field's limit, and a date that is not one, are refused in plain English that
names the field, on every form (web/forms.ProprietyForm), not Django's "Ensure this value
has at most 200 characters (it has 500)." or "Enter a valid date."; what was typed is
kept."""

from __future__ import annotations

from django.test import Client

from propriety.people.models import Account

from .conftest import Hollowmere
from .test_operators import _operator_client

DJANGO_DEFAULT = "Ensure this value has at most"


def test_an_outsiders_name_too_long_for_the_register_says_so_plainly(
    client: Client, hollowmere: Hollowmere
) -> None:
    client.force_login(hollowmere.cllr_ward)
    long_name = "Kestrel Rowing Club." * 20
    page = client.post(
        "/interests/new/", {"kind": "friendship", "related_name": long_name, "details": "d" * 2001}
    ).content.decode()
    assert DJANGO_DEFAULT not in page
    assert "“Outsider’s name” must be 200 characters or fewer (it has 400)." in page
    assert "“Details” must be 2,000 characters or fewer (it has 2,001)." in page
    assert long_name.strip() in page


def test_a_council_name_too_long_says_so_plainly(operator: Account) -> None:
    client = _operator_client(operator)
    page = client.post(
        "/operator/councils/new/",
        {"name": "X" * 500, "kind": "parish", "clerk_email": "clerk@ashby.example"},
    ).content.decode()
    assert DJANGO_DEFAULT not in page
    assert "“Name of the council” must be 200 characters or fewer (it has 500)." in page
    assert 'value="' + "X" * 500 + '"' in page


def test_a_date_that_is_not_one_says_so_plainly(client: Client, hollowmere: Hollowmere) -> None:
    client.force_login(hollowmere.cllr_ward)
    page = client.post(
        "/interests/new/",
        {"nature": "interest", "related_name": "Kestrel Rowing Club", "starts_on": "2030-02-30"},
    ).content.decode()
    assert "Enter a valid date." not in page
    assert "“From” must be a real date, for example 22 March 2027." in page
    assert 'value="2030-02-30"' in page


def test_a_pasted_book_is_not_an_enquiry(client: Client, hollowmere: Hollowmere) -> None:
    """A box with no limit of its own took three million characters as an enquiry; every
    text box now has one (web.forms.TEXT_LIMIT), said plainly, the text kept."""
    client.force_login(hollowmere.cllr_ward)
    body = "Potholes. " * 2_001
    page = client.post(
        "/enquiries/new/",
        {
            "subject": "Potholes",
            "body": body,
            "kind": "information",
            "addressed_to": "proper_officer",
        },
    ).content.decode()
    assert "“Your enquiry” must be 20,000 characters or fewer (it has 20,009)." in page
    assert body.strip() in page
    assert hollowmere.cllr_ward.enquiries_made.count() == 0
