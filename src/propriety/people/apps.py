from __future__ import annotations

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "propriety.people"
    label = "people"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        # Django saves last_login in a signal receiver, outside any audit
        # recording; people.actions.do_sign_in records it instead.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
