"""``propriety operator create`` and ``propriety council create|list``: set up an installation.

Django is imported inside each command (``propriety decide`` starts without
it). Errors print a sentence saying what to do and exit with status 2.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any, NoReturn

import click

DEFAULT_SETTINGS = "propriety.web.settings.dev"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(2)


def _emails_to_stderr() -> contextlib.AbstractContextManager[Any]:
    """Emails printed by the console backend go to stderr, so stdout stays the result
    (``--json`` output can be piped)."""
    return contextlib.redirect_stdout(sys.stderr)


def _messages(exc: Any) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(getattr(exc, "messages", [str(exc)]))


@click.group("operator")
def operator() -> None:
    """Operators run the installation: they set up councils and invite their Clerks."""


@operator.command("create")
@click.option("--email", required=True, help="The operator's email address (they sign in with it).")
@click.option("--name", default="", help="The operator's name.")
@click.option(
    "--password-prompt",
    is_flag=True,
    help="Type the password now instead of sending a set-password link.",
)
def operator_create(email: str, name: str, password_prompt: bool) -> None:
    """Make an operator account and print a link to set its password (also emailed)."""
    _setup_django()
    from django.contrib.auth import password_validation
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from propriety.people.accounts import Account
    from propriety.people.operators import do_create_operator

    try:
        validate_email(email.strip())
    except ValidationError:
        _fail(f"{email!r} is not an email address.")
    password = None
    if password_prompt:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            candidate: Any = Account(email=email, full_name=name)
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            _fail(" ".join(exc.messages))
    try:
        with _emails_to_stderr():
            account, issued = do_create_operator(
                email=email, full_name=name, password=password, acting_account=None
            )
    except ValidationError as exc:
        _fail(_messages(exc))
    click.echo(f"{account.email} is an operator.")
    if issued is not None:
        click.echo("Set the password with this link (it works once, and was emailed too):\n")
        click.echo(issued.url)
    else:
        click.echo("They sign in with their existing password.")


@click.group("council")
def council() -> None:
    """Set up councils and list them (an operator's work)."""


def _choices_error(what: str, given: str, choices: list[str]) -> str:
    return f"there is no {what} {given!r}. Choose one of: {', '.join(choices)}."


def _council_json(council: Any, clerks: list[Any]) -> dict[str, Any]:
    return {
        "id": council.pk,
        "name": council.name,
        "slug": council.slug,
        "kind": council.kind,
        "nation": council.nation,
        "rulebook": council.rulebook,
        "clerks": [{"name": c.full_name, "email": c.email} for c in clerks],
    }


@council.command("create")
@click.option("--name", required=True, help="The council's name, e.g. 'Hollowmere Parish Council'.")
@click.option("--kind", required=True, help="parish, town or principal.")
@click.option("--nation", required=True, help="england, wales, scotland or northern_ireland.")
@click.option("--rulebook", required=True, help="A rulebook id from rulebooks/ (see below).")
@click.option("--clerk-email", required=True, help="The Clerk's email address (invited).")
@click.option("--clerk-name", default="", help="The Clerk's name (default: from the email).")
@click.option("--principal-council", default="", help="Principal council's name, if any.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def council_create(
    name: str,
    kind: str,
    nation: str,
    rulebook: str,
    clerk_email: str,
    clerk_name: str,
    principal_council: str,
    as_json: bool,
) -> None:
    """Create a council, make its Clerk the Proper Officer, and print their invitation link."""
    _setup_django()
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from propriety.councils.models import Council
    from propriety.people.operators import do_create_council_with_clerk, rulebook_refusal
    from propriety.protocol import concrete_rulebook_names

    if kind not in Council.Kind.values:
        _fail(_choices_error("kind of council", kind, list(Council.Kind.values)))
    if nation not in Council.Nation.values:
        _fail(_choices_error("nation", nation, list(Council.Nation.values)))
    adoptable = concrete_rulebook_names()
    if rulebook not in adoptable:
        refusal = rulebook_refusal(rulebook, adoptable)
        _fail(refusal[0].lower() + refusal[1:])
    if not name.strip():
        _fail("give the council a name with --name.")
    try:
        validate_email(clerk_email.strip())
    except ValidationError:
        _fail(f"{clerk_email!r} is not an email address.")
    try:
        with _emails_to_stderr():
            made = do_create_council_with_clerk(
                name=name,
                kind=kind,
                nation=nation,
                rulebook=rulebook,
                clerk_email=clerk_email,
                clerk_name=clerk_name,
                principal_council_name=principal_council,
                operator=None,
                via="command line",
            )
    except ValidationError as exc:
        _fail(_messages(exc))
    if as_json:
        out = _council_json(made.council, [made.clerk])
        out["invitation"] = {
            "email": made.clerk.email,
            "url": made.invitation.url,
            "expires_at": made.invitation.expires_at.isoformat(),
        }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"Created {made.council.name} (#{made.council.pk}, rulebook {rulebook}).")
    click.echo(f"{made.clerk.full_name} <{made.clerk.email}> is its Clerk (Proper Officer).")
    click.echo("Their invitation (emailed too; it works once) is:\n")
    click.echo(made.invitation.url)


@council.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the councils as JSON.")
def council_list(as_json: bool) -> None:
    """List the councils on this installation with their Clerks."""
    _setup_django()
    from propriety.councils.models import Council
    from propriety.people.operators import current_clerks

    rows = [_council_json(c, current_clerks(c)) for c in Council.objects.order_by("name")]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No councils yet. Create one with `propriety council create`.")
        return
    for row in rows:
        clerks = ", ".join(f"{c['name']} <{c['email']}>" for c in row["clerks"]) or "no Clerk"
        click.echo(
            f"#{row['id']}  {row['name']}  ({row['kind']}, {row['rulebook']})  Clerk: {clerks}"
        )
