from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "propriety.enquiries"
    label = "enquiries"
    verbose_name = "Members' enquiries"
