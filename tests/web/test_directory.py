"""The mentor directory, a public profile and search over my own things, as pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import GoalFactory, NoteFactory, PersonFactory, RelationshipFactory
from tests.web.conftest import client_for
from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def mentor(name: str, **kw: object) -> Person:
    fields: dict[str, object] = {
        "open_to_mentoring": True,
        "mentee_capacity": 1,
        "email_verified_at": timezone.now(),
        "languages": ["en"],
        "expertise": ["pricing"],
        "email": f"{name.lower()}@example.com",
    }
    fields.update(kw)
    return PersonFactory(name=name, **fields)  # type: ignore[no-any-return]


def test_the_directory_lists_open_mentors_and_never_their_address() -> None:
    pia = mentor("Pia", headline="Pricing lead", offers="Pricing for SaaS")
    full = mentor("Fay")
    RelationshipFactory(mentor=full, status="active")
    hidden = PersonFactory(name="Hidden Harriet", open_to_mentoring=False)
    page = client_for(PersonFactory()).get(reverse("web:directory")).content.decode()
    assert "Pia" in page and "Pricing lead" in page and "Fay" in page
    assert "No free place now" in page
    assert page.index("Pia") < page.index("Fay")  # open before full
    assert hidden.name not in page and pia.email not in page


def test_searching_lists_only_who_answers_and_says_why() -> None:
    mentor("Pia", offers="Pricing and packaging for SaaS")
    mentor("Kai", expertise=["kubernetes"], offers="Cluster operations")
    me = client_for(PersonFactory())
    response = me.get(reverse("web:directory"), {"q": "pricing decisions"})
    page = response.content.decode()
    assert [item.person.name for item in response.context["listings"]] == ["Pia"]
    assert "Why listed here:" in page


def test_bad_filters_are_named_on_the_form() -> None:
    response = client_for(PersonFactory()).get(reverse("web:directory"), {"overlap": "99"})
    assert response.status_code == 200
    assert response.context["form"].errors["overlap"]


def test_a_language_tribe_does_not_know_is_pointed_out() -> None:
    mentor("Pia", languages=["Klingon"])
    mentor("Kai", languages=["Deutsch"])
    me = client_for(PersonFactory())
    response = me.get(reverse("web:directory"), {"language": "klingon"})
    assert [item.person.name for item in response.context["listings"]] == ["Pia"]
    assert "is not a language Tribe knows" in response.content.decode()
    response = me.get(reverse("web:directory"), {"language": "German"})
    assert [item.person.name for item in response.context["listings"]] == ["Kai"]
    assert "is not a language Tribe knows" not in response.content.decode()


def test_a_profile_page_only_for_someone_listed() -> None:
    pia = mentor("Pia", offers="Pricing for SaaS")
    hidden = PersonFactory(open_to_mentoring=False)
    me = client_for(PersonFactory())
    page = me.get(reverse("web:mentor_profile", args=[pia.pk]))
    assert page.status_code == 200 and "Pricing for SaaS" in page.content.decode()
    assert pia.email not in page.content.decode()
    assert me.get(reverse("web:mentor_profile", args=[hidden.pk])).status_code == 404
    assert me.get(reverse("web:mentor_profile", args=[999999])).status_code == 404


def test_a_full_mentors_profile_cannot_be_asked_and_points_on() -> None:
    fay = mentor("Fay")
    RelationshipFactory(mentor=fay, status="active")
    page = client_for(PersonFactory()).get(reverse("web:mentor_profile", args=[fay.pk]))
    html = page.content.decode()
    assert "cannot be asked" in html and "?places=on" in html


def test_search_finds_mine_and_not_the_other_sides_private_note() -> None:
    rel = RelationshipFactory()
    GoalFactory(person=rel.mentee, title="Learn platypus husbandry")
    NoteFactory(relationship=rel, author=rel.mentor, body="platypus: my private worry")
    me = client_for(rel.mentee)
    response = me.get(reverse("web:search"), {"q": "platypus"})
    html = response.content.decode()
    assert "Learn platypus husbandry" in html
    assert "my private worry" not in html


def test_an_empty_search_says_what_to_do() -> None:
    response = client_for(PersonFactory()).get(reverse("web:search"), {"q": "   "})
    assert response.status_code == 200 and response.context["form"].errors["q"]


def test_signed_out_visitors_are_sent_to_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    for name in ("web:directory", "web:search"):
        assert client.get(reverse(name)).status_code == 302
