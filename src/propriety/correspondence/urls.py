from __future__ import annotations

from django.urls import path

from propriety.correspondence import incoming_views, views

app_name = "correspondence"
urlpatterns = [
    path("", views.correspondence_list, name="list"),
    path("new/", views.correspondence_new, name="new"),
    path("upload/", views.correspondence_upload, name="upload"),
    path("register/", views.correspondence_register, name="register"),
    path("incoming/", incoming_views.incoming_list, name="incoming"),
    path("incoming/new/", incoming_views.incoming_new, name="incoming_new"),
    path("incoming/<int:letter_id>/", incoming_views.incoming_detail, name="incoming_detail"),
    path(
        "incoming/<int:letter_id>/dealt-with/",
        incoming_views.incoming_dealt_with,
        name="incoming_dealt_with",
    ),
    path("<int:correspondence_id>/", views.correspondence_detail, name="detail"),
    path("<int:correspondence_id>/edit/", views.correspondence_edit, name="edit"),
    path("<int:correspondence_id>/check/", views.correspondence_check, name="check"),
    path("<int:correspondence_id>/fix-footer/", views.correspondence_fix_footer, name="fix_footer"),
    path("<int:correspondence_id>/sent/", views.correspondence_sent, name="sent"),
    path("<int:correspondence_id>/ask/", views.correspondence_ask, name="ask"),
]
