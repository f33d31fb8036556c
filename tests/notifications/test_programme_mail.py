"""Publishing a run mails each person of each offer, once, through a real SMTP server:
who, why (the offer page's parts of the score), that nothing starts until both
accept; never a private word; never to whoever switched it off."""

from __future__ import annotations

import datetime as dt
import threading
from email.message import EmailMessage
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NoteFactory, PersonFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tests.programme_fixtures import enrol
from tribe.core.errors import Conflict
from tribe.notifications.programme_mail import offers_announce, offers_publish
from tribe.outbox.models import Message, Preference
from tribe.outbox.preferences import preference_set
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import MatchOffer, MatchRun, Programme, Role
from tribe.programs.runs import run_create

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
MARKER = "zqxprivatemarker"


def text_of(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def mails_to(server: SmtpServer, address: str) -> list[EmailMessage]:
    return [m for m in server.messages() if m["To"] == address]


@pytest.fixture
def people(programme: Programme) -> dict[str, Person]:
    out = {
        "mia": PersonFactory(name="Mia Mentee", email="mia@example.com", timezone="UTC"),
        "max": PersonFactory(name="Max Mentor", email="max@example.com", timezone="UTC"),
    }
    # The mentee's own intake words beyond the shared ones, and her private note
    # elsewhere, must never reach the mentor's mail.
    enrol(programme, Role.MENTEE, person=out["mia"], wants=f"python testing {MARKER}")
    enrol(programme, Role.MENTOR, person=out["max"], offers="python testing", capacity=1)
    other = RelationshipFactory(mentee=out["mia"], status_changed_at=NOW)
    NoteFactory(relationship=other, author=out["mia"], body=MARKER)
    return out


def preview(ada: Person, programme: Programme) -> MatchRun:
    return run_create(actor=ada, programme=programme, now=NOW)


def publish(ada: Person, run: MatchRun, capture: Any) -> int:
    with capture(execute=True):  # the wake-up runs on commit: the worker delivers
        return offers_publish(actor=ada, run=run, now=NOW)


def test_publishing_mails_each_person_of_the_offer_once(
    ada: Person,
    programme: Programme,
    people: dict[str, Person],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert publish(ada, preview(ada, programme), django_capture_on_commit_callbacks) == 1
    offer = MatchOffer.objects.get()
    [to_mia] = mails_to(smtp_server, "mia@example.com")
    [to_max] = mails_to(smtp_server, "max@example.com")
    assert len(smtp_server.messages()) == 2
    assert to_mia["Subject"] == "Tribe: Engineering mentoring suggests Max Mentor as your mentor"
    assert to_max["Subject"] == "Tribe: Engineering mentoring suggests Mia Mentee as your mentee"
    for mail, me in ((to_mia, "Mia Mentee"), (to_max, "Max Mentor")):
        text = text_of(mail)
        assert f"Hello {me}," in text
        assert "Why the programme suggests this pair:" in text
        assert "- what is wanted and offered: 0." in text
        assert "- in common: " in text and "python" in text
        assert "Nothing starts until you both accept." in text
        assert f"http://localhost:8000/my-programmes/engineering/offers/#offer-{offer.pk}" in text
        assert mail["Auto-Submitted"] == "auto-generated"
        unsubscribe = "".join(str(mail["List-Unsubscribe"]).split())
        assert unsubscribe.startswith("<http://localhost:8000/unsubscribe/")
        assert unsubscribe[1:-1] in text
        assert MARKER not in mail.as_string()
    keys = set(
        Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER).values_list("key", "status")
    )
    assert keys == {
        (f"programme-offer:{offer.pk}:{people['mia'].pk}", Message.Status.SENT),
        (f"programme-offer:{offer.pk}:{people['max'].pk}", Message.Status.SENT),
    }


def test_publishing_again_sends_nothing_more(
    ada: Person,
    programme: Programme,
    people: dict[str, Person],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    run = preview(ada, programme)
    publish(ada, run, django_capture_on_commit_callbacks)
    with pytest.raises(Conflict) as twice:
        publish(ada, run, django_capture_on_commit_callbacks)
    assert twice.value.code is ProgrammeCode.RUN_NOT_PREVIEW
    # Telling the same offers again (a retried job) finds their keys queued already.
    offers = list(
        MatchOffer.objects.select_related("programme", "mentee__person", "mentor__person")
    )
    with django_capture_on_commit_callbacks(execute=True):
        offers_announce(offers=offers, now=NOW)
    assert len(smtp_server.messages()) == 2
    assert Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER).count() == 2


def test_a_refused_publish_queues_nothing(
    ada: Person, otto: Person, programme: Programme, people: dict[str, Person]
) -> None:
    run = preview(ada, programme)
    preview(ada, programme)  # a later preview: this one can no longer be published
    with pytest.raises(Conflict) as old:
        offers_publish(actor=ada, run=run, now=NOW)
    assert old.value.code is ProgrammeCode.RUN_NOT_LATEST
    assert not Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER).exists()


def test_whoever_switched_it_off_gets_none(
    ada: Person,
    programme: Programme,
    people: dict[str, Person],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    preference_set(actor=people["max"], muted=[Preference.Topic.PROGRAMME_OFFER])
    publish(ada, preview(ada, programme), django_capture_on_commit_callbacks)
    assert mails_to(smtp_server, "max@example.com") == []
    assert len(mails_to(smtp_server, "mia@example.com")) == 1
    # Nothing recorded for him either: the offer page and Today still show it.
    assert not Message.objects.filter(person=people["max"]).exists()


def test_an_unverified_address_gets_none(
    ada: Person,
    programme: Programme,
    people: dict[str, Person],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Person.objects.filter(pk=people["mia"].pk).update(email_verified_at=None)
    publish(ada, preview(ada, programme), django_capture_on_commit_callbacks)
    assert [m["To"] for m in smtp_server.messages()] == ["max@example.com"]


def test_a_german_reader_gets_it_in_german(
    ada: Person,
    programme: Programme,
    people: dict[str, Person],
    smtp_server: SmtpServer,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.LANGUAGE_CODE = "de"
    publish(ada, preview(ada, programme), django_capture_on_commit_callbacks)
    [mail] = mails_to(smtp_server, "mia@example.com")
    text = text_of(mail)
    # Words the catalogue has already (the offer page's), and German numbers.
    assert "Guten Tag Mia Mentee," in text
    assert "Warum das Programm dieses Paar vorschlägt:" in text
    assert "- Gesuchtes und Angebotenes: 0," in text
    assert "Why the programme suggests this pair:" not in text


def test_many_offers_cost_the_same_queries_as_few(ada: Person, programme: Programme) -> None:
    def queries(n: int) -> int:
        for k in range(n):
            enrol(programme, Role.MENTEE, person=PersonFactory(), wants=f"python topic{k}")
            enrol(programme, Role.MENTOR, person=PersonFactory(), offers=f"python topic{k}")
        offers_publish(actor=ada, run=preview(ada, programme), now=NOW)
        offers = list(
            MatchOffer.objects.filter(run=MatchRun.objects.latest("pk")).select_related(
                "programme", "mentee__person", "mentor__person"
            )
        )
        assert len(offers) == n
        Message.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            assert len(offers_announce(offers=offers, now=NOW)) == 2 * n
        return len(captured)

    assert queries(2) == queries(12)


@pytest.mark.django_db(transaction=True)
def test_two_racing_publishes_mail_each_person_once(
    ada: Person, programme: Programme, people: dict[str, Person]
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    run = preview(ada, programme)
    outcomes: list[str] = []

    def go() -> None:
        try:
            offers_publish(actor=ada, run=run, now=NOW)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(str(exc.code))
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["ok", str(ProgrammeCode.RUN_NOT_PREVIEW)]
    assert Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER).count() == 2
