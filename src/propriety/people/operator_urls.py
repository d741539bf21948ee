from __future__ import annotations

from django.urls import path

from propriety.people import operator_views as views

app_name = "operator"

urlpatterns = [
    path("", views.councils, name="councils"),
    path("councils/new/", views.council_new, name="council_new"),
    path("councils/<int:council_id>/", views.council, name="council"),
    path(
        "councils/<int:council_id>/clerks/<int:person_id>/reinvite/",
        views.reinvite,
        name="reinvite",
    ),
    path("councils/<int:council_id>/clerk/", views.replace_clerk, name="replace_clerk"),
]
