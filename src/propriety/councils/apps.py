from __future__ import annotations

from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "propriety.councils"
    label = "councils"
    verbose_name = "Councils"
