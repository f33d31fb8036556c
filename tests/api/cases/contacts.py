from typing import Any

from tests.api.authz import SIGNED_IN, Case, World
from tests.factories import ContactFactory


def _more_contacts(world: World) -> None:
    ContactFactory.create_batch(3, owner=world.people["mentee"])


def _a_contact(world: World) -> dict[str, Any]:
    linked = ContactFactory(
        owner=world.people["mentee"], email="eve@example.com", person=world.people["stranger"]
    )
    return {"contact": linked.pk}


CONTACT = "/api/contacts/{contact}"

CASES = [
    Case("contact_list", "GET", "/api/contacts", allowed=SIGNED_IN, grow=_more_contacts),
    Case("contact_add", "POST", "/api/contacts", body={"name": "Lee"}, allowed=SIGNED_IN, ok=201),
    # A contact is its owner's alone: the one it is linked to does not see it either.
    Case("contact_read", "GET", CONTACT, prepare=_a_contact, allowed=("mentee",)),
    Case(
        "contact_change",
        "PATCH",
        CONTACT,
        prepare=_a_contact,
        body={"company": "Acme"},
        allowed=("mentee",),
    ),
    Case("contact_remove", "DELETE", CONTACT, prepare=_a_contact, allowed=("mentee",), ok=204),
    Case("contact_unlink", "POST", CONTACT + "/unlink", prepare=_a_contact, allowed=("mentee",)),
]
