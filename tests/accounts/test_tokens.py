"""Personal API tokens: what is stored, who a token stands for, and the owner's rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tribe.accounts.errors import AccountCode
from tribe.accounts.models import ApiToken, SecurityEvent
from tribe.accounts.selectors import (
    TOKEN_PREFIX,
    token_digest,
    token_get_for,
    token_is_live,
    token_person,
    tokens_of,
)
from tribe.accounts.services import (
    MAX_LIVE_TOKENS,
    MAX_TOKEN_DAYS,
    TOUCH_EVERY,
    token_create,
    token_revoke,
    token_touch,
)
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _stored_values(token: ApiToken) -> list[str]:
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    return [str(value) for value in row.values()]


def test_only_the_digest_is_stored_never_the_secret(maya: Person, now: dt.datetime) -> None:
    token, secret = token_create(person=maya, name="backup", now=now)
    assert secret.startswith(TOKEN_PREFIX) and len(secret) == len(TOKEN_PREFIX) + 43
    assert token.digest == token_digest(secret) and len(token.digest) == 64
    assert token.prefix == secret[: len(TOKEN_PREFIX) + 6]
    # Not in any column of the row, whole or as more than its short prefix.
    assert not any(secret in value or secret[:20] in value for value in _stored_values(token))
    assert token_person(secret=secret, now=now) == (maya, token)
    # Each token its own secret.
    assert token_create(person=maya, name="backup", now=now)[1] != secret


def test_making_and_revoking_are_in_the_security_log(maya: Person, now: dt.datetime) -> None:
    token, _ = token_create(person=maya, name="ci", now=now)
    token_revoke(actor=maya, token=token, now=now + DAY)
    kinds = list(
        SecurityEvent.objects.filter(person=maya).order_by("at").values_list("kind", flat=True)
    )
    assert kinds == ["token_created", "token_revoked"]


def test_a_revoked_token_authenticates_nobody(maya: Person, now: dt.datetime) -> None:
    token, secret = token_create(person=maya, name="ci", now=now)
    revoked = token_revoke(actor=maya, token=token, now=now + DAY)
    assert revoked.revoked_at == now + DAY
    assert token_person(secret=secret, now=now + 2 * DAY) is None
    assert not token_is_live(revoked, now + 2 * DAY)
    with pytest.raises(Conflict) as again:
        token_revoke(actor=maya, token=revoked, now=now + 2 * DAY)
    assert again.value.code == AccountCode.TOKEN_REVOKED
    assert ApiToken.objects.get(pk=token.pk).revoked_at == now + DAY  # kept, with the moment


def test_an_expired_token_authenticates_nobody(maya: Person, now: dt.datetime) -> None:
    token, secret = token_create(person=maya, name="week", days=7, now=now)
    assert token.expires_at == now + 7 * DAY
    assert token_person(secret=secret, now=now + 7 * DAY - dt.timedelta(seconds=1)) is not None
    assert token_is_live(token, now + 7 * DAY - dt.timedelta(seconds=1))
    assert token_person(secret=secret, now=now + 7 * DAY) is None
    assert not token_is_live(token, now + 7 * DAY)


def test_a_token_without_end_lasts(maya: Person, now: dt.datetime) -> None:
    token, secret = token_create(person=maya, name="forever", now=now)
    later = now + dt.timedelta(days=3650)
    assert token.expires_at is None and token_is_live(token, later)
    assert token_person(secret=secret, now=later) == (maya, token)


def test_a_deactivated_persons_token_authenticates_nobody(maya: Person, now: dt.datetime) -> None:
    _, secret = token_create(person=maya, name="ci", now=now)
    maya.is_active = False
    maya.save()
    assert token_person(secret=secret, now=now) is None


@pytest.mark.parametrize(
    "presented",
    [
        "",
        "tribe_",
        "not-a-token",
        "tribe_" + "x" * 43,
        "tribe_" + "x" * 300,
        "tribe_\ud800",
        "Bearer tribe_abc",
    ],
)
def test_anything_but_a_live_secret_authenticates_nobody(
    maya: Person, now: dt.datetime, presented: str
) -> None:
    token_create(person=maya, name="ci", now=now)
    assert token_person(secret=presented, now=now) is None


def test_the_digest_does_not_authenticate(maya: Person, now: dt.datetime) -> None:
    """A leaked database is no key: the stored digest presented as a token is refused."""
    token, _ = token_create(person=maya, name="ci", now=now)
    assert token_person(secret=token.digest, now=now) is None
    assert token_person(secret=TOKEN_PREFIX + token.digest, now=now) is None


def test_the_limit_counts_live_tokens_only(maya: Person, ravi: Person, now: dt.datetime) -> None:
    made = [token_create(person=maya, name=f"t{n}", now=now)[0] for n in range(MAX_LIVE_TOKENS)]
    with pytest.raises(Conflict) as refused:
        token_create(person=maya, name="one too many", now=now)
    assert refused.value.code == AccountCode.TOO_MANY_TOKENS
    assert tokens_of(person=maya).count() == MAX_LIVE_TOKENS
    # Someone else's tokens are theirs to count.
    assert token_create(person=ravi, name="ravi's", now=now)[0].person == ravi
    # A revoked token frees its place.
    token_revoke(actor=maya, token=made[0], now=now)
    token_create(person=maya, name="instead", now=now)
    with pytest.raises(Conflict):
        token_create(person=maya, name="again too many", now=now)


def test_an_expired_token_frees_its_place(maya: Person, now: dt.datetime) -> None:
    token_create(person=maya, name="short", days=1, now=now)
    for n in range(MAX_LIVE_TOKENS - 1):
        token_create(person=maya, name=f"t{n}", now=now)
    with pytest.raises(Conflict):
        token_create(person=maya, name="full", now=now)
    assert token_create(person=maya, name="later", now=now + 2 * DAY)[0].name == "later"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "two\nlines"}, "name"),
        ({"name": "ok", "days": 0}, "days"),
        ({"name": "ok", "days": -5}, "days"),
        ({"name": "ok", "days": MAX_TOKEN_DAYS + 1}, "days"),
        ({"name": "ok", "days": 10**30}, "days"),
    ],
)
def test_bad_input_names_the_field_and_makes_nothing(
    maya: Person, now: dt.datetime, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        token_create(person=maya, now=now, **fields)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not ApiToken.objects.exists()
    assert not SecurityEvent.objects.exists()


def test_the_longest_token_is_allowed(maya: Person, now: dt.datetime) -> None:
    token, _ = token_create(person=maya, name="long", days=MAX_TOKEN_DAYS, now=now)
    assert token.expires_at == now + MAX_TOKEN_DAYS * DAY


def test_anothers_token_is_not_found_so_it_cannot_be_revoked(
    maya: Person, eve: Person, now: dt.datetime
) -> None:
    token, secret = token_create(person=maya, name="mine", now=now)
    with pytest.raises(NotFound) as hidden:
        token_get_for(person=eve, token_id=token.pk)
    assert hidden.value.code == AccountCode.TOKEN_NOT_FOUND
    assert token_get_for(person=maya, token_id=token.pk) == token
    # Even handed the object, the service revokes only the actor's own.
    with pytest.raises(ApiToken.DoesNotExist):
        token_revoke(actor=eve, token=token, now=now)
    assert token_person(secret=secret, now=now) == (maya, token)
    assert list(tokens_of(person=eve)) == []


@pytest.mark.parametrize("token_id", ["abc", "", None, 10**30, -1, "1.5"])
def test_a_token_id_that_is_no_id_is_not_found(maya: Person, token_id: object) -> None:
    with pytest.raises(NotFound):
        token_get_for(person=maya, token_id=token_id)  # type: ignore[arg-type]


def test_the_list_is_the_persons_newest_first_with_revoked_ones(
    maya: Person, now: dt.datetime
) -> None:
    old, _ = token_create(person=maya, name="old", now=now)
    token_create(person=maya, name="new", now=now + DAY)
    token_revoke(actor=maya, token=old, now=now + DAY)
    token_create(person=PersonFactory(), name="another's", now=now)
    assert [t.name for t in tokens_of(person=maya)] == ["new", "old"]


def test_use_is_noted_at_most_once_a_minute(maya: Person, now: dt.datetime) -> None:
    token, _ = token_create(person=maya, name="ci", now=now)
    token_touch(token=token, now=now)
    token_touch(token=token, now=now + TOUCH_EVERY / 2)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now
    token_touch(token=token, now=now + TOUCH_EVERY)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now + TOUCH_EVERY
