from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "propriety.consultations"
    label = "consultations"
    verbose_name = "Decisions taken in consultation with a chair"
