from __future__ import annotations

from django.urls import path

from propriety.people import views

app_name = "accounts"

urlpatterns = [
    path("forgotten-password/", views.forgotten_password, name="forgotten_password"),
    path("set-password/<str:token>/", views.set_password, name="set_password"),
    path("password/", views.change_password, name="change_password"),
    path("switch/", views.switch_council, name="switch"),
]
