"""The people app's refusals carry their code from ``PeopleCode``; the English stays as it was."""

from __future__ import annotations

import pytest

from tests.factories import ContactFactory, GoalFactory, PersonFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people import selectors, services
from tribe.people.errors import PeopleCode
from tribe.people.importers import Messages, detect_format, parse_contacts
from tribe.people.models import EmailToken, Goal

pytestmark = pytest.mark.django_db

NO_GOAL, NO_CONTACT = PeopleCode.NO_GOAL, PeopleCode.NO_CONTACT


def test_what_another_person_owns_is_not_found_with_a_code_per_kind() -> None:
    owner, other = PersonFactory(), PersonFactory()
    goal, contact = GoalFactory(person=owner), ContactFactory(owner=owner)
    for call, code, message in (
        (lambda: selectors.goal_get_for(person=other, goal_id=goal.pk), NO_GOAL, "no such goal"),
        (lambda: services.goal_delete(actor=other, goal=goal), NO_GOAL, "no such goal"),
        (
            lambda: selectors.contact_get_for(person=other, contact_id=contact.pk),
            NO_CONTACT,
            "no such contact",
        ),
        (
            lambda: services.contact_unlink(actor=other, contact=contact),
            NO_CONTACT,
            "no such contact",
        ),
    ):
        with pytest.raises(NotFound) as exc:
            call()
        assert (exc.value.code, exc.value.message) == (code, message)


def test_an_unknown_address_is_not_found_naming_it() -> None:
    with pytest.raises(NotFound) as exc:
        selectors.person_get_by_email(email="nobody@example.com")
    assert exc.value.code is PeopleCode.NO_ACCOUNT
    assert str(exc.value) == "email: no account with the e-mail address “nobody@example.com”"


def test_a_taken_address_and_a_weak_password_have_their_codes() -> None:
    PersonFactory(email="taken@example.com")
    with pytest.raises(Conflict) as taken:
        services.person_create(email="taken@example.com", name="T", password=None)
    assert (taken.value.code, taken.value.field) == (PeopleCode.EMAIL_TAKEN, "email")
    with pytest.raises(ValidationError) as weak:
        services.person_create(email="new@example.com", name="N", password="123")
    assert (weak.value.code, weak.value.field) == (PeopleCode.WEAK_PASSWORD, "password")
    assert weak.value.message  # the password validators' own words


def test_a_goal_status_outside_the_choices_names_them() -> None:
    with pytest.raises(ValidationError) as exc:
        services.goal_create(person=PersonFactory(), title="Learn", status="someday")
    assert exc.value.code is PeopleCode.BAD_GOAL_STATUS
    assert str(exc.value) == "status: “someday” is not one of open, in_progress, achieved, dropped"


def test_file_formats_are_refused_with_their_codes() -> None:
    with pytest.raises(ValidationError) as unknown:
        parse_contacts(b"name\nAna\n", format="xlsx")
    assert unknown.value.code is PeopleCode.UNKNOWN_FORMAT
    with pytest.raises(ValidationError) as undetectable:
        detect_format("notes.txt", b"Remember to call Ana")
    assert undetectable.value.code is PeopleCode.UNDETECTABLE_FORMAT
    assert undetectable.value.message == Messages.UNDETECTABLE_FORMAT.format(
        filename="notes.txt", choices="linkedin, vcard or csv"
    )


def test_the_importers_date_message_is_the_validation_one_after_the_value() -> None:
    assert "{value!r} " + CoreCode.DATE_RANGE.template == Messages.DATE_OUT_OF_RANGE


def test_the_check_constraints_list_exactly_the_choices() -> None:
    """Built from the enums, so a new status cannot be forgotten in the database check."""
    for model, name, field, choices in (
        (Goal, "goal_status_valid", "status__in", Goal.Status.values),
        (EmailToken, "emailtoken_purpose", "purpose__in", EmailToken.Purpose.values),
    ):
        (constraint,) = [c for c in model._meta.constraints if c.name == name]
        assert constraint.deconstruct()[2]["condition"].children == [(field, choices)]
    assert Goal.Status.values == ["open", "in_progress", "achieved", "dropped"]
    assert EmailToken.Purpose.values == ["verify"]


def test_every_code_of_the_people_app_has_words_but_the_password_one() -> None:
    assert [code for code in PeopleCode if not code.template] == [PeopleCode.WEAK_PASSWORD]
