from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "propriety.press"
    label = "press"
    verbose_name = "Press and media"
