from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "propriety.documents"
    label = "documents"
    verbose_name = "Document register"
