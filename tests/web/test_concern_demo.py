"""The demo's concerns: every direction, several states, one referred to the Monitoring
Officer, one grievance with the personnel committee; loading twice adds nothing."""

from __future__ import annotations

from collections import Counter

from propriety.concerns import access
from propriety.concerns.demo import load_concerns_demo
from propriety.concerns.models import DIRECTIONS, Concern
from propriety.people.models import Person
from propriety.web.demo import load_demo


def test_the_demo_has_concerns_of_every_kind_and_state(db: None) -> None:
    council, _ = load_demo()
    concerns = list(Concern.objects.for_council(council))
    assert {c.direction for c in concerns} == set(DIRECTIONS)
    states = Counter(c.status for c in concerns)
    assert set(states) == {"open", "resolved", "referred_to_monitoring_officer", "closed"}
    referred = [c for c in concerns if c.status == Concern.Status.REFERRED]
    assert referred and referred[0].referral["principal_council"] == "Harrowdean District Council"
    grievance = next(
        c for c in concerns if c.direction == "grievance" and c.status == Concern.Status.OPEN
    )
    # The Town Clerk's own grievance: the council as employer, through the committee.
    assert grievance.handler_role == "personnel_committee"
    assert grievance.route["stand_in"]["for"]["role"] == "proper_officer"
    assert {p.full_name for p in access.handlers_of(grievance)} == {"Helen Okafor", "Ben Carter"}
    clerk = Person.objects.for_council(council).get(email="clerk@kestrelford.example")
    about_clerk = next(c for c in concerns if c.about_id == clerk.pk)
    assert not access.concerns_visible_to(clerk).filter(pk=about_clerk.pk).exists()
    load_concerns_demo(council)
    load_demo()
    assert Concern.objects.for_council(council).count() == len(concerns)
