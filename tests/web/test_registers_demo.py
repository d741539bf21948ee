"""The demo council holds the register, briefings and delegated actions in every state,
and the warnings they raise are on the pages of the people who may see them."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from propriety.briefings.models import Briefing
from propriety.concerns.models import Concern
from propriety.consultations.models import DelegatedAction
from propriety.documents.models import AccessRequest
from propriety.interests.models import Declaration, Panel, PanelSeat
from propriety.people.models import Person
from propriety.web.demo import load_demo


def test_the_demo_has_every_state_and_its_warnings(db: None) -> None:
    council, _ = load_demo()
    load_demo()  # twice is safe
    declarations = Declaration.objects.for_council(council)
    assert declarations.count() == 6
    assert declarations.filter(ends_on__isnull=False).count() == 1
    assert set(Panel.objects.for_council(council).values_list("status", flat=True)) == {
        "open",
        "closed",
    }
    assert set(PanelSeat.objects.for_council(council).values_list("status", flat=True)) == {
        "seated",
        "refused",
    }
    assert set(Briefing.objects.for_council(council).values_list("status", flat=True)) == set(
        Briefing.Status.values
    )
    assert set(DelegatedAction.objects.for_council(council).values_list("status", flat=True)) == {
        "awaiting",
        "decided",
    }
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    client = Client()
    # The Clerk handles a concern about her declared friend: warned, citing §4.4.
    client.force_login(people["clerk"])
    concern = Concern.objects.for_council(council).get(summary="Comments at the Planning Committee")
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "app-conflict-warning" in page and "§4.4" in page
    # The second group's request shows the Clerk the obligation to give the same advice.
    second = Briefing.objects.for_council(council).get(
        status="requested", matter="Town centre parking strategy"
    )
    page = client.get(reverse("briefings:detail", args=[second.pk])).content.decode()
    assert "app-same-matter" in page and "§8.11" in page
    # The planning chair's request on the car park she declared an interest in.
    client.force_login(people["planning-chair"])
    request = AccessRequest.objects.for_council(council).filter(member=people["planning-chair"])
    page = client.get(reverse("documents:request", args=[request.first().pk])).content.decode()  # type: ignore[union-attr]
    assert "app-conflict-warning" in page and "Millfield Lane car park" in page
