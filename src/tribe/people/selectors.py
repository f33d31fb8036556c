"""Reads for people, goals and contacts; each scoped to the person asking."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from tribe.core.errors import NotFound
from tribe.people.models import Contact, Goal, Person, Win

MSG_NO_ACCOUNT = "no account with the e-mail address “{email}”"


def person_get_by_email(*, email: str) -> Person:
    try:
        return Person.objects.get(email__iexact=(email or "").strip(), is_active=True)
    except Person.DoesNotExist as exc:
        raise NotFound(MSG_NO_ACCOUNT.format(email=email), field="email") from exc


def goals_of(*, person: Person) -> QuerySet[Goal]:
    return Goal.objects.filter(person=person).annotate(relationship_count=Count("relationships"))


def goal_get_for(*, person: Person, goal_id: int) -> Goal:
    try:
        return Goal.objects.get(person=person, pk=goal_id)
    except (Goal.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such goal") from exc


def contacts_of(*, person: Person, query: str = "") -> QuerySet[Contact]:
    contacts = Contact.objects.filter(owner=person).select_related("person")
    if query:
        contacts = (
            contacts.filter(name__icontains=query)
            | contacts.filter(company__icontains=query)
            | contacts.filter(email__icontains=query)
        )
    return contacts


def contact_get_for(*, person: Person, contact_id: int) -> Contact:
    try:
        return Contact.objects.select_related("person").get(owner=person, pk=contact_id)
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such contact") from exc


# Added for the web pages of issue 4 --------------------------------------------


def wins_of(*, person: Person) -> QuerySet[Win]:
    return Win.objects.filter(person=person).select_related("goal")


def win_get_for(*, person: Person, win_id: int | str) -> Win:
    try:
        return Win.objects.get(person=person, pk=int(win_id))
    except (Win.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such win") from exc
