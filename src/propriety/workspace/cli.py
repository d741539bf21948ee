"""``propriety search rebuild [--council SLUG]``: index the casework again for search.

Run it after restoring a backup (``propriety backup restore`` does so itself)
or whenever search seems to miss a record. Django is imported inside the
command (see ``propriety.web.cli``).
"""

from __future__ import annotations

from typing import Any

import click


@click.group("search")
def search() -> None:
    """Search across the casework: keep its index."""


def run_rebuild(council: Any | None) -> int:
    """Rebuild and print each kind of record as it is done; the number indexed."""
    from django.db import connection

    from propriety.workspace.search import Source, fts5_compiled, rebuild_index

    where = f"council {council.slug}" if council is not None else "every council"
    if connection.vendor == "postgresql":
        click.echo(f"Rebuilding the search index (PostgreSQL stored text vectors) for {where}:")
    elif fts5_compiled():
        click.echo(f"Rebuilding the search index (SQLite FTS5) for {where}:")
    else:
        click.echo(
            "This SQLite has no FTS5, so search reads the records directly; counting what "
            f"search will find for {where}:"
        )

    def progress(source: Source, count: int) -> None:
        click.echo(f"  {source.label}: {count} record{'' if count == 1 else 's'}")

    total = rebuild_index(council, progress=progress)
    click.echo(f"Done: {total} record{'' if total == 1 else 's'}.")
    return total


@search.command("rebuild")
@click.option("--council", "slug", default=None, help="Only this council (its slug).")
def rebuild(slug: str | None) -> None:
    """Index every record again, of one council or of all of them."""
    from propriety.audit.cli import _councils, _setup

    _setup()
    councils = _councils(slug)
    run_rebuild(councils[0] if slug is not None else None)
