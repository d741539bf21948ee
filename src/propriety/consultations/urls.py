from __future__ import annotations

from django.urls import path

from propriety.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("new/", views.action_new, name="new"),
    path("<int:action_id>/", views.action_detail, name="detail"),
    path("<int:action_id>/decision/", views.action_decide, name="decide"),
]
