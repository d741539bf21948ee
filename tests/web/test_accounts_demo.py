"""The demo's accounts: an operator, a Monitoring Officer serving two councils, and
invitations waiting and expired."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from propriety.councils.models import Council
from propriety.people.accounts import SetPasswordLink
from propriety.people.demo import OPERATOR_EMAIL, OPERATOR_PASSWORD, SECOND_COUNCIL
from propriety.people.models import Account, Person
from propriety.web.demo import demo_sign_ins, load_demo

from .test_operators import pass_operator_two_factor


def test_the_demo_has_an_operator_and_a_two_council_monitoring_officer(db: None) -> None:
    kestrelford, _ = load_demo()
    load_demo()  # twice changes nothing
    quillerton = Council.objects.get(name=SECOND_COUNCIL)
    assert Council.objects.count() == 3  # Larkhythe too (web/demo_councils.py)
    assert (OPERATOR_EMAIL, OPERATOR_PASSWORD) in [(s.email, s.password) for s in demo_sign_ins()]

    mo = next(s for s in demo_sign_ins() if s.role.startswith("Monitoring Officer"))
    client = Client()
    client.post(reverse("login"), {"username": mo.email, "password": mo.password})
    html = client.get(reverse("home")).content.decode()
    assert "Switch council" in html and SECOND_COUNCIL in html
    client.post(reverse("accounts:switch"), {"council": quillerton.pk})
    assert client.get(reverse("home")).context["council"] == quillerton

    operator = Client()
    operator.post(reverse("login"), {"username": OPERATOR_EMAIL, "password": OPERATOR_PASSWORD})
    # Operators must set up two-factor sign-in first (PROPRIETY_TWO_FACTOR_FOR_OPERATORS).
    assert operator.get(reverse("operator:councils"))["Location"].startswith(
        reverse("operator:two_factor_setup")
    )
    pass_operator_two_factor(operator, Account.objects.get(email=OPERATOR_EMAIL))
    listing = operator.get(reverse("operator:councils")).content.decode()
    assert kestrelford.name in listing and SECOND_COUNCIL in listing

    clerk = Person.objects.for_council(quillerton).get(email="clerk@quillerton.example")
    deputy = Person.objects.for_council(quillerton).get(email="deputy@quillerton.example")
    assert SetPasswordLink.objects.get(person=clerk).is_open()
    assert not SetPasswordLink.objects.get(person=deputy).is_open()
