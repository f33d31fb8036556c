"""A real (non-demo) person's ties with demo people, made through the services.

Shared by the demo tests in-process and by the ``tribe serve --demo`` restart
test, which runs these in a separate process against the server's SQLite file
(``python -c`` with ``DJANGO_SETTINGS_MODULE`` set): so the functions set up
Django themselves only when asked to, and return plain ids. The demo people
are found by the demo's own persona data (``tribe.demo.personas``, plain data
that needs no Django), not by a copy of their addresses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tribe.demo.personas import PEOPLE_BY_KEY

REAL_PASSWORD = "a-long-real-passphrase-42"


def make_real_ties(*, email: str = "nina@example.org", name: str = "Nina Real") -> dict[str, Any]:
    """A new user with a relationship, a private note, a request and a contact with demo people.

    Also a relationship a demo person started with her: it involves her, so it
    is hers as much as theirs.
    """
    from tribe.meetings import services as meetings
    from tribe.outreach import services as outreach
    from tribe.people import services as people
    from tribe.people.models import Person
    from tribe.relationships import services as relationships

    def demo(key: str) -> Person:
        return Person.objects.get(email=PEOPLE_BY_KEY[key].email)

    maya, kofi, sam = demo("maya"), demo("kofi"), demo("sam")
    nina = people.person_create(email=email, name=name, password=REAL_PASSWORD)
    Person.objects.filter(pk=nina.pk).update(email_verified_at=dt.datetime.now(dt.UTC))
    nina.refresh_from_db()
    goal = people.goal_create(person=nina, title="Run discovery on my own")
    with_maya = relationships.relationship_create(
        created_by=nina,
        my_role="mentee",
        other_person=maya,
        purpose="Learn discovery from Maya.",
        goals=[goal],
    )
    note = meetings.note_create(
        author=nina, relationship=with_maya, body="NINA-PRIVATE: ask Maya about interviews"
    )
    request = relationships.relationship_create(
        created_by=nina, my_role="mentee", other_person=kofi, purpose="Become a data scientist."
    )
    request.why_them = "you moved from analysis to machine learning"
    request.save(update_fields=["why_them"])
    outreach.outreach_send(
        actor=nina, relationship=request, message="Would you mentor me for six months?"
    )
    mentoring_sam = relationships.relationship_create(
        created_by=nina, my_role="mentor", other_person=sam, purpose="Help Sam with discovery."
    )
    from_sam = relationships.relationship_create(
        created_by=sam,
        my_role="mentee",
        other_person=nina,
        kind="coach",
        purpose="Hear how Nina hires.",
    )
    contact = people.contact_create(
        owner=nina,
        data=people.ContactInput(name="Maya from the demo", email=PEOPLE_BY_KEY["maya"].email),
    )
    return {
        "nina": nina.pk,
        "maya": maya.pk,
        "kofi": kofi.pk,
        "sam": sam.pk,
        "goal": goal.pk,
        "with_maya": with_maya.pk,
        "note": note.pk,
        "request": request.pk,
        "mentoring_sam": mentoring_sam.pk,
        "from_sam": from_sam.pk,
        "contact": contact.pk,
    }


def problems_with(ties: dict[str, Any]) -> list[str]:
    """What is missing or changed in ``ties`` (empty when everything is intact)."""
    from tribe.meetings.models import Note
    from tribe.meetings.selectors import relationship_timeline
    from tribe.people.models import Contact, Person
    from tribe.relationships.models import Relationship

    problems: list[str] = []
    nina = Person.objects.filter(pk=ties["nina"]).first()
    if nina is None:
        return ["the real account is gone"]
    if nina.is_demo:
        problems.append("the real account was marked demo")
    if not nina.check_password(REAL_PASSWORD):
        problems.append("the real account's password changed")
    for key in ("maya", "kofi", "sam"):
        if not Person.objects.filter(pk=ties[key], is_demo=True).exists():
            problems.append(f"demo {key} is not the same account any more")
    expected = {
        "with_maya": ("mentor_id", ties["maya"]),
        "request": ("mentor_id", ties["kofi"]),
        "mentoring_sam": ("mentee_id", ties["sam"]),
        "from_sam": ("mentor_id", ties["nina"]),
    }
    for key, (column, value) in expected.items():
        relationship = Relationship.objects.filter(pk=ties[key]).first()
        if relationship is None:
            problems.append(f"relationship {key} is gone")
        elif getattr(relationship, column) != value:
            problems.append(f"relationship {key} changed sides")
    request = Relationship.objects.filter(pk=ties["request"]).first()
    if request is not None and request.status != Relationship.Status.ASKED:
        problems.append(f"the request is {request.status}, not asked")
    with_maya = Relationship.objects.filter(pk=ties["with_maya"]).first()
    if with_maya is not None:
        if list(with_maya.goals.values_list("pk", flat=True)) != [ties["goal"]]:
            problems.append("the goal is no longer on the relationship")
        bodies = {n.body for n in relationship_timeline(person=nina, relationship=with_maya).notes}
        if bodies != {"NINA-PRIVATE: ask Maya about interviews"}:
            problems.append(f"Nina reads {bodies} on her relationship with Maya")
    if not Note.objects.filter(pk=ties["note"], author=nina).exists():
        problems.append("the note is gone")
    if not Contact.objects.filter(pk=ties["contact"], owner=nina).exists():
        problems.append("the contact is gone")
    return problems


def main(argv: list[str]) -> None:  # pragma: no cover - run by the serve test in a subprocess
    """``python -c '…main(sys.argv[1:])' make EMAIL | check JSON-LIST | signup EMAIL``; prints JSON."""
    import json

    import django

    django.setup()
    if argv[0] == "make":
        print(json.dumps(make_real_ties(email=argv[1])))
    elif argv[0] == "check":  # a list of ties: all their problems
        print(json.dumps([p for ties in json.loads(argv[1]) for p in problems_with(ties)]))
    else:
        from tribe.people.services import person_create

        person = person_create(email=argv[1], name="Real Person", password=REAL_PASSWORD)
        print(json.dumps(person.pk))
