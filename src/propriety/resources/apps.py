from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "propriety.resources"
    label = "resources"
    verbose_name = "Council resources"
