from __future__ import annotations

from django.urls import path

from propriety.briefings import views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("new/", views.briefing_new, name="new"),
    path("<int:briefing_id>/", views.briefing_detail, name="detail"),
    path("<int:briefing_id>/decide/", views.briefing_decide, name="decide"),
    path("<int:briefing_id>/same-matter/", views.briefing_same_matter, name="same_matter"),
    path("<int:briefing_id>/record/", views.briefing_record, name="record"),
]
