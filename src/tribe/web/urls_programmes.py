"""Programme addresses; ``tribe.web.urls`` adds them to the ``web`` namespace.

An administrator's pages live under ``programmes/<slug>/`` and read the
programme through ``programme_get_for_admin`` (404 for a programme they do not
run); a participant's under ``my-programmes/``. The parts (enrolment and
roster, match runs and offers, engagement, surveys and reports) keep their
routes in modules of their own.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from tribe.web import urls_programme_people, urls_programme_reports, urls_programme_runs
from tribe.web.views import programmes

PROGRAMME = "programmes/<slug:slug>/"

programme_routes: list[URLPattern | URLResolver] = [
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/new/", programmes.programme_new, name="programme_new"),
    path(
        PROGRAMME,
        include(
            [
                path("", programmes.programme_home, name="programme"),
                path("settings/", programmes.programme_settings, name="programme_settings"),
                path("chat/", programmes.programme_chat, name="programme_chat"),
                path("rules/", programmes.programme_rules, name="programme_rules"),
                path("admins/", programmes.programme_admins, name="programme_admins"),
                path("archive/", programmes.programme_archive_page, name="programme_archive"),
                path("cohorts/new/", programmes.cohort_new, name="cohort_new"),
                path("cohorts/<int:cohort_id>/", programmes.cohort_edit, name="cohort_edit"),
                *urls_programme_people.routes,
                *urls_programme_runs.routes,
                *urls_programme_reports.routes,
            ]
        ),
    ),
    path("my-programmes/", programmes.my_programmes, name="my_programmes"),
    # The link of an invitation or an open sign-up: not under a programme's address.
    *urls_programme_people.join_routes,
    path(
        "my-programmes/<slug:slug>/",
        include(
            [
                path("", programmes.my_programme, name="my_programme"),
                *urls_programme_people.participant_routes,
                *urls_programme_runs.participant_routes,
                *urls_programme_reports.participant_routes,
            ]
        ),
    ),
]
