"""The JSON API (``/api/v1/``), built with django-ninja. The one instance is ``service.api``."""
