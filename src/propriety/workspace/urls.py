from django.urls import path

from propriety.workspace import views

app_name = "workspace"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("feeds/", views.feeds, name="feeds"),
    path("feeds/<int:feed_id>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:key>.ics", views.feed_ics, name="feed_ics"),
    path("report/", views.report_page, name="report"),
]
