"""Search across the casework a person may see, behind one interface: :func:`search`.

Two engines, chosen by the database, each with its own index table ``workspace_search``:

- PostgreSQL: each record's text vector is stored in ``workspace_search`` (a
  ``tsvector`` with a GIN index, kept in step by triggers in the same transaction as
  every write: see :mod:`propriety.workspace.search_vectors`). A ``websearch`` query
  finds the council's matching entries with ``@@`` among the ids of the queryset each
  app's access layer returns (so it cannot find a case the person may not see), ranks
  them by ``ts_rank`` of the stored vector, and reads only the best records.
- SQLite: an FTS5 table (``workspace_search``, kept by triggers in the same
  transaction as every write: see :mod:`propriety.workspace.search_fts`) finds
  the matching ids, ranked by ``bm25``; those ids are then looked up through
  the same access-layer querysets, which drop anything not the person's to see.

Either way every hit has passed through ``<app>.access``. Where neither engine
is available (an SQLite built without FTS5), a plain ``icontains`` search over
the same querysets answers instead.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet
from django.urls import reverse

from propriety.concerns.access import concerns_visible_to
from propriety.concerns.models import Concern
from propriety.correspondence.access import correspondence_visible_to
from propriety.correspondence.models import Correspondence
from propriety.documents.access import documents_visible_to
from propriety.documents.models import AccessRequest, Document
from propriety.documents.request_access import access_requests_visible_to
from propriety.enquiries.access import enquiries_visible_to
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.press.access import releases_visible_to
from propriety.press.models import PressRelease
from propriety.workspace import search_fts, search_vectors

FTS_TABLE = search_fts.TABLE
MAX_HITS = 200


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model: type[Model]
    fields: tuple[str, ...]
    visible: Callable[[Person, datetime.date], QuerySet[Any]]
    title: Callable[[Any], str]
    url_name: str
    number: int  # the kind's number in the SQLite index's row ids: never reuse one


SOURCES: tuple[Source, ...] = (
    Source(
        "enquiry",
        "Enquiry",
        Enquiry,
        ("subject", "body", "answer", "constituent_name"),
        enquiries_visible_to,
        lambda o: o.subject,
        "enquiries:detail",
        number=1,
    ),
    Source(
        "access_request",
        "Access request",
        AccessRequest,
        ("purpose", "justification", "third_party_name"),
        access_requests_visible_to,
        lambda o: f"{o.target_reference}: {o.target_title}",
        "documents:request",
        number=2,
    ),
    Source(
        "document",
        "Document",
        Document,
        ("reference", "title", "summary", "body"),
        documents_visible_to,
        lambda o: f"{o.reference}: {o.title}",
        "documents:detail",
        number=3,
    ),
    Source(
        "press_release",
        "Press release",
        PressRelease,
        ("title", "body"),
        releases_visible_to,
        lambda o: o.title,
        "press:detail",
        number=4,
    ),
    Source(
        "concern",
        "Concern",
        Concern,
        ("summary", "details", "outcome"),
        lambda p, d: concerns_visible_to(p),
        lambda o: o.summary,
        "concerns:detail",
        number=5,
    ),
    Source(
        "correspondence",
        "Correspondence",
        Correspondence,
        ("subject", "body"),
        correspondence_visible_to,
        lambda o: o.subject,
        "correspondence:detail",
        number=6,
    ),
)
BY_MODEL = {s.model: s for s in SOURCES}
BY_KIND = {s.kind: s for s in SOURCES}


@dataclass(frozen=True)
class Hit:
    kind: str
    reference: str
    title: str
    url: str
    snippet: str
    rank: float


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if len(w) > 1][:12]


def _snippet(obj: Any, fields: Iterable[str], words: list[str], title: str, size: int = 160) -> str:
    """The words around the first match outside the hit's title (shown above it already),
    or, where the title alone matched, the opening words of the rest of the case."""
    texts = [" ".join(str(getattr(obj, name, "") or "").split()) for name in fields]
    shown = title.lower()
    texts = [text for text in texts if text and text.rstrip(" .").lower() not in shown]
    for text in texts:
        low = text.lower()
        at = min((i for i in (low.find(w) for w in words) if i >= 0), default=-1)
        if at >= 0:
            start = max(0, at - size // 3)
            piece = text[start : start + size]
            return ("…" if start else "") + piece + ("…" if start + size < len(text) else "")
    if texts:
        return texts[0][:size] + ("…" if len(texts[0]) > size else "")
    return ""


def _hit(source: Source, obj: Any, words: list[str], rank: float) -> Hit:
    title = source.title(obj)
    return Hit(
        source.label,
        str(getattr(obj, "reference", obj.pk)),
        title,
        reverse(source.url_name, args=[obj.pk]),
        _snippet(obj, source.fields, words, title),
        rank,
    )


# --- the SQLite index ----------------------------------------------------------------------


_fts_seen: dict[str, bool] = {}


def fts_available() -> bool:
    """Whether this SQLite database has the index (remembered once it has: it stays)."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    if _fts_seen.get(name):
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE])
        found = cursor.fetchone() is not None
    if found:
        _fts_seen[name] = True
    return found


def fts5_compiled() -> bool:
    """Whether this SQLite was built with FTS5 (without it, search reads the tables)."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        return search_fts.fts5_compiled(cursor)


def _objects(source: Source, council: Any | None) -> QuerySet[Any]:
    objects: QuerySet[Any] = source.model.unscoped.order_by("pk")  # type: ignore[attr-defined]
    return objects.filter(council=council) if council is not None else objects


def _spec(source: Source) -> search_vectors.Spec:
    return (source.kind, source.model._meta.db_table, source.fields)


def _fts_spec(source: Source) -> search_fts.Spec:
    return (source.kind, source.number, source.model._meta.db_table, source.fields)


def fts_specs() -> list[search_fts.Spec]:
    """The sources as SQLite's index sees them: (kind, number, table, searchable columns)."""
    return [_fts_spec(s) for s in SOURCES]


def _refill_fts(source: Source, council: Any | None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            search_fts.fill_sql(_fts_spec(source), one_council=council is not None),
            [] if council is None else [council.pk],
        )
        return int(cursor.rowcount)


def vector_specs() -> list[search_vectors.Spec]:
    """The sources as the PostgreSQL index sees them: (kind, table, searchable columns)."""
    return [_spec(s) for s in SOURCES]


def _refill_vectors(source: Source, council: Any | None) -> int:
    spec = _spec(source)
    with connection.cursor() as cursor:
        if council is None:
            cursor.execute(search_vectors.DELETE_KIND, [source.kind])
            cursor.execute(search_vectors.fill_sql(spec, one_council=False))
        else:
            cursor.execute(search_vectors.DELETE_KIND_OF_COUNCIL, [source.kind, council.pk])
            cursor.execute(search_vectors.fill_sql(spec, one_council=True), [council.pk])
        return int(cursor.rowcount)


def rebuild_index(
    council: Any | None = None, *, progress: Callable[[Source, int], None] | None = None
) -> int:
    """Index every object again, of one council or all (after a restore, or to repair it).

    On either database the index table and the triggers that keep it are installed again
    from the current sources (a restored copy may predate them) and the table refilled in
    one transaction; ``progress(source, count)`` is called as each kind of record is done.
    Returns the number of records.
    """
    sqlite = connection.vendor == "sqlite" and fts5_compiled()
    postgresql = connection.vendor == "postgresql"
    total = 0
    with transaction.atomic():
        if sqlite:
            _fts_seen.pop(str(connection.settings_dict["NAME"]), None)
            with connection.cursor() as cursor:
                for statement in search_fts.install_sql(fts_specs()):
                    cursor.execute(statement)
                if council is None:
                    cursor.execute("DELETE FROM workspace_search")
                else:
                    cursor.execute(
                        "DELETE FROM workspace_search WHERE council_id = %s", [council.pk]
                    )
        elif postgresql:
            with connection.cursor() as cursor:
                for statement in search_vectors.install_sql(vector_specs()):
                    cursor.execute(statement)
        for source in SOURCES:
            objects = _objects(source, council)
            if sqlite:
                count = _refill_fts(source, council)
            elif postgresql:
                count = _refill_vectors(source, council)
            else:
                count = objects.count()
            total += count
            if progress is not None:
                progress(source, count)
    return total


def _fts_query(words: list[str]) -> str:
    # Each word quoted (so FTS5 operators typed by a person are just words), the last as a
    # prefix, all of them required.
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _sqlite_ids(person: Person, words: list[str]) -> dict[str, dict[int, float]]:
    found: dict[str, dict[int, float]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, obj_id, bm25(workspace_search) FROM workspace_search "
            "WHERE workspace_search MATCH %s AND council_id = %s "
            "ORDER BY bm25(workspace_search) LIMIT 1000",
            [_fts_query(words), person.council_id],
        )
        for kind, obj_id, score in cursor.fetchall():
            found.setdefault(kind, {})[int(obj_id)] = -float(score)
    return found


def _pg_hits(person: Person, source: Source, words: list[str], today: datetime.date) -> list[Hit]:
    """The best matches ``person`` may see, ranked by the stored vectors (the same rank as
    the vector computed on the fly had): ranked on the index table among the visible ids,
    then only those records read."""
    visible = source.visible(person, today)
    visible_sql, visible_params = visible.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            search_vectors.ranked_sql(visible_sql),
            [" ".join(words), source.kind, person.council_id, *visible_params, MAX_HITS],
        )
        ranked = cursor.fetchall()
    objects = visible.in_bulk([pk for pk, _ in ranked])
    return [_hit(source, objects[pk], words, float(rank)) for pk, rank in ranked if pk in objects]


# --- the one interface ------------------------------------------------------------------------


def search(person: Person, query: str, today: datetime.date) -> list[Hit]:
    """What ``person`` may see that matches ``query``, best first (at most 200)."""
    words = _words(query)
    if not words:
        return []
    hits: list[Hit] = []
    if connection.vendor == "postgresql":
        for source in SOURCES:
            hits.extend(_pg_hits(person, source, words, today))
    elif fts_available():
        found = _sqlite_ids(person, words)
        for kind, scores in found.items():
            source = BY_KIND[kind]
            for obj in source.visible(person, today).filter(pk__in=list(scores)):
                hits.append(_hit(source, obj, words, scores[obj.pk]))
    else:
        for source in SOURCES:
            match = Q()
            for w in words:
                any_field = Q()
                for f in source.fields:
                    any_field |= Q(**{f"{f}__icontains": w})
                match &= any_field
            rows = source.visible(person, today).filter(match)[:MAX_HITS]
            hits.extend(_hit(source, obj, words, 1.0) for obj in rows)
    hits.sort(key=lambda h: -h.rank)
    return hits[:MAX_HITS]
