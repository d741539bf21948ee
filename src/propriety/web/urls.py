from __future__ import annotations

from django.urls import include, path

from propriety.api.routers import register_routers
from propriety.api.service import api
from propriety.web import views

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
    path("documents/", include("propriety.documents.urls")),
    path("enquiries/", include("propriety.enquiries.urls")),
    path("press/", include("propriety.press.urls")),
    path("concerns/", include("propriety.concerns.urls")),
    path("correspondence/", include("propriety.correspondence.urls")),
    path("setup/", include("propriety.councils.setup_urls")),
    path("api/v1/", api.urls),
]
