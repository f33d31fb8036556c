from django.contrib import admin
from django.urls import include, path

from tribe.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the footer's language switcher posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("", include("tribe.web.urls")),
]
