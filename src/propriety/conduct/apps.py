from django.apps import AppConfig


class ConductConfig(AppConfig):
    name = "propriety.conduct"
    label = "conduct"
    verbose_name = "Can I…? (conduct questions)"
