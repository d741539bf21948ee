"""Bad input at the command line: a clear one-line error and a non-zero exit, never a traceback."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.checkpoints import parse_note, public_key_pem
from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.councils.models import Council
from propriety.web.cli import _runserver
from propriety.web.templatetags.propriety_dates import long_date

from .audit_helpers import audit_key_file, cli, council_with_log

__all__ = ["audit_key_file"]


def _notes(path: Path) -> None:
    path.write_text("These are my notes, not a database.\n", encoding="utf-8")


def _another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE items (name TEXT)")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("make", [_notes, _another_programs_database])
def test_restoring_a_file_that_is_not_a_backup_says_so_and_changes_nothing(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    council = council_with_log(4)
    size = AuditEvent.objects.for_council(council).count()
    not_a_backup = tmp_path / "copy.sqlite3"
    make(not_a_backup)

    restored = cli("backup", "restore", str(not_a_backup), "--yes")

    assert restored.exit_code == 2, restored.output
    assert "is not a Propriety backup" in restored.output
    assert "Traceback" not in restored.output
    assert AuditEvent.objects.for_council(Council.objects.get(pk=council.pk)).count() == size


@pytest.mark.django_db
def test_a_public_key_file_that_is_not_a_key_is_named_in_a_plain_error(tmp_path: Path) -> None:
    note = tmp_path / "checkpoint.txt"
    note.write_text(do_make_checkpoint(council_with_log(2), acting_user=None).note, "utf-8")
    key = tmp_path / "key.pem"
    key.write_text("not a key\n", encoding="utf-8")

    checked = cli("audit", "check-checkpoint", str(note), "--public-key", str(key))

    assert checked.exit_code == 2
    assert checked.output == (
        f"Error: {key} is not a public key (PEM): download it from the checkpoints page.\n"
    )


@pytest.mark.django_db
def test_a_good_checkpoint_says_when_it_was_signed_in_words(tmp_path: Path) -> None:
    checkpoint = do_make_checkpoint(council_with_log(2), acting_user=None)
    note = tmp_path / "checkpoint.txt"
    note.write_text(checkpoint.note, encoding="utf-8")
    key = tmp_path / "key.pem"
    key.write_text(public_key_pem(), encoding="utf-8")
    made_at = parse_note(checkpoint.note).made_at  # e.g. 2027-01-11T09:30:05Z

    checked = cli("audit", "check-checkpoint", str(note), "--public-key", str(key))

    assert checked.exit_code == 0, checked.output
    day = long_date(datetime.datetime.strptime(made_at, "%Y-%m-%dT%H:%M:%SZ"))  # "11 January 2027"
    assert f"signed {day} at {made_at[11:19]} UTC." in checked.output


@pytest.mark.django_db
def test_mail_receive_with_nothing_on_standard_input_says_so() -> None:
    result = cli_with_input(["mail", "receive"], b"")
    assert result.exit_code == 65  # EX_DATAERR: a mail server bounces it, nothing to keep
    assert result.output == (
        "Error: no message on standard input: pipe one email in, "
        "e.g. propriety mail receive < message.eml\n"
    )


def cli_with_input(args: list[str], stdin: bytes) -> Result:
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


@pytest.mark.parametrize("command", ["serve", "demo"])
@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_a_port_out_of_range_is_refused_before_anything_runs(command: str, port: str) -> None:
    result = CliRunner().invoke(main, [command, "--port", port])
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in result.output
    assert "is not in the range 1<=x<=65535" in result.output


def test_an_address_that_is_not_one_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _runserver("bad host!", 8000)
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        'Error: "bad host!:8000" is not a valid port number or address:port pair.\n'
    )


def test_a_token_with_a_blank_name_says_which_option_to_fill_in() -> None:
    result = CliRunner().invoke(main, ["token", "create", "clerk@example.org", "--name", " "])
    assert result.exit_code == 2
    assert result.output == (
        "Error: give the token a name with --name (what it is for); no token was created.\n"
    )
