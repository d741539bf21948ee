from django.apps import AppConfig


class ProtocolTextConfig(AppConfig):
    name = "propriety.protocoltext"
    label = "protocoltext"
    verbose_name = "The protocol: its text, review and interpretation"
