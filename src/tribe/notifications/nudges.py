"""Nudges by e-mail (and chat): what is due and late, told once, at most one mail a run.

The scheduler starts :func:`send_nudges` every hour. Nothing here decides
what is due: a person's nudges are read from Today (``today_for_many``, which
asks outreach when a request may be nudged, the ledger when a relationship
is slipping and when a follow-up is late), an administrator's from the
programme's engagement read model (``programme_engagement``). This module
only picks which of those duties deserve a mail of their own, and when:

- a request of mine unanswered past my ``nudge_after_days``: Today's
  "nudge" item (outreach's ``nudge_state``), from its due day;
- a follow-up not sent after a meeting: Today's "follow_up" item once it is
  overdue (more than ``FOLLOW_UP_GRACE_DAYS`` after the meeting, the same
  grace health counts late follow-ups by); a thank-you for help taken up:
  Today's "thanks" item, ``FOLLOW_UP_GRACE_DAYS`` after the advice was given;
- a relationship going quiet: Today's "contact" item once contact is at
  risk or dormant (overdue), not merely due;
- to programme administrators: offers unanswered for a week, enrolled
  mentees still unmatched after a week, a cohort's matching window closing
  within days while mentees wait. Counts, dates and the programme's and
  cohort's own names only, never a participant's name or a word anyone
  wrote (administrators never see private words).

**Once per occurrence.** Each nudge has a code naming the thing and its stage
(``request-12-20260317``: relationship 12, nudge due on that day;
``follow_up-40``: meeting 40; ``at_risk-7-20260301``: contact due since that
day). A person's mail carries the codes it tells in its idempotency key
(``nudge:{person}:{code}+{code}``), so the outbox itself records what was
told: a run reads the keys already sent to its people (one query per chunk)
and leaves those codes out. Run again, or on two workers at once, the same
state gives the same key, and the outbox keeps one message per key. The key
has room for a handful of codes (:data:`SHOWN` at most); the rest come in the
next run, which also keeps a backlog from arriving as one long mail.

A topic the person muted (``is_muted``) is left out, and its codes are not
recorded: unmuting it later tells what is still due then. E-mail goes only to
a verified address (as for the digest); a chat copy goes to the Slack or
Teams webhook the person set up themselves.

A programme may have a channel of its own (``Programme.slack_webhook``,
``teams_webhook``, set by its administrators): it hears the same counts and
dates, once per occurrence and channel (``programme-nudge:channel:{programme}:
{code}+{code}:slack``), whatever each administrator muted or was told.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from tribe.core.errors import ValidationError
from tribe.ledger.health import FOLLOW_UP_GRACE_DAYS
from tribe.ledger.models import Advice
from tribe.notifications.digests import language_of
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message, Preference
from tribe.outbox.selectors import is_muted
from tribe.outbox.services import message_queue
from tribe.outbox.unsubscribe import unsubscribe_url
from tribe.outbox.worker_id import current_worker_id
from tribe.people.models import Person
from tribe.programs.engagement import Engagement, programme_engagement
from tribe.programs.models import Cohort, Programme, ProgrammeAdmin
from tribe.today.selectors import Today, TodayItem, Urgency, today_for_many

logger = logging.getLogger("tribe.notifications")

#: People per chunk: Today's own batch size, so each chunk costs its fixed queries once.
CHUNK = 1000
#: Nudges told in one mail at most; the key has room for about this many codes.
SHOWN = 6
#: A chat copy's key is the mail's plus ":slack" or ":teams".
KEY_MAX = 200 - len(":teams")
#: An administrator hears of offers unanswered, and mentees unmatched, this long.
PROGRAMME_WAIT_DAYS = 7
#: …and of a cohort's matching window closing this many days ahead, while mentees wait.
CLOSING_DAYS = 3

TOPIC = Preference.Topic
HEADINGS = {
    TOPIC.NUDGE_REQUEST: _("Requests waiting for an answer"),
    TOPIC.NUDGE_FOLLOW_UP: _("Follow-ups and thanks to send"),
    TOPIC.NUDGE_AT_RISK: _("Relationships going quiet"),
    TOPIC.PROGRAMME: _("Programmes you run"),
}
PERSONAL_TOPICS = (TOPIC.NUDGE_REQUEST, TOPIC.NUDGE_FOLLOW_UP, TOPIC.NUDGE_AT_RISK)
PERSONAL_PREFIX = "nudge"
PROGRAMME_PREFIX = "programme-nudge"
#: A programme channel's key: this, the programme, the codes, then ":slack" or ":teams".
CHANNEL_PREFIX = f"{PROGRAMME_PREFIX}:channel"


@dataclass(frozen=True)
class Nudge:
    topic: str
    #: The thing and its stage; unique among one person's nudges of all time.
    code: str
    line: str
    link: str


def _base_url() -> str:
    return (settings.TRIBE_BASE_URL or "http://localhost:8000").rstrip("/")


def _day(day: dt.date) -> str:
    return f"{day:%Y%m%d}"


# -- what is due ---------------------------------------------------------------------


def personal_nudges(today: Today, *, given_on: dict[int, dt.date]) -> list[Nudge]:
    """The duties of ``today`` that are late enough for a nudge, in Today's order.

    ``given_on``: the day each advice of a "thanks" item was given.
    """
    base = _base_url()
    out = []
    for item in today.items:
        nudge = _nudge_of(item, today.date, given_on, base)
        if nudge is not None:
            out.append(nudge)
    return out


def _nudge_of(
    item: TodayItem, today: dt.date, given_on: dict[int, dt.date], base: str
) -> Nudge | None:
    rel = item.relationship_id
    if item.kind == "nudge" and item.due is not None and rel is not None:
        return Nudge(
            TOPIC.NUDGE_REQUEST,
            f"request-{rel}-{_day(item.due)}",
            f"{item.title} ({item.detail})",
            base + reverse("web:ask", args=[rel]),
        )
    if item.kind == "follow_up" and item.urgency == Urgency.OVERDUE:
        return Nudge(
            TOPIC.NUDGE_FOLLOW_UP,
            f"follow_up-{item.object_id}",
            f"{item.title} ({item.detail})",
            base + reverse("web:meeting", args=[item.object_id]) + "#follow-up",
        )
    if item.kind == "thanks":
        given = given_on.get(item.object_id)
        if given is None or (today - given).days < FOLLOW_UP_GRACE_DAYS:
            return None
        # Not Today's title: it quotes the advice, and a mail is no place for it.
        return Nudge(
            TOPIC.NUDGE_FOLLOW_UP,
            f"thanks-{item.object_id}",
            gettext("Thank {name} for the help you took up").format(name=item.with_name),
            base + reverse("web:gratitude") + f"#unthanked-{item.object_id}",
        )
    # Contact merely due stays on Today; at risk or dormant, it is overdue.
    if item.kind == "contact" and item.urgency == Urgency.OVERDUE and rel is not None:
        since = _day(item.due) if item.due is not None else "0"
        return Nudge(
            TOPIC.NUDGE_AT_RISK,
            f"at_risk-{rel}-{since}",
            f"{item.title} ({item.detail})",
            base + reverse("web:relationship", args=[rel]),
        )
    return None


def programme_nudges(
    programme: Programme, engagement: Engagement, *, closing: Sequence[Cohort] = ()
) -> list[Nudge]:
    """What needs the administrators of ``programme``: counts and dates, never names.

    The stage is the newest day among the things counted, so one more offer
    crossing the week (or one more mentee) is a new nudge, and the same
    backlog is told once. ``closing``: its cohorts whose matching window
    closes within :data:`CLOSING_DAYS`.
    """
    base = _base_url()
    today = engagement.as_of
    out = []
    late = [o for o in engagement.open_offers if (today - o.offered_on).days >= PROGRAMME_WAIT_DAYS]
    if late:
        oldest = min(o.offered_on for o in late)
        out.append(
            Nudge(
                TOPIC.PROGRAMME,
                f"offers-{programme.pk}-{_day(max(o.offered_on for o in late))}",
                ngettext(
                    "{programme}: {count} match offer unanswered for a week or more "
                    "(the oldest since {day})",
                    "{programme}: {count} match offers unanswered for a week or more "
                    "(the oldest since {day})",
                    len(late),
                ).format(
                    programme=programme.name,
                    count=len(late),
                    day=date_format(oldest, "PADDED_DATE_FORMAT"),
                ),
                base + reverse("web:programme_dashboard", args=[programme.slug]),
            )
        )
    waiting = [w for w in engagement.waiting if w.days_waiting >= PROGRAMME_WAIT_DAYS]
    if waiting:
        out.append(
            Nudge(
                TOPIC.PROGRAMME,
                f"waiting-{programme.pk}-{_day(max(w.joined_on for w in waiting))}",
                ngettext(
                    "{programme}: {count} enrolled mentee still without a match "
                    "(waiting since {day})",
                    "{programme}: {count} enrolled mentees still without a match "
                    "(the first waiting since {day})",
                    len(waiting),
                ).format(
                    programme=programme.name,
                    count=len(waiting),
                    day=date_format(min(w.joined_on for w in waiting), "PADDED_DATE_FORMAT"),
                ),
                base + reverse("web:programme_runs", args=[programme.slug]),
            )
        )
    unmatched = {c.cohort_id: c.waiting for c in engagement.cohorts}
    for cohort in closing:
        count = unmatched.get(cohort.pk, 0)
        if not count or cohort.match_closes is None:
            continue
        out.append(
            Nudge(
                TOPIC.PROGRAMME,
                f"match_closes-{cohort.pk}-{_day(cohort.match_closes)}",
                ngettext(
                    "{programme}, {cohort}: matching closes on {day} "
                    "and {count} mentee is still unmatched",
                    "{programme}, {cohort}: matching closes on {day} "
                    "and {count} mentees are still unmatched",
                    count,
                ).format(
                    programme=programme.name,
                    cohort=cohort.name,
                    count=count,
                    day=date_format(cohort.match_closes, "PADDED_DATE_FORMAT"),
                ),
                base + reverse("web:programme_runs", args=[programme.slug]),
            )
        )
    return out


# -- what was told -------------------------------------------------------------------


def _key(prefix: str, person_id: int, codes: Iterable[str]) -> str:
    return f"{prefix}:{person_id}:{'+'.join(codes)}"


def told_codes(*, prefix: str, person_ids: Sequence[int]) -> dict[int, set[str]]:
    """The codes already in a message of ``prefix`` to each person: one query."""
    told: dict[int, set[str]] = {pk: set() for pk in person_ids}
    kind = Message.Kind.PROGRAMME_NUDGE if prefix == PROGRAMME_PREFIX else Message.Kind.NUDGE
    rows = Message.objects.filter(person_id__in=list(person_ids), kind=kind).values_list(
        "person_id", "key"
    )
    for person_id, key in rows:
        start = f"{prefix}:{person_id}:"
        if not key.startswith(start):
            continue
        codes = key[len(start) :].removesuffix(":slack").removesuffix(":teams")
        told.setdefault(person_id, set()).update(codes.split("+"))
    return told


def _fresh(
    nudges: Iterable[Nudge], *, told: set[str], preference: Preference, prefix: str, pk: int
) -> list[Nudge]:
    """The nudges not told yet nor muted, as many as the key has room for."""
    out: list[Nudge] = []
    for nudge in nudges:
        codes = [n.code for n in out]
        if nudge.code in told or nudge.code in codes or is_muted(preference, nudge.topic):
            continue
        if len(out) == SHOWN or len(_key(prefix, pk, [*codes, nudge.code])) > KEY_MAX:
            break
        out.append(nudge)
    return out


# -- composing -----------------------------------------------------------------------


def compose(person: Person, nudges: Sequence[Nudge]) -> tuple[str, str]:
    """Subject and text of one mail telling ``nudges``, in the active language."""
    base = _base_url()
    count = len(nudges)
    if nudges[0].topic == TOPIC.PROGRAMME:
        subject = ngettext(
            "Tribe: {count} thing in your programmes needs you",
            "Tribe: {count} things in your programmes need you",
            count,
        ).format(count=count)
    else:
        subject = ngettext(
            "Tribe: {count} nudge for you", "Tribe: {count} nudges for you", count
        ).format(count=count)
    lines = [gettext("Hello {name},").format(name=person.name), ""]
    topics: list[str] = []
    for nudge in nudges:
        if nudge.topic not in topics:
            topics.append(nudge.topic)
    for topic in topics:
        lines.append(str(HEADINGS[TOPIC(topic)]))
        for nudge in nudges:
            if nudge.topic == topic:
                lines += [f"- {nudge.line}", f"  {nudge.link}"]
        lines.append("")
    lines.append(
        gettext("Everything that waits for you: {link}").format(link=base + reverse("web:today"))
    )
    lines.append("")
    for topic in topics:
        lines.append(
            gettext("No more of these ({topic}): {link}").format(
                topic=TOPIC(topic).label, link=unsubscribe_url(person_id=person.pk, topic=topic)
            )
        )
    lines.append(
        gettext("Choose what Tribe sends you: {link}").format(
            link=base + reverse("web:notifications")
        )
    )
    return subject, "\n".join(lines) + "\n"


def _queue(
    person: Person,
    preference: Preference,
    nudges: Sequence[Nudge],
    *,
    prefix: str,
    moment: dt.datetime,
) -> list[int]:
    """Queue the mail and its chat copies (wake=False: the job delivers them); their ids."""
    subject, body = compose(person, nudges)
    key = _key(prefix, person.pk, [n.code for n in nudges])
    kind = Message.Kind.PROGRAMME_NUDGE if prefix == PROGRAMME_PREFIX else Message.Kind.NUDGE
    # The header's one-click address stops the mail's first topic; the text
    # lists one for each topic it tells.
    unsubscribe = unsubscribe_url(person_id=person.pk, topic=nudges[0].topic)
    channels = []
    if person.email_verified_at is not None:
        channels.append((Message.Channel.EMAIL, "", person.email))
    if preference.slack_webhook:
        channels.append((Message.Channel.SLACK, ":slack", preference.slack_webhook))
    if preference.teams_webhook:
        channels.append((Message.Channel.TEAMS, ":teams", preference.teams_webhook))
    ids = []
    for channel, suffix, to in channels:
        try:
            message = message_queue(
                key=key + suffix,
                kind=kind,
                to=to,
                subject=subject,
                body_text=body,
                person_id=person.pk,
                channel=channel,
                unsubscribe_url=unsubscribe,
                wake=False,
                now=moment,
            )
        except ValidationError as exc:
            # One person's bad address or webhook must not cost the others their nudges.
            logger.warning("%s nudge of person %s not queued: %s", channel, person.pk, exc.code)
            continue
        ids.append(message.pk)
    return ids


def _reachable(person: Person, preference: Preference) -> bool:
    """Whether any copy could go: a verified address, or a webhook of their own."""
    return bool(person.email_verified_at or preference.slack_webhook or preference.teams_webhook)


def _preferences(person_ids: Sequence[int]) -> dict[int, Preference]:
    """``preference_for`` of many people in one query (the defaults for who never chose)."""
    found = Preference.objects.in_bulk(list(person_ids), field_name="person_id")
    return {pk: found.get(pk) or Preference(person_id=pk) for pk in person_ids}


def told_channel_codes(programme_ids: Sequence[int]) -> dict[tuple[int, str], set[str]]:
    """The codes each programme's channel (by programme and channel) was told: one query."""
    told: dict[tuple[int, str], set[str]] = {}
    if not programme_ids:
        return told
    prefixes = Q()
    for pk in programme_ids:
        prefixes |= Q(key__startswith=f"{CHANNEL_PREFIX}:{pk}:")
    rows = Message.objects.filter(
        prefixes, kind=Message.Kind.PROGRAMME_NUDGE, person__isnull=True
    ).values_list("key", "channel")
    for key, channel in rows:
        programme, _sep, codes = key[len(CHANNEL_PREFIX) + 1 :].partition(":")
        told.setdefault((int(programme), channel), set()).update(
            codes.removesuffix(f":{channel}").split("+")
        )
    return told


def compose_channel(programme: Programme, nudges: Sequence[Nudge]) -> tuple[str, str]:
    """Subject and text of one post to a programme's channel, in the active language.

    Read by whoever is in the channel, so nobody is greeted and no link is
    anyone's own (no unsubscribe: the administrators remove the webhook).
    """
    base = _base_url()
    subject = ngettext(
        "Tribe: {count} thing in {programme} needs its administrators",
        "Tribe: {count} things in {programme} need its administrators",
        len(nudges),
    ).format(count=len(nudges), programme=programme.name)
    lines: list[str] = []
    for nudge in nudges:
        lines += [f"- {nudge.line}", f"  {nudge.link}"]
    lines += [
        "",
        gettext("Where this channel is connected: {link}").format(
            link=base + reverse("web:programme", args=[programme.slug]) + "#chat"
        ),
    ]
    return subject, "\n".join(lines) + "\n"


def queue_channel_nudges(
    programmes: Sequence[Programme],
    engagements: dict[int, Engagement],
    closing: dict[int, list[Cohort]],
    *,
    moment: dt.datetime,
) -> list[int]:
    """Queue each programme channel's post of what it was not told yet; their ids."""
    connected = [p for p in programmes if p.slack_webhook or p.teams_webhook]
    told = told_channel_codes([p.pk for p in connected])
    everyone = Preference()  # a channel mutes nothing
    ids: list[int] = []
    # A channel has no language of its own: the site's.
    with translation.override(settings.LANGUAGE_CODE):
        for programme in connected:
            candidates = programme_nudges(
                programme, engagements[programme.pk], closing=closing.get(programme.pk, ())
            )
            for channel, to in (
                (Message.Channel.SLACK, programme.slack_webhook),
                (Message.Channel.TEAMS, programme.teams_webhook),
            ):
                nudges = _fresh(
                    candidates,
                    told=told.get((programme.pk, channel), set()),
                    preference=everyone,
                    prefix=CHANNEL_PREFIX,
                    pk=programme.pk,
                )
                if not to or not nudges:
                    continue
                subject, body = compose_channel(programme, nudges)
                key = _key(CHANNEL_PREFIX, programme.pk, [n.code for n in nudges])
                try:
                    message = message_queue(
                        key=f"{key}:{channel}",
                        kind=Message.Kind.PROGRAMME_NUDGE,
                        to=to,
                        subject=subject,
                        body_text=body,
                        channel=channel,
                        wake=False,
                        now=moment,
                    )
                except ValidationError as exc:
                    # One programme's bad webhook must not cost the others their posts.
                    logger.warning(
                        "%s nudge of programme %s not queued: %s", channel, programme.pk, exc.code
                    )
                    continue
                ids.append(message.pk)
    return ids


# -- the runs ------------------------------------------------------------------------


def queue_personal_nudges(*, now: dt.datetime) -> list[int]:
    """Queue every person's due, untold, unmuted nudges: a fixed number of queries per chunk."""
    queued: list[int] = []
    last = 0
    while True:
        # Keyset pages, so thousands of people are never all in memory.
        people = list(Person.objects.filter(is_active=True, pk__gt=last).order_by("pk")[:CHUNK])
        if not people:
            return queued
        last = people[-1].pk
        preferences = _preferences([p.pk for p in people])
        listening = [
            p
            for p in people
            if _reachable(p, preferences[p.pk])
            and not all(is_muted(preferences[p.pk], topic) for topic in PERSONAL_TOPICS)
        ]
        told = told_codes(prefix=PERSONAL_PREFIX, person_ids=[p.pk for p in listening])
        by_language: dict[str, list[Person]] = {}
        for person in listening:
            by_language.setdefault(language_of(person), []).append(person)
        for language, group in by_language.items():
            with translation.override(language):
                # Today words its items in the active language, once per batch.
                todays = today_for_many(people=group, now=now)
                thanks = [
                    item.object_id
                    for today in todays.values()
                    for item in today.items
                    if item.kind == "thanks"
                ]
                given_on = (
                    dict(Advice.objects.filter(pk__in=thanks).values_list("pk", "given_on"))
                    if thanks
                    else {}
                )
                for person in group:
                    nudges = _fresh(
                        personal_nudges(todays[person.pk], given_on=given_on),
                        told=told[person.pk],
                        preference=preferences[person.pk],
                        prefix=PERSONAL_PREFIX,
                        pk=person.pk,
                    )
                    if nudges:
                        queued += _queue(
                            person,
                            preferences[person.pk],
                            nudges,
                            prefix=PERSONAL_PREFIX,
                            moment=now,
                        )


def queue_programme_nudges(*, now: dt.datetime) -> list[int]:
    """Queue one mail per administrator for what their programmes need.

    Engagement costs its five queries per programme (programmes are few next
    to people); administrators, their choices and what they were told are one
    query each.
    """
    programmes = list(
        Programme.objects.filter(archived_at__isnull=True, admins__isnull=False).distinct()
    )
    if not programmes:
        return []
    admins = list(
        ProgrammeAdmin.objects.filter(programme__in=programmes, person__is_active=True)
        .select_related("person")
        .order_by("person_id", "programme_id")
    )
    # Administrators' figures are counted in UTC days: a programme spans zones.
    engagements = {
        p.pk: programme_engagement(programme=p, zone_name="UTC", now=now) for p in programmes
    }
    today = engagements[programmes[0].pk].as_of
    closing: dict[int, list[Cohort]] = {}
    for cohort in Cohort.objects.filter(
        programme__in=programmes,
        match_closes__gte=today,
        match_closes__lte=today + dt.timedelta(days=CLOSING_DAYS),
    ).order_by("match_closes", "pk"):
        closing.setdefault(cohort.programme_id, []).append(cohort)
    by_pk = {p.pk: p for p in programmes}
    runs: dict[int, tuple[Person, list[Programme]]] = {}
    for admin in admins:
        runs.setdefault(admin.person_id, (admin.person, []))[1].append(by_pk[admin.programme_id])
    ids = list(runs)
    preferences = _preferences(ids)
    told = told_codes(prefix=PROGRAMME_PREFIX, person_ids=ids)
    queued: list[int] = []
    for pk, (person, theirs) in runs.items():
        preference = preferences[pk]
        if is_muted(preference, TOPIC.PROGRAMME):
            continue
        with translation.override(language_of(person)):
            candidates = [
                n
                for p in theirs
                for n in programme_nudges(p, engagements[p.pk], closing=closing.get(p.pk, ()))
            ]
            nudges = _fresh(
                candidates, told=told[pk], preference=preference, prefix=PROGRAMME_PREFIX, pk=pk
            )
            if nudges:
                queued += _queue(person, preference, nudges, prefix=PROGRAMME_PREFIX, moment=now)
    # The channels hear the same, whatever each administrator muted or was told.
    queued += queue_channel_nudges(programmes, engagements, closing, moment=now)
    return queued


def nudges_send(*, now: dt.datetime) -> int:
    """Queue and deliver every nudge due at ``now``; how many messages were queued."""
    queued = queue_personal_nudges(now=now) + queue_programme_nudges(now=now)
    if queued:
        deliver_due(worker_id=current_worker_id(), ids=queued)
    logger.info("nudges at %s: %d messages", now.isoformat(), len(queued))
    return len(queued)


@task()
def send_nudges(slot: str) -> int:
    """The hourly job: the nudges due at ``slot`` (ISO UTC); how many messages queued.

    The slot is the moment the nudges are judged at, so a slot run twice (a
    worker that died, two workers) judges the same and sends nothing twice.
    """
    return nudges_send(now=dt.datetime.fromisoformat(slot))
