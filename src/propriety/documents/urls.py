from __future__ import annotations

from django.urls import path

from propriety.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:document_id>/", views.document_detail, name="detail"),
]
