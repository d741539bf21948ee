"""``propriety two-factor``: a council requires (or stops requiring) two-factor sign-in for
its Clerk and Monitoring Officer; an operator turns it off for someone who lost their phone."""

from __future__ import annotations

import click


def _setup_django() -> None:
    from propriety.web.cli import _setup_django as setup

    setup()


@click.group("two-factor")
def two_factor() -> None:
    """Two-factor sign-in: who must use it, and resetting a lost authenticator app."""


@two_factor.command("require")
@click.argument("council_slug")
@click.option("--off", is_flag=True, help="Stop requiring it (people may still use it).")
def require(council_slug: str, off: bool) -> None:
    """Require a code as well as a password for COUNCIL_SLUG's Clerk and Monitoring Officer."""
    _setup_django()
    from django.core.exceptions import ValidationError

    from propriety.councils.actions import do_set_two_factor_requirement
    from propriety.councils.models import Council

    council = Council.objects.filter(slug=council_slug).first()
    if council is None:
        click.echo(f"Error: there is no council {council_slug!r}.", err=True)
        raise SystemExit(2)
    try:
        do_set_two_factor_requirement(council, required=not off, acting_user=None)
    except ValidationError as exc:
        click.echo(" ".join(exc.messages))
        return
    state = "no longer requires" if off else "now requires"
    click.echo(f"{council.name} {state} two-factor sign-in for its Clerk and Monitoring Officer.")


@two_factor.command("reset")
@click.argument("email")
def reset(email: str) -> None:
    """Remove EMAIL's authenticator app (lost phone): they set it up again at next sign-in."""
    _setup_django()
    from propriety.people.models import Person
    from propriety.web.two_factor import do_turn_off_two_factor

    person = Person.unscoped.filter(email=email.strip().lower()).first()
    if person is None and _reset_operator(email):
        return
    if person is None:
        click.echo(f"Error: nobody has the email address {email!r}.", err=True)
        raise SystemExit(2)
    do_turn_off_two_factor(person, acting_user=None)
    click.echo(f"Removed {person.full_name}'s authenticator app.")


def _reset_operator(email: str) -> bool:
    """An operator with no Person keeps their app on the Account."""
    from propriety.people.accounts import Account, normalise_email
    from propriety.people.operator_two_factor import do_turn_off_operator_two_factor

    account = Account.objects.filter(email=normalise_email(email), is_operator=True).first()
    if account is None:
        return False
    if do_turn_off_operator_two_factor(account, acting_account=None):
        click.echo(f"Removed the authenticator app of operator {account.email}.")
    else:
        click.echo(f"Operator {account.email} has no authenticator app to remove.")
    return True
