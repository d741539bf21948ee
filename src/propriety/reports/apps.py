from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "propriety.reports"
    label = "reports"
    verbose_name = "Written reports and acting Proper Officer arrangements"
