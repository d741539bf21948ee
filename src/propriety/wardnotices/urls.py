from __future__ import annotations

from django.urls import path

from propriety.wardnotices import views

app_name = "wardnotices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("<int:notice_id>/", views.notice_detail, name="detail"),
    path("<int:notice_id>/decide/", views.notice_decide, name="decide"),
]
