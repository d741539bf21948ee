from __future__ import annotations

from django.urls import include, path

from propriety.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("documents/", include("propriety.documents.urls")),
]
