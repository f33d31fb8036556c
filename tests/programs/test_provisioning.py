"""The domain side of SCIM provisioning: the programme's tokens, the filter's
translation to the roster, and roster writes under the import's rules."""

from __future__ import annotations

import pytest

from tests.cli.conftest import tribe  # noqa: F401 - the CLI fixture, for the command's test
from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tests.programs.pairs import run_of
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    MatchOffer,
    OfferStatus,
    Participant,
    Programme,
    Role,
    RosterEntry,
    ScimToken,
)
from tribe.programs.provisioning import (
    FILTER_MAX,
    MAX_LIVE_TOKENS,
    RosterValues,
    scim_entries,
    scim_entry_get,
    scim_filter,
    scim_token_create,
    scim_token_get_for,
    scim_token_programme,
    scim_token_revoke,
    scim_tokens_of,
    scim_user_create,
    scim_user_deactivate,
    scim_user_replace,
)


@pytest.fixture
def token(ada: Person, programme: Programme) -> ScimToken:
    return scim_token_create(actor=ada, programme=programme, name="Okta")[0]


def jo(**more: object) -> RosterValues:
    return RosterValues(**{"employee_id": "E1", "email": "Jo@Example.com", **more})  # type: ignore[arg-type]


def test_a_token_is_shown_once_and_stored_as_a_digest(ada: Person, programme: Programme) -> None:
    token, secret = scim_token_create(actor=ada, programme=programme, name="Okta")
    assert secret.startswith("tribe_scim_") and len(secret) > 40
    assert secret not in (token.digest, token.prefix) and secret.startswith(token.prefix)
    assert scim_token_programme(secret=secret) == token
    assert scim_token_programme(secret=secret + "x") is None
    assert scim_token_programme(secret="tribe_" + secret[11:]) is None
    assert list(scim_tokens_of(programme=programme)) == [token]


def test_only_administrators_make_see_and_revoke_tokens(
    ada: Person, otto: Person, programme: Programme, token: ScimToken
) -> None:
    with pytest.raises(NotFound):
        scim_token_create(actor=otto, programme=programme, name="x")
    with pytest.raises(NotFound):
        scim_token_get_for(person=otto, programme=programme, token_id=token.pk)
    with pytest.raises(NotFound):
        scim_token_revoke(actor=otto, token=token)
    with pytest.raises(NotFound):
        scim_token_get_for(person=ada, programme=programme, token_id="nope")
    found = scim_token_get_for(person=ada, programme=programme, token_id=str(token.pk))
    revoked = scim_token_revoke(actor=ada, token=found)
    assert revoked.revoked_at is not None
    with pytest.raises(Conflict) as caught:
        scim_token_revoke(actor=ada, token=found)
    assert caught.value.code == ProgrammeCode.SCIM_TOKEN_REVOKED


def test_live_tokens_are_capped_and_a_name_is_required(ada: Person, programme: Programme) -> None:
    with pytest.raises(ValidationError):
        scim_token_create(actor=ada, programme=programme, name="  ")
    for i in range(MAX_LIVE_TOKENS):
        scim_token_create(actor=ada, programme=programme, name=f"t{i}")
    with pytest.raises(Conflict):
        scim_token_create(actor=ada, programme=programme, name="one more")


def test_create_follows_the_import_rules(token: ScimToken, programme: Programme) -> None:
    entry = scim_user_create(token=token, values=jo(given_name=" Jo ", title="Writer"))
    assert (entry.email, entry.given_name, entry.person_id) == ("jo@example.com", "Jo", None)
    with pytest.raises(Conflict) as caught:
        scim_user_create(token=token, values=jo(employee_id="E2"))
    assert (caught.value.code, caught.value.field) == (ProgrammeCode.SCIM_TAKEN, "email")
    with pytest.raises(Conflict):
        scim_user_create(token=token, values=jo(email="other@example.com"))
    for bad in (jo(email="not an address"), jo(employee_id=""), jo(title="x" * 201)):
        with pytest.raises(ValidationError):
            scim_user_create(token=token, values=bad)
    assert programme.roster.count() == 1


def test_manager_by_id_employee_id_or_address_and_no_circle(token: ScimToken) -> None:
    boss = scim_user_create(token=token, values=jo())
    a = scim_user_create(
        token=token, values=RosterValues("E2", "a@example.com", manager=str(boss.pk))
    )
    b = scim_user_create(token=token, values=RosterValues("E3", "b@example.com", manager="E2"))
    c = scim_user_create(
        token=token, values=RosterValues("E4", "c@example.com", manager="B@example.com")
    )
    assert (a.manager_id, b.manager_id, c.manager_id) == (boss.pk, a.pk, b.pk)
    with pytest.raises(ValidationError) as caught:
        scim_user_replace(token=token, entry=boss, values=jo(manager="E4"))
    assert caught.value.code == ProgrammeCode.ROSTER_CYCLE
    with pytest.raises(ValidationError) as caught:
        scim_user_create(token=token, values=RosterValues("E5", "d@example.com", manager="E99"))
    assert caught.value.code == ProgrammeCode.ROSTER_NO_MANAGER


def test_deactivating_is_what_an_import_does_for_someone_who_left(
    token: ScimToken, programme: Programme
) -> None:
    participant = enrol(programme)
    entry = scim_user_create(token=token, values=jo())
    RosterEntry.objects.filter(pk=entry.pk).update(person=participant.person)
    entry.refresh_from_db()
    gone = scim_user_replace(token=token, entry=entry, values=jo(active=False))
    assert gone.active is False and gone.deactivated_at is not None
    participant.refresh_from_db()
    assert participant.status == Participant.Status.LEFT
    assert Person.objects.get(pk=participant.person_id).is_active  # the account stays
    back = scim_user_replace(token=token, entry=gone, values=jo())
    assert back.active is True and back.deactivated_at is None
    assert scim_user_deactivate(token=token, entry=back).active is False
    assert RosterEntry.objects.filter(pk=entry.pk).exists()


def open_offer(programme: Programme, mentee: Participant, mentor: Participant) -> MatchOffer:
    return MatchOffer.objects.create(
        programme=programme, run=run_of(programme), mentee=mentee, mentor=mentor, score=0.5
    )


@pytest.mark.parametrize("how", ["replace", "deactivate"])
def test_a_leaver_s_open_offers_are_withdrawn_as_when_they_leave(
    token: ScimToken, programme: Programme, how: str
) -> None:
    # What participant_leave does: the offers waiting for answers, on either
    # side, go, so the other person's place is free for the next run.
    leaver = enrol(programme, Role.BOTH)
    mentor, mentee, bystander = enrol(programme, Role.MENTOR), enrol(programme), enrol(programme)
    as_mentee = open_offer(programme, leaver, mentor)
    as_mentor = open_offer(programme, mentee, leaver)
    others = open_offer(programme, bystander, mentor)
    entry = scim_user_create(token=token, values=jo())
    RosterEntry.objects.filter(pk=entry.pk).update(person=leaver.person)
    entry.refresh_from_db()
    if how == "replace":
        scim_user_replace(token=token, entry=entry, values=jo(active=False))
    else:
        scim_user_deactivate(token=token, entry=entry)
    leaver.refresh_from_db()
    assert leaver.status == Participant.Status.LEFT
    for offer in (as_mentee, as_mentor, others):
        offer.refresh_from_db()
    assert as_mentee.status == as_mentor.status == OfferStatus.WITHDRAWN
    assert as_mentee.updated_at == leaver.left_at
    assert others.status == OfferStatus.OPEN


def test_a_token_writes_only_its_programme(
    token: ScimToken, otto: Person, other_programme: Programme
) -> None:
    theirs = scim_token_create(actor=otto, programme=other_programme, name="B")[0]
    entry = scim_user_create(token=theirs, values=jo())
    with pytest.raises(NotFound):
        scim_user_replace(token=token, entry=entry, values=jo(title="x"))
    with pytest.raises(NotFound):
        scim_user_deactivate(token=token, entry=entry)
    with pytest.raises(NotFound):
        scim_entry_get(programme=token.programme, entry_id=entry.pk)
    # The same person may be on both rosters.
    assert scim_user_create(token=token, values=jo()).programme_id == token.programme_id


def test_the_filter_maps_to_roster_fields(token: ScimToken) -> None:
    scim_user_create(token=token, values=jo(department="Ink"))
    scim_user_create(token=token, values=RosterValues("E2", "amy@example.com", active=False))
    programme = token.programme

    def ids(text: str) -> list[str]:
        return [e.employee_id for e in scim_entries(
            programme=programme, where=scim_filter(text), start=1, count=10)[1]]  # fmt: skip

    assert ids('userName eq "JO@example.com"') == ["E1"]
    assert ids('externalId eq "E2"') == ["E2"]
    assert ids("active eq false") == ["E2"]
    assert ids(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "ink"'
    ) == ["E1"]
    assert ids('not (userName eq "jo@example.com")') == ["E2"]
    assert ids('userName sw "amy" or externalId eq "E1"') == ["E1", "E2"]
    for bad in ('nickName eq "x"', 'userName eq "x" and foo eq "y"', "userName eq", "x" * 2000):
        with pytest.raises(ValidationError) as caught:
            scim_filter(bad)
        assert caught.value.code == ProgrammeCode.SCIM_BAD_FILTER


def test_present_means_a_value_and_not_present_the_rest(token: ScimToken) -> None:
    scim_user_create(token=token, values=jo(title="Ink"))
    scim_user_create(token=token, values=RosterValues("E2", "amy@example.com"))
    programme = token.programme

    def ids(text: str) -> list[str]:
        return [e.employee_id for e in scim_entries(
            programme=programme, where=scim_filter(text), start=1, count=10)[1]]  # fmt: skip

    assert ids("title pr") == ["E1"]
    assert ids("not (title pr)") == ["E2"]
    assert ids("userName pr and active pr") == ["E1", "E2"]
    assert ids("not (active pr)") == []
    assert ids('title eq ""') == ["E2"]
    assert ids('title ne "ink"') == ["E2"]


def test_a_quoted_value_may_hold_an_escaped_quote(token: ScimToken) -> None:
    scim_user_create(token=token, values=jo(title='The "Ink" desk \\ B'))
    programme = token.programme
    where = scim_filter('title eq "the \\"ink\\" desk \\\\ b"')
    assert [e.employee_id for e in scim_entries(
        programme=programme, where=where, start=1, count=10)[1]] == ["E1"]  # fmt: skip
    where = scim_filter('title co "\\u0022ink\\u0022"')
    assert len(scim_entries(programme=programme, where=where, start=1, count=10)[1]) == 1


def problem_of(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        scim_filter(text)
    assert caught.value.code == ProgrammeCode.SCIM_BAD_FILTER
    message = str(caught.value.message)
    prefix = "the filter cannot be read or uses what is not supported: "
    assert message.startswith(prefix)
    return message.removeprefix(prefix)


def test_an_unreadable_filter_says_where_in_plain_words() -> None:
    assert problem_of('userName eq "x" y') == "it could not be read from character 17 (“y”)"
    assert problem_of("userName eq") == "it ends before it is complete"
    assert problem_of('userName eq "x" or 1=1') == "it could not be read from character 20 (“1=1”)"
    assert problem_of('userName eq "x" ~') == "it could not be read from character 17 (“~”)"
    assert problem_of('userName eq "bad \\q escape"').startswith("it could not be read from")
    assert problem_of('userName eq "\\u0000"') == "a value cannot hold the character NUL"
    for text in ('userName eq "x" y', 'userName eq "x" ~', "userName eq"):
        assert "Token" not in problem_of(text) and "lineno" not in problem_of(text)


def test_a_flat_chain_is_not_nesting_and_deep_nesting_is_refused(token: ScimToken) -> None:
    scim_user_create(token=token, values=jo())
    programme = token.programme
    chain = " or ".join(f'externalId eq "{n}"' for n in range(40)) + ' or externalId eq "E1"'
    assert len(chain) <= FILTER_MAX
    found = scim_entries(programme=programme, where=scim_filter(chain), start=1, count=10)[1]
    assert [e.employee_id for e in found] == ["E1"]
    flat = " and ".join(["title pr"] * 75)
    assert len(flat) <= FILTER_MAX
    scim_filter(flat)
    assert problem_of("not (" * 60 + "title pr" + ")" * 60) == "nested too deeply"
    assert problem_of("(" * 60 + "title pr" + ")" * 60) == "nested too deeply"
    assert problem_of(" or ".join(["title pr"] * 100)) == f"longer than {FILTER_MAX} characters"


def test_an_archived_programme_takes_no_writes(token: ScimToken, programme: Programme) -> None:
    Programme.objects.filter(pk=programme.pk).update(archived_at="2026-01-01T00:00:00Z")
    token.programme.refresh_from_db()
    with pytest.raises(Conflict):
        scim_user_create(token=token, values=jo())


def test_any_administrator_may_make_a_token(ada: Person, programme: Programme) -> None:
    from tribe.programs.services import admin_add

    other = PersonFactory()
    admin_add(actor=ada, programme=programme, person=other)
    token, _ = scim_token_create(actor=other, programme=programme, name="Entra")
    assert token.created_by == other


def test_the_cli_makes_lists_and_revokes_a_token(  # type: ignore[no-untyped-def]
    tribe,  # noqa: F811 - the fixture imported above
    ada: Person,
    otto: Person,
    programme: Programme,
) -> None:
    import json

    made = tribe("programme", "scim-token", "create", "--as", ada.email, "engineering",
                 "--name", "Okta", "--json")  # fmt: skip
    assert made.code == 0, made.err
    data = json.loads(made.out)
    assert scim_token_programme(secret=data["secret"]).pk == data["id"]
    listed = tribe("programme", "scim-token", "list", "--as", ada.email, "engineering", "--json")
    rows = json.loads(listed.out)
    assert [r["name"] for r in rows] == ["Okta"] and "secret" not in rows[0]
    assert data["secret"] not in listed.out
    plain = tribe("programme", "scim-token", "list", "--as", ada.email, "engineering")
    assert "Okta" in plain.out and data["secret"] not in plain.out
    gone = tribe("programme", "scim-token", "revoke", "--as", ada.email, "engineering",
                 str(data["id"]))  # fmt: skip
    assert gone.code == 0, gone.err
    assert scim_token_programme(secret=data["secret"]) is None
    stranger = tribe("programme", "scim-token", "list", "--as", otto.email, "engineering")
    assert stranger.code == 3
    missing = tribe("programme", "scim-token", "revoke", "--as", ada.email, "engineering", "999")
    assert missing.code == 3
