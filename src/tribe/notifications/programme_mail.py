"""Mail about a programme's match: publishing a run tells each person of their offer.

``offers_publish`` is what the pages, the API and the command call to publish
a preview: ``programs.runs.run_publish`` and, in the same transaction, one
message per offer and person in the outbox. A publish that is refused or
rolls back queues nothing; a publish retried, or two racing, finds the run
published (its row is locked first) and queues nothing either; and each
message's key names its offer and person (``programme-offer:{offer}:{person}``),
so the outbox keeps one whatever happens. (Publishing lives in ``programs``,
which sits below this app and cannot reach the people's choices and
languages, hence the wrapper here rather than a call from ``run_publish``.)

The mail says who, why (the parts of the score the offer page shows: what is
wanted and offered, experience, languages, hours in common, the words in
common; nothing the other person wrote elsewhere, no intake text) and that
nothing starts until both accept, with a link to the offer page. It goes to a
verified address, in the person's language, unless they switched the topic
off (``Preference.Topic.PROGRAMME_OFFER``); it carries a one-click
unsubscribe for that topic, as nudges do.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.db import transaction
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core.errors import ValidationError
from tribe.notifications.digests import language_of
from tribe.notifications.nudges import _base_url, _preferences
from tribe.outbox.models import Message, Preference
from tribe.outbox.selectors import is_muted
from tribe.outbox.services import message_build, messages_queue
from tribe.outbox.unsubscribe import unsubscribe_url
from tribe.people.models import Person
from tribe.programs.models import MatchOffer, MatchRun
from tribe.programs.offers import offer_why
from tribe.programs.runs import run_publish

__all__ = [
    "KEY_PREFIX",
    "TOPIC",
    "compose_offer",
    "offer_key",
    "offers_announce",
    "offers_publish",
]

logger = logging.getLogger("tribe.notifications")

KEY_PREFIX = "programme-offer"
TOPIC = Preference.Topic.PROGRAMME_OFFER


def offer_key(offer: MatchOffer, person: Person) -> str:
    return f"{KEY_PREFIX}:{offer.pk}:{person.pk}"


def compose_offer(offer: MatchOffer, *, side: str) -> tuple[str, str]:
    """Subject and text of the mail telling ``side`` ("mentee" or "mentor") of
    ``offer``, in the active language."""
    me, other = (
        (offer.mentee.person, offer.mentor.person)
        if side == "mentee"
        else (offer.mentor.person, offer.mentee.person)
    )
    programme = offer.programme
    base = _base_url()
    if side == "mentee":
        subject = gettext("Tribe: {programme} suggests {name} as your mentor")
        lead = gettext("{programme} suggests {name} as your mentor.")
    else:
        subject = gettext("Tribe: {programme} suggests {name} as your mentee")
        lead = gettext("{programme} suggests {name} as your mentee.")
    names = {"programme": programme.name, "name": other.name}
    why = offer_why(offer.explanation)
    lines = [
        gettext("Hello {name},").format(name=me.name),
        "",
        lead.format(**names)
        + " "
        # Rounded as the offer page rounds it (floatformat), so both say the same figure.
        + gettext("(fit %(score)s)") % {"score": floatformat(offer.score, 2)},
        "",
        gettext("Why the programme suggests this pair:"),
    ]
    lines += [f"- {label}: {floatformat(value, 2)}" for _key, label, value in why.parts]
    if why.terms:
        lines.append(f"- {gettext('in common')}: {', '.join(why.terms)}")
    if why.languages:
        lines.append(f"- {gettext('shared languages')}: {', '.join(why.languages)}")
    if why.overlap_hours is not None:
        hours = floatformat(why.overlap_hours, -1)
        lines.append("- " + gettext("both free %(hours)s h a day") % {"hours": hours})
    link = base + reverse("web:my_programme_offers", args=[programme.slug]) + f"#offer-{offer.pk}"
    lines += [
        "",
        gettext(
            "Nothing starts until you both accept. If you both do, the relationship begins "
            "with the programme's cadence and length, and your first step is an intro "
            "meeting. If either of you declines, nobody is told why."
        ),
        "",
        gettext("Accept or decline: {link}").format(link=link),
        "",
        gettext("No more of these ({topic}): {link}").format(
            topic=TOPIC.label, link=unsubscribe_url(person_id=me.pk, topic=TOPIC)
        ),
        gettext("Choose what Tribe sends you: {link}").format(
            link=base + reverse("web:notifications")
        ),
    ]
    return subject.format(**names), "\n".join(lines) + "\n"


def offers_announce(*, offers: Sequence[MatchOffer], now: dt.datetime | None = None) -> list[int]:
    """Queue the mail of each offer to each of its two people who may be told; the
    outbox ids. Three queries and one INSERT per few hundred messages, whatever the
    number of offers (``offers`` with their programme and both people loaded)."""
    moment = clock.resolve(now)
    people = {p.pk: p for offer in offers for p in (offer.mentee.person, offer.mentor.person)}
    preferences = _preferences(list(people))
    built: list[Message] = []
    for offer in offers:
        for side, person in (("mentee", offer.mentee.person), ("mentor", offer.mentor.person)):
            if (
                not person.is_active
                or person.email_verified_at is None
                or is_muted(preferences[person.pk], TOPIC)
            ):
                continue
            with translation.override(language_of(person)):
                subject, body = compose_offer(offer, side=side)
            try:
                built.append(
                    message_build(
                        key=offer_key(offer, person),
                        kind=Message.Kind.PROGRAMME_OFFER,
                        to=person.email,
                        subject=subject,
                        body_text=body,
                        person_id=person.pk,
                        unsubscribe_url=unsubscribe_url(person_id=person.pk, topic=TOPIC),
                        now=moment,
                    )
                )
            except ValidationError as exc:
                # One person's unusable address must not undo the offers (they are on
                # the offer page and on Today all the same).
                logger.warning("offer mail of person %s not queued: %s", person.pk, exc.code)
    return list(messages_queue(messages=built).values())


@transaction.atomic
def offers_publish(*, actor: Person, run: MatchRun, now: dt.datetime | None = None) -> int:
    """Publish the preview ``run`` (``run_publish``: one offer per pair, once) and queue
    each offer's mail to its two people, in one transaction; how many offers."""
    moment = clock.resolve(now)
    count = run_publish(actor=actor, run=run, now=moment)
    offers = list(
        MatchOffer.objects.filter(run_id=run.pk)
        .select_related("programme", "mentee__person", "mentor__person")
        .order_by("id")
    )
    offers_announce(offers=offers, now=moment)
    return count
