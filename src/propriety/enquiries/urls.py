from __future__ import annotations

from django.urls import path

from propriety.enquiries import views

app_name = "enquiries"
urlpatterns = [
    path("", views.enquiry_list, name="list"),
    path("new/", views.enquiry_new, name="new"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/<int:agreement_id>/end/", views.agreement_end, name="agreement_end"),
    path("<int:enquiry_id>/", views.enquiry_detail, name="detail"),
    path("<int:enquiry_id>/allocate/", views.enquiry_allocate, name="allocate"),
    path("<int:enquiry_id>/acknowledge/", views.enquiry_acknowledge, name="acknowledge"),
    path(
        "<int:enquiry_id>/clarify-request/",
        views.enquiry_clarify_request,
        name="clarify_request",
    ),
    path("<int:enquiry_id>/clarify/", views.enquiry_clarify, name="clarify"),
    path("<int:enquiry_id>/answer/", views.enquiry_answer, name="answer"),
    path("<int:enquiry_id>/feedback/", views.enquiry_feedback, name="feedback"),
    path("<int:enquiry_id>/close/", views.enquiry_close, name="close"),
    path("<int:enquiry_id>/withdraw/", views.enquiry_withdraw, name="withdraw"),
]
