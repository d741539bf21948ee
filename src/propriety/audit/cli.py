"""``propriety audit ...``, ``propriety backup ...`` and ``propriety retention ...``.

Django is imported inside each command (see ``propriety.web.cli``).
``audit check-checkpoint`` needs no database at all: the Monitoring Officer
runs it on their own machine against a downloaded checkpoint and public key.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click


def _setup() -> None:
    from propriety.web.cli import _setup_django

    _setup_django()


def _councils(slug: str | None) -> list:  # type: ignore[type-arg]
    from propriety.councils.models import Council

    if slug is None:
        return list(Council.objects.order_by("name"))
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        click.echo(f"Error: there is no council {slug!r}.", err=True)
        raise SystemExit(2)
    return [council]


def _read_checkpoints(paths: tuple[Path, ...]) -> list:  # type: ignore[type-arg]
    from propriety.audit.checkpoints import CheckpointError, parse_note

    notes = []
    for path in paths:
        try:
            notes.append(parse_note(path.read_text(encoding="utf-8")))
        except (OSError, CheckpointError) as error:
            click.echo(f"Error: {path}: {error}", err=True)
            raise SystemExit(2) from None
    return notes


def run_verify(slug: str | None, checkpoint_paths: tuple[Path, ...]) -> bool:
    """Verify and print; True when every council's log is intact."""
    from propriety.audit.verify import verify_council

    notes = _read_checkpoints(checkpoint_paths)
    councils = _councils(slug)
    for note in notes:
        if note.origin not in {c.slug for c in councils}:
            click.echo(f"Error: the checkpoint is for council {note.origin!r}.", err=True)
            raise SystemExit(2)
    intact = True
    for council in councils:
        result = verify_council(council, checkpoint_files=notes)
        click.echo(result.summary())
        intact = intact and result.ok
    return intact


@click.group("audit")
def audit() -> None:
    """Check and prove the audit log; sign checkpoints."""


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_council_option = click.option(
    "--council", "slug", default=None, help="One council's slug; all if not given."
)
_checkpoint_option = click.option(
    "--checkpoint",
    "checkpoints",
    multiple=True,
    type=_FILE,
    help="A checkpoint file kept elsewhere (repeatable): the log must still contain it.",
)


@audit.command("verify")
@_council_option
@_checkpoint_option
def verify(slug: str | None, checkpoints: tuple[Path, ...]) -> None:
    """Recompute every event's hashes; exit 0 if intact, 1 naming the first bad event."""
    _setup()
    raise SystemExit(0 if run_verify(slug, checkpoints) else 1)


@audit.command("prove")
@click.argument("event_id", type=int)
@click.option("--size", type=int, default=None, help="Tree size to prove against (default: now).")
def prove(event_id: int, size: int | None) -> None:
    """Print an inclusion proof for EVENT_ID and a consistency proof since it was written."""
    _setup()
    from propriety.audit.proofs import ProofError, proofs_for

    try:
        proof = proofs_for(event_id, size)
    except ProofError as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None
    click.echo(json.dumps(proof, indent=2))
    raise SystemExit(
        0 if proof["inclusion"]["verified"] and proof["consistency"]["verified"] else 1
    )


@audit.command("checkpoint")
@_council_option
def checkpoint(slug: str | None) -> None:
    """Sign each council's log now and print the checkpoint."""
    _setup()
    from propriety.audit.checkpointing import do_make_checkpoint

    for council in _councils(slug):
        made = do_make_checkpoint(council, acting_user=None)
        click.echo(made.note)


@audit.command("public-key")
def public_key() -> None:
    """Print the public key that checks this installation's checkpoints (PEM)."""
    _setup()
    from propriety.audit.checkpoints import public_key_pem

    click.echo(public_key_pem(), nl=False)


@audit.command("check-checkpoint")
@click.argument("checkpoint_file", type=_FILE)
@click.option(
    "--public-key",
    "key_file",
    required=True,
    type=_FILE,
    help="The installation's public key (PEM), downloaded from the checkpoints page.",
)
def check_checkpoint(checkpoint_file: Path, key_file: Path) -> None:
    """Check a checkpoint's signature offline (no database needed)."""
    from propriety.audit.checkpoints import (
        CheckpointError,
        check_signature,
        load_public_key,
        parse_note,
    )

    try:
        note = parse_note(checkpoint_file.read_text(encoding="utf-8"))
    except (CheckpointError, ValueError) as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None
    try:
        key = load_public_key(key_file.read_text(encoding="utf-8"))
    except CheckpointError as error:
        click.echo(f"Error: {key_file}: {error}", err=True)
        raise SystemExit(2) from None
    except ValueError:  # cryptography's own message names its FAQ and framing internals
        click.echo(
            f"Error: {key_file} is not a public key (PEM): download it from the checkpoints page.",
            err=True,
        )
        raise SystemExit(2) from None
    if not check_signature(note, key):
        click.echo(f"{checkpoint_file}: the signature does NOT match this public key.")
        raise SystemExit(1)
    click.echo(
        f"{checkpoint_file}: good signature. Council {note.origin}, {note.tree_size} events, "
        f"root {note.root_hash}, signed {_in_words(note.made_at)}."
    )
    if note.leaves:
        click.echo(
            f"It also signs the digest of the {note.tree_size} leaves it covers "
            f"({note.leaves}) and the Merkle frontier at that size."
        )


def _in_words(made_at: str) -> str:
    """A checkpoint's UTC time (``2027-01-11T09:30:05Z``) as people read it:
    "11 January 2027 at 09:30:05 UTC"; left as written if it is not that shape."""
    import datetime

    try:
        when = datetime.datetime.strptime(made_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return made_at
    from propriety.protocol import format_date

    return f"{format_date(when.date())} at {when:%H:%M:%S} UTC"


@click.group("backup")
def backup() -> None:
    """Copy the database, and restore a copy (which is then verified)."""


@backup.command("create")
@click.option(
    "--to",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the copy (default: <data directory>/backups).",
)
def backup_create(directory: Path | None) -> None:
    """Copy the whole database while it is in use, with a manifest of every log's head."""
    _setup()
    from django.conf import settings

    from propriety.audit.backup import BackupError, create_backup

    try:
        made = create_backup(directory or Path(settings.DATA_DIR) / "backups")
    except BackupError as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None
    click.echo(f"Backed up to {made.path} (manifest {made.manifest.name}).")
    for slug, log in made.logs.items():
        click.echo(f"  {slug}: {log['size']} events, root {log['root_hash'][:16]}…")


def _could_be_propriety(path: Path) -> bool:
    """False for an SQLite database without Propriety's councils and audit log (another
    program's, or an empty one), which SQLite would otherwise copy over every table."""
    with path.open("rb") as file:
        if file.read(16) != b"SQLite format 3\x00":
            return True  # not SQLite: a .pgdump, or rubbish restore_backup refuses itself
    from propriety.audit.models import AuditEvent
    from propriety.councils.models import Council

    wanted = {Council._meta.db_table, AuditEvent._meta.db_table}
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = source.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError:
        return False
    finally:
        source.close()
    return wanted <= {name for (name,) in rows}


@backup.command("restore")
@click.argument("path", type=_FILE)
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@_checkpoint_option
def backup_restore(path: Path, yes: bool, checkpoints: tuple[Path, ...]) -> None:
    """Replace the database with the copy at PATH, then verify every council's log."""
    _setup()
    from propriety.audit.backup import BackupError, restore_backup

    if not yes:
        click.confirm("This replaces everything in the database with the copy. Go on?", abort=True)
    if not _could_be_propriety(path):
        click.echo(
            f"Error: {path} is not a Propriety backup (it has no councils or audit log); "
            "the database was not changed.",
            err=True,
        )
        raise SystemExit(2)
    try:
        restore_backup(path)
    except BackupError as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None
    except sqlite3.DatabaseError:
        # SQLite reads the copy's header before writing a page, so nothing was replaced.
        click.echo(
            f"Error: {path} is not a Propriety backup (not an SQLite database); "
            "the database was not changed.",
            err=True,
        )
        raise SystemExit(2) from None
    click.echo(f"Restored {path}. Verifying the audit logs:")
    intact = run_verify(None, checkpoints)
    if not intact:
        click.echo("The restored audit log does NOT verify: do not use this copy.")
    # The copy may predate the search index or hold it as it was: make it match.
    from propriety.workspace.cli import run_rebuild

    run_rebuild(None)
    raise SystemExit(0 if intact else 1)


@click.group("retention")
def retention() -> None:
    """UK GDPR retention: pseudonymise personal data past the schedule in settings."""


@retention.command("apply")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Apply as if it were this day (YYYY-MM-DD); today if not given.",
)
def retention_apply(on: object) -> None:
    """Pseudonymise what is past retention; the audit logs still verify afterwards."""
    _setup()
    import datetime

    from propriety.audit.retention import apply_retention

    day = on.date() if isinstance(on, datetime.datetime) else None
    click.echo(apply_retention(day).summary())
    raise SystemExit(0 if run_verify(None, ()) else 1)


def register(group: click.Group) -> None:
    group.add_command(audit)
    group.add_command(backup)
    group.add_command(retention)
