from __future__ import annotations

from django.urls import path

from propriety.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.concern_list, name="list"),
    path("new/", views.concern_new, name="new"),
    path("<int:concern_id>/", views.concern_detail, name="detail"),
    path("<int:concern_id>/resolve/", views.concern_resolve, name="resolve"),
    path("<int:concern_id>/move-on/", views.concern_move_on, name="move_on"),
    path("<int:concern_id>/refer/", views.concern_refer, name="refer"),
    path("<int:concern_id>/referral/", views.concern_referral, name="referral"),
    path("<int:concern_id>/notes/", views.concern_note, name="note"),
    path("<int:concern_id>/close/", views.concern_close, name="close"),
]
