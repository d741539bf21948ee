from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "propriety.correspondence"
    label = "correspondence"
    verbose_name = "Correspondence"
