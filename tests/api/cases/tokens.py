from tests.api.authz import SIGNED_IN, Case, World
from tribe.accounts.services import token_create, token_revoke


def _more_tokens(world: World) -> None:
    mentee = world.people["mentee"]
    for name in ("laptop", "ci", "backup"):
        token_create(person=mentee, name=name)
    # A revoked one is still listed (the owner's record): one more row, no more queries.
    token_revoke(actor=mentee, token=token_create(person=mentee, name="old")[0])


def _script_token(world: World) -> dict[str, int]:
    return {"token": token_create(person=world.people["mentee"], name="script")[0].pk}


def _revoked_token(world: World) -> dict[str, int]:
    mentee = world.people["mentee"]
    token = token_create(person=mentee, name="gone")[0]
    return {"token": token_revoke(actor=mentee, token=token).pk}


REVOKE = "/api/tokens/{token}/revoke"

CASES = [
    # Everyone lists and makes their own tokens.
    Case("token_list", "GET", "/api/tokens", allowed=SIGNED_IN, grow=_more_tokens),
    Case("token_add", "POST", "/api/tokens", body={"name": "ci"}, allowed=SIGNED_IN, ok=201),
    # A token is its owner's alone: nobody else learns it exists.
    Case("token_revoke", "POST", REVOKE, allowed=("mentee",), prepare=_script_token),
    Case(
        "token_revoke",
        "POST",
        REVOKE,
        allowed=("mentee",),
        prepare=_revoked_token,
        status={"mentee": 409},
        label="already revoked",
    ),
]
