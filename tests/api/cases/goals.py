from tests.api.authz import Case

GOAL = "/api/goals/{goal}"

CASES = [
    Case(
        "goal_list",
        "GET",
        "/api/goals",
        allowed=("mentee", "mentor", "stranger", "admin", "other_admin"),
    ),
    Case(
        "goal_add",
        "POST",
        "/api/goals",
        body={"title": "Speak at a conference"},
        allowed=("mentee", "mentor", "stranger", "admin", "other_admin"),
        ok=201,
    ),
    Case("goal_read", "GET", GOAL, allowed=("mentee",)),
    Case("goal_change", "PATCH", GOAL, body={"status": "achieved"}, allowed=("mentee",)),
    Case("goal_remove", "DELETE", GOAL, allowed=("mentee",), ok=204),
]
