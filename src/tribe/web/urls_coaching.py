"""A coaching relationship's addresses; ``tribe.web.urls`` adds them to the ``web`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from tribe.web.views import coaching

RELATIONSHIP = "relationships/<int:relationship_id>/"
EXERCISE = "exercises/<int:exercise_id>/"

coaching_routes: list[URLPattern | URLResolver] = [
    path(
        RELATIONSHIP,
        include(
            [
                path("exercises/new/", coaching.exercise_new, name="exercise_new"),
                path("practice/new/", coaching.practice_new, name="practice_new"),
                path("fees/", coaching.terms_edit, name="terms_edit"),
            ]
        ),
    ),
    path(
        "practice/<int:practice_id>/delete/",
        coaching.practice_delete_page,
        name="practice_delete",
    ),
    path(
        EXERCISE,
        include(
            [
                path("edit/", coaching.exercise_edit, name="exercise_edit"),
                path("retire/", coaching.exercise_retire_page, name="exercise_retire"),
            ]
        ),
    ),
]
