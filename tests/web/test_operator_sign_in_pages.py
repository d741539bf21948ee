"""An operator who was once a council's Clerk still signs in as the operator.

The operator's page takes any email as a council's new Clerk, the operator's own
included; once someone else became the Clerk, signing in picked that role-less
membership, and the access check signed the operator out ("Your access has ended"):
no way back to the operator's pages."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from propriety.people.models import Account

from . import factories as f
from .conftest import Hollowmere
from .test_operators import _operator_client, pass_operator_two_factor


def test_an_operator_whose_clerkship_ended_signs_in_as_the_operator(
    operator: Account, hollowmere: Hollowmere
) -> None:
    council = hollowmere.council
    client = _operator_client(operator)
    url = reverse("operator:replace_clerk", args=[council.pk])
    made = client.post(url, {"clerk_email": operator.email, "clerk_name": "Olive Operator"})
    assert made.status_code == 302
    replaced = client.post(url, {"clerk_email": "new.clerk@hollowmere.example"})
    assert replaced.status_code == 302

    again = Client()
    response = again.post(reverse("login"), {"username": operator.email, "password": f.PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("operator:councils")
    pass_operator_two_factor(again, operator)
    page = again.get(reverse("operator:councils"), follow=True)
    assert page.status_code == 200
    assert "Your access has ended" not in page.content.decode()
    assert council.name in page.content.decode()
