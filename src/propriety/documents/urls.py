from __future__ import annotations

from django.urls import path

from propriety.documents import register_views, views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", register_views.document_new, name="new"),
    path("import/", register_views.documents_import, name="import"),
    path("<int:document_id>/file/", register_views.download, name="download"),
    path("<int:document_id>/reclassify/", register_views.reclassify, name="reclassify"),
    path("<int:document_id>/", views.document_detail, name="detail"),
    path("<int:document_id>/ask/", views.ask, name="ask"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/allocate/", views.allocate, name="allocate"),
    path("requests/<int:request_id>/determine/", views.determine, name="determine"),
    path("requests/<int:request_id>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<int:request_id>/dispute/", views.dispute, name="dispute"),
    path(
        "requests/<int:request_id>/dispute/further/",
        views.dispute_further,
        name="dispute_further",
    ),
    path(
        "requests/<int:request_id>/dispute/decide/",
        views.dispute_decide,
        name="dispute_decide",
    ),
]
