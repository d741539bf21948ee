"""Whose Monitoring Officer a council's complaints go to: "Leave blank for a principal
council", say the operator's and the Clerk's pages, yet a principal council was set up
with a principal council of its own, with no word."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from propriety.councils.models import Council
from propriety.people.models import Account
from propriety.people.roles import Role

from . import factories as f
from .test_operators import _operator_client

MESSAGE = "A principal council has no principal council above it: leave this empty"


def test_the_operator_cannot_give_a_principal_council_a_principal_council(
    operator: Account,
) -> None:
    client = _operator_client(operator)
    page = client.post(
        reverse("operator:council_new"),
        {
            "name": "Harrowdean District Council",
            "kind": "principal",
            "nation": "england",
            "rulebook": "part5-district",
            "principal_council_name": "Some County Council",
            "clerk_email": "ceo@harrowdean.example",
        },
    ).content.decode()
    assert MESSAGE in page and 'href="#id_principal_council_name"' in page
    assert 'value="Some County Council"' in page
    assert not Council.objects.filter(name="Harrowdean District Council").exists()


def test_nor_can_the_clerk_of_one(db: None) -> None:
    council = f.make_council("Harrowdean District Council", kind=Council.Kind.PRINCIPAL)
    clerk_client = Client()
    clerk_client.force_login(f.make_person(council, Role.PROPER_OFFICER, name="Cleo Clerk"))
    page = clerk_client.post(
        reverse("setup:council"),
        {"name": council.name, "nation": "england", "principal_council_name": "Wessex CC"},
    ).content.decode()
    assert MESSAGE in page and 'value="Wessex CC"' in page
    council.refresh_from_db()
    assert council.principal_council_name != "Wessex CC"
