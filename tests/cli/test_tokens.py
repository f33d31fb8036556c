"""``tribe token``: create (the secret printed once), list and revoke, with ``--json``."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run
from tribe.accounts.models import ApiToken
from tribe.accounts.selectors import token_person
from tribe.accounts.services import token_create, token_revoke
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def test_create_prints_the_secret_alone_on_stdout(tribe: Callable[..., Run], maya: Person) -> None:
    made = tribe("token", "create", "--as", maya.email, "--name", "nightly backup")
    assert made.code == 0, made.err
    secret = made.out.strip()
    assert made.out == secret + "\n" and secret.startswith("tribe_")
    assert "“nightly backup” made (read and change, until it is revoked)" in made.err
    assert "Copy it now: it will not be shown again." in made.err
    token = ApiToken.objects.get(person=maya)
    assert token_person(secret=secret) == (maya, token)
    assert (token.read_only, token.expires_at) == (False, None)
    # Never again: the list has its start, not the secret.
    listed = tribe("token", "list", "--as", maya.email)
    assert token.prefix in listed.out and secret not in listed.out
    listed_json = tribe("token", "list", "--as", maya.email, "--json").out
    assert secret not in listed_json and token.digest not in listed_json


def test_create_read_only_for_some_days_as_json(tribe: Callable[..., Run], maya: Person) -> None:
    made = tribe(
        "token",
        "create",
        "--as",
        maya.email,
        "--name",
        "ci",
        "--read-only",
        "--days",
        "30",
        "--json",
    )
    assert made.code == 0, made.err
    data = json.loads(made.out)
    token = ApiToken.objects.get(person=maya)
    assert data["id"] == token.pk and data["secret"].startswith(token.prefix)
    assert data["read_only"] is True and data["live"] is True
    assert data["expires_at"] == token.expires_at.isoformat()  # type: ignore[union-attr]
    assert "digest" not in data
    assert "read-only, until" in made.err


def test_the_only_account_needs_no_as(tribe: Callable[..., Run], maya: Person) -> None:
    made = tribe("token", "create", "--name", "mine")
    assert made.code == 0, made.err
    assert ApiToken.objects.get().person == maya


def test_list_shows_each_state(tribe: Callable[..., Run], maya: Person, eve: Person) -> None:
    empty = tribe("token", "list", "--as", maya.email)
    assert empty.code == 0 and "No API tokens yet." in empty.out
    live, _ = token_create(person=maya, name="laptop", read_only=True)
    gone, _ = token_create(person=maya, name="old phone")
    token_revoke(actor=maya, token=gone)
    token_create(person=eve, name="eve's script")
    listed = tribe("token", "list", "--as", maya.email)
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert "Maya Chen" in lines[0] and "Europe/London" in lines[0]
    laptop = next(line for line in lines if "laptop" in line)
    assert f"#{live.pk}" in laptop and "read-only" in laptop and "live" in laptop
    assert "revoked" in next(line for line in lines if "old phone" in line)
    assert "eve's script" not in listed.out
    data = json.loads(tribe("token", "list", "--as", maya.email, "--json").out)
    assert [(t["name"], t["live"]) for t in data] == [("old phone", False), ("laptop", True)]
    assert data[0]["revoked_at"] is not None


def test_revoke_stops_the_token(tribe: Callable[..., Run], maya: Person) -> None:
    token, secret = token_create(person=maya, name="laptop")
    done = tribe("token", "revoke", "--as", maya.email, str(token.pk))
    assert done.code == 0, done.err
    assert f"API token #{token.pk} “laptop” revoked" in done.out
    assert token_person(secret=secret) is None
    again = tribe("token", "revoke", "--as", maya.email, str(token.pk))
    assert again.code == 2
    assert again.error_line == "tribe token: error: this API token was already revoked"


@pytest.mark.parametrize("given", ["someone-elses", "abc", "99999999999999999999999", "-1"])
def test_revoking_what_is_not_mine_is_not_found(
    tribe: Callable[..., Run], maya: Person, eve: Person, given: str
) -> None:
    token, secret = token_create(person=eve, name="eve's")
    ident = str(token.pk) if given == "someone-elses" else given
    refused = tribe("token", "revoke", "--as", maya.email, ident)
    assert refused.code == 3
    assert refused.error_line == "tribe token: error: ID: there is no such API token of yours"
    assert token_person(secret=secret) is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", ""), "--name: "),
        (("--name", "two\nlines"), "--name: "),
        (("--name", "x" * 101), "--name: "),
        (("--name", "ok", "--days", "0"), "--days: a token lasts from 1 to 550 days"),
        (("--name", "ok", "--days", "9" * 30), "--days: a token lasts from 1 to 550 days"),
        (("--name", "ok", "--days", "soon"), "--days: “soon” is not a whole number"),
    ],
)
def test_bad_options_say_which_and_make_nothing(
    tribe: Callable[..., Run], maya: Person, args: tuple[str, ...], message: str
) -> None:
    refused = tribe("token", "create", "--as", maya.email, *args)
    assert refused.code == 2
    assert message in refused.error_line and refused.out == ""
    assert not ApiToken.objects.exists()


def test_the_limit_of_live_tokens(tribe: Callable[..., Run], maya: Person) -> None:
    for n in range(20):
        token_create(person=maya, name=f"t{n}")
    refused = tribe("token", "create", "--as", maya.email, "--name", "one more")
    assert refused.code == 2 and "revoke one you no longer use first" in refused.error_line
    assert refused.out == ""
