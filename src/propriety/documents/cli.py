"""``propriety documents import``: the register from a CSV file and its files, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("documents")
def documents() -> None:
    """Bring a council's documents into its register."""


@documents.command("import")
@click.option("--council", "slug", required=True, help="The council's short name (its slug).")
@click.option(
    "--files",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A folder or a .zip holding the files the CSV's file column names.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(slug: str, files: Path | None, as_json: bool, csv_file: Path) -> None:
    """Import documents from CSV_FILE with their files (columns: docs/operations.md).

    Nothing is written if any row is wrong: every error is printed with its row
    and column, and the command exits with status 2. Importing the same file
    again changes nothing.
    """
    from propriety.web.cli import _setup_django

    _setup_django()
    from propriety.councils.models import Council
    from propriety.documents.importing import import_documents
    from propriety.people.import_cli import emit

    council = Council.objects.filter(slug=slug).first()
    if council is None:
        click.echo(f"Error: there is no council {slug!r}; nothing was imported.", err=True)
        raise SystemExit(2)
    report = import_documents(
        council, csv_file.read_bytes(), files=files, source=csv_file.name, acting_user=None
    )
    emit(report, as_json)
