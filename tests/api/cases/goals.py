from tests.api.authz import SIGNED_IN, Case, World
from tests.factories import GoalFactory


def _more_goals(world: World) -> None:
    GoalFactory.create_batch(4, person=world.people["mentee"])


GOAL = "/api/goals/{goal}"

CASES = [
    # Everyone has a list of their own goals (an empty one too) and may add one.
    Case("goal_list", "GET", "/api/goals", allowed=SIGNED_IN, grow=_more_goals),
    Case("goal_add", "POST", "/api/goals", body={"title": "Speak"}, allowed=SIGNED_IN, ok=201),
    # A goal is its owner's alone: her mentor and her programme's admin get 404.
    Case("goal_read", "GET", GOAL, allowed=("mentee",)),
    Case("goal_change", "PATCH", GOAL, body={"status": "achieved"}, allowed=("mentee",)),
    Case("goal_remove", "DELETE", GOAL, allowed=("mentee",), ok=204),
]
