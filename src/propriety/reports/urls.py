from __future__ import annotations

from django.urls import path

from propriety.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/respond/", views.report_respond, name="respond"),
    path("acting-proper-officer/", views.acting_list, name="acting_list"),
    path("acting-proper-officer/new/", views.acting_new, name="acting_new"),
    path("acting-proper-officer/<int:arrangement_id>/", views.acting_detail, name="acting"),
]
