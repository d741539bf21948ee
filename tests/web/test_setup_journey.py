"""A new council from nothing, as issue 9's "done when" tells it, through the command line
and the pages only: a council created on a national-model rulebook (West Mersea's; the
national model itself is abstract, adopted only through a council's own rulebook that
extends it) with its Clerk invited, the Clerk following the invitation to set a password
and signing in, its people imported from CSV, two committees and a ward added, an exempt
document uploaded, and a councillor's enquiry reaching the Clerk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from propriety.cli import main
from propriety.councils.models import Committee, Council, Ward
from propriety.documents.models import Document
from propriety.enquiries.models import Enquiry
from propriety.people.import_cli import people
from propriety.people.models import Person

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def test_a_new_council_is_set_up_and_used(db: None, settings: Any) -> None:
    settings.PROPRIETY_BASE_URL = "http://testserver"
    created = CliRunner().invoke(
        main,
        [
            "council",
            "create",
            "--name",
            "Ashcombe Town Council",
            "--kind",
            "town",
            "--nation",
            "england",
            "--rulebook",
            "west-mersea",
            "--clerk-email",
            "clerk@ashcombe.example",
            "--clerk-name",
            "Priya Shah",
            "--principal-council",
            "Ashcombe District Council",
            "--json",
        ],
    )
    assert created.exit_code == 0, created.output
    made = json.loads(created.stdout)
    council = Council.objects.get(slug=made["slug"])
    # The Clerk follows the one-time link, sets a password and signs in.
    link = "/" + made["invitation"]["url"].split("/", 3)[3]
    client = Client()
    assert client.get(link).status_code == 200
    password = "ashcombe clerk passphrase 2027"
    set_it = client.post(link, {"new_password1": password, "new_password2": password})
    assert set_it.status_code == 302
    signed_in = client.post(
        reverse("login"), {"username": "clerk@ashcombe.example", "password": password}
    )
    assert signed_in.status_code == 302
    result = CliRunner().invoke(
        people, ["import", "--council", council.slug, str(EXAMPLES / "people.csv")]
    )
    assert result.exit_code == 0, result.output
    members = [p for p in Person.objects.for_council(council) if p.is_councillor_on()]
    assert len(members) == 13  # twelve councillors and a co-opted member

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
