"""Search's stored index follows every write (PostgreSQL: stored vectors kept by triggers;
SQLite: its FTS5 table, also kept by triggers): an edit is found by its new words and not its old
ones, and on PostgreSQL the stored vector ranks exactly as the vector computed on the fly did.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.enquiries.actions import do_answer_enquiry, do_submit_enquiry, do_triage_enquiry
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.press.actions import do_draft_press_release, do_edit_press_release
from propriety.workspace.search import SOURCES, search

from .conftest import Hollowmere

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's stored vectors (SQLite's FTS5 table is tested with the rest)",
)


def _found(person: Person, words: str) -> set[str]:
    return {hit.title for hit in search(person, words, timezone.localdate())}


def _enquiry(h: Hollowmere, subject: str, body: str) -> Enquiry:
    return do_submit_enquiry(
        h.cllr_ward,
        subject=subject,
        body=body,
        kind="information",
        addressed_to="proper_officer",
        acting_user=h.cllr_ward,
    )


def test_an_edited_release_is_found_by_its_new_words_and_not_its_old_ones(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    release = do_draft_press_release(
        h.clerk, title="Kingfisher nesting bank", body="Volunteers built it.", acting_user=h.clerk
    )
    assert _found(h.clerk, "kingfisher") == {"Kingfisher nesting bank"}
    do_edit_press_release(
        release,
        title="Otter holt",
        body="Volunteers dug it.",
        kind=release.kind,
        acting_user=h.clerk,
    )
    assert _found(h.clerk, "otter") == {"Otter holt"}
    assert _found(h.clerk, "kingfisher") == set()
    assert _found(h.clerk, "volunteers dug") == {"Otter holt"}
    assert _found(h.clerk, "volunteers built") == set()


def test_an_answer_is_found_and_a_status_change_keeps_the_entry(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Pond dipping platform", "Is it safe?")
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    assert _found(h.cllr_ward, "platform") == {"Pond dipping platform"}
    do_answer_enquiry(
        e, answer="The decking was replaced with larch.", acting_user=h.officer_junior
    )
    assert _found(h.cllr_ward, "larch") == {"Pond dipping platform"}
    assert _found(h.cllr_ward, "platform") == {"Pond dipping platform"}


def test_every_word_must_match(hollowmere: Hollowmere) -> None:
    """Two words find what has both, not every record with text (PostgreSQL once ranked
    any record above zero for a query of two words or more: ts_rank gives 1e-20 to none)."""
    h = hollowmere
    _enquiry(h, "Hedgehog crossing", "Near the school.")
    _enquiry(h, "Hedgehog survey", "Spring count.")
    _enquiry(h, "Grit bins", "Empty again.")
    assert _found(h.cllr_ward, "hedgehog crossing") == {"Hedgehog crossing"}
    assert _found(h.cllr_ward, "hedgehog survey") == {"Hedgehog survey"}
    assert _found(h.cllr_ward, "hedgehog") == {"Hedgehog crossing", "Hedgehog survey"}
    assert _found(h.cllr_ward, "walrus sightings") == set()


def test_bulk_writes_raw_sql_and_deletes_keep_the_stored_vectors(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Skate park lighting", "Too dark after six.")
    council = h.council
    with recording(council=council, actor=None, action="test.bulk"):
        copies = Enquiry.unscoped.bulk_create(
            [
                Enquiry(
                    **{
                        f.attname: getattr(e, f.attname)
                        for f in Enquiry._meta.concrete_fields
                        if f.attname != "id"
                    }
                )
                for _ in range(3)
            ]
        )
        for n, copy in enumerate(copies):
            copy.subject = f"Heron roost {n}"
        Enquiry.unscoped.bulk_update(copies, ["subject"])
    assert _found(h.cllr_ward, "heron") == {"Heron roost 0", "Heron roost 1", "Heron roost 2"}
    assert _found(h.cllr_ward, "skate") == {"Skate park lighting"}

    # Retention pseudonymises with QuerySet.update: the old words must stop matching.
    with recording(council=council, actor=None, action="test.retention"):
        Enquiry.unscoped.filter(pk=copies[0].pk).update(subject="[pseudonymised]", body="")
    assert _found(h.cllr_ward, "heron") == {"Heron roost 1", "Heron roost 2"}

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE enquiries_enquiry SET subject = 'Egret colony' WHERE id = %s", [copies[1].pk]
        )
    assert _found(h.cllr_ward, "egret") == {"Egret colony"}
    assert _found(h.cllr_ward, "heron") == {"Heron roost 2"}

    with recording(council=council, actor=None, action="test.delete"):
        Enquiry.unscoped.filter(pk__in=[c.pk for c in copies]).delete()
    assert _found(h.cllr_ward, "egret heron") == set()
    with connection.cursor() as cursor:
        for copy in copies:
            cursor.execute(
                "SELECT count(*) FROM workspace_search WHERE kind = 'enquiry' AND obj_id = %s",
                [copy.pk],
            )
            assert cursor.fetchone()[0] == 0


@postgresql_only
def test_the_stored_vectors_rank_as_the_vectors_computed_on_the_fly(
    hollowmere: Hollowmere,
) -> None:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    h = hollowmere
    _enquiry(h, "Lighting on Mill Lane", "The lights are out. Lighting matters to residents.")
    _enquiry(h, "Street lights", "Lights out again on the lane; residents worried.")
    _enquiry(h, "Mill pond", "Residents ask about the mill pond and its lighting.")
    today = timezone.localdate()
    for words in ("lighting", "lights", "mill lane", "residents lighting", "mill"):
        terms = SearchQuery(words, search_type="websearch", config="english")
        for source in SOURCES:
            visible = source.visible(h.clerk, today)
            before = {
                obj.pk: obj.r
                for obj in visible.annotate(
                    r=SearchRank(SearchVector(*source.fields, config="english"), terms)
                ).filter(r__gt=0)
            }
            if len(words.split()) == 1:
                # One word: rank above zero is exactly "matches" (more words: see above).
                expected = before
            else:
                expected = {
                    pk: r
                    for pk, r in before.items()
                    if visible.filter(pk=pk)
                    .annotate(v=SearchVector(*source.fields, config="english"))
                    .filter(v=terms)
                    .exists()
                }
            got = {
                hit.url: hit.rank
                for hit in search(h.clerk, words, today)
                if hit.kind == source.label
            }
            from django.urls import reverse

            assert got == {reverse(source.url_name, args=[pk]): r for pk, r in expected.items()}


@postgresql_only
def test_search_reads_stored_vectors_and_computes_none(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _enquiry(h, "Bench by the war memorial", "It is broken.")
    with CaptureQueriesContext(connection) as queries:
        assert _found(h.clerk, "memorial") == {"Bench by the war memorial"}
    assert not [q["sql"] for q in queries if "to_tsvector" in q["sql"]]
    assert [q["sql"] for q in queries if "workspace_search" in q["sql"]]


def test_a_stored_entry_never_crosses_councils(hollowmere: Hollowmere, fernley: object) -> None:
    from . import factories as f

    h = hollowmere
    other = f.make_person(fernley, "councillor", name="Fern Member")  # type: ignore[arg-type]
    do_submit_enquiry(
        other,
        subject="Nightjar survey",
        body="Heathland.",
        kind="information",
        addressed_to="proper_officer",
        today=datetime.date.today(),
        acting_user=other,
    )
    assert _found(h.clerk, "nightjar") == set()


def test_text_pseudonymised_by_a_bulk_update_stops_matching(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Wren Cottage boundary", "Mrs Partridge's hedge.")
    with recording(council=h.council, actor=None, action="test.retention"):
        Enquiry.unscoped.filter(pk=e.pk).update(body="[pseudonymised]")
    assert _found(h.cllr_ward, "partridge") == set()
    assert _found(h.cllr_ward, "wren") == {"Wren Cottage boundary"}


def test_retention_takes_pseudonymised_words_out_of_search(hollowmere: Hollowmere) -> None:
    """`propriety retention apply` changes text with one update per kind (no signals):
    the words it takes out must stop finding the record at once, on both databases."""
    from propriety.audit.retention import apply_retention

    h = hollowmere
    e = _enquiry(h, "Kingfisher Lane drainage", "Mr Haverstock's culvert floods.")
    assert _found(h.cllr_ward, "haverstock") == {"Kingfisher Lane drainage"}
    today = datetime.date.today()
    long_ago = today.replace(year=today.year - 7)
    with recording(council=h.council, actor=None, action="test.backdate"):
        Enquiry.unscoped.filter(pk=e.pk).update(received_on=long_ago)
    report = apply_retention(today)
    assert report.counts.get("enquiries.enquiry") == 1
    assert _found(h.cllr_ward, "haverstock") == set()
    assert _found(h.cllr_ward, "kingfisher") == {"Kingfisher Lane drainage"}
