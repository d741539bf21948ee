from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "propriety.mail"
    label = "mail"
    verbose_name = "Mail in"
    default_auto_field = "django.db.models.BigAutoField"
