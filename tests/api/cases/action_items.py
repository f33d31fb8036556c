from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tests.factories import ActionItemFactory


def _more_items(world: World) -> None:
    ActionItemFactory.create_batch(
        3, relationship_id=world["relationship"], created_by=world.people["mentor"]
    )


def _item_body(world: World) -> dict[str, object]:
    return {"relationship": world["relationship"], "title": "Draft the plan", "owner": "mentor"}


ITEM = "/api/action-items/{action_item}"

CASES = [
    Case("action_item_list", "GET", "/api/action-items", allowed=SIGNED_IN, grow=_more_items),
    # Both sides of the relationship share its action items; nobody else sees them.
    Case(
        "action_item_add", "POST", "/api/action-items", body=_item_body, allowed=BOTH_SIDES, ok=201
    ),
    Case("action_item_read", "GET", ITEM, allowed=BOTH_SIDES),
    Case("action_item_change", "PATCH", ITEM, body={"due_on": "2027-01-15"}, allowed=BOTH_SIDES),
    Case("action_item_done", "POST", ITEM + "/done", allowed=BOTH_SIDES),
    Case("action_item_undone", "POST", ITEM + "/undone", allowed=BOTH_SIDES),
    Case("action_item_remove", "DELETE", ITEM, allowed=BOTH_SIDES, ok=204),
]
