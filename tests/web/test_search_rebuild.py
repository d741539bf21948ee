"""``propriety search rebuild`` and the rebuild that ends ``propriety backup restore``:
after a restore, search finds the restored records (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection

from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.documents.models import Document
from propriety.people.holders import holders_of
from propriety.workspace import search_fts, search_vectors
from propriety.workspace.search import fts5_compiled, fts_specs, search, vector_specs

from . import factories as f
from .audit_helpers import audit_key_file, cli, council_with_log

__all__ = ["audit_key_file"]

TODAY = datetime.date(2026, 11, 23)


def _found(council: Council, words: str) -> list[str]:
    clerk = holders_of(Council.objects.get(pk=council.pk), "proper_officer")[0]
    return [h.title.split(": ", 1)[-1] for h in search(clerk, words, TODAY)]


def _raw(statement: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _sqlite_index() -> bool:
    return connection.vendor == "sqlite" and fts5_compiled()


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_search_finds_the_restored_records(tmp_path: Path) -> None:
    council = council_with_log(4)
    f.make_document(council, "public", title="Kittiwake colony survey")
    if _sqlite_index() or connection.vendor == "postgresql":
        # A copy whose index had gone stale: only a rebuild can find the survey.
        _raw("DELETE FROM workspace_search")
    assert cli("backup", "create", "--to", str(tmp_path)).exit_code == 0
    copy = next(p for p in tmp_path.iterdir() if not p.name.endswith(".json"))
    # After the copy, the survey is retitled behind the application's back.
    assert Document._meta.db_table == "documents_document"
    _raw(
        "UPDATE documents_document SET title = %s WHERE title = %s",
        ["Puffin burrow count", "Kittiwake colony survey"],
    )

    restored = cli("backup", "restore", str(copy), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "Hollowmere Parish Council: intact" in restored.output
    assert f"Document: {Document.unscoped.count()} record" in restored.output
    assert _found(council, "kittiwake") == ["Kittiwake colony survey"]
    assert _found(council, "puffin") == []


@pytest.mark.django_db
def test_the_command_rebuilds_every_council_or_one(fernley: Council) -> None:
    council = council_with_log(2)
    f.make_document(council, "public", title="Kittiwake colony survey")
    f.make_person(fernley, "proper_officer", name="Fern Clerk")
    f.make_document(fernley, "public", title="Kittiwake ledge photographs")
    # A restored copy from before the index: no table, no triggers.
    if _sqlite_index():
        for statement in search_fts.uninstall_sql(fts_specs()):
            _raw(statement)
    elif connection.vendor == "postgresql":
        for statement in search_vectors.uninstall_sql(vector_specs()):
            _raw(statement)

    everyone = cli("search", "rebuild")
    assert everyone.exit_code == 0, everyone.output
    assert "every council" in everyone.output
    documents = Document.unscoped.count()
    assert f"Document: {documents} records" in everyone.output
    assert f"Done: {documents} records." in everyone.output
    assert _found(council, "kittiwake") == ["Kittiwake colony survey"]
    assert _found(fernley, "kittiwake") == ["Kittiwake ledge photographs"]
    # ... and the triggers are back: a bulk update (no signals) is followed at once.
    with recording(council=fernley, actor=None, action="test.retitle"):
        Document.unscoped.filter(council=fernley).update(title="Guillemot ledge photographs")
    assert _found(fernley, "kittiwake") == []
    assert _found(fernley, "guillemot") == ["Guillemot ledge photographs"]

    if _sqlite_index() or connection.vendor == "postgresql":
        _raw("DELETE FROM workspace_search")
    one = cli("search", "rebuild", "--council", council.slug)
    assert one.exit_code == 0, one.output
    assert f"council {council.slug}" in one.output
    assert f"Document: {Document.unscoped.filter(council=council).count()} record" in one.output
    assert _found(council, "kittiwake") == ["Kittiwake colony survey"]
    if _sqlite_index() or connection.vendor == "postgresql":
        # Only that council was indexed again.
        assert _found(fernley, "kittiwake") == []

    unknown = cli("search", "rebuild", "--council", "nowhere")
    assert unknown.exit_code == 2
    assert "there is no council 'nowhere'" in unknown.output
