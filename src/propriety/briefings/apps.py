from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "propriety.briefings"
    label = "briefings"
    verbose_name = "Party-group briefings"
