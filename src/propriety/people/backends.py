"""Authentication against Person, which is council-owned and so scoped."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from propriety.people.models import Person


class PersonBackend(ModelBackend):
    """Django's ModelBackend, but reloading the signed-in person without a council scope.

    A session only holds the person's id; which council they belong to is
    what we are about to learn, so this lookup is legitimately unscoped.
    """

    def get_user(self, user_id: Any) -> Person | None:
        person: Person | None = Person.unscoped.select_related("council").filter(pk=user_id).first()
        if person is None or not self.user_can_authenticate(person):
            return None
        return person
