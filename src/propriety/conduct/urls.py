from __future__ import annotations

from django.urls import path

from propriety.conduct import views

app_name = "conduct"
urlpatterns = [
    path("", views.can_i, name="ask"),
    path("keep/", views.keep, name="keep"),
    path("kept/<int:question_id>/", views.kept, name="kept"),
]
