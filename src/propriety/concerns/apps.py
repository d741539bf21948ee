from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "propriety.concerns"
    label = "concerns"
    verbose_name = "Concerns and complaints"
