from django.apps import AppConfig


class WardNoticesConfig(AppConfig):
    name = "propriety.wardnotices"
    label = "wardnotices"
    verbose_name = "Ward notices"
