from __future__ import annotations

from django.urls import path

from propriety.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.csv", views.trail_csv, name="export"),
    path("checkpoints/", views.checkpoints, name="checkpoints"),
    path("checkpoints/new/", views.checkpoint_new, name="checkpoint_new"),
    path(
        "checkpoints/<int:checkpoint_id>/download/",
        views.checkpoint_download,
        name="checkpoint_download",
    ),
    path("public-key.pem", views.public_key, name="public_key"),
    path("processing/", views.processing, name="processing"),
    path("subject-access/", views.subject_access, name="subject_access"),
    path(
        "subject-access/<int:person_id>/",
        views.subject_access_export_view,
        name="subject_access_export",
    ),
]
