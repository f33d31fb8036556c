"""The digest: Today by e-mail (and chat), at each person's local morning.

The scheduler starts :func:`send_digests` every 15 minutes with the slot's
start. It finds the people whose digest came due since the slots before it
ran (see ``_since``), splits them into chunks of :data:`CHUNK` and queues one
:func:`send_digest_chunk` task per chunk, so several workers share a large
run. A chunk reads Today for its people with the batched selector
(``today_for_many``: a fixed number of queries per chunk), queues one message
per person and channel in the outbox under the period's idempotency key, and
delivers those messages itself. Run twice, or on two workers at once, a
period still gets one digest: the key is unique in the outbox.

Who gets none:

- a person whose digest is off, or who is not active;
- a person with nothing on Today: an empty digest is not sent (it would
  teach people to ignore the real ones);
- by e-mail, a person whose address is not verified: until it is, the
  account may not belong to whoever owns that mailbox, and a digest tells
  who one's mentors are. A chat copy still goes to a webhook the account
  holder set up themselves.

Digests contain what Today lists (titles, names, dates), never a note's
text: Today does not read notes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks import task

from tribe.core.errors import ValidationError
from tribe.notifications.digest_timing import DigestDue, digest_due
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message, Preference
from tribe.outbox.services import message_build, messages_queue
from tribe.outbox.unsubscribe import unsubscribe_url
from tribe.outbox.worker_id import current_worker_id
from tribe.people.models import Person
from tribe.today.selectors import Today, TodayItem, Urgency, today_for_many

logger = logging.getLogger("tribe.notifications")

#: The scheduler's period for this job.
SLOT = dt.timedelta(minutes=15)
#: People per chunk task: small enough that two workers share a run evenly,
#: large enough that the batched Today queries pay off.
CHUNK = 200
#: Slots looked back over even when they ran: a chunk whose worker died
#: half-way is finished by the next slots (the keys skip what was sent).
LOOKBACK = dt.timedelta(hours=1)
#: Items shown per digest; the rest are counted and one click away.
SHOWN = 30
KEY_PARTS = 500  # keys per IN list when looking up what was sent

HEADINGS = {
    Urgency.OVERDUE: _("Overdue"),
    Urgency.TODAY: _("Due today"),
    Urgency.SOON: _("Coming up this week"),
    Urgency.OPEN: _("Whenever you can"),
}


@dataclass(frozen=True)
class Recipient:
    person_id: int
    zone_name: str
    verified: bool
    frequency: str
    weekday: int
    hour: int
    slack: str
    teams: str

    def due(self, now: dt.datetime) -> DigestDue | None:
        return digest_due(
            person_id=self.person_id,
            frequency=self.frequency,
            weekday=self.weekday,
            hour=self.hour,
            zone_name=self.zone_name,
            now=now,
        )

    def channels(self) -> list[tuple[str, str, str]]:
        """(channel, key suffix, address or webhook) of each copy this person wants."""
        out = []
        if self.verified:
            out.append((Message.Channel.EMAIL.value, "", ""))
        if self.slack:
            out.append((Message.Channel.SLACK.value, ":slack", self.slack))
        if self.teams:
            out.append((Message.Channel.TEAMS.value, ":teams", self.teams))
        return out


def _recipients(people: Iterable[int] | None = None) -> list[Recipient]:
    """Every active person (or those of ``people``) with their digest choice: one query."""
    default = Preference()
    rows = Person.objects.filter(is_active=True)
    if people is not None:
        rows = rows.filter(pk__in=list(people))
    out = []
    for pk, zone_name, verified_at, digest, weekday, hour, slack, teams in rows.values_list(
        "pk",
        "timezone",
        "email_verified_at",
        "notification_preference__digest",
        "notification_preference__digest_weekday",
        "notification_preference__digest_hour",
        "notification_preference__slack_webhook",
        "notification_preference__teams_webhook",
    ).order_by("pk"):
        out.append(
            Recipient(
                person_id=pk,
                zone_name=zone_name,
                verified=verified_at is not None,
                # No preference row: the defaults (weekly, Monday, 08:00).
                frequency=digest if digest is not None else default.digest,
                weekday=weekday if weekday is not None else default.digest_weekday,
                hour=hour if hour is not None else default.digest_hour,
                slack=slack or "",
                teams=teams or "",
            )
        )
    return out


def _sent_keys(keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), KEY_PARTS):
        part = keys[start : start + KEY_PARTS]
        found.update(Message.objects.filter(key__in=part).values_list("key", flat=True))
    return found


def _pending(
    recipients: Iterable[Recipient], moment: dt.datetime, since: dt.datetime | None
) -> list[tuple[Recipient, DigestDue, list[tuple[str, str, str]]]]:
    """The recipients with a digest due (after ``since``) and a copy not yet in the outbox."""
    wanted = []
    for recipient in recipients:
        channels = recipient.channels()
        if not channels:
            continue
        due = recipient.due(moment)
        if due is None or (since is not None and due.due_at <= since):
            continue
        wanted.append((recipient, due, channels))
    sent = _sent_keys(
        [due.key + suffix for _r, due, channels in wanted for _c, suffix, _t in channels]
    )
    out = []
    for recipient, due, channels in wanted:
        missing = [c for c in channels if due.key + c[1] not in sent]
        if missing:
            out.append((recipient, due, missing))
    return out


def _since(moment: dt.datetime) -> dt.datetime:
    """Digests due after this moment are this slot's: since the slot before that
    ran, so slots no worker ran are made up for, and at least ``LOOKBACK``."""
    from tribe.notifications.models import ScheduledSlot

    previous = (
        ScheduledSlot.objects.filter(job="digests", slot__lt=moment)
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )
    floor = moment - LOOKBACK
    return min(previous, floor) if previous is not None else floor


def due_person_ids(*, moment: dt.datetime) -> list[int]:
    """The people whose digest is due at ``moment`` and not yet sent."""
    since = _since(moment)
    return [recipient.person_id for recipient, _d, _c in _pending(_recipients(), moment, since)]


@task()
def send_digests(slot: str) -> int:
    """Queue the digests due at ``slot`` (ISO UTC) in chunk tasks; how many people.

    An empty digest is not sent; a person with the digest off, or inactive,
    gets none; an unverified address gets no e-mail (see the module).
    """
    moment = dt.datetime.fromisoformat(slot)
    ids = due_person_ids(moment=moment)
    for start in range(0, len(ids), CHUNK):
        send_digest_chunk.enqueue(person_ids=ids[start : start + CHUNK], slot=slot)
    logger.info("digests for %s: %d people in %d chunks", slot, len(ids), -(-len(ids) // CHUNK))
    return len(ids)


@task()
def send_digest_chunk(person_ids: list[int], slot: str) -> int:
    """Compose, queue and deliver the digests of ``person_ids``; how many messages queued.

    Each person is checked again (a preference may have changed since the
    slot task ran; another worker may have sent it already).
    """
    moment = dt.datetime.fromisoformat(slot)
    pending = _pending(_recipients(person_ids), moment, since=None)
    if not pending:
        return 0
    people = Person.objects.in_bulk([r.person_id for r, _d, _c in pending])
    queued: list[int] = []
    by_language: dict[str, list[tuple[Person, DigestDue, list[tuple[str, str, str]]]]] = {}
    for recipient, due, channels in pending:
        person = people.get(recipient.person_id)
        if person is None:
            continue
        if due.zone_problem:
            logger.warning("digest of person %s: %s", person.pk, due.zone_problem)
        by_language.setdefault(language_of(person), []).append((person, due, channels))
    for language, group in by_language.items():
        with translation.override(language):
            # today_for_many words the items in the active language, once per batch.
            todays = today_for_many(people=[person for person, _d, _c in group], now=moment)
            composer = Composer()
            # Composed first, then written in one short transaction: the write
            # lock (SQLite's one writer) is not held while templates render.
            composed: list[dict[str, Any]] = []
            for person, due, channels in group:
                today = todays[person.pk]
                if today.items:
                    composed += composer.compose(person, today, due, channels)
            queued += _queue_all(composed)
    if queued:
        deliver_due(worker_id=current_worker_id(), ids=queued)
    return len(queued)


def language_of(person: Person) -> str:
    """The language a person reads mail in (the site's until people can choose one)."""
    chosen = getattr(person, "language", "")
    return chosen if isinstance(chosen, str) and chosen else settings.LANGUAGE_CODE


def _base_url() -> str:
    return (settings.TRIBE_BASE_URL or "http://localhost:8000").rstrip("/")


class Composer:
    """Words one language's digests: templates loaded and links reversed once."""

    def __init__(self) -> None:
        self.text = get_template("notifications/digest.txt")
        self.html = get_template("notifications/digest.html")
        base = _base_url()
        self.today_url = base + reverse("web:today")
        self.settings_url = base + reverse("web:notifications")

    def compose(
        self,
        person: Person,
        today: Today,
        due: DigestDue,
        channels: list[tuple[str, str, str]],
    ) -> list[dict[str, Any]]:
        """The ``message_queue`` arguments of each copy of one person's digest."""
        items = today.items
        count = len(items)
        subject = ngettext(
            "Tribe: {count} thing waits for you", "Tribe: {count} things wait for you", count
        ).format(count=count)
        unsubscribe = unsubscribe_url(person_id=person.pk, topic="digest")
        context = {
            "person": person,
            "groups": _grouped(items[:SHOWN]),
            "more": max(0, count - SHOWN),
            "count": count,
            "today_url": self.today_url,
            "settings_url": self.settings_url,
            "unsubscribe_url": unsubscribe,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        }
        body_text = self.text.render(context)
        out = []
        for channel, suffix, webhook in channels:
            is_email = channel == Message.Channel.EMAIL
            out.append(
                {
                    "key": due.key + suffix,
                    "kind": Message.Kind.DIGEST,
                    "to": person.email if is_email else webhook,
                    "subject": subject,
                    "body_text": body_text,
                    "body_html": self.html.render(context) if is_email else "",
                    "person_id": person.pk,
                    "channel": channel,
                    "unsubscribe_url": unsubscribe,
                    "wake": False,
                }
            )
        return out

    def queue(
        self,
        person: Person,
        today: Today,
        due: DigestDue,
        channels: list[tuple[str, str, str]],
    ) -> list[int]:
        """Compose and queue one person's digest; the outbox ids."""
        return _queue_all(self.compose(person, today, due, channels))


def _queue_all(messages: Iterable[dict[str, Any]]) -> list[int]:
    """Queue composed messages in one short transaction (one commit and a few
    INSERTs, not one each: on SQLite that was most of the time); a message
    refused (one person's bad webhook) is logged and costs the others nothing."""
    built = []
    for fields in messages:
        fields = {k: v for k, v in fields.items() if k != "wake"}
        try:
            built.append(message_build(**fields))
        except ValidationError as error:
            logger.warning("digest %s not queued: %s", fields["key"], error)
    ids = messages_queue(messages=built, wake=False)
    return [ids[message.key] for message in built if message.key in ids]


def _grouped(items: Sequence[TodayItem]) -> list[tuple[str, list[TodayItem]]]:
    groups: dict[Urgency, list[TodayItem]] = {}
    for item in items:
        groups.setdefault(item.urgency, []).append(item)
    return [(str(HEADINGS[urgency]), groups[urgency]) for urgency in sorted(groups)]
