from __future__ import annotations

from django.urls import path

from propriety.interests import views

app_name = "interests"
urlpatterns = [
    path("", views.register, name="list"),
    path("new/", views.declare, name="new"),
    path("<int:declaration_id>/", views.declaration_detail, name="detail"),
    path("<int:declaration_id>/end/", views.declaration_end, name="end"),
    path("panels/", views.panel_list, name="panels"),
    path("panels/new/", views.panel_new, name="panel_new"),
    path("panels/<int:panel_id>/", views.panel_detail, name="panel"),
    path("panels/<int:panel_id>/seats/", views.panel_seat, name="seat"),
    path("panels/<int:panel_id>/close/", views.panel_close, name="panel_close"),
]
