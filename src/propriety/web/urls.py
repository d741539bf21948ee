from __future__ import annotations

from django.urls import include, path

from propriety.api.routers import register_routers
from propriety.api.service import api
from propriety.web import bench_views, two_factor, views

# Once, before api.urls is built: every API router is added there.
register_routers()

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/tokens/<int:token_id>/revoke/",
        views.revoke_api_token,
        name="revoke_api_token",
    ),
    path("two-factor/set-up/", two_factor.set_up, name="two_factor_setup"),
    path("two-factor/", two_factor.verify, name="two_factor_verify"),
    path("documents/", include("propriety.documents.urls")),
    path("enquiries/", include("propriety.enquiries.urls")),
    path("press/", include("propriety.press.urls")),
    path("concerns/", include("propriety.concerns.urls")),
    path("correspondence/", include("propriety.correspondence.urls")),
    path("account/", include("propriety.people.urls")),
    path("operator/", include("propriety.people.operator_urls")),
    path("mail/", include("propriety.mail.urls")),
    path("audit/", include("propriety.audit.urls")),
    path("interests/", include("propriety.interests.urls")),
    path("briefings/", include("propriety.briefings.urls")),
    path("consultations/", include("propriety.consultations.urls")),
    path("protocol/", include("propriety.protocoltext.urls")),
    path("ward-notices/", include("propriety.wardnotices.urls")),
    path("resources/", include("propriety.resources.urls")),
    path("reports/", include("propriety.reports.urls")),
    path("can-i/", include("propriety.conduct.urls")),
    path("", include("propriety.workspace.urls")),
    path("setup/", include("propriety.councils.setup_urls")),
    path("api/v1/", api.urls),
]

# Bare pages for bench/web.py, only when it asks for them (never in tests or production).
urlpatterns += bench_views.urls()

# A path no URL matches: JSON under /api/, the "Page not found" page elsewhere.
handler404 = "propriety.api.not_found.not_found"
