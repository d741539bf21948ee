from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "propriety.interests"
    label = "interests"
    verbose_name = "Relationships and interests"
