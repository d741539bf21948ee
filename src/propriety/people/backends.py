"""Authentication: the account's password, then one council's Person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from propriety.people.models import Account, Person


class PersonBackend(ModelBackend):
    """Check the email and password against the :class:`Account`, and return the Person to use.

    Reloading the signed-in person is unscoped: a session only holds the
    person's id, and which council they belong to is what we are about to
    learn.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Person | Account | None:
        """The Person to sign in as; the Account itself when it has no council to sign in to
        (an operator, or someone disabled everywhere: the sign-in view says which).

        Going through Django's ``authenticate`` is what lets django-axes count
        failures and refuse a locked-out sign-in (its backend runs first).
        """
        from propriety.people.sessions import authenticate_account, person_to_sign_in

        if username is None:
            username = kwargs.get(Person.USERNAME_FIELD)
        if username is None or password is None:
            return None
        account = authenticate_account(username, password)
        if account is None:
            return None
        return person_to_sign_in(account) or account

    def get_user(self, user_id: Any) -> Person | None:
        # Once per signed-in request: the person, council, account and today's
        # roles in one query (people/signed_in.py).
        from propriety.people.signed_in import load_signed_in

        person = load_signed_in(user_id)
        if person is None or not self.user_can_authenticate(person):
            return None
        return person

    def user_can_authenticate(self, user: Any) -> bool:
        return bool(user.is_active and user.account.is_active)
