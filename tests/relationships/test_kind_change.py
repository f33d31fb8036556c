"""Changing the kind of a relationship: free until the other account says yes, then
settled, so one side alone never turns it into another kind.

Each side accepted it as the kind it then was, and what it carries follows the
kind (a coach's regimen, a sponsor's asks). The rule is the service's
(``relationship_update``); the edit page shows the kind read-only once it is
settled, and the API answers 409 ``kind_settled`` on the field ``kind``. No
command of the CLI changes a kind.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.conftest import ApiClient
from tests.factories import ContactFactory, GoalFactory
from tribe.core.errors import Conflict, NotFound
from tribe.outreach.services import outreach_send, request_accept
from tribe.people.models import Person
from tribe.relationships import services
from tribe.relationships.errors import RelationshipCode
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _update(actor: Person, relationship: Relationship, kind: str, **fields: object) -> None:
    args: dict[str, object] = {
        "purpose": relationship.purpose,
        "goals": list(relationship.goals.all()),
    } | fields
    services.relationship_update(actor=actor, relationship=relationship, kind=kind, **args)  # type: ignore[arg-type]


def _prospect(maya: Person, ravi: Person) -> Relationship:
    return services.relationship_create(
        created_by=maya, my_role="mentee", other_person=ravi, purpose="Learn product strategy"
    )


def _browser(person: Person) -> Client:
    browser = Client()
    browser.force_login(person)
    return browser


# The service ----------------------------------------------------------------------


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_neither_side_changes_the_kind_once_both_said_yes(
    maya_ravi: Relationship, side: str
) -> None:
    actor = getattr(maya_ravi, side)
    goal = GoalFactory(person=maya_ravi.mentee)
    assert services.kind_is_settled(maya_ravi)
    for kind in ("coach", "sponsor", "peer"):
        with pytest.raises(Conflict) as refused:
            _update(actor, maya_ravi, kind, goals=[goal] if side == "mentee" else [])
        assert (refused.value.code, refused.value.field) == (RelationshipCode.KIND_SETTLED, "kind")
        other = maya_ravi.mentor if side == "mentee" else maya_ravi.mentee
        assert f"you and {other.name} have both said yes to this mentor relationship" in str(
            refused.value.message
        )
        assert "end it and start a new relationship of the other kind" in refused.value.message
    # Nothing partial: the goal sent with the refused change is not linked either.
    maya_ravi.refresh_from_db()
    assert maya_ravi.kind == "mentor" and not maya_ravi.goals.exists()


def test_the_same_kind_sent_back_goes_with_other_changes(maya_ravi: Relationship) -> None:
    _update(maya_ravi.mentee, maya_ravi, "mentor", purpose="Grow into a lead")
    maya_ravi.refresh_from_db()
    assert (maya_ravi.kind, maya_ravi.purpose) == ("mentor", "Grow into a lead")


def test_the_requester_changes_the_kind_until_the_other_side_accepts(
    maya: Person, ravi: Person
) -> None:
    prospect = _prospect(maya, ravi)
    assert not services.kind_is_settled(prospect)
    _update(maya, prospect, "coach")
    asked = outreach_send(actor=maya, relationship=prospect, message="Would you coach me?")
    _update(maya, asked, "sponsor")  # sent, not answered yet: still hers to change
    # Ravi, asked, has not said yes: the relationship is not his to shape (not found).
    with pytest.raises(NotFound):
        _update(ravi, asked, "peer")
    accepted = request_accept(actor=ravi, relationship=asked)
    assert services.kind_is_settled(accepted)
    for actor in (maya, ravi):
        with pytest.raises(Conflict) as refused:
            _update(actor, accepted, "mentor")
        assert refused.value.code == RelationshipCode.KIND_SETTLED
    accepted.refresh_from_db()
    assert accepted.kind == "sponsor"


def test_a_relationship_with_a_contact_stays_its_owners_to_change(maya: Person) -> None:
    contact = ContactFactory(owner=maya, name="Carla Contact")
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_contact=contact, status="active"
    )
    assert not services.kind_is_settled(rel)
    _update(maya, rel, "peer")
    rel.refresh_from_db()
    assert rel.kind == "peer"


def test_a_bad_kind_is_named_before_the_settled_rule(maya_ravi: Relationship) -> None:
    from tribe.core.errors import ValidationError

    with pytest.raises(ValidationError) as bad:
        _update(maya_ravi.mentee, maya_ravi, "guru")
    assert (bad.value.code, bad.value.field) == (RelationshipCode.BAD_KIND, "kind")


# The edit page --------------------------------------------------------------------


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_the_edit_page_shows_a_settled_kind_read_only(maya_ravi: Relationship, side: str) -> None:
    browser = _browser(getattr(maya_ravi, side))
    url = reverse("web:relationship_edit", args=[maya_ravi.pk])
    page = browser.get(url)
    assert page.status_code == 200
    assert page.context["form"].fields["kind"].disabled
    assert "end this relationship and start one of the other kind" in page.content.decode()
    response = browser.post(url, {"kind": "coach", "purpose": maya_ravi.purpose})
    assert response.status_code == 302
    maya_ravi.refresh_from_db()
    assert maya_ravi.kind == "mentor"


def test_the_edit_page_changes_the_kind_of_a_prospect(maya: Person, ravi: Person) -> None:
    prospect = _prospect(maya, ravi)
    browser = _browser(maya)
    url = reverse("web:relationship_edit", args=[prospect.pk])
    assert not browser.get(url).context["form"].fields["kind"].disabled
    bad = browser.post(url, {"kind": "guru", "purpose": "x"})
    assert bad.status_code == 200 and "kind" in bad.context["form"].errors
    assert browser.post(url, {"kind": "coach", "purpose": "x"}).status_code == 302
    prospect.refresh_from_db()
    assert (prospect.kind, prospect.purpose) == ("coach", "x")


def test_the_edit_page_is_not_found_for_others(
    maya_ravi: Relationship, maya: Person, sam: Person, eve: Person
) -> None:
    url = reverse("web:relationship_edit", args=[maya_ravi.pk])
    assert _browser(eve).post(url, {"kind": "coach"}).status_code == 404
    # A prospect not yet sent is its creator's alone: the person named does not see it.
    prospect = _prospect(maya, sam)
    edit = reverse("web:relationship_edit", args=[prospect.pk])
    assert _browser(sam).post(edit, {"kind": "coach"}).status_code == 404
    prospect.refresh_from_db()
    assert prospect.kind == "mentor"


# The API --------------------------------------------------------------------------


def test_the_api_refuses_a_settled_kind_with_its_code(
    maya_ravi: Relationship, maya: Person, ravi: Person, eve: Person
) -> None:
    path = f"/api/relationships/{maya_ravi.pk}"
    for person in (maya, ravi):
        refused = ApiClient().as_(person).patch(path, {"kind": "peer"})
        assert refused.status_code == 409
        assert (refused.json_body["code"], refused.json_body["field"]) == ("kind_settled", "kind")
    assert ApiClient().as_(eve).patch(path, {"kind": "peer"}).status_code == 404
    maya_ravi.refresh_from_db()
    assert maya_ravi.kind == "mentor"


def test_the_api_changes_the_kind_before_the_other_side_said_yes(
    maya: Person, ravi: Person
) -> None:
    prospect = _prospect(maya, ravi)
    path = f"/api/relationships/{prospect.pk}"
    assert ApiClient().as_(ravi).patch(path, {"kind": "coach"}).status_code == 404
    changed = ApiClient().as_(maya).patch(path, {"kind": "coach"})
    assert changed.status_code == 200 and changed.json_body["kind"] == "coach"
