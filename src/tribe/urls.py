from django.contrib import admin
from django.urls import include, path

from tribe.accounts import oidc
from tribe.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the footer's language switcher posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    # SCIM 2.0 for identity providers, outside the JSON API: its own media type and errors.
    path("scim/v2/", include("tribe.api.scim")),
    # Signing in through the organisation's provider: 404 unless TRIBE_OIDC_* is set.
    path("oidc/", include(oidc.urlpatterns())),
    path("", include("tribe.web.urls")),
]
