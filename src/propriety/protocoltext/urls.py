from __future__ import annotations

from django.urls import path

from propriety.protocoltext import views

app_name = "protocoltext"
urlpatterns = [
    path("", views.protocol_page, name="text"),
    path("ask/", views.ask, name="ask"),
    path("questions/", views.question_list, name="questions"),
    path("questions/<int:question_id>/", views.question_detail, name="question"),
    path("questions/<int:question_id>/answer/", views.answer, name="answer"),
]
