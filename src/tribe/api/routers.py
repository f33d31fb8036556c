"""Every router of the API and the address it is mounted at, in the order the
document lists them."""

from __future__ import annotations

from ninja import Router

from tribe.api import (
    action_items,
    advocacy,
    coaching,
    contacts,
    fit,
    goals,
    journal,
    ledger,
    me,
    meetings,
    notes,
    participation,
    programme_reports,
    programme_runs,
    programmes,
    relationships,
    requests,
    today,
    tokens,
)

ROUTERS: list[tuple[str, Router]] = [
    ("/me", me.router),
    ("/tokens", tokens.router),
    ("/today", today.router),
    ("/goals", goals.router),
    ("/contacts", contacts.router),
    ("/fit", fit.router),
    ("/relationships", relationships.router),
    ("/requests", requests.router),
    ("/meetings", meetings.router),
    ("/notes", notes.router),
    ("/action-items", action_items.router),
    ("/ledger", ledger.router),
    ("/journal", journal.router),
    ("/coaching", coaching.router),
    ("/advocacy", advocacy.router),
    ("/programmes", programmes.router),
    ("/programmes", programme_runs.router),
    ("/programmes", programme_reports.router),
    ("/participation", participation.router),
]
