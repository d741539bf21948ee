from __future__ import annotations

from django.urls import path

from propriety.press import views

app_name = "press"
urlpatterns = [
    path("", views.release_list, name="list"),
    path("new/", views.release_new, name="new"),
    path("<int:release_id>/", views.release_detail, name="detail"),
    path("<int:release_id>/edit/", views.release_edit, name="edit"),
    path("<int:release_id>/submit/", views.release_submit, name="submit"),
    path("<int:release_id>/approve/", views.release_approve, name="approve"),
    path("<int:release_id>/send-back/", views.release_send_back, name="send_back"),
    path("<int:release_id>/publish/", views.release_publish, name="publish"),
    path("<int:release_id>/withdraw/", views.release_withdraw, name="withdraw"),
    path("spokespeople/", views.spokespeople, name="spokespeople"),
    path("spokespeople/appoint/", views.spokesperson_appoint, name="appoint"),
    path("spokespeople/<int:entry_id>/end/", views.spokesperson_end, name="end_spokesperson"),
    path("elections/", views.elections, name="elections"),
    path("elections/new/", views.election_new, name="election_new"),
    path("elections/<int:election_id>/", views.election_detail, name="election"),
    path("elections/<int:election_id>/change/", views.election_change, name="election_change"),
    path(
        "elections/<int:election_id>/withdraw/", views.election_withdraw, name="election_withdraw"
    ),
    path("media-contacts/", views.media_contacts, name="media_contacts"),
    path("media-contacts/new/", views.media_contact_new, name="media_contact_new"),
    path("media-contacts/<int:contact_id>/", views.media_contact_detail, name="media_contact"),
    path("media-interest/", views.media_interest_list, name="media_interest_list"),
    path("media-interest/new/", views.media_interest_new, name="media_interest_new"),
    path("media-interest/<int:interest_id>/", views.media_interest_detail, name="media_interest"),
]
