"""Notification settings from the command line: ``tribe notifications``.

``show`` the digest, the topics and the chat webhooks, ``set`` them, list what
was ``sent`` (a failure with its reason) and ``retry`` a failed message. The
same services and selectors as the notifications page: a message id that is
not the asking person's is "not found", whether or not it exists. A stored
webhook is a secret, so neither ``show`` nor ``--json`` ever prints it: only
whether one is connected and its last four characters.

Wiring (``tribe.cli.build_parser``): ``from tribe.cli import notifications`` and
``notifications.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, listing, not_found_as, options_named, report

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.outbox.models import Message, Preference
    from tribe.people.models import Person

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "digest": "--digest",
    "digest_weekday": "--weekday",
    "digest_hour": "--hour",
    "muted": "--mute",
    "slack_webhook": "--slack",
    "teams_webhook": "--teams",
    "message": "ID",
}


def add_parsers(sub: SubParsers) -> None:
    notifications = sub.add_parser(
        "notifications",
        help=_("what Tribe tells you and when, and what it sent you"),
        description=_(
            "Your digest of Today (daily, weekly or off, at an hour in your time zone), the "
            "nudges you hear about, Slack or Teams webhooks, and the messages Tribe sent you."
        ),
    )
    what = notifications.add_subparsers(dest="what", metavar="WHAT", required=True)
    add_command(
        what,
        "show",
        handler=cmd_notifications_show,
        help=_("your notification settings"),
        description=_(
            "Show your notification settings. A webhook is shown only as connected or not."
        ),
    )
    change = add_command(
        what,
        "set",
        handler=cmd_notifications_set,
        help=_("change your notification settings"),
        description=_(
            "Change what you give; everything else stays as it is. An empty --slack or "
            '--teams ("") removes that webhook.'
        ),
    )
    change.add_argument("--digest", metavar="daily|weekly|off", help=_("how often the digest"))
    change.add_argument(
        "--weekday", metavar="N", help=_("the day of the weekly digest: 1 = Monday … 7 = Sunday")
    )
    change.add_argument(
        "--hour", metavar="H", help=_("the hour the digest arrives, 0–23, in your time zone")
    )
    change.add_argument(
        "--mute",
        action="append",
        default=[],
        metavar="TOPIC",
        help=_("stop messages about TOPIC (repeat for more)"),
    )
    change.add_argument(
        "--unmute",
        action="append",
        default=[],
        metavar="TOPIC",
        help=_("hear about TOPIC again (repeat for more)"),
    )
    change.add_argument("--slack", metavar="URL", help=_("a Slack incoming webhook address"))
    change.add_argument(
        "--teams", metavar="URL", help=_("a Microsoft Teams workflow webhook address")
    )
    add_command(
        what,
        "sent",
        handler=cmd_notifications_sent,
        help=_("the messages Tribe sent you, newest first"),
        description=_("List the most recent messages Tribe sent you; a failure says why."),
    )
    retry = add_command(
        what,
        "retry",
        handler=cmd_notifications_retry,
        help=_("send a failed message again"),
        description=_("Put failed message ID back in the queue, to be sent at once."),
    )
    retry.add_argument("id", metavar="ID")


def preference_dict(preference: Preference, *, person: Person) -> dict[str, Any]:
    """The settings as ``--json`` prints them: a webhook only as connected and its tail."""
    from tribe.outbox.models import Preference

    return {
        "digest": preference.digest,
        "digest_weekday": preference.digest_weekday,
        "digest_hour": preference.digest_hour,
        "timezone": person.timezone,
        "muted": list(preference.muted),
        "topics": {t: t not in preference.muted for t in Preference.Topic.values},
        "slack": _connected(preference.slack_webhook),
        "teams": _connected(preference.teams_webhook),
    }


def _connected(secret: str) -> dict[str, Any]:
    return {"connected": bool(secret), "ends_in": secret[-4:] if secret else None}


def _settings_lines(preference: Preference, *, person: Person) -> list[str]:
    from tribe.outbox.models import Preference

    digest = preference.get_digest_display()
    if preference.digest == Preference.Digest.WEEKLY:
        when = _("every {day} at {hour}:00").format(
            day=_weekday(preference.digest_weekday), hour=preference.digest_hour
        )
    elif preference.digest == Preference.Digest.DAILY:
        when = _("at {hour}:00").format(hour=preference.digest_hour)
    else:
        when = ""
    lines = [
        _("Digest: {digest}").format(digest=digest)
        + (f" ({when}, {person.timezone})" if when else "")
    ]
    lines.append(_("Topics:"))
    for topic, label in Preference.Topic.choices:
        state = _("off") if topic in preference.muted else _("on")
        lines.append(f"  {topic:<16} {state:<4} {label}")
    for name, secret in (("Slack", preference.slack_webhook), ("Teams", preference.teams_webhook)):
        if secret:
            status = _("connected, ends in …{tail}").format(tail=secret[-4:])
        else:
            status = _("not connected")
        lines.append(f"{name}: {status}")
    return lines


def _weekday(day: int) -> str:
    from tribe.people.models import AvailabilityWindow

    return str(AvailabilityWindow.Weekday(day - 1).label)


def _number(value: str | None, *, option: str) -> int | None:
    from tribe.cli.errors import CliCode
    from tribe.core.errors import ValidationError

    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise ValidationError(CliCode.NOT_A_NUMBER, field=option, value=value[:40]) from None


def _check_topics(topics: list[str], *, option: str) -> None:
    from tribe.core.errors import ValidationError
    from tribe.outbox.errors import OutboxCode
    from tribe.outbox.models import Preference

    for topic in topics:
        if topic not in Preference.Topic.values:
            raise ValidationError(
                OutboxCode.TOPIC,
                field=option,
                topic=topic[:40],
                topics=", ".join(Preference.Topic.values),
            )


def cmd_notifications_show(args: argparse.Namespace) -> int:
    from tribe.outbox.selectors import preference_for

    person = resolve_person(args.as_email)
    preference = preference_for(person_id=person.pk)
    lines = _settings_lines(preference, person=person)
    return report(args, preference_dict(preference, person=person), "\n".join(lines))


def cmd_notifications_set(args: argparse.Namespace) -> int:
    from tribe.outbox.preferences import preference_set
    from tribe.outbox.selectors import preference_for

    person = resolve_person(args.as_email)
    weekday = _number(args.weekday, option="--weekday")
    hour = _number(args.hour, option="--hour")
    muted = None
    if args.mute or args.unmute:
        _check_topics(args.mute, option="--mute")
        _check_topics(args.unmute, option="--unmute")
        both = sorted(set(args.mute) & set(args.unmute))
        if both:
            from tribe.core.errors import ValidationError
            from tribe.outbox.errors import OutboxCode

            raise ValidationError(OutboxCode.MUTE_AND_UNMUTE, field="--unmute", topic=both[0])
        now_muted = set(preference_for(person_id=person.pk).muted) | set(args.mute)
        muted = sorted(now_muted - set(args.unmute))
    with options_named(OPTION_OF):
        preference = preference_set(
            actor=person,
            digest=args.digest,
            digest_weekday=weekday,
            digest_hour=hour,
            muted=muted,
            slack_webhook=args.slack,
            teams_webhook=args.teams,
        )
    lines = [
        _("Your notification settings are saved."),
        *_settings_lines(preference, person=person),
    ]
    return report(args, preference_dict(preference, person=person), "\n".join(lines))


def message_dict(message: Message, *, reason: str) -> dict[str, Any]:
    """A message as ``--json`` prints it: never its text, never its address."""
    return {
        "id": message.pk,
        "kind": message.kind,
        "channel": message.channel,
        "subject": message.subject,
        "status": message.status,
        "attempts": message.attempts,
        "created_at": message.created_at.isoformat(),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "last_error": reason,
    }


def _message_lines(message: Message, *, reason: str, person: Person) -> list[str]:
    from tribe.core.zones import local
    from tribe.outbox.models import Message

    when = date_format(local(message.created_at, person.timezone), "SHORT_DATETIME_FORMAT")
    status = message.get_status_display()
    what = f"{message.get_kind_display()} ({message.get_channel_display()})"
    lines = [f"#{message.pk}  {when}  {what}  [{status}]  {message.subject}"]
    if message.status == Message.Status.QUEUED and message.attempts and reason:
        lines.append("  " + _("Trying again: {reason}").format(reason=reason))
    if message.status == Message.Status.FAILED:
        lines.append("  " + _("Why: {reason}").format(reason=reason or _("no reason recorded")))
        lines.append(
            "  "
            + _("Send it again: tribe notifications retry --as {email} {id}").format(
                email=person.email, id=message.pk
            )
        )
    return lines


def cmd_notifications_sent(args: argparse.Namespace) -> int:
    from tribe.outbox.selectors import failure_reason, messages_for

    person = resolve_person(args.as_email)
    rows = [(m, failure_reason(m)) for m in messages_for(person=person)]
    lines = [line for m, r in rows for line in _message_lines(m, reason=r, person=person)]
    return listing(
        args,
        [message_dict(m, reason=r) for m, r in rows],
        heading=_(
            "Messages to {name} and sent in their name, newest first (times in {zone}):"
        ).format(name=person.name, zone=person.timezone),
        lines=lines,
        empty=_("Nothing sent yet."),
    )


def cmd_notifications_retry(args: argparse.Namespace) -> int:
    from tribe.core.errors import NotFound
    from tribe.outbox.errors import OutboxCode
    from tribe.outbox.preferences import message_retry
    from tribe.outbox.selectors import failure_reason

    person = resolve_person(args.as_email)
    try:
        pk = int(args.id)
    except ValueError:
        raise NotFound(OutboxCode.MESSAGE_NOT_FOUND, field="ID") from None
    with not_found_as("ID"), options_named(OPTION_OF):
        message = message_retry(actor=person, message=pk)
    line = _("Message #{id} is back in the queue, to be sent at once.").format(id=message.pk)
    return report(args, message_dict(message, reason=failure_reason(message)), line)
