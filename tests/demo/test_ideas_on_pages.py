"""The pages of the README's "ideas in the product" show them on the demo, to whom they belong.

The same pages ``docs/screenshots/make.py`` photographs, read with Django's
test client on the day the demo was loaded.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from tribe.core import clock
from tribe.demo import ideas
from tribe.demo.personas import PEOPLE_BY_KEY
from tribe.demo.services import demo_load
from tribe.people.models import Person
from tribe.relationships.models import Relationship


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, now) -> Iterator[None]:  # type: ignore[no-untyped-def]
    demo_load(now=now)
    with clock.frozen(now):
        yield


def person(key: str) -> Person:
    return Person.objects.get(email=PEOPLE_BY_KEY[key].email)


def page(key: str, url: str) -> tuple[int, str]:
    browser = Client()
    browser.force_login(person(key))
    response = browser.get(url)
    return response.status_code, response.content.decode()


def test_mayas_journal_lists_her_entries_and_which_one_ravi_reads(demo) -> None:
    status, body = page("maya", reverse("web:journal"))

    assert status == 200
    for _, learned, *_ in ideas.MAYA_JOURNAL:
        assert learned in body


def test_ravi_reads_mayas_shared_entry_on_their_relationship_and_not_her_private_ones(
    demo,
) -> None:
    maya_ravi = Relationship.objects.get(mentee=person("maya"), mentor=person("ravi"))

    status, body = page("ravi", reverse("web:relationship", args=[maya_ravi.pk]))

    assert status == 200
    shared = [learned for _, learned, *_, is_shared in ideas.MAYA_JOURNAL if is_shared]
    private = [learned for _, learned, *_, is_shared in ideas.MAYA_JOURNAL if not is_shared]
    assert all(text in body for text in shared)
    assert not any(text in body for text in private)


def test_ravis_check_in_says_his_learning_has_stalled(demo) -> None:
    status, body = page("ravi", reverse("web:journal_checkin"))

    assert status == 200
    assert "Your learning has stalled" in body


def test_mayas_ask_page_shows_the_size_and_what_she_can_give_back(demo) -> None:
    to_dana = Relationship.objects.get(mentee=person("maya"), mentor_contact__isnull=False)

    status, body = page("maya", reverse("web:ask", args=[to_dana.pk]))

    assert status == 200
    assert 'id="ask-size"' in body
    assert "About 45 minutes a month for 6 months" in body
    assert "I could help with: product discovery" in body


def test_sams_page_after_linas_no_has_the_warm_next_step(demo) -> None:
    declined = Relationship.objects.get(mentee=person("sam"), mentor=person("lina"))

    status, body = page("sam", reverse("web:ask", args=[declined.pk]))

    assert status == 200
    assert 'id="ask-again"' in body
    assert 'id="thank-you"' in body
    assert 'id="next-candidates"' in body


def test_mayas_impact_page_shows_what_her_advice_became(demo) -> None:
    status, body = page("maya", reverse("web:impact"))

    assert status == 200
    assert "What your advice became" in body
    for *_, words in ideas.SAM_ADVICE:
        assert words in body


def test_a_mentor_nobody_shared_with_has_no_outcomes_section(demo) -> None:
    status, body = page("elena", reverse("web:impact"))

    assert status == 200
    assert 'id="advice-outcomes"' not in body
