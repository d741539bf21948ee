"""``propriety people import``: people and their roles from a CSV file, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group("people")
def people() -> None:
    """Bring a council's people and their roles into Propriety."""


@people.command("import")
@click.option("--council", "slug", required=True, help="The council's short name (its slug).")
@click.option("--invite", is_flag=True, help="Send each person added an invitation to sign in.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(slug: str, invite: bool, as_json: bool, csv_file: Path) -> None:
    """Import people and their roles from CSV_FILE (columns: docs/operations.md).

    Nothing is written if any row is wrong: every error is printed with its row
    and column, and the command exits with status 2. Importing the same file
    again changes nothing.
    """
    from propriety.web.cli import _setup_django

    _setup_django()
    from propriety.councils.models import Council
    from propriety.people.importing import import_people

    council = Council.objects.filter(slug=slug).first()
    if council is None:
        click.echo(f"Error: there is no council {slug!r}; no one was imported.", err=True)
        raise SystemExit(2)
    report = import_people(
        council, csv_file.read_bytes(), source=csv_file.name, invite=invite, acting_user=None
    )
    emit(report, as_json)


def emit(report: object, as_json: bool) -> None:
    """Print an import's report; exit 2 if it has errors (and so wrote nothing)."""
    from propriety.web.csv_import import ImportReport

    assert isinstance(report, ImportReport)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for error in report.errors:
            click.echo(str(error), err=True)
        click.echo(report.summary(), err=not report.ok)
    if not report.ok:
        raise SystemExit(2)
