"""A new council from nothing, as issue 9's "done when" tells it: a council on the national
model's rulebook, its people imported from CSV, two committees and a ward added, an exempt
document uploaded, and a councillor's enquiry reaching the Clerk. Only pages and the
command line; signing in is forced here (invitations and passwords are the accounts work)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from propriety.councils.actions import do_create_council
from propriety.councils.models import Committee, Ward
from propriety.documents.models import Document
from propriety.enquiries.models import Enquiry
from propriety.people.import_cli import people
from propriety.people.models import Person

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def test_a_new_council_is_set_up_and_used(db: None) -> None:
    council = do_create_council(
        name="Ashcombe Town Council",
        slug="ashcombe",
        kind="town",
        nation="england",
        rulebook="west-mersea",
        principal_council_name="Ashcombe District Council",
        acting_user=None,
    )
    result = CliRunner().invoke(
        people, ["import", "--council", "ashcombe", str(EXAMPLES / "people.csv")]
    )
    assert result.exit_code == 0, result.output
    members = [p for p in Person.objects.for_council(council) if p.is_councillor_on()]
    assert len(members) == 13  # twelve councillors and a co-opted member

    clerk = Person.objects.for_council(council).get(email="clerk@ashcombe.example")
    client = Client()
    client.force_login(clerk)
    assert "Set up" in client.get(reverse("home")).content.decode()
    for kind, name in (
        ("committees", "Personnel Committee"),
        ("committees", "Allotments Committee"),
        ("wards", "East"),
    ):
        assert client.post(reverse("setup:bodies", args=[kind]), {"name": name}).status_code == 302
    assert Committee.objects.for_council(council).count() == 4  # two from the import
    assert Ward.objects.for_council(council).filter(name="East").exists()

    personnel = Committee.objects.for_council(council).get(name="Personnel Committee")
    response = client.post(
        reverse("documents:new"),
        {
            "title": "Staffing structure review",
            "classification": "exempt",
            "exempt_category": "1",
            "contains_personal_data": "on",
            "committee": str(personnel.pk),
            "file": SimpleUploadedFile("review.pdf", b"%PDF-1.4 review"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.for_council(council).get()
    councillor = Person.objects.for_council(council).get(email="e.ford@ashcombe.example")
    member = Client()
    member.force_login(councillor)
    # Not on the Personnel Committee: the file is not for them.
    assert member.get(reverse("documents:download", args=[document.pk])).status_code == 404

    response = member.post(
        reverse("enquiries:new"),
        {
            "subject": "Bus shelter on Station Road",
            "body": "The glass is broken. Who repairs it?",
            "kind": "information",
            "addressed_to": "proper_officer",
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.for_council(council).get()
    assert "Bus shelter on Station Road" in client.get(reverse("enquiries:list")).content.decode()
    assert client.get(reverse("enquiries:detail", args=[enquiry.pk])).status_code == 200
