"""Programme addresses for people; ``tribe.web.urls_programmes`` puts them under a programme."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tribe.web.views import programme_people as views

#: Each route sits under ``programmes/<slug:slug>/`` (the view gets ``slug``).
routes: list[URLPattern | URLResolver] = [
    path("people/", views.programme_people, name="programme_people"),
    path(
        "people/<int:participant_id>/remove/",
        views.programme_participant_remove,
        name="programme_participant_remove",
    ),
    path("import/", views.programme_import, name="programme_import"),
    path("import/<int:upload_id>/", views.programme_import_upload, name="programme_import_upload"),
    path("invitations/", views.programme_invitations, name="programme_invitations"),
    path(
        "invitations/<int:invitation_id>/revoke/",
        views.programme_invitation_revoke,
        name="programme_invitation_revoke",
    ),
    path("invitations/signup/", views.programme_signup_link, name="programme_signup_link"),
]
#: Each route sits under ``my-programmes/<slug:slug>/``: a participant's pages.
participant_routes: list[URLPattern | URLResolver] = [
    path("intake/", views.my_programme_intake, name="my_programme_intake"),
    path("leave/", views.my_programme_leave, name="my_programme_leave"),
]
#: Top-level: the link of an invitation or of a programme's open sign-up.
join_routes: list[URLPattern | URLResolver] = [
    path("join/<str:token>/", views.programme_join, name="programme_join"),
]
