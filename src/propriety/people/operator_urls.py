from __future__ import annotations

from django.urls import path

from propriety.people import operator_two_factor_views as two_factor_views
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
    path(
        "councils/<int:council_id>/two-factor/",
        views.two_factor_requirement,
        name="two_factor_requirement",
    ),
]

# Two-factor sign-in for operators with no Person (people/operator_two_factor.py).
urlpatterns += [
    path("two-factor/set-up/", two_factor_views.set_up, name="two_factor_setup"),
    path("two-factor/", two_factor_views.verify, name="two_factor_verify"),
]
