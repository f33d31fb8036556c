from tests.api.authz import SIGNED_IN, Case

CASES = [
    # Each person's own duties; the list names no one else's.
    Case("today_read", "GET", "/api/today", allowed=SIGNED_IN),
]
