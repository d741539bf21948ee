"""The oversight pages, recorded reads, retention and subject access, through HTTP
and the commands."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent, Checkpoint
from propriety.audit.reads import READ_ACTION
from propriety.audit.retention import MARK
from propriety.audit.subject_access import subject_access_export
from propriety.audit.timeline import timeline_for
from propriety.audit.trail import _cell
from propriety.audit.verify import verify_council
from propriety.concerns.actions import do_raise_concern
from propriety.people.models import Person

from . import factories as f
from .audit_helpers import audit_key_file, cli, sql
from .conftest import Hollowmere

__all__ = ["audit_key_file"]

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def signed_in(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def raise_concern(h: Hollowmere) -> Any:
    return do_raise_concern(
        h.cllr_ward,
        direction="member_about_officer",
        about=h.officer_junior,
        summary="Rude reply",
        details="Jo Junior was short with me.",
        today=TODAY,
        acting_user=h.cllr_ward,
    )


def _reads(council: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_council(council).filter(action=READ_ACTION))


def test_reading_a_concern_is_recorded_but_not_in_its_timeline(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = raise_concern(h)
    response = signed_in(h.officer_junior).get(reverse("concerns:detail", args=[concern.pk]))
    assert response.status_code == 200
    reads = _reads(h.council)
    assert [(r.actor_id, r.object_id) for r in reads] == [(h.officer_junior.pk, str(concern.pk))]
    assert all(e.event.action != READ_ACTION for e in timeline_for(concern))


def test_reading_an_exempt_document_is_recorded_and_a_public_one_is_not(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    public = f.make_document(h.council, "public")
    exempt = f.make_document(h.council, "exempt", exempt_category=1, committee=h.planning)
    client = signed_in(h.clerk)
    assert client.get(reverse("documents:detail", args=[public.pk])).status_code == 200
    assert _reads(h.council) == []
    assert client.get(reverse("documents:detail", args=[exempt.pk])).status_code == 200
    assert [r.object_id for r in _reads(h.council)] == [str(exempt.pk)]


def test_the_trail_filters_by_person_kind_case_and_dates(hollowmere: Hollowmere) -> None:
    h = hollowmere
    doc = f.make_document(h.council, "public", title="Budget papers")
    client = signed_in(h.monitoring_officer)
    url = reverse("audit:trail")
    case = f"documents.document:{doc.pk}"
    page = client.get(url, {"case": case}).content.decode()
    assert "Budget papers" in page
    assert "1 event" in page
    assert "document.created" in client.get(url, {"kind": "document.created"}).content.decode()
    none = client.get(url, {"person": str(h.cllr_ward.pk), "kind": "document.created"})
    assert "No events match" in none.content.decode()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    assert "No events match" in client.get(url, {"date_from": tomorrow}).content.decode()


def test_bad_filters_are_explained_and_kept(hollowmere: Hollowmere) -> None:
    client = signed_in(hollowmere.monitoring_officer)
    response = client.get(
        reverse("audit:trail"), {"date_from": "2026-12-01", "date_to": "2026-11-01", "case": "x"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in page
    assert "Enter a case as shown in the Case column" in page
    assert 'value="2026-12-01"' in page


def test_the_trail_is_paged(hollowmere: Hollowmere) -> None:
    h = hollowmere
    while AuditEvent.objects.for_council(h.council).count() <= 50:
        f.make_document(h.council, "public")
    client = signed_in(h.monitoring_officer)
    total = AuditEvent.objects.for_council(h.council).count()
    first = client.get(reverse("audit:trail")).content.decode()
    assert f"Showing 1 to 50 of {total} events" in first and 'href="?page=2"' in first
    second = client.get(reverse("audit:trail"), {"page": 2}).content.decode()
    assert 'id="event-' in second and f"Showing 51 to {total} of {total} events" in second


def test_the_csv_export_has_the_filtered_events_and_is_recorded(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.make_document(h.council, "public", title="=HYPERLINK(1)")
    client = signed_in(h.monitoring_officer)
    response = client.get(reverse("audit:export"), {"kind": "document.created"})
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["number", "event_id", "time_utc"]
    assert {r[4] for r in rows[1:]} == {"document.created"}
    assert any("=HYPERLINK(1)" in r[6] for r in rows[1:])
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"  # not run as a formula
    assert _cell("Budget") == "Budget"
    exported = AuditEvent.objects.for_council(h.council).filter(action="audit.trail_exported")
    assert exported.get().actor == h.monitoring_officer


def test_the_checkpoints_page_shows_the_verification_and_signs_on_demand(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    client = signed_in(h.monitoring_officer)
    assert "The audit log is intact" in client.get(reverse("audit:checkpoints")).content.decode()
    response = client.post(reverse("audit:checkpoint_new"), follow=True)
    page = response.content.decode()
    assert "The audit log was signed at" in page
    assert "BEGIN PUBLIC KEY" in page
    target = AuditEvent.objects.for_council(h.council).get(seq=2)
    sql("UPDATE {events} SET object_id = '999' WHERE id = %s", [target.pk])
    page = client.get(reverse("audit:checkpoints")).content.decode()
    assert "The audit log does not verify" in page
    assert f"event #{target.pk} (number 2)" in page


def test_the_checkpoint_downloads_check_with_openssl(
    hollowmere: Hollowmere, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    h = hollowmere
    client = signed_in(h.monitoring_officer)
    client.post(reverse("audit:checkpoint_new"))
    cp = Checkpoint.objects.for_council(h.council).get()
    url = reverse("audit:checkpoint_download", args=[cp.pk])
    (tmp_path / "key.pem").write_bytes(client.get(reverse("audit:public_key")).content)
    (tmp_path / "cp.body").write_bytes(client.get(url, {"part": "body"}).content)
    (tmp_path / "cp.sig").write_bytes(client.get(url, {"part": "sig"}).content)
    (tmp_path / "cp.txt").write_bytes(client.get(url).content)
    assert client.get(url, {"part": "nonsense"}).status_code == 404
    checked = cli(
        "audit",
        "check-checkpoint",
        str(tmp_path / "cp.txt"),
        "--public-key",
        str(tmp_path / "key.pem"),
    )
    assert checked.exit_code == 0, checked.output
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    done = subprocess.run(  # the documented offline command
        [
            openssl,
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            str(tmp_path / "key.pem"),
            "-rawin",
            "-in",
            str(tmp_path / "cp.body"),
            "-sigfile",
            str(tmp_path / "cp.sig"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Signature Verified Successfully" in done.stdout


def test_retention_pseudonymises_personal_data_and_the_log_still_verifies(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    concern = raise_concern(h)
    before = AuditEvent.objects.for_council(h.council).count()
    result = cli("retention", "apply", "--date", "2040-01-01")
    assert result.exit_code == 0, result.output
    assert "Retention on 1 January 2040: pseudonymised" in result.output
    assert "Hollowmere Parish Council: intact" in result.output
    concern.refresh_from_db()
    assert concern.details == MARK
    events = AuditEvent.objects.for_council(h.council).order_by("seq")
    old = [e for e in events if e.seq <= before]
    assert all(e.object_repr.startswith("[pseudonymised") and not e.personal_salt for e in old)
    assert verify_council(h.council).ok
    # Clearing personal data outside retention is tampering.
    newest = events.last()
    assert newest is not None
    sql("UPDATE {events} SET personal_salt = '' WHERE id = %s", [newest.pk])
    assert "outside retention" in str(verify_council(h.council).problem)


def test_retention_changes_nothing_before_its_time(hollowmere: Hollowmere) -> None:
    before = AuditEvent.objects.for_council(hollowmere.council).count()
    result = cli("retention", "apply")
    assert result.exit_code == 0
    assert "nothing is past its retention period" in result.output
    assert AuditEvent.objects.for_council(hollowmere.council).count() == before


def test_the_record_of_processing_lists_the_models_with_personal_data(
    hollowmere: Hollowmere,
) -> None:
    page = signed_in(hollowmere.clerk).get(reverse("audit:processing")).content.decode()
    for kind in ("concerns.concern", "enquiries.enquiry", "people.person", "audit.auditevent"):
        assert f'id="activity-{kind}"' in page
    assert "6 years after its" in page


def _tables_pointing_at_people() -> list[tuple[str, str]]:
    """(table, column) for every foreign key to people_person, read from the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            relations = connection.introspection.get_relations(cursor, table)
            for column, (_, target) in relations.items():
                if target == Person._meta.db_table:
                    found.append((table, column))
    return found


def test_the_subject_access_export_is_complete_for_a_demo_person() -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    subject = Person.objects.for_council(council).get(email="ward-councillor@kestrelford.example")
    export = subject_access_export(subject)
    exported = {(r["kind"], r["record_id"]) for r in export["records"]}
    table_to_kind = {m._meta.db_table: m._meta.label_lower for m in apps.get_models()}
    # A many-to-many table's row stands for the record on its other side.
    through = {
        m._meta.db_table: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.auto_created
    }
    expected = set()
    with connection.cursor() as cursor:
        for table, column in _tables_pointing_at_people():
            if table == AuditEvent._meta.db_table:
                continue
            key, kind = "id", table_to_kind.get(table)
            if table in through:
                owner = through[table]._meta.auto_created
                assert isinstance(owner, type)
                key = next(
                    f.column
                    for f in through[table]._meta.concrete_fields
                    if f.is_relation and f.related_model is owner
                )
                kind = owner._meta.label_lower
            cursor.execute(f"SELECT {key} FROM {table} WHERE {column} = %s", [subject.pk])  # noqa: S608
            expected |= {(kind, pk) for (pk,) in cursor.fetchall()}
    expected.add(("people.person", subject.pk))
    assert expected <= exported, f"missing: {sorted(expected - exported)}"
    assert len(expected) > 3
    actor_events = AuditEvent.objects.for_council(council).filter(actor=subject).count()
    assert sum(e["by_them"] for e in export["audit_events"]) == actor_events
    third = {t["name"] for t in export["redaction_review"]["third_parties"]}
    assert subject.full_name not in third
    [account] = [r for r in export["records"] if r["kind"] == "people.account"]
    assert {"password", "security_stamp"} <= set(account["withheld"])
    assert account["fields"]["email"] == subject.email


def test_the_subject_access_pages_export_and_record_it(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = signed_in(h.clerk)
    url = reverse("audit:subject_access_export", args=[h.cllr_ward.pk])
    page = client.get(url).content.decode()
    assert f"holds about {h.cllr_ward.full_name}" in page
    data = client.get(url, {"format": "json"}).json()
    assert data["about"]["person_id"] == h.cllr_ward.pk
    events = AuditEvent.objects.for_council(h.council).filter(action="subject_access.exported")
    assert events.count() == 2


def test_reading_a_concern_through_the_api_is_recorded(hollowmere: Hollowmere) -> None:
    from propriety.people.actions import do_create_api_token

    h = hollowmere
    concern = raise_concern(h)
    _, key = do_create_api_token(h.officer_junior, name="Tests", acting_user=h.officer_junior)
    response = Client().get(f"/api/v1/concerns/{concern.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content
    assert [(r.actor_id, r.object_id) for r in _reads(h.council)] == [
        (h.officer_junior.pk, str(concern.pk))
    ]


def test_the_home_page_links_to_the_oversight_pages_for_those_who_may_open_them(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    mo = signed_in(h.monitoring_officer).get(reverse("home")).content.decode()
    trail = f'href="{reverse("audit:trail")}"'
    assert trail in mo and reverse("audit:subject_access") in mo
    clerk = signed_in(h.clerk).get(reverse("home")).content.decode()
    assert trail not in clerk and reverse("audit:subject_access") in clerk
    member = signed_in(h.cllr_ward).get(reverse("home")).content.decode()
    assert "Oversight and data protection" not in member


def test_retention_renames_people_whose_roles_all_ended_long_ago(hollowmere: Hollowmere) -> None:
    h = hollowmere
    former = f.make_person(
        h.council,
        "councillor",
        name="Fiona Former",
        starts_on=datetime.date(2015, 5, 7),
        ends_on=datetime.date(2019, 5, 2),
    )
    result = cli("retention", "apply", "--date", "2040-01-01")
    assert result.exit_code == 0, result.output
    former.refresh_from_db()
    assert former.full_name == f"Former member of the council #{former.pk}"
    assert former.email.endswith("@pseudonymised.invalid") and not former.is_active
    h.cllr_ward.refresh_from_db()
    assert h.cllr_ward.full_name == "Wendy Ward"  # still holds a role
    assert "people.person" in str(
        AuditEvent.objects.for_council(h.council).get(action="retention.applied").details
    )


def test_the_demo_council_has_checkpoints_reads_and_an_intact_log() -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    checkpoints = Checkpoint.objects.for_council(council)
    assert {c.made_by is None for c in checkpoints} == {True, False}  # scheduled and on demand
    assert len(_reads(council)) >= 2
    assert AuditEvent.objects.for_council(council).filter(action="subject_access.exported")
    assert verify_council(council).ok
