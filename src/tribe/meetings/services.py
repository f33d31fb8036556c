"""Writes for meetings, notes and action items.

Callers pass a relationship already fetched through
``relationship_get_for`` (so the actor is part of it); services here check
the rules that depend on who the actor is, such as note authorship.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import F

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import validate_zone
from tribe.meetings import invitations
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import ActionItem, CalendarFeed, Meeting, MeetingSeries, Note
from tribe.meetings.recurrence import expand, normalise_rule
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship


def _require_side(relationship: Relationship, actor: Person, *, mutual: bool = False) -> str:
    """The actor's side; NotFound unless they said yes to the relationship.

    ``mutual``: the other account must have said yes too. Planning a meeting
    reaches the other person (and their calendar), so it waits for their yes.
    """
    role = relationship.role_of(actor)
    if role is None or not consent.has_consented(relationship, actor):
        # defence in depth: views fetch through relationship_get_for
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    if mutual and not consent.is_mutual(relationship):
        raise Conflict(MeetingCode.NOT_MUTUAL)
    return role


def _times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value is None:  # a null from a caller (the API's PATCH): refused, never a crash
            raise ValidationError(CoreCode.REQUIRED, field=name)
        if value.tzinfo is None:
            raise ValidationError(MeetingCode.NAIVE, field=name)
        v.moment(value, field=name)  # before any arithmetic: 9999-12-31 would overflow
    if ends_at <= starts_at:
        raise ValidationError(MeetingCode.END_BEFORE_START, field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise ValidationError(MeetingCode.TOO_LONG, field="ends_at")


def _status_fits_time(status: str, starts_at: dt.datetime, now: dt.datetime) -> None:
    if status == Meeting.Status.PLANNED and starts_at < now:
        raise ValidationError(MeetingCode.PAST_PLANNED, field="starts_at")
    if status == Meeting.Status.HELD and starts_at > now:
        raise ValidationError(MeetingCode.FUTURE_HELD, field="status")


def _meeting_status(status: str) -> str:
    if status not in Meeting.Status.values:
        raise ValidationError(MeetingCode.BAD_STATUS, field="status", value=status)
    return status


@transaction.atomic
def meeting_create(
    *,
    actor: Person,
    relationship: Relationship,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str = "",
    location: str = "",
    timezone: str | None = None,
    status: str = Meeting.Status.PLANNED,
    now: dt.datetime | None = None,
) -> Meeting:
    _require_side(relationship, actor, mutual=True)
    _times(starts_at, ends_at)
    moment = clock.resolve(now)
    _status_fits_time(status, starts_at, moment)
    meeting = Meeting.objects.create(
        relationship=relationship,
        starts_at=starts_at,
        ends_at=ends_at,
        title=v.text(title, field="title", max_length=200),
        location=v.text(location, field="location", max_length=300),
        timezone=validate_zone(timezone or actor.timezone),
        status=_meeting_status(status),
    )
    # In this transaction: the invitations are outbox rows that commit (or roll back) with it.
    invitations.meeting_invitations_queue(actor=actor, meeting=meeting, now=moment)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Person,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    location: str,
    status: str,
    timezone: str | None = None,
    now: dt.datetime | None = None,
) -> Meeting:
    """Change a meeting; bumps the iCalendar SEQUENCE so invitations update."""
    _require_side(meeting.relationship, actor)
    _times(starts_at, ends_at)
    moment = clock.resolve(now)
    _status_fits_time(status, starts_at, moment)
    was = invitations.snapshot(meeting)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.title = v.text(title, field="title", max_length=200)
    meeting.location = v.text(location, field="location", max_length=300)
    meeting.status = _meeting_status(status)
    if timezone:
        meeting.timezone = validate_zone(timezone)
    meeting.sequence = F("sequence") + 1
    meeting.save()
    meeting.refresh_from_db(fields=["sequence"])
    invitations.meeting_invitations_queue(actor=actor, meeting=meeting, was=was, now=moment)
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Person, meeting: Meeting, now: dt.datetime | None = None) -> None:
    """Delete a meeting of the relationship (either side may): nobody's notes go with it.

    The meeting is shared; the notes on it are their authors'. They stay on the
    relationship, detached, remembering the meeting's title and start
    (``Note.meeting``'s ``on_delete``); action items, advice and thanks about it
    stay too, no longer linked to it. People's calendars are sent a CANCEL if
    the meeting was still to come.
    """
    _require_side(meeting.relationship, actor)
    invitations.meeting_cancellation_queue(actor=actor, meeting=meeting, now=clock.resolve(now))
    meeting.delete()


def _meeting_of(relationship: Relationship, meeting: Meeting | None) -> Meeting | None:
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise ValidationError(MeetingCode.ELSEWHERE, field="meeting")
    return meeting


@transaction.atomic
def note_create(
    *,
    author: Person,
    relationship: Relationship,
    body: str,
    visibility: str = Note.Visibility.PRIVATE,
    meeting: Meeting | None = None,
) -> Note:
    _require_side(relationship, author)
    if visibility not in Note.Visibility.values:
        raise ValidationError(MeetingCode.BAD_VISIBILITY, field="visibility")
    return Note.objects.create(
        relationship=relationship,
        meeting=_meeting_of(relationship, meeting),
        author=author,
        visibility=visibility,
        body=v.text(body, field="body", max_length=20000, required=True),
    )


@transaction.atomic
def note_update(*, author: Person, note: Note, body: str, visibility: str) -> Note:
    if note.author_id != author.pk:  # others may at most read a shared note
        raise NotFound(MeetingCode.NO_NOTE)
    if visibility not in Note.Visibility.values:
        raise ValidationError(MeetingCode.BAD_VISIBILITY, field="visibility")
    note.body = v.text(body, field="body", max_length=20000, required=True)
    note.visibility = visibility
    note.save()
    return note


@transaction.atomic
def note_delete(*, author: Person, note: Note) -> None:
    if note.author_id != author.pk:
        raise NotFound(MeetingCode.NO_NOTE)
    note.delete()


@transaction.atomic
def action_item_create(
    *,
    actor: Person,
    relationship: Relationship,
    title: str,
    owner: str = ActionItem.Owner.MENTEE,
    due_on: dt.date | None = None,
    meeting: Meeting | None = None,
) -> ActionItem:
    _require_side(relationship, actor)
    if owner not in ActionItem.Owner.values:
        raise ValidationError(MeetingCode.BAD_OWNER, field="owner")
    return ActionItem.objects.create(
        relationship=relationship,
        meeting=_meeting_of(relationship, meeting),
        title=v.text(title, field="title", max_length=300, required=True),
        owner=owner,
        due_on=v.date(due_on, field="due_on"),
        created_by=actor,
    )


@transaction.atomic
def action_item_update(
    *, actor: Person, item: ActionItem, title: str, owner: str, due_on: dt.date | None
) -> ActionItem:
    _require_side(item.relationship, actor)
    if owner not in ActionItem.Owner.values:
        raise ValidationError(MeetingCode.BAD_OWNER, field="owner")
    item.title = v.text(title, field="title", max_length=300, required=True)
    item.owner = owner
    item.due_on = v.date(due_on, field="due_on")
    item.save()
    return item


@transaction.atomic
def action_item_set_done(
    *, actor: Person, item: ActionItem, done: bool, now: dt.datetime | None = None
) -> ActionItem:
    _require_side(item.relationship, actor)
    item.done_at = clock.resolve(now) if done else None
    item.save(update_fields=["done_at", "updated_at"])
    return item


@transaction.atomic
def action_item_delete(*, actor: Person, item: ActionItem) -> None:
    _require_side(item.relationship, actor)
    item.delete()


@transaction.atomic
def meeting_set_status(
    *, actor: Person, meeting: Meeting, status: str, now: dt.datetime | None = None
) -> Meeting:
    """Mark a meeting held or cancelled (or planned again); cancelling bumps SEQUENCE."""
    _require_side(meeting.relationship, actor)
    _meeting_status(status)
    moment = clock.resolve(now)
    _status_fits_time(status, meeting.starts_at, moment)
    if status != meeting.status:
        was = invitations.snapshot(meeting)
        meeting.status = status
        meeting.sequence = F("sequence") + 1
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        meeting.refresh_from_db(fields=["sequence"])
        invitations.meeting_invitations_queue(actor=actor, meeting=meeting, was=was, now=moment)
    return meeting


@transaction.atomic
def meeting_set_agenda(*, actor: Person, meeting: Meeting, agenda: str) -> Meeting:
    """Save an edited agenda; an empty one goes back to the agenda built from the data."""
    _require_side(meeting.relationship, actor)
    meeting.agenda = v.text(agenda, field="agenda", max_length=20000)
    meeting.save(update_fields=["agenda", "updated_at"])
    return meeting


@transaction.atomic
def meeting_record_follow_up(
    *, actor: Person, meeting: Meeting, now: dt.datetime | None = None
) -> Meeting:
    """Record that the follow-up (thanks, summary, next steps) went out."""
    _require_side(meeting.relationship, actor)
    moment = clock.resolve(now)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(MeetingCode.FOLLOW_UP_CANCELLED, field="meeting")
    if meeting.starts_at > moment:
        raise ValidationError(MeetingCode.FOLLOW_UP_TOO_EARLY, field="meeting")
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD  # following up says it happened
    meeting.follow_up_sent_at = moment
    meeting.save(update_fields=["status", "follow_up_sent_at", "updated_at"])
    return meeting


# Series ----------------------------------------------------------------------


def series_create(
    *,
    actor: Person,
    relationship: Relationship,
    first_date: dt.date,
    start_time: dt.time,
    duration_minutes: int,
    rrule: str,
    timezone: str | None = None,
    title: str = "",
    location: str = "",
    now: dt.datetime | None = None,
) -> MeetingSeries:
    """A recurring meeting, with one Meeting row per occurrence (bounded by the rule).

    Every check, and the expansion of the rule, runs before the transaction
    opens: on SQLite the transaction takes the write lock at once, and
    nobody else may write while a rule is being judged.
    """
    _require_side(relationship, actor, mutual=True)
    zone_name = validate_zone(timezone or actor.timezone)
    v.integer(duration_minutes, field="duration_minutes", low=5, high=720)
    clean_title = v.text(title, field="title", max_length=200)
    clean_location = v.text(location, field="location", max_length=300)
    starts = expand(rule=rrule, first_date=first_date, start_time=start_time, timezone=zone_name)
    moment = clock.resolve(now)
    if starts[0] < moment:
        raise ValidationError(MeetingCode.PAST_PLANNED, field="first_date")
    length = dt.timedelta(minutes=duration_minutes)
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            relationship=relationship,
            title=clean_title,
            location=clean_location,
            rrule=normalise_rule(rrule),
            first_date=first_date,
            start_time=start_time,
            duration_minutes=duration_minutes,
            timezone=zone_name,
        )
        Meeting.objects.bulk_create(
            Meeting(
                relationship=relationship,
                series=series,
                recurrence_id=start,
                title=series.title,
                location=series.location,
                starts_at=start,
                ends_at=start + length,
                timezone=zone_name,
            )
            for start in starts
        )
        # One invitation per person for the whole series (its RRULE), in this transaction.
        invitations.series_invitations_queue(actor=actor, series=series, now=moment)
    return series


@transaction.atomic
def series_cancel(
    *, actor: Person, series: MeetingSeries, now: dt.datetime | None = None
) -> MeetingSeries:
    """Call off the rest of a series: future occurrences are cancelled, past ones kept.

    Nothing is deleted: every occurrence stays (marked cancelled), with its notes.
    """
    _require_side(series.relationship, actor)
    moment = clock.resolve(now)
    series.cancelled_at = moment
    series.sequence = F("sequence") + 1
    series.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    series.refresh_from_db(fields=["sequence"])
    upcoming = Meeting.objects.filter(
        series=series, starts_at__gte=moment, status=Meeting.Status.PLANNED
    )
    ids = list(upcoming.values_list("pk", flat=True))
    Meeting.objects.filter(pk__in=ids).update(
        status=Meeting.Status.CANCELLED, sequence=F("sequence") + 1
    )
    cancelled = list(Meeting.objects.filter(pk__in=ids))
    for occurrence in cancelled:
        occurrence.series = series  # one series: no query per occurrence for its UID
    invitations.series_cancellation_queue(
        actor=actor, series=series, cancelled=cancelled, now=moment
    )
    return series


# Calendar feeds ----------------------------------------------------------------


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_rotate(*, person: Person, now: dt.datetime | None = None) -> str:
    """Revoke any live feed and return the token of a new one (shown once, stored hashed)."""
    feed_revoke(person=person, now=now)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(person=person, token_hash=feed_token_hash(token))
    return token


@transaction.atomic
def feed_revoke(*, person: Person, now: dt.datetime | None = None) -> int:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=clock.resolve(now)
    )
