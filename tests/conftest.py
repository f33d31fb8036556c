"""Named personas shared by the whole suite.

Maya is a mentee of Ravi and a mentor of Sam (everyone can be both);
Eve is a stranger to all of them and must never see their data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.factories import PersonFactory, RelationshipFactory
from tribe.people.models import Person
from tribe.relationships.models import Relationship

#: Fixtures shared by the programme tests of every layer (services, pages, CLI),
#: a real SMTP server for the tests that send mail, and an OpenID Connect provider.
pytest_plugins = ["tests.programme_fixtures", "tests.mail_fixtures", "tests.oidc_provider"]

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 is slow by design; tests that check the hasher ask for it explicitly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_where_they_are_queued(settings) -> None:  # type: ignore[no-untyped-def]
    """Background tasks run at once, inside the test, so a test sees the mail its
    action sent (Django's test mail outbox) without a worker. The worker's own
    tests (tests/notifications) run real worker processes on the database queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _each_test_starts_in_english() -> Iterator[None]:
    """A page request activates its language for the whole thread (LocaleMiddleware
    never deactivates it), so a German page test would leave the next test of the
    same worker speaking German. Every test starts, and ends, in the default."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def now() -> dt.datetime:
    """A fixed moment: services take ``now=``, so no clock patching."""
    return NOW


@pytest.fixture
def maya(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(
        name="Maya Chen",
        email="maya@example.com",
        timezone="Europe/London",
        open_to_mentoring=True,
        mentee_capacity=2,
        expertise=["product discovery"],
    )


@pytest.fixture
def ravi(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(
        name="Ravi Menon",
        email="ravi@example.com",
        timezone="Asia/Kolkata",
        open_to_mentoring=True,
        mentee_capacity=3,
        expertise=["product strategy"],
    )


@pytest.fixture
def sam(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(name="Sam Okafor", email="sam@example.com", timezone="Africa/Lagos")


@pytest.fixture
def eve(db) -> Person:  # type: ignore[no-untyped-def]
    return PersonFactory(name="Eve Stranger", email="eve@example.com", timezone="UTC")


@pytest.fixture
def maya_ravi(maya: Person, ravi: Person) -> Relationship:
    """Maya is Ravi's mentee, active."""
    return RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, status_changed_at=NOW)


@pytest.fixture
def sam_maya(sam: Person, maya: Person) -> Relationship:
    """Sam is Maya's mentee, active."""
    return RelationshipFactory(mentee=sam, mentor=maya, created_by=sam, status_changed_at=NOW)
