from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    """The project itself: templates, static files and template filters."""

    name = "propriety.web"
    label = "web"
    verbose_name = "Propriety web"

    def ready(self) -> None:
        from propriety.web import signin

        signin.connect()
