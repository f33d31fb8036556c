from tests.api.authz import SIGNED_IN, Case, World
from tests.factories import GoalFactory
from tribe.accounts.events import record
from tribe.accounts.models import SecurityEvent


def _more_events(world: World) -> None:
    for kind in (SecurityEvent.Kind.LOGIN, SecurityEvent.Kind.LOGOUT, SecurityEvent.Kind.EXPORT):
        record(person=world.people["mentee"], kind=kind)


def _more_hits(world: World) -> None:
    GoalFactory.create_batch(3, person=world.people["mentee"], title="Product pricing")


WINDOWS = {"windows": [{"weekday": 0, "starts": "09:00", "ends": "11:00"}]}

CASES = [
    # Everyone has a profile, availability, data and a log of their own, and only that:
    # no operation here names anyone else.
    Case("me_read", "GET", "/api/me", allowed=SIGNED_IN),
    Case("me_change", "PATCH", "/api/me", body={"headline": "Curious"}, allowed=SIGNED_IN),
    Case("availability_read", "GET", "/api/me/availability", allowed=SIGNED_IN),
    Case("availability_change", "PUT", "/api/me/availability", body=WINDOWS, allowed=SIGNED_IN),
    Case("me_export", "GET", "/api/me/export", allowed=SIGNED_IN),
    # Only my own steps (or that they do not apply yet): it names nobody else.
    Case("me_forward", "GET", "/api/me/forward", allowed=SIGNED_IN),
    Case(
        "me_search",
        "GET",
        "/api/me/search",
        query={"q": "product"},
        allowed=SIGNED_IN,
        grow=_more_hits,
    ),
    Case(
        "security_event_list",
        "GET",
        "/api/me/security-events",
        allowed=SIGNED_IN,
        grow=_more_events,
    ),
]
