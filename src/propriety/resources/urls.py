from __future__ import annotations

from django.urls import path

from propriety.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:resource_id>/", views.request_detail, name="detail"),
    path("<int:resource_id>/decide/", views.request_decide, name="decide"),
]
