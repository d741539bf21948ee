"""The Clerk's set-up pages, under /setup/ (the council's and its people's)."""

from __future__ import annotations

from django.urls import path

from propriety.councils import setup_views
from propriety.people import setup_views as people_views

app_name = "setup"
urlpatterns = [
    path("", setup_views.index, name="index"),
    path("council/", setup_views.council_details, name="council"),
    path("rulebook/", setup_views.rulebook_page, name="rulebook"),
    path("two-factor/", setup_views.two_factor, name="two_factor"),
    path("people/", people_views.people, name="people"),
    path("people/new/", people_views.person_new, name="person_new"),
    path("people/import/", people_views.people_import, name="people_import"),
    path("people/<int:person_id>/", people_views.person_detail, name="person"),
    path("people/<int:person_id>/roles/", people_views.role_add, name="role_add"),
    path("people/<int:person_id>/disable/", people_views.person_disable, name="person_disable"),
    path("people/<int:person_id>/invite/", people_views.person_invite, name="person_invite"),
    path("roles/<int:role_id>/end/", people_views.role_end, name="role_end"),
    path(
        "committees/<int:body_id>/governance/",
        setup_views.committee_governance,
        name="committee_governance",
    ),
    path("<str:kind>/", setup_views.bodies, name="bodies"),
    path("<str:kind>/<int:body_id>/", setup_views.body_detail, name="body"),
    path("<str:kind>/<int:body_id>/close/", setup_views.body_close, name="body_close"),
]
