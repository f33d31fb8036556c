"""The admin keeps the product's promise: administrators see counts, dates and states, never contents.

Every private text field of every Tribe model gets a marker (through the
services where there is one, then a sweep over whatever field the services did
not fill), and every admin page is read back: none may show a marker or a
password hash. Every text field, on the model and one relation away, is then
probed through the changelist's query string (``?why__startswith=a``), which
must answer 400 rather than a filtered count, one character at a time.

Models, fields and admin pages are discovered from ``admin.site`` and
``_meta``: a model registered later, or a text field added to one, is covered
without touching this file.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import MeetingFactory, NoteFactory, PersonFactory, RelationshipFactory
from tribe.advocacy.models import AdvocacyAsk
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.core import clock
from tribe.core.admin import ReadOnlyAdmin, ReadOnlyInline
from tribe.journal.services import entry_create
from tribe.ledger.services import (
    advice_decide,
    advice_record,
    advice_record_outcome,
    advice_share_outcome,
    gratitude_record,
    question_add,
    relationship_snooze,
    touchpoint_log,
    update_record_sent,
    win_record,
)
from tribe.matching.services import not_a_match_mark
from tribe.meetings.models import Meeting
from tribe.meetings.services import (
    action_item_create,
    feed_rotate,
    meeting_create,
    meeting_set_agenda,
    note_create,
    series_create,
)
from tribe.outreach.services import (
    introduction_record,
    outreach_prepare,
    outreach_send,
    request_ask_for_info,
    request_decline,
)
from tribe.people.models import Contact, EmailToken, Goal, Person
from tribe.people.services import (
    ContactInput,
    WindowInput,
    availability_replace,
    contact_create,
    goal_create,
    person_create,
)
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create, relationship_set_agreement

pytestmark = pytest.mark.django_db

#: Every marker starts with this: a page showing even a truncated marker is caught.
MARK = "cnry7f3a"
PASSWORD = "a-long-test-passphrase-42"
SOON = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=2)

#: What an administrator may read about an account: they manage accounts.
ACCOUNT_TEXT = frozenset({"name", "email", "timezone"})
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
PROBES = ("startswith", "regex", "contains", "exact")
PROBE_VALUES = {"startswith": "a", "regex": ".", "contains": "a", "exact": "x"}

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
REGISTERED_IDS = [model._meta.label for model, _ in REGISTERED]


def is_account_model(model: type[Model]) -> bool:
    return bool(model._meta.label == settings.AUTH_USER_MODEL)


def text_fields(model: type[Model]) -> list[models.Field[Any, Any]]:
    """Concrete free-text fields (choices are states, not text); the password hash included."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, TEXT_FIELDS) and field.concrete and not field.choices
    ]


def private_text_fields(model: type[Model]) -> list[models.Field[Any, Any]]:
    """The text an administrator must never read: all of it but an account's name, address, zone."""
    return [
        field
        for field in text_fields(model)
        if not (is_account_model(model) and field.name in ACCOUNT_TEXT)
    ]


def is_tribe_model(model: type[Model]) -> bool:
    return bool(model._meta.app_config.name.startswith("tribe."))


def related_model(field: Any) -> type[Model]:
    """The model at the other end of a relation (``_meta`` types it loosely)."""
    model = field.related_model
    assert isinstance(model, type) and issubclass(model, Model), field
    return model


def tribe_models() -> list[type[Model]]:
    return [model for model in apps.get_models() if is_tribe_model(model)]


def admin_url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def title_of(model: type[Model], pk: object) -> str:
    return f"{str(model._meta.verbose_name).capitalize()} {pk}"


# -- the data: a marker in every private text field -------------------------------------


def marker_value(model: type[Model], field: models.Field[Any, Any], pk: object) -> Any:
    tag = f"{MARK}-{model._meta.model_name}-{field.name}-{pk}".lower()
    if isinstance(field, models.JSONField):
        return [tag]
    if isinstance(field, models.EmailField):
        return f"{tag}@example.org"
    if isinstance(field, models.URLField):
        return f"https://{tag}.example.org/"
    return tag[: field.max_length] if field.max_length else tag


def build(factory: Any, **fields: Any) -> Any:
    """A row from one of tests/factories.py (typed: the factories are not)."""
    return factory(**fields)


def mark(tag: str) -> str:
    return f"{MARK}-{tag}"


def sweep_markers() -> None:
    """Write a marker into every private text field the services left without one.

    This is what makes the crawl cover a field added later: it is found through
    ``_meta`` and filled, and then it must not show anywhere.
    """
    for model in tribe_models():
        fields = [f for f in private_text_fields(model) if f.name != "password"]
        for obj in model._default_manager.all():
            changes = {
                field.attname: marker_value(model, field, obj.pk)
                for field in fields
                if MARK not in json.dumps(getattr(obj, field.attname), default=str)
            }
            if changes:
                model._default_manager.filter(pk=obj.pk).update(**changes)


def today_of(person: Person) -> dt.date:
    return clock.now().astimezone(ZoneInfo(person.timezone)).date()


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """Alice, her mentor Bob, her contact, a request to Pia, and everything they write."""
    alice = person_create(
        email="alice@example.com",
        name="Alice Mentee",
        password=PASSWORD,
        timezone="Europe/Paris",
        headline=mark("person-headline"),
        offers=mark("person-offers"),
        languages=[mark("person-languages")],
        expertise=[mark("person-expertise")],
    )
    alice.email_verified_at = clock.now()
    alice.save(update_fields=["email_verified_at"])
    bob = build(PersonFactory, name="Bob Mentor", open_to_mentoring=True, mentee_capacity=5)
    pia = build(PersonFactory, name="Pia Leader", open_to_mentoring=True, mentee_capacity=5)
    today = today_of(alice)
    availability_replace(
        person=alice, windows=[WindowInput(weekday=0, starts=dt.time(9), ends=dt.time(12))]
    )

    goal = goal_create(
        person=alice,
        title=mark("goal-title"),
        why=mark("goal-why"),
        target_date=today + dt.timedelta(days=90),
    )
    contact = contact_create(
        owner=alice,
        data=ContactInput(
            name=mark("contact-name"),
            email=f"{MARK}-contact-email@example.org",
            headline=mark("contact-headline"),
            company=mark("contact-company"),
            position=mark("contact-position"),
            phone=mark("contact-phone"),
            url=f"https://{MARK}-contact-url.example.org/",
            expertise=[mark("contact-expertise")],
            notes=mark("contact-notes"),
        ),
    )

    # Alice is Bob's mentee (both said yes), with an agreement and a snooze.
    active = build(
        RelationshipFactory, mentee=alice, mentor=bob, created_by=alice, purpose=mark("purp")
    )
    active.goals.add(goal)
    relationship_set_agreement(
        actor=alice,
        relationship=active,
        cadence_days=14,
        meeting_minutes=45,
        channel="video",
        starts_on=today,
        ends_on=today + dt.timedelta(days=180),
        confidentiality=mark("rel-confidentiality"),
    )
    relationship_snooze(
        actor=alice,
        relationship=active,
        until=today + dt.timedelta(days=10),
        reason=mark("rel-snooze"),
        today=today,
    )
    # A mentor who is only a contact: the relationship's own title names them.
    with_contact = relationship_create(
        created_by=alice, my_role="mentee", other_contact=contact, purpose=mark("rel2-purpose")
    )
    # A request to Pia: the ask, why her, the message, her question and her answer.
    asked = relationship_create(
        created_by=alice, my_role="mentee", other_person=pia, purpose=mark("rel3-purpose")
    )
    outreach_prepare(
        actor=alice,
        relationship=asked,
        ask=mark("rel-ask"),
        why_them=mark("rel-whythem"),
        purpose=mark("rel3-purpose"),
    )
    outreach_send(actor=alice, relationship=asked, message=mark("rel-request"))
    request_ask_for_info(actor=pia, relationship=asked, question=mark("rel-info"))
    request_decline(actor=pia, relationship=asked, message=mark("rel-decline"))

    meeting = meeting_create(
        actor=alice,
        relationship=active,
        starts_at=SOON,
        ends_at=SOON + dt.timedelta(hours=1),
        title=mark("meeting-title"),
        location=mark("meeting-location"),
    )
    meeting_set_agenda(actor=alice, meeting=meeting, agenda=mark("meeting-agenda"))
    contact_meeting = meeting_create(
        actor=alice,
        relationship=with_contact,
        starts_at=SOON,
        ends_at=SOON + dt.timedelta(hours=1),
        title=mark("meeting2-title"),
    )
    series_create(
        actor=alice,
        relationship=active,
        first_date=SOON.date() + dt.timedelta(days=1),
        start_time=dt.time(9, 0),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=2",
        timezone="Europe/Paris",
        title=mark("series-title"),
        location=mark("series-location"),
    )
    note_create(author=alice, relationship=active, body=mark("note-private"), meeting=meeting)
    note_create(author=bob, relationship=active, body=mark("note-shared"), visibility="shared")
    action_item_create(actor=alice, relationship=active, title=mark("action"), meeting=meeting)
    touchpoint_log(
        actor=alice,
        relationship=active,
        kind="call",
        happened_on=today,
        note=mark("touchpoint"),
        today=today,
    )
    question_add(author=alice, relationship=active, text=mark("question"))
    advice = advice_record(
        actor=alice, relationship=active, text=mark("advice"), given_on=today, today=today
    )
    advice_decide(actor=alice, advice=advice, decision="park", reason=mark("advice-reason"))
    advice_record_outcome(
        actor=alice, advice=advice, outcome=mark("advice-outcome"), today=today, report_back=True
    )
    advice_share_outcome(
        actor=alice,
        advice=advice,
        words=mark("advice-shared-outcome"),
        advice_summary=mark("advice-shared-advice"),
    )
    gratitude_record(
        actor=alice,
        relationship=active,
        kind="thank_you",
        given_on=today,
        description=mark("gratitude"),
        today=today,
    )
    update_record_sent(
        actor=alice, relationship=active, body=mark("update"), sent_on=today, today=today
    )
    introduction_record(
        actor=bob,
        introducer=bob,
        mentee=alice,
        to_person=pia,
        note=mark("introduction"),
        introduced_on=today,
        today=today,
    )
    win_record(person=alice, text=mark("win"), happened_on=today, today=today, goal=goal)
    entry_create(
        author=alice,
        written_on=today,
        today=today,
        learned=mark("journal-learned"),
        will_try=mark("journal-will-try"),
        surprised=mark("journal-surprised"),
        relationship=active,
        goals=[goal],
        advice=[advice],
        shared=True,
    )
    # A regimen, as a coaching relationship carries one (its kind does not matter here).
    exercise = Exercise.objects.create(
        relationship=active, title=mark("exercise"), instructions=mark("exercise-how"),
        every_days=2, started_on=today, added_by=bob,
    )  # fmt: skip
    PracticeEntry.objects.create(
        exercise=exercise, practised_on=today, minutes=10, note=mark("practice"), logged_by=alice
    )
    SessionTerms.objects.create(
        relationship=active, paid=True, amount=80, currency="EUR", payer="mentee",
        note=mark("terms"), updated_by=alice,
    )  # fmt: skip
    # An advocacy ask with every step's words (a sponsor relationship carries them).
    AdvocacyAsk.objects.create(
        relationship=active, asked_by=alice, audience=mark("ask-audience"),
        opportunity=mark("ask-opportunity"), case=mark("ask-case"), status="outcome",
        asked_on=today, answered_on=today, answered_by=bob, answer_note=mark("ask-answer"),
        spoke_on=today, done_by=bob, done_note=mark("ask-done"), outcome=mark("ask-outcome"),
        outcome_on=today, outcome_by=alice,
    )  # fmt: skip
    not_a_match_mark(person=alice, reason=mark("not-a-match"), goal=goal, candidate_person=pia)
    feed_rotate(person=alice)
    EmailToken.objects.create(
        person=alice,
        purpose="verify",
        email="alice@example.com",
        token_hash=mark("token"),
        expires_at=clock.now() + dt.timedelta(days=1),
    )
    # And some rows from the factories, around the rest.
    other = build(RelationshipFactory, purpose=mark("factory-purpose"))
    build(MeetingFactory, relationship=other, title=mark("factory-meeting"))
    build(NoteFactory, relationship=other, body=mark("factory-note"))
    _programme_rows(alice, bob, active)

    sweep_markers()
    return {
        "alice": alice,
        "bob": bob,
        "goal": goal,
        "contact": contact,
        "active": active,
        "with_contact": with_contact,
        "asked": asked,
        "meeting": meeting,
        "contact_meeting": contact_meeting,
    }


def _programme_rows(alice: Person, bob: Person, relationship: Relationship) -> None:
    """One row of every programme model (the sweep then marks their text)."""
    from tribe.programs import models as pm
    from tribe.programs.services import programme_create

    programme = programme_create(actor=bob, name=mark("programme-name"), slug="privacy")
    cohort = pm.Cohort.objects.create(programme=programme, name=mark("cohort"))
    entry = pm.RosterEntry.objects.create(
        programme=programme, employee_id=mark("employee"), email=f"{MARK}-roster@example.org"
    )
    mentee, mentor = (
        pm.Participant.objects.create(
            programme=programme, cohort=cohort, person=who, role=role, joined_at=clock.now()
        )
        for who, role in ((alice, pm.Role.MENTEE), (bob, pm.Role.MENTOR))
    )
    pm.Invitation.objects.create(
        programme=programme, email=f"{MARK}-invited@example.org", roster_entry=entry,
        token_hash=mark("invitation-token"), expires_at=clock.now(),
    )  # fmt: skip
    pm.PairRule.objects.create(programme=programme, mentee=mentee, mentor=mentor, kind="lock")
    run = pm.MatchRun.objects.create(programme=programme, cohort=cohort, created_by=bob)
    pm.RunPair.objects.create(run=run, mentee=mentee, mentor=mentor, score=0.8)
    pm.RunUnmatched.objects.create(run=run, mentee=mentee, reason=mark("unmatched"))
    offer = pm.MatchOffer.objects.create(
        programme=programme, run=run, mentee=mentee, mentor=mentor, score=0.8,
        status="accepted", relationship=relationship,
    )  # fmt: skip
    survey = pm.Survey.objects.create(programme=programme, cohort=cohort, name=mark("survey"))
    pm.SurveyResponse.objects.create(
        survey=survey, participant=mentee, offer=offer, point=30,
        texts={"q1": mark("survey-text")}, share_texts=True, submitted_at=clock.now(),
    )  # fmt: skip
    if hasattr(pm, "RosterUpload"):
        pm.RosterUpload.objects.create(programme=programme, uploaded_by=bob, content=b"x")


@pytest.fixture
def root(db: None) -> Person:
    person = person_create(email="root@example.com", name="Root", password=PASSWORD, is_staff=True)
    person.is_superuser = True
    person.save(update_fields=["is_superuser"])
    return person


@pytest.fixture
def staff(client: Client, root: Person) -> Client:
    client.force_login(root)
    return client


@pytest.fixture(autouse=True)
def _quiet_security_log(caplog: pytest.LogCaptureFixture) -> None:
    """Each refused lookup is logged by django.security: hundreds of them here."""
    caplog.set_level(logging.CRITICAL, logger="django.security")


def secrets_in(text: str) -> list[str]:
    """What a page must not contain: a marker (even cut short) or any password hash."""
    found = []
    lowered = text.lower()
    if MARK in lowered:
        start = lowered.index(MARK)
        found.append(text[max(0, start - 80) : start + 60])
    for encoded in Person.objects.values_list("password", flat=True):
        digest = encoded.rsplit("$", 1)[-1].lstrip("!")
        if encoded in text or (len(digest) >= 16 and digest in text):
            found.append(f"a password hash ({encoded[:12]}…)")
    return found


def pages_of(model: type[Model], model_admin: admin.ModelAdmin[Any]) -> Iterator[tuple[str, int]]:
    """Every admin page of a model: its list (each way of sorting it), each row and its history."""
    changelist = admin_url(model, "changelist")
    yield changelist, 200
    yield changelist + "?_facets=1", 200
    yield changelist + "?_popup=1", 200
    yield changelist + "?all=", 200
    for index in range(len(model_admin.list_display)):
        yield f"{changelist}?o={index}", 200
        yield f"{changelist}?o=-{index}", 200
    for pk in model._default_manager.values_list("pk", flat=True):
        yield admin_url(model, "change", pk), 200
        yield admin_url(model, "history", pk), 200
        yield admin_url(model, "delete", pk), 403


def leaks_of(client: Client, pages: Iterable[tuple[str, int]]) -> dict[str, list[str]]:
    leaks = {}
    for url, status in pages:
        response = client.get(url)
        assert response.status_code == status, url
        if found := secrets_in(response.content.decode()):
            leaks[url] = found
    return leaks


# -- what pages show -----------------------------------------------------------------------


def test_the_data_has_a_marker_in_every_private_field(world: dict[str, Any]) -> None:
    """The crawl below only proves something if the markers are really there."""
    missing = []
    for model in tribe_models():
        rows = list(model._default_manager.all())
        for field in private_text_fields(model):
            if field.name == "password" or not rows:
                continue
            if not any(MARK in json.dumps(getattr(r, field.attname), default=str) for r in rows):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_the_index_shows_no_private_text(staff: Client, world: dict[str, Any]) -> None:
    pages = [(reverse("admin:index"), 200)] + [
        (reverse("admin:app_list", args=[label]), 200)
        for label in sorted({model._meta.app_label for model, _ in REGISTERED})
    ]
    assert leaks_of(staff, pages) == {}


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_no_admin_page_shows_private_text_or_a_password_hash(
    staff: Client, world: dict[str, Any], model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    if is_tribe_model(model):
        assert model._default_manager.exists(), f"build a {model.__name__} in `world`"
    assert leaks_of(staff, pages_of(model, model_admin)) == {}


def test_autocomplete_shows_no_private_text(staff: Client, world: dict[str, Any]) -> None:
    """Only accounts are searchable; the answer is names, never a contact's or goal's text."""
    leaks = {}
    for model in tribe_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            if field.related_model not in admin.site._registry:
                continue
            url = reverse("admin:autocomplete") + (
                f"?app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field.name}&term="
            )
            response = staff.get(url)
            if not is_account_model(related_model(field)):
                assert response.status_code != 200, url
            if found := secrets_in(response.content.decode()):
                leaks[url] = found
    assert leaks == {}


def test_pages_are_titled_by_kind_and_number(staff: Client, world: dict[str, Any]) -> None:
    for model in (Goal, Contact, Meeting, Relationship):
        obj = model._default_manager.first()
        assert obj is not None
        title = title_of(model, obj.pk)
        change = staff.get(admin_url(model, "change", obj.pk))
        assert f"<title>{title} |" in change.content.decode()
        assert (
            f"Change history: {title}"
            in staff.get(admin_url(model, "history", obj.pk)).content.decode()
        )


def test_log_entries_record_no_private_text(
    staff: Client, root: Person, world: dict[str, Any]
) -> None:
    """Were an admin page ever to write, its history and "recent actions" would stay clean."""
    request = RequestFactory().get("/admin/")
    request.user = root
    logged = [(m, a) for m, a in REGISTERED if m._default_manager.exists()]
    for model, model_admin in logged:
        obj = model._default_manager.first()
        assert obj is not None
        model_admin.log_addition(request, obj, [{"added": {}}])
        model_admin.log_change(
            request,
            obj,
            [{"added": {"name": "thing", "object": str(obj)}}, {"changed": {"fields": ["status"]}}],
        )
        model_admin.log_deletions(request, model._default_manager.filter(pk=obj.pk))
    assert LogEntry.objects.count() == 3 * len(logged)
    for entry in LogEntry.objects.all():
        assert MARK not in entry.object_repr.lower()
        assert MARK not in entry.get_change_message().lower()
    assert secrets_in(staff.get(reverse("admin:index")).content.decode()) == []
    for model, _ in logged:
        obj = model._default_manager.first()
        assert obj is not None
        history = staff.get(admin_url(model, "history", obj.pk))
        assert history.status_code == 200
        assert secrets_in(history.content.decode()) == []


# -- what the query string can ask -----------------------------------------------------


def probes_for(model: type[Model]) -> Iterator[str]:
    """Text lookups on the model's own text, and one relation away (both directions)."""
    for field in text_fields(model):
        for probe in PROBES:
            yield f"{field.name}__{probe}"
    for state in model._meta.get_fields():
        if getattr(state, "choices", None) and not state.is_relation:
            for probe in ("startswith", "regex", "contains"):
                yield f"{state.name}__{probe}"  # a state, but not to be read as text
    for relation in model._meta.get_fields():
        if not relation.is_relation or relation.related_model is None:
            continue
        for field in text_fields(related_model(relation)):
            for probe in PROBES:
                yield f"{relation.name}__{field.name}__{probe}"


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_text_cannot_be_probed_through_lookups(
    staff: Client, model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    changelist = admin_url(model, "changelist")
    answered = []
    for lookup in probes_for(model):
        value = PROBE_VALUES[lookup.rsplit("__", 1)[1]]
        response = staff.get(changelist, {lookup: value})
        if response.status_code != 400:
            answered.append(f"?{lookup}={value} -> {response.status_code}")
    assert answered == []


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_popups_cannot_return_a_text_field(
    staff: Client, model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    changelist = admin_url(model, "changelist")
    for field in text_fields(model):
        response = staff.get(changelist, {"_popup": "1", "_to_field": field.name})
        assert response.status_code == 400, field.name


def test_a_refused_lookup_is_a_bad_request(staff: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="django.security.DisallowedModelAdminLookup"):
        response = staff.get(admin_url(Goal, "changelist"), {"why__startswith": "X"})
    assert response.status_code == 400
    assert b"Bad Request" in response.content
    assert "Filtering by why__startswith not allowed" in caplog.text
    response = staff.get(admin_url(Person, "changelist"), {"password__regex": "^md5"})
    assert response.status_code == 400


def test_the_other_parameters_filter_nothing(staff: Client, world: dict[str, Any]) -> None:
    """``_changelist_filters`` is no filter of a list, ``e``, ``p`` and a bad ``o`` change nothing."""
    goals = admin_url(Goal, "changelist")
    total = Goal.objects.count()
    assert staff.get(goals, {"_changelist_filters": "why__startswith=c"}).status_code == 400
    assert staff.get(goals, {"e": "1", "why__startswith": "c"}).status_code == 400
    assert count_of(staff.get(goals, {"e": "1"})) == total
    assert count_of(staff.get(goals, {"p": "1"})) == total
    assert count_of(staff.get(goals, {"o": "99.x.-1"})) == total
    assert staff.get(goals, {"_popup": "1", "_to_field": "id"}).status_code == 200


def count_of(response: Any) -> int:
    assert response.status_code == 200
    return int(response.context["cl"].result_count)


def test_safe_lookups_still_filter(staff: Client, world: dict[str, Any]) -> None:
    alice = world["alice"]
    people = admin_url(Person, "changelist")
    assert count_of(staff.get(people, {"is_active__exact": "1"})) == Person.objects.count()
    assert count_of(staff.get(people, {"is_staff__exact": "1"})) == 1
    relationships = admin_url(Relationship, "changelist")
    active = Relationship.objects.filter(status="active").count()
    assert count_of(staff.get(relationships, {"status__exact": "active"})) == active
    assert count_of(staff.get(relationships, {"kind__exact": "mentor"})) > 0
    assert count_of(staff.get(relationships, {"mentee__id__exact": alice.pk})) == (
        Relationship.objects.filter(mentee=alice).count()
    )
    goals = admin_url(Goal, "changelist")
    assert count_of(staff.get(goals, {"status__exact": "open"})) == 1
    assert count_of(staff.get(goals, {"person__id__exact": alice.pk})) == 1
    assert count_of(staff.get(goals, {"target_date__isnull": "False"})) == 1
    assert count_of(staff.get(admin_url(Contact, "changelist"), {"source__exact": "manual"})) == 1
    meetings = admin_url(Meeting, "changelist")
    assert (
        count_of(
            staff.get(meetings, {"starts_at__year": SOON.year, "starts_at__month": SOON.month})
        )
        == Meeting.objects.filter(starts_at__year=SOON.year, starts_at__month=SOON.month).count()
    )
    assert count_of(staff.get(meetings, {"created_at__gte": "2000-01-01T00:00:00+00:00"})) == (
        Meeting.objects.count()
    )


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_every_list_filter_choice_works(
    staff: Client, world: dict[str, Any], model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    changelist = admin_url(model, "changelist")
    cl = staff.get(changelist).context["cl"]
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            assert staff.get(changelist + choice["query_string"]).status_code == 200


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_search_finds_accounts_only(
    staff: Client, world: dict[str, Any], model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    changelist = admin_url(model, "changelist")
    everything = count_of(staff.get(changelist))
    if is_tribe_model(model):
        assert everything > 0, f"build a {model.__name__} in `world`"
    searched = count_of(staff.get(changelist, {"q": MARK}))
    if is_account_model(model):
        assert searched == 0
        assert count_of(staff.get(changelist, {"q": "alice@example"})) == 1
        assert count_of(staff.get(changelist, {"q": "Bob Ment"})) == 1
    else:
        assert searched == everything


def hidden_order_fields(model: type[Model], name: str, depth: int = 0) -> list[str]:
    """The private text an ordering by ``name`` sorts on (following relations' own ordering)."""
    name = name.lstrip("-")
    if name in ("pk", "?"):
        return []
    current: type[Model] = model
    field: Any = None
    parts = name.split("__")
    for i, part in enumerate(parts):
        field = current._meta.get_field(part)
        if i < len(parts) - 1:
            current = related_model(field)
    assert field is not None
    if field.is_relation:
        assert depth < 5, name
        related = related_model(field)
        ordering = related._meta.ordering or ["pk"]
        return [
            leak
            for entry in ordering
            for leak in hidden_order_fields(related, order_name(entry), depth + 1)
        ]
    if field in private_text_fields(current):
        return [f"{current._meta.label}.{field.name}"]
    return []


def order_name(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    expression = getattr(entry, "expression", entry)
    return str(expression.name)


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_lists_cannot_be_sorted_by_hidden_text(
    staff: Client, world: dict[str, Any], model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    changelist = admin_url(model, "changelist")
    queries = [""] + [f"?o={sign}{i}" for i in range(8) for sign in ("", "-")]
    leaks = {}
    for query in queries:
        response = staff.get(changelist + query)
        assert response.status_code == 200, query
        queryset = response.context["cl"].queryset
        found = [
            leak
            for entry in queryset.query.order_by
            if order_name(entry).lstrip("-") not in queryset.query.annotations
            for leak in hidden_order_fields(model, order_name(entry))
        ]
        if found:
            leaks[query or "(default)"] = found
    assert leaks == {}


# -- every admin is a safe one -----------------------------------------------------------


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=REGISTERED_IDS)
def test_every_admin_is_read_only_and_passes_the_privacy_checks(
    model: type[Model], model_admin: admin.ModelAdmin[Any]
) -> None:
    assert isinstance(model_admin, ReadOnlyAdmin)
    for inline in model_admin.inlines:
        assert issubclass(inline, ReadOnlyInline)
    assert model_admin.check() == []
