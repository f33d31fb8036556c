"""The learning journal's addresses; ``tribe.web.urls`` adds them to the ``web`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from tribe.web.views import journal

ENTRY = "journal/<int:entry_id>/"

journal_routes: list[URLPattern | URLResolver] = [
    path("journal/", journal.journal, name="journal"),
    path("journal/check-in/", journal.journal_checkin, name="journal_checkin"),
    path("journal/cadence/", journal.journal_cadence, name="journal_cadence"),
    path(
        ENTRY,
        include(
            [
                path("", journal.journal_entry, name="journal_entry"),
                path("edit/", journal.journal_edit, name="journal_edit"),
                path("delete/", journal.journal_delete, name="journal_delete"),
                path("share/", journal.journal_share, name="journal_share"),
            ]
        ),
    ),
]
