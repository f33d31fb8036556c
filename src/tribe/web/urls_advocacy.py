"""The advocacy asks' addresses; ``tribe.web.urls`` adds them to the ``web`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from tribe.web.views import advocacy

ASK = "advocacy/<int:ask_id>/"

advocacy_routes: list[URLPattern | URLResolver] = [
    path(
        "relationships/<int:relationship_id>/advocacy/new/",
        advocacy.ask_new,
        name="advocacy_ask_new",
    ),
    path(
        ASK,
        include(
            [
                path("agree/", advocacy.ask_agree_page, name="advocacy_agree"),
                path("decline/", advocacy.ask_decline_page, name="advocacy_decline"),
                path("done/", advocacy.ask_done_page, name="advocacy_done"),
                path("outcome/", advocacy.ask_outcome_page, name="advocacy_outcome"),
                path("withdraw/", advocacy.ask_withdraw_page, name="advocacy_withdraw"),
            ]
        ),
    ),
]
