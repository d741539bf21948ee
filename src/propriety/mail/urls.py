from __future__ import annotations

from django.urls import path

from propriety.mail import views

app_name = "mail"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("sent/", views.sink_list, name="sink"),
    path("<int:message_id>/", views.message_detail, name="detail"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
]
